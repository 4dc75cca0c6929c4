import {
  barChart,
  CHART_TEXT_COLOUR,
  formatChartValue,
  SEQUENCE_COLOURS,
  stackedBarChart,
  type ChartDefinition,
  type ChartPoint,
  type ChartTexts,
  type ValueFormat,
} from './options.ts';
import type { SharedIndicator } from '../measures/comparison.ts';

// The charts of an indicator's and an activity's results (measures.md §2): values round by round
// beside what was expected of them, and the breakdowns of a round.

/** One series of a grouped bar chart; null where it has no value (no bar, no point). */
export type GroupedSeries = { key: string; label: string; colour: string; values: readonly (number | null)[] };

const VALUE_COLOUR = '#1d4ed8';
const REFERENCE_COLOUR = '#b45309';
const PLANNED_COLOUR = '#52606d';
const SPENT_COLOUR = '#0f766e';
/** The room one more bar of a group takes. */
const EXTRA_BAR_SLOT = 20;
const CHARACTER_WIDTH = 7;
const MARGIN = 12;

type LabelParams = { value?: unknown };

/**
 * A horizontal bar chart with a group of bars per category, one per series side by side, each with
 * its value written beside it; a missing value leaves its place empty. It shares the axes, legend
 * and patterns of the stacked bar chart.
 */
export function groupedBarChart(
  input: ChartTexts & { categories: readonly { key: string; label: string }[]; series: readonly GroupedSeries[] },
): ChartDefinition {
  const format: ValueFormat = { language: input.language, currency: input.currency };
  const base = stackedBarChart({
    ...input,
    series: input.series.map((series) => ({ ...series, values: series.values.map((value) => value ?? 0) })),
  });
  const written = input.series.flatMap((series) =>
    series.values.flatMap((value) => (value === null ? [] : [formatChartValue(value, format)])),
  );
  const grid = {
    ...(base.option.grid as Record<string, unknown>),
    right: Math.max(...written.map((text) => text.length), 4) * CHARACTER_WIDTH + 2 * MARGIN,
  };
  const option = {
    ...base.option,
    grid,
    series: input.series.map((series) => ({
      type: 'bar',
      name: series.label,
      barMaxWidth: 16,
      barGap: '15%',
      itemStyle: { color: series.colour },
      // '-' is ECharts' empty value: the group keeps its place, no bar is drawn.
      data: series.values.map((value) => value ?? '-'),
      label: {
        show: true,
        position: 'right',
        color: CHART_TEXT_COLOUR,
        formatter: (params: LabelParams) => (typeof params.value === 'number' ? formatChartValue(params.value, format) : ''),
      },
    })),
  };
  const points: ChartPoint[] = [];
  input.categories.forEach((category, dataIndex) => {
    input.series.forEach((series, seriesIndex) => {
      const value = series.values[dataIndex] ?? null;
      if (value === null) return;
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
  const extra = Math.max(0, input.series.length - 1) * EXTRA_BAR_SLOT * Math.max(1, input.categories.length);
  return { option, height: base.height + extra, points };
}

/** An indicator round by round, as the indicator series gives it (measures.md §2). */
export type SeriesForChart = {
  baseline: { value: number; year: number } | null;
  target: { value: number; year: number } | null;
  rounds: readonly { id: string; value: number | null; milestone: number | null }[];
};

/**
 * An indicator's values round by round beside what was expected: its baseline first, the value of
 * each round with the milestone of the round's year, and the target last.
 */
export function indicatorSeriesChart(
  series: SeriesForChart,
  texts: ChartTexts & { value: string; expected: string; baseline: (year: number) => string; target: (year: number) => string },
): ChartDefinition {
  const categories: { key: string; label: string; value: number | null; expected: number | null }[] = [];
  if (series.baseline)
    categories.push({ key: 'baseline', label: texts.baseline(series.baseline.year), value: series.baseline.value, expected: null });
  for (const round of series.rounds) categories.push({ key: round.id, label: round.id, value: round.value, expected: round.milestone });
  if (series.target)
    categories.push({ key: 'target', label: texts.target(series.target.year), value: null, expected: series.target.value });
  return groupedBarChart({
    ...texts,
    currency: undefined,
    categories,
    series: [
      { key: 'value', label: texts.value, colour: VALUE_COLOUR, values: categories.map((category) => category.value) },
      { key: 'expected', label: texts.expected, colour: REFERENCE_COLOUR, values: categories.map((category) => category.expected) },
    ],
  });
}

/** The categories of one dimension of a breakdown (female, male…) in one round. */
export function breakdownChart(
  categories: readonly { category: string; value: number }[],
  texts: ChartTexts & { name: string; category?: (category: string) => string },
): ChartDefinition {
  return barChart({
    ...texts,
    currency: undefined,
    categories: categories.map((entry) => ({
      key: entry.category,
      label: texts.category?.(entry.category) ?? entry.category,
      value: entry.value,
    })),
  });
}

/** Money of an activity added up round by round: planned to the round's year beside spent so far. */
export function cumulativeSpendingChart(
  rounds: readonly { id: string; cumulativePlanned: number; cumulativeSpent: number }[],
  texts: ChartTexts & { currency: string; planned: string; spent: string },
): ChartDefinition {
  return groupedBarChart({
    ...texts,
    categories: rounds.map((round) => ({ key: round.id, label: round.id })),
    series: [
      { key: 'planned', label: texts.planned, colour: PLANNED_COLOUR, values: rounds.map((round) => round.cumulativePlanned) },
      { key: 'spent', label: texts.spent, colour: SPENT_COLOUR, values: rounds.map((round) => round.cumulativeSpent) },
    ],
  });
}

/**
 * An indicator several Participants share (the regional comparison): a group of bars per year, one
 * bar per Participant; a hidden small count or a year without a value leaves its bar out.
 */
export function sharedIndicatorChart(indicator: SharedIndicator, texts: ChartTexts): ChartDefinition {
  return groupedBarChart({
    ...texts,
    categories: indicator.years.map((year) => ({ key: String(year), label: String(year) })),
    series: indicator.participants.map((entry, index) => {
      const byYear = new Map(entry.values.map((value) => [value.year, value.value]));
      return {
        key: entry.participant.code,
        label: entry.participant.name,
        colour: SEQUENCE_COLOURS[index % SEQUENCE_COLOURS.length] ?? VALUE_COLOUR,
        values: indicator.years.map((year) => byYear.get(year) ?? null),
      };
    }),
  });
}
