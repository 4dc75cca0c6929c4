import { describe, expect, it } from 'vitest';
import {
  activitiesByAreaChart,
  budgetExecutionChart,
  fundingBySourceChart,
  fundingByStatusChart,
  indicatorStatusChart,
  resourcePlanChart,
} from './definitions.ts';
import { barChart, formatAxisValue, formatChartValue, stackedBarChart, type ChartOption } from './options.ts';

const upper = (key: string) => key.toUpperCase();

type Series = { name: string; stack?: string; data: unknown[]; label: { formatter: (params: { value: unknown }) => string } };

function seriesOf(option: ChartOption): Series[] {
  return option.series as Series[];
}

function categoriesOf(option: ChartOption): string[] {
  return (option.yAxis as { data: string[] }).data;
}

describe('values in the reader’s conventions', () => {
  it('writes money with its currency and counts as numbers', () => {
    expect(formatChartValue(1181500, { language: 'en', currency: 'EUR' })).toBe('€1,181,500.00');
    expect(formatChartValue(1181500, { language: 'mk', currency: 'EUR' })).toMatch(/^1\.181\.500,00/);
    expect(formatChartValue(1234, { language: 'en' })).toBe('1,234');
    expect(formatChartValue(1234.5, { language: 'sr-Latn' })).toBe('1.234,5');
  });

  it('writes axis values shortly', () => {
    expect(formatAxisValue(500000, { language: 'en' })).toBe('500k');
    expect(formatAxisValue(1200000, { language: 'en', currency: 'EUR' })).toBe('1.2m');
    expect(formatAxisValue(1200000, { language: 'mk' })).toMatch(/^1,2\sмил\.$/u);
  });
});

describe('a bar chart of one series', () => {
  const chart = barChart({
    language: 'en',
    currency: 'EUR',
    name: 'Costs',
    categories: [
      { key: 'a', label: 'First', value: 10.5, colour: '#123456' },
      { key: 'b', label: 'Second', value: 0 },
    ],
  });

  it('has one bar per category, top to bottom, with its value written beside it', () => {
    expect(categoriesOf(chart.option)).toEqual(['First', 'Second']);
    expect((chart.option.yAxis as { inverse: boolean }).inverse).toBe(true);
    const [series] = seriesOf(chart.option);
    expect(series?.data).toEqual([{ value: 10.5, itemStyle: { color: '#123456' } }, { value: 0 }]);
    expect(series?.label.formatter({ value: 10.5 })).toBe('€10.50');
  });

  it('names its points for the keyboard and the tooltip', () => {
    expect(chart.points).toEqual([
      { seriesIndex: 0, dataIndex: 0, category: 'a', series: null, value: 10.5, text: 'First: €10.50' },
      { seriesIndex: 0, dataIndex: 1, category: 'b', series: null, value: 0, text: 'Second: €0.00' },
    ]);
  });

  it('draws a title only when asked (documents), and makes room for it', () => {
    expect(chart.option.title).toBeUndefined();
    const titled = barChart({ language: 'en', name: 'Costs', title: 'Costs by source', categories: [{ key: 'a', label: 'A', value: 1 }] });
    expect((titled.option.title as { text: string }).text).toBe('Costs by source');
    expect(titled.height).toBeGreaterThan(
      barChart({ language: 'en', name: 'Costs', categories: [{ key: 'a', label: 'A', value: 1 }] }).height,
    );
  });
});

describe('a stacked bar chart', () => {
  const chart = stackedBarChart({
    language: 'en',
    categories: [
      { key: 'x', label: 'X' },
      { key: 'y', label: 'Y' },
    ],
    series: [
      { key: 's1', label: 'One', colour: '#111111', values: [1, 0] },
      { key: 's2', label: 'Two', colour: '#222222', values: [2, 3] },
    ],
  });

  it('stacks its series, names them in a legend and gives them patterns as well as colours', () => {
    expect(seriesOf(chart.option).map((s) => [s.name, s.stack, s.data])).toEqual([
      ['One', 'total', [1, 0]],
      ['Two', 'total', [2, 3]],
    ]);
    expect((chart.option.legend as { data: string[] }).data).toEqual(['One', 'Two']);
    expect(chart.option.aria).toMatchObject({ enabled: true, decal: { show: true } });
  });

  it('writes a value only into a part wide enough for it, as drawn', () => {
    type Layout = (params: { rect: { width: number; height: number }; labelRect: { width: number; height: number } }) => unknown;
    const layout = (seriesOf(chart.option)[0] as unknown as { labelLayout: Layout }).labelLayout;
    expect(layout({ rect: { width: 120, height: 28 }, labelRect: { width: 80, height: 14 } })).toEqual({});
    expect(layout({ rect: { width: 60, height: 28 }, labelRect: { width: 80, height: 14 } })).toEqual({ fontSize: 0 });
  });

  it('leaves empty parts unlabelled and out of the keyboard’s way', () => {
    expect(seriesOf(chart.option)[0]?.label.formatter({ value: 0 })).toBe('');
    expect(chart.points.map((point) => point.text)).toEqual(['X, One: 1', 'X, Two: 2', 'Y, Two: 3']);
    expect(chart.points[2]).toMatchObject({ seriesIndex: 1, dataIndex: 1, category: 'y', series: 's2' });
  });
});

