import { describe, expect, it } from 'vitest';
import type { ChartOption } from './options.ts';
import { breakdownChart, cumulativeSpendingChart, indicatorSeriesChart } from './results.ts';

type Series = { name: string; stack?: string; data: unknown[]; label: { formatter: (params: { value: unknown }) => string } };

function seriesOf(option: ChartOption): Series[] {
  return option.series as Series[];
}

function categoriesOf(option: ChartOption): string[] {
  return (option.yAxis as { data: string[] }).data;
}

describe('the chart of an indicator round by round', () => {
  const chart = indicatorSeriesChart(
    {
      baseline: { value: 64, year: 2020 },
      target: { value: 110, year: 2024 },
      rounds: [
        { id: '2021-H1', value: 66, milestone: null },
        { id: '2022-H1', value: 78, milestone: 85 },
        { id: '2022-H2', value: null, milestone: 85 },
      ],
    },
    {
      language: 'en',
      value: 'Value',
      expected: 'Milestone or target',
      baseline: (year) => `Baseline ${year}`,
      target: (year) => `Target ${year}`,
    },
  );

  it('puts the baseline first, the rounds, then the target, values beside milestones, side by side', () => {
    expect(categoriesOf(chart.option)).toEqual(['Baseline 2020', '2021-H1', '2022-H1', '2022-H2', 'Target 2024']);
    const [values, expected] = seriesOf(chart.option);
    expect(values?.data).toEqual([64, 66, 78, '-', '-']);
    expect(expected?.data).toEqual(['-', '-', 85, 85, 110]);
    expect(values?.stack).toBeUndefined();
    expect(values?.label.formatter({ value: 1234 })).toBe('1,234');
    expect(values?.label.formatter({ value: '-' })).toBe('');
  });

  it('reads only the bars that exist, in words', () => {
    expect(chart.points.map((point) => point.text)).toEqual([
      'Baseline 2020, Value: 64',
      '2021-H1, Value: 66',
      '2022-H1, Value: 78',
      '2022-H1, Milestone or target: 85',
      '2022-H2, Milestone or target: 85',
      'Target 2024, Milestone or target: 110',
    ]);
    expect(chart.height).toBeGreaterThan(5 * 40);
  });
});

describe('the other charts of results', () => {
  it('draws a breakdown as one bar per category', () => {
    const chart = breakdownChart(
      [
        { category: 'female', value: 46 },
        { category: 'male', value: 32 },
      ],
      { language: 'en', name: 'Sex', category: (category) => category.toUpperCase() },
    );
    expect(categoriesOf(chart.option)).toEqual(['FEMALE', 'MALE']);
    expect(chart.points.map((point) => point.text)).toEqual(['FEMALE: 46', 'MALE: 32']);
  });

  it('draws money planned and spent to each round, in the currency', () => {
    const chart = cumulativeSpendingChart(
      [
        { id: '2021-H1', cumulativePlanned: 11000, cumulativeSpent: 3900 },
        { id: '2021-H2', cumulativePlanned: 11000, cumulativeSpent: 10000 },
      ],
      { language: 'en', currency: 'EUR', planned: 'Planned', spent: 'Spent' },
    );
    expect(seriesOf(chart.option).map((series) => series.data)).toEqual([
      [11000, 11000],
      [3900, 10000],
    ]);
    expect(chart.points[1]?.text).toBe('2021-H1, Spent: €3,900.00');
  });
});
