import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { PlanPackage, Report } from '../plan/package.ts';
import { activityReports, indicatorSeries, planRounds } from './series.ts';
import { edit, makeActivity, makeCost, makeIndicator, makePackage, makePlan, makeReport, makeRound } from './test-factories.ts';

type Given = NonNullable<Report['indicatorValues']>[number];

/** A report of an institution giving indicator values and naming no activity. */
function giving(institution: string, values: Given[], status: Report['status'] = 'accepted'): Report {
  return makeReport(institution, [], { status, indicatorValues: values });
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

/** Plan AP1 (2021–2022) with activity A1 and its indicator A1-I1 of the given measure, and the given rounds. */
function withIndicator(measure: 'number' | 'percentage' | 'yes_no' | 'qualitative', rounds: ReturnType<typeof makeRound>[]): PlanPackage {
  return makePackage({
    activities: [
      makeActivity({
        id: 'A1',
        indicators: [
          makeIndicator({
            id: 'A1-I1',
            measure,
            baseline: { value: 10, year: 2020 },
            target: { value: 50, year: 2022 },
            milestones: [{ value: 30, year: 2021 }],
            disaggregation: ['sex', 'age_group'],
          }),
        ],
      }),
    ],
    monitoring: { rounds },
  });
}

describe('the rounds of a plan', () => {
  it('keeps the rounds overlapping the plan period, by period end then id', () => {
    const pkg = makePackage({
      monitoring: {
        rounds: [
          makeRound('R-B', '2021-12-31', []),
          makeRound('R-A', '2021-12-31', []),
          makeRound('R-0', '2020-12-31', []),
          makeRound('R-1', '2021-06-30', []),
          makeRound('R-9', '2023-06-30', []),
        ],
      },
    });
    expect(planRounds(pkg, makePlan({ id: 'AP1' })).map((round) => round.id)).toEqual(['R-1', 'R-A', 'R-B']);
  });
});

describe('indicatorSeries', () => {
  it('sums numbers per round, counts only accepted reports, and gives null where no report gives a value', () => {
    const pkg = withIndicator('number', [
      makeRound('R2', '2021-12-31', [
        giving('MOI', [{ indicator: 'A1-I1', value: 12 }]),
        giving('NGO', [{ indicator: 'A1-I1', value: 8 }]),
        giving('MUN', [{ indicator: 'A1-I1', value: 100 }], 'submitted'),
      ]),
      makeRound('R1', '2021-06-30', [giving('MOI', [{ indicator: 'A1-I1', value: 5 }])]),
      makeRound('R3', '2022-06-30', [giving('MOI', [{ indicator: 'A1-I1', value: 7 }], 'returned')]),
    ]);
    const series = indicatorSeries(pkg, 'AP1', 'A1-I1');
    expect(series.rounds.map((round) => [round.id, round.value, round.reports, round.milestone])).toEqual([
      ['R1', 5, 1, 30],
      ['R2', 20, 2, 30],
      ['R3', null, 0, null],
    ]);
    expect(series.owner).toEqual({ kind: 'activity', id: 'A1' });
    expect(series.indicator.milestones).toEqual([{ value: 30, year: 2021 }]);
    // As of the plan's end (2022-12-31): actual 20 from R2; progress (20 − 10) / (50 − 10) = 0.25;
    // expected 1 (the target year 2022 is over): 0.25 < 1 − 0.25, off track.
    expect(series).toMatchObject({ asOf: '2022-12-31', actual: 20, actualRound: 'R2', progress: 0.25, expected: 1, status: 'off_track' });
  });

  it('takes the status as of a date: rounds ending later do not count for it, but are shown', () => {
    const pkg = withIndicator('number', [
      makeRound('R1', '2021-06-30', [giving('MOI', [{ indicator: 'A1-I1', value: 30 }])]),
      makeRound('R2', '2021-12-31', [giving('MOI', [{ indicator: 'A1-I1', value: 50 }])]),
    ]);
    const series = indicatorSeries(pkg, 'AP1', 'A1-I1', '2021-09-30');
    expect(series.rounds.map((round) => round.value)).toEqual([30, 50]);
    // Actual 30 from R1: progress (30 − 10) / 40 = 0.5; expected 273 / 730 = 0.3740 → on track.
    expect(series).toMatchObject({ actual: 30, actualRound: 'R1', progress: 0.5, expected: 0.374, status: 'on_track' });
    expect(indicatorSeries(pkg, 'AP1', 'A1-I1', '2021-01-31')).toMatchObject({ actual: null, actualRound: null, status: 'no_data' });
  });

  it('aggregates breakdowns per dimension and category like the value: sums for numbers', () => {
    const pkg = withIndicator('number', [
      makeRound('R1', '2021-06-30', [
        giving('MOI', [
          {
            indicator: 'A1-I1',
            value: 12,
            breakdown: [
              { dimension: 'age_group', category: 'adult', value: 9 },
              { dimension: 'age_group', category: 'child', value: 3 },
              { dimension: 'sex', category: 'female', value: 7 },
              { dimension: 'sex', category: 'male', value: 5 },
            ],
          },
        ]),
        giving('NGO', [
          {
            indicator: 'A1-I1',
            value: 8,
            breakdown: [
              { dimension: 'sex', category: 'male', value: 2 },
              { dimension: 'sex', category: 'female', value: 6 },
              { dimension: 'region', category: 'North', value: 8 },
            ],
          },
        ]),
      ]),
    ]);
    const [round] = indicatorSeries(pkg, 'AP1', 'A1-I1').rounds;
    // Dimensions in the order of the indicator's disaggregation (sex, age group), then the others.
    expect(round?.breakdown).toEqual([
      {
        dimension: 'sex',
        categories: [
          { category: 'female', value: 13, reports: 2 },
          { category: 'male', value: 7, reports: 2 },
        ],
      },
      {
        dimension: 'age_group',
        categories: [
          { category: 'adult', value: 9, reports: 1 },
          { category: 'child', value: 3, reports: 1 },
        ],
      },
      { dimension: 'region', categories: [{ category: 'North', value: 8, reports: 1 }] },
    ]);
  });

  it('takes the mean of percentages, also per category, and the maximum of yes/no values', () => {
    const percentages = withIndicator('percentage', [
      makeRound('R1', '2021-06-30', [
        giving('MOI', [{ indicator: 'A1-I1', value: 40, breakdown: [{ dimension: 'sex', category: 'female', value: 50 }] }]),
        giving('NGO', [{ indicator: 'A1-I1', value: 45, breakdown: [{ dimension: 'sex', category: 'female', value: 61 }] }]),
        giving('MUN', [{ indicator: 'A1-I1', value: 60 }]),
      ]),
    ]);
    const [round] = indicatorSeries(percentages, 'AP1', 'A1-I1').rounds;
    // (40 + 45 + 60) / 3 = 48.333…; female (50 + 61) / 2 = 55.5.
    expect(round?.value).toBeCloseTo(48.3333, 4);
    expect(round?.breakdown).toEqual([{ dimension: 'sex', categories: [{ category: 'female', value: 55.5, reports: 2 }] }]);

    const yesNo = withIndicator('yes_no', [
      makeRound('R1', '2021-06-30', [giving('MOI', [{ indicator: 'A1-I1', value: 0 }]), giving('NGO', [{ indicator: 'A1-I1', value: 1 }])]),
    ]);
    expect(indicatorSeries(yesNo, 'AP1', 'A1-I1').rounds[0]?.value).toBe(1);
  });

  it('finds objective indicators of the strategy as well', () => {
    const pkg = makePackage({
      monitoring: { rounds: [makeRound('R1', '2021-06-30', [giving('NATC', [{ indicator: 'O2-I1', value: 4 }])])] },
    });
    const series = indicatorSeries(pkg, 'AP1', 'O2-I1');
    expect(series.owner).toEqual({ kind: 'objective', id: 'O2' });
    expect(series.rounds.map((round) => round.value)).toEqual([4]);
  });

  it('refuses an unknown indicator, one of another plan, and an unknown plan with NOT_FOUND', () => {
    const pkg = edit(makePackage(), (draft) => {
      draft.actionPlans.push(makePlan({ id: 'AP2', start: '2023-01-01', end: '2024-12-31', activities: [makeActivity({ id: 'B1' })] }));
    });
    expect(errorCode(() => indicatorSeries(pkg, 'AP1', 'NOPE'))).toBe('NOT_FOUND');
    expect(errorCode(() => indicatorSeries(pkg, 'AP1', 'B1-I1'))).toBe('NOT_FOUND');
    expect(indicatorSeries(pkg, 'AP2', 'B1-I1').indicator.id).toBe('B1-I1');
    expect(errorCode(() => indicatorSeries(pkg, 'AP9', 'A1-I1'))).toBe('NOT_FOUND');
  });
});

describe('activityReports', () => {
  /** A1 led by MOI with partner NGO, 1,000.10 planned in 2021 and 2,000.20 + 0.05 in 2022. */
  function withActivity(rounds: ReturnType<typeof makeRound>[]): PlanPackage {
    return makePackage({
      activities: [
        makeActivity({
          id: 'A1',
          lead: 'MOI',
          partners: ['NGO', 'XYZ'],
          start: '2021-03-01',
          end: '2022-10-31',
          costs: [
            makeCost({ year: 2022, amount: 2000.2 }),
            makeCost({ year: 2021, amount: 1000.1 }),
            makeCost({ year: 2022, amount: 0.05, source: 'donor' }),
          ],
        }),
      ],
      monitoring: { rounds },
    });
  }

  function naming(
    institution: string,
    status: Report['status'],
    spent: number[],
    extra: { narrative?: string; obstacles?: string } = {},
  ): Report {
    return {
      institution,
      status,
      activities: [
        {
          activity: 'A1',
          status: 'ongoing',
          spent: spent.map((amount, index) => ({ source: index === 0 ? 'state_budget' : 'donor', amount })),
          ...extra,
        },
      ],
    };
  }

  it('lists every report that names the activity, the lead first, and adds money exactly to the cent', () => {
    const pkg = withActivity([
      makeRound('R2', '2022-06-30', [naming('NGO', 'accepted', [0.2]), naming('MUN', 'draft', [500])]),
      makeRound('R1', '2021-06-30', [
        naming('NGO', 'returned', [99]),
        naming('MOI', 'accepted', [0.1, 0.2], { narrative: 'Two courses held.', obstacles: 'Late tender.' }),
        makeReport('MUN', [['A9', 'ongoing']]),
      ]),
    ]);
    const result = activityReports(pkg, 'AP1', 'A1');
    expect(result.activity).toEqual({
      id: 'A1',
      title: 'Activity A1',
      objective: 'O1',
      lead: { id: 'MOI', name: 'Ministry of Interior' },
      partners: [
        { id: 'NGO', name: 'Shelter' },
        { id: 'XYZ', name: null },
      ],
      start: '2021-03-01',
      end: '2022-10-31',
    });
    expect(result.currency).toBe('EUR');
    expect(result.planned).toEqual([
      { year: 2021, amount: 1000.1 },
      { year: 2022, amount: 2000.25 },
    ]);
    expect(result.plannedTotal).toBe(3000.35);

    const [r1, r2] = result.rounds;
    expect(r1?.reports.map((entry) => [entry.institution, entry.reportStatus, entry.counted, entry.spentTotal])).toEqual([
      ['MOI', 'accepted', true, 0.3],
      ['NGO', 'returned', false, 99],
    ]);
    expect(r1?.reports[0]).toMatchObject({
      institutionName: 'Ministry of Interior',
      status: 'ongoing',
      narrative: 'Two courses held.',
      obstacles: 'Late tender.',
      spent: [
        { source: 'state_budget', amount: 0.1 },
        { source: 'donor', amount: 0.2 },
      ],
    });
    // 0.1 + 0.2 is 0.3 exactly; the returned report's 99 does not count.
    expect(r1).toMatchObject({ id: 'R1', spent: 0.3, cumulativeSpent: 0.3, cumulativePlanned: 1000.1 });
    expect(r2?.reports.map((entry) => [entry.institution, entry.counted])).toEqual([
      ['MUN', false],
      ['NGO', true],
    ]);
    expect(r2).toMatchObject({ id: 'R2', spent: 0.2, cumulativeSpent: 0.5, cumulativePlanned: 3000.35 });
    expect(r2?.reports[0]).toMatchObject({ narrative: null, obstacles: null });
    expect(result.spentTotal).toBe(0.5);
  });

  it('gives empty rounds when nobody reports, and NOT_FOUND for an activity not in the plan', () => {
    const pkg = withActivity([makeRound('R1', '2021-06-30', [])]);
    expect(activityReports(pkg, 'AP1', 'A1').rounds).toEqual([
      {
        id: 'R1',
        periodStart: '2021-01-01',
        periodEnd: '2021-06-30',
        reports: [],
        spent: 0,
        cumulativeSpent: 0,
        cumulativePlanned: 1000.1,
      },
    ]);
    expect(errorCode(() => activityReports(pkg, 'AP1', 'A2'))).toBe('NOT_FOUND');
  });
});