describe('the charts of the financial plan and progress', () => {
  it('draws the resource plan as areas split by year', () => {
    const chart = resourcePlanChart(
      {
        areas: ['prevention', 'protection'],
        years: [2021, 2022],
        cells: [
          { area: 'prevention', year: 2021, amount: 108000 },
          { area: 'prevention', year: 2022, amount: 113500 },
          { area: 'protection', year: 2021, amount: 252000 },
          { area: 'protection', year: 2022, amount: 275000 },
        ],
      },
      { language: 'en', currency: 'EUR', area: upper },
    );
    expect(categoriesOf(chart.option)).toEqual(['PREVENTION', 'PROTECTION']);
    expect(seriesOf(chart.option).map((s) => [s.name, s.data])).toEqual([
      ['2021', [108000, 252000]],
      ['2022', [113500, 275000]],
    ]);
    expect(chart.points.find((p) => p.category === 'protection' && p.series === '2022')?.text).toBe('PROTECTION, 2022: €275,000.00');
  });

  it('shows every funding source and status in their order, whatever the order of the figures', () => {
    const bySource = fundingBySourceChart(
      { donor: 518000, other: 0, state_budget: 612500, local_budget: 51000 },
      { language: 'en', currency: 'EUR', name: 'Costs', source: upper },
    );
    expect(categoriesOf(bySource.option)).toEqual(['STATE_BUDGET', 'LOCAL_BUDGET', 'DONOR', 'OTHER']);
    expect(bySource.points.map((p) => p.value)).toEqual([612500, 51000, 518000, 0]);
    const byStatus = fundingByStatusChart(
      { unfunded: 175000, secured: 735000 },
      { language: 'en', currency: 'EUR', name: 'Costs', status: upper },
    );
    expect(byStatus.points.map((p) => [p.category, p.value])).toEqual([
      ['secured', 735000],
      ['unfunded', 175000],
    ]);
  });

  it('splits the activities of each area by status, areas in the order of the plan package', () => {
    const chart = activitiesByAreaChart(
      {
        protection: { not_started: 0, ongoing: 6, completed: 2, delayed: 0, cancelled: 0 },
        supporting_framework: { not_started: 1, ongoing: 0, completed: 0, delayed: 3, cancelled: 0 },
      },
      { language: 'en', area: upper, status: upper },
    );
    expect(categoriesOf(chart.option)).toEqual(['SUPPORTING_FRAMEWORK', 'PROTECTION']);
    expect(seriesOf(chart.option).map((s) => s.name)).toEqual(['NOT_STARTED', 'ONGOING', 'COMPLETED', 'DELAYED', 'CANCELLED']);
    expect(chart.points.map((p) => p.text)).toEqual([
      'SUPPORTING_FRAMEWORK, NOT_STARTED: 1',
      'SUPPORTING_FRAMEWORK, DELAYED: 3',
      'PROTECTION, ONGOING: 6',
      'PROTECTION, COMPLETED: 2',
    ]);
  });

  it('counts indicators per status, every status shown', () => {
    const chart = indicatorStatusChart([{ status: 'achieved' }, { status: 'off_track' }, { status: 'achieved' }], {
      language: 'en',
      name: 'Indicators',
      status: upper,
    });
    expect(chart.points.map((p) => [p.category, p.value])).toEqual([
      ['not_measurable', 0],
      ['no_data', 0],
      ['achieved', 2],
      ['on_track', 0],
      ['at_risk', 0],
      ['off_track', 1],
    ]);
  });

  it('sets planned and spent side by side', () => {
    const chart = budgetExecutionChart(
      { plannedToDate: 1181500, spent: 536561.5 },
      { language: 'en', currency: 'EUR', name: 'Budget', planned: 'Planned', spent: 'Spent' },
    );
    expect(chart.points.map((p) => p.text)).toEqual(['Planned: €1,181,500.00', 'Spent: €536,561.50']);
  });
});
