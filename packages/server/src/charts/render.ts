import type { ChartDefinition } from '@ariadne/domain';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

// Only what the chart definitions use, so that loading the renderer stays quick.
echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, LabelLayout, SVGRenderer]);

/** The width of a character in ems, in DejaVu Sans (the font documents are drawn in on the server), near enough for layout. */
function characterWidth(character: string): number {
  if (/\s/.test(character)) return 0.32;
  if (/[.,:;'|!iIljft()[\]]/.test(character)) return 0.36;
  if (/[mwMWшщжШЩЖ@%]/.test(character)) return 0.95;
  if (/[0-9]/.test(character)) return 0.64;
  // Capitals of any script.
  if (character.toUpperCase() === character && character.toLowerCase() !== character) return 0.74;
  return 0.62;
}

/**
 * Without a browser there is no canvas to measure text with, and ECharts' own estimate (Helvetica
 * widths, Latin only) is too narrow for DejaVu Sans and Cyrillic: labels would be cut at the edge
 * of the chart. This estimate errs on the wide side, which only costs a little margin.
 */
function measureText(text: string, font?: string): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  const weight = /bold|[6-9]00/.test(font ?? '') ? 1.08 : 1;
  let ems = 0;
  for (const character of text) ems += characterWidth(character);
  return { width: ems * size * weight };
}

echarts.setPlatformAPI({ measureText });

/** The width of a chart in a document, in CSS pixels (an A4 page's text width at 96 dpi is about 640). */
export const DOCUMENT_CHART_WIDTH = 640;

/**
 * Renders a chart definition (from '@ariadne/domain') to an SVG document, without a browser: the
 * same option the page draws, still, at a fixed size. Texts are SVG text, so titles and values
 * stay searchable and sharp in Word and PDF.
 */
export function renderChartSvg(definition: ChartDefinition, options: { width?: number; height?: number } = {}): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: options.width ?? DOCUMENT_CHART_WIDTH,
    height: options.height ?? definition.height,
  });
  try {
    chart.setOption({ ...definition.option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
