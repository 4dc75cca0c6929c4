import { formatMoney, formatNumber, numberFormat, toMinorUnits } from '../format.ts';
import { formattingLocale, type Language } from '../i18n/languages.ts';

// Chart definitions as plain ECharts option objects. Nothing here imports ECharts: the browser
// draws these options with its SVG renderer, the server renders the same options to SVG for
// documents, so one definition serves both and the figures look the same everywhere.

/** An ECharts option object (title, grid, axes, series…), built here and drawn by the browser or the server. */
export type ChartOption = { readonly [key: string]: unknown };

/** One bar, or one part of a stacked bar, that a reader can move to with the keyboard and open. */
export type ChartPoint = {
  seriesIndex: number;
  dataIndex: number;
  /** The key of the category (an area, a source…) the point belongs to. */
  category: string;
  /** The key of its series in a stacked chart (a year, a status); null in a chart of one series. */
  series: string | null;
  value: number;
  /** What the point says, in words and the reader's number format: "Protection, 2022: €275,000.00". */
  text: string;
};

/** A chart ready to draw: the option, the height it needs, and its points in reading order. */
export type ChartDefinition = { option: ChartOption; height: number; points: ChartPoint[] };

/** How a chart writes its values: in the reader's language, as money when a currency is given. */
export type ValueFormat = { language: Language; currency?: string };

/** What a chart says, in the reader's language. */
export type ChartTexts = ValueFormat & {
  /**
   * The title drawn inside the chart. Documents (SVG on the server) need it there; a page shows
   * its chart titles as headings instead, and leaves it out.
   */
  title?: string;
};

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11); patterns and words carry the same meaning. */
export const CHART_TEXT_COLOUR = '#1f2933';
const AXIS_COLOUR = '#52606d';
const GRID_LINE_COLOUR = '#d9dee5';
// Single quotes inside: the server writes the family into an SVG style attribute in double quotes.
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

/** Colours of a series of years or other ordered values, when nothing else gives them one. */
export const SEQUENCE_COLOURS = ['#1d4ed8', '#0f766e', '#7c3aed', '#b45309', '#be185d', '#4d7c0f', '#0369a1', '#6b21a8'] as const;

const TITLE_HEIGHT = 36;
const LEGEND_HEIGHT = 44;
const BAR_SLOT = 40;
const MARGIN = 12;
/** Roughly the width of one character of a 12 px label, to leave room for the values beside the bars. */
const CHARACTER_WIDTH = 7;

/** Writes a value as a chart labels it: money with its currency, counts as plain numbers. */
export function formatChartValue(value: number, format: ValueFormat): string {
  return format.currency === undefined
    ? formatNumber(value, format.language)
    : formatMoney(toMinorUnits(value), format.currency, format.language);
}

/** Writes a value on a value axis, shortly ("500k", "1,2 mil."), in the reader's conventions. */
export function formatAxisValue(value: number, format: ValueFormat): string {
  return numberFormat(formattingLocale(format.language), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

type LabelParams = { value?: unknown };

function valueOf(params: LabelParams): number {
  return typeof params.value === 'number' ? params.value : Number(params.value ?? 0);
}

function titleOption(title: string | undefined): ChartOption | undefined {
  return title === undefined
    ? undefined
    : { text: title, left: 0, top: 0, textStyle: { fontFamily: FONT, fontSize: 15, fontWeight: 'bold', color: CHART_TEXT_COLOUR } };
}

function valueAxis(format: ValueFormat): ChartOption {
  return {
    type: 'value',
    // The currency once, under the axis, rather than on every short number.
    ...(format.currency === undefined
      ? {}
      : { name: format.currency, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: AXIS_COLOUR, fontFamily: FONT } }),
    // Few, short values, none written over another: "1,2 mil." is longer in some languages than "1.2m".
    splitNumber: 4,
    axisLabel: { color: AXIS_COLOUR, fontFamily: FONT, hideOverlap: true, formatter: (value: number) => formatAxisValue(value, format) },
    splitLine: { lineStyle: { color: GRID_LINE_COLOUR } },
    minInterval: format.currency === undefined ? 1 : 0,
  };
}

function categoryAxis(labels: string[]): ChartOption {
  return {
    type: 'category',
    data: labels,
    // The first category at the top, as in the tables beside the charts.
    inverse: true,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: AXIS_COLOUR } },
    axisLabel: { color: CHART_TEXT_COLOUR, fontFamily: FONT, fontSize: 12 },
  };
}

/** Removes the keys whose value is undefined, so the option says only what it sets. */
function defined(option: Record<string, unknown>): ChartOption {
  return Object.fromEntries(Object.entries(option).filter(([, value]) => value !== undefined));
}

/** One bar of a chart of one series. */
export type BarCategory = { key: string; label: string; value: number; colour?: string };

/**
 * A horizontal bar chart of one series: one bar per category, top to bottom, each with its value
 * written beside it, so that nothing is told by length or colour alone.
 */
