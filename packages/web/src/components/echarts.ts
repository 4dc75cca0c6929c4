import type { ChartDefinition, ChartPoint } from '@ariadne/domain';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the chart definitions use, drawn as SVG: a small bundle, sharp at any zoom and in
// print, and the same renderer the server uses for documents. This module is loaded on demand,
// the first time a page shows a chart.
echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, LabelLayout, SVGRenderer]);

/** A chart drawn in an element, with what the keyboard needs to move through it. */
export type DrawnChart = {
  /** Draws another definition (new figures, another language) in the same place. */
  update(definition: ChartDefinition): void;
  /** Highlights a point and shows its tooltip, as hovering it would. */
  showPoint(point: ChartPoint | null, previous: ChartPoint | null): void;
  resize(): void;
  dispose(): void;
};

/** Width to draw at when the element has none yet (a hidden tab, a test without layout). */
const FALLBACK_WIDTH = 640;

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function optionFor(definition: ChartDefinition): echarts.EChartsCoreOption {
  const byIndex = new Map(definition.points.map((point) => [`${point.seriesIndex}:${point.dataIndex}`, point.text]));
  return {
    ...definition.option,
    animation: !prefersReducedMotion(),
    tooltip: {
      trigger: 'item',
      confine: true,
      // The point's own words, formatted like the labels and the table.
      formatter: (params: { seriesIndex?: number; dataIndex?: number }) => byIndex.get(`${params.seriesIndex}:${params.dataIndex}`) ?? '',
    },
  };
}

/** Draws a chart definition from '@ariadne/domain' into an element; `onOpen` is called when a point is clicked. */
export function drawChart(element: HTMLElement, definition: ChartDefinition, onOpen?: (point: ChartPoint) => void): DrawnChart {
  const chart = echarts.init(element, null, {
    renderer: 'svg',
    width: element.clientWidth > 0 ? undefined : FALLBACK_WIDTH,
    height: definition.height,
  });
  let current = definition;
  chart.setOption(optionFor(definition));
  if (onOpen) {
    chart.on('click', (params) => {
      const point = current.points.find((p) => p.seriesIndex === params.seriesIndex && p.dataIndex === params.dataIndex);
      if (point) onOpen(point);
    });
  }
  return {
    update(next) {
      current = next;
      chart.setOption(optionFor(next), { notMerge: true });
      chart.resize({ height: next.height, width: element.clientWidth > 0 ? 'auto' : FALLBACK_WIDTH });
    },
    showPoint(point, previous) {
      if (previous) chart.dispatchAction({ type: 'downplay', seriesIndex: previous.seriesIndex, dataIndex: previous.dataIndex });
      if (point === null) {
        chart.dispatchAction({ type: 'hideTip' });
        return;
      }
      chart.dispatchAction({ type: 'highlight', seriesIndex: point.seriesIndex, dataIndex: point.dataIndex });
      chart.dispatchAction({ type: 'showTip', seriesIndex: point.seriesIndex, dataIndex: point.dataIndex });
    },
    resize() {
      if (element.clientWidth > 0) chart.resize({ width: 'auto', height: current.height });
    },
    dispose() {
      chart.dispose();
    },
  };
}