export function barChart(input: ChartTexts & { name: string; categories: readonly BarCategory[] }): ChartDefinition {
  const format: ValueFormat = { language: input.language, currency: input.currency };
  const written = input.categories.map((category) => formatChartValue(category.value, format));
  const top = (input.title === undefined ? 0 : TITLE_HEIGHT) + MARGIN;
  const option = defined({
    aria: { enabled: true, label: { enabled: false }, decal: { show: false } },
    textStyle: { fontFamily: FONT },
    title: titleOption(input.title),
    grid: {
      left: MARGIN,
      right: Math.max(...written.map((text) => text.length), 4) * CHARACTER_WIDTH + 2 * MARGIN,
      top,
      bottom: format.currency === undefined ? MARGIN : 3 * MARGIN,
    },
    xAxis: valueAxis(format),
    yAxis: categoryAxis(input.categories.map((category) => category.label)),
    series: [
      {
        type: 'bar',
        name: input.name,
        barMaxWidth: 26,
        data: input.categories.map((category) => ({
          value: category.value,
          ...(category.colour === undefined ? {} : { itemStyle: { color: category.colour } }),
        })),
        label: {
          show: true,
          position: 'right',
          color: CHART_TEXT_COLOUR,
          fontFamily: FONT,
          formatter: (params: LabelParams) => formatChartValue(valueOf(params), format),
        },
      },
    ],
  });
  return {
    option,
    height: top + Math.max(1, input.categories.length) * BAR_SLOT + 2 * MARGIN + 16 + (format.currency === undefined ? 0 : 2 * MARGIN),
    points: input.categories.map((category, index) => ({
      seriesIndex: 0,
      dataIndex: index,
      category: category.key,
      series: null,
      value: category.value,
      text: `${category.label}: ${written[index]}`,
    })),
  };
}

type Box = { width: number; height: number };

/**
 * Leaves out a label wider than its part of the bar, measured as drawn (on any screen width and in
 * documents alike); the table, the tooltip and the keyboard still give its value.
 */
function fitInside(params: { rect: Box; labelRect: Box }): { fontSize?: number } {
  return params.labelRect.width + 8 > params.rect.width ? { fontSize: 0 } : {};
}

/** One series (a year, a status) of a stacked bar chart, with a value per category. */
export type StackedSeries = { key: string; label: string; colour: string; values: readonly number[] };

/**
 * A horizontal stacked bar chart: one bar per category, split into its series. Each series has
 * its own colour and pattern, a legend names them, and the parts carry their values.
 */
export function stackedBarChart(
  input: ChartTexts & { categories: readonly { key: string; label: string }[]; series: readonly StackedSeries[] },
): ChartDefinition {
  const format: ValueFormat = { language: input.language, currency: input.currency };
  const top = (input.title === undefined ? 0 : TITLE_HEIGHT) + LEGEND_HEIGHT;
  const option = defined({
    // Patterns on the parts, so that series differ in more than colour (also in print).
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    textStyle: { fontFamily: FONT },
    title: titleOption(input.title),
    legend: {
      top: input.title === undefined ? 0 : TITLE_HEIGHT,
      left: 0,
      itemWidth: 22,
      itemHeight: 14,
      textStyle: { color: CHART_TEXT_COLOUR, fontFamily: FONT, fontSize: 12 },
      data: input.series.map((series) => series.label),
    },
    grid: { left: MARGIN, right: 3 * MARGIN, top, bottom: format.currency === undefined ? MARGIN : 3 * MARGIN },
    xAxis: valueAxis(format),
    yAxis: categoryAxis(input.categories.map((category) => category.label)),
    series: input.series.map((series) => ({
      type: 'bar',
      name: series.label,
      stack: 'total',
      barMaxWidth: 28,
      itemStyle: { color: series.colour, borderColor: '#ffffff', borderWidth: 1 },
      data: input.categories.map((_, index) => series.values[index] ?? 0),
      label: {
        show: true,
        position: 'inside',
        color: '#ffffff',
        textBorderColor: 'rgba(0, 0, 0, 0.75)',
        textBorderWidth: 2,
        fontFamily: FONT,
        formatter: (params: LabelParams) => {
          const value = valueOf(params);
          return value === 0 ? '' : formatChartValue(value, format);
        },
      },
      labelLayout: fitInside,
    })),
  });
  const points: ChartPoint[] = [];
  input.categories.forEach((category, dataIndex) => {
    input.series.forEach((series, seriesIndex) => {
      const value = series.values[dataIndex] ?? 0;
      if (value === 0) return;
      points.push({
        seriesIndex,
        dataIndex,
        category: category.key,
        series: series.key,
        value,
        text: `${category.label}, ${series.label}: ${formatChartValue(value, format)}`,
      });
    });
  });
  const height = top + Math.max(1, input.categories.length) * BAR_SLOT + 2 * MARGIN + 16 + (format.currency === undefined ? 0 : 2 * MARGIN);
  return { option, height, points };
}
