import { describe, expect, it } from 'vitest';
import type { Indicator, PlanPackage, Report } from '../plan/package.ts';
import { expectedProgress, indicatorProgress, indicatorStatus, planProgress } from './progress.ts';
import {
  makeActivity,
  makeCost,
  makeIndicator,
  makeNationalPackage,
  makePackage,
  makePlan,
  makeReport,
  makeRound,
} from './test-factories.ts';

function progress(pkg: PlanPackage, asOf: string, planId = 'AP1') {
  return planProgress(pkg, planId, asOf, `TL/${planId}`);
}

function statusOf(pkg: PlanPackage, asOf: string, id: string): string | undefined {
  return progress(pkg, asOf).activities.items.find((item) => item.id === id)?.status;
}

/** A package whose plan has one activity A1 (lead MOI, partners NGO and MUN, ending 2022-12-31) and the given rounds. */
function oneActivity(rounds: ReturnType<typeof makeRound>[], end = '2022-12-31'): PlanPackage {
  return makePackage({
    activities: [makeActivity({ id: 'A1', lead: 'MOI', partners: ['NGO', 'MUN', 'NATC'], end })],
    monitoring: { rounds },
  });
}

describe('activity status', () => {
  it('takes the lead institution’s word over the partners’ in the same round', () => {
    const pkg = oneActivity([
      makeRound('R1', '2021-06-30', [makeReport('NGO', [['A1', 'completed']]), makeReport('MOI', [['A1', 'ongoing']])]),
    ]);
    expect(statusOf(pkg, '2021-12-31', 'A1')).toBe('ongoing');
  });

  it('falls back to the first other institution by id when the lead does not name the activity', () => {
    const pkg = oneActivity([
      makeRound('R1', '2021-06-30', [
        makeReport('NGO', [['A1', 'completed']]),
        makeReport('MUN', [['A1', 'cancelled']]),
        makeReport('MOI', []),
      ]),
    ]);
    // MUN < NGO by code points.
    expect(statusOf(pkg, '2021-12-31', 'A1')).toBe('cancelled');
  });

  it('uses the latest round that names the activity, even when only a partner speaks there', () => {
    const pkg = oneActivity([
      makeRound('R1', '2021-06-30', [makeReport('MOI', [['A1', 'ongoing']])]),
      makeRound('R2', '2021-12-31', [makeReport('NGO', [['A1', 'completed']])]),
      makeRound('R3', '2022-06-30', [makeReport('MOI', [])]),
    ]);
    expect(statusOf(pkg, '2022-06-30', 'A1')).toBe('completed');
  });

  it('counts only accepted reports: returned, draft and submitted ones are ignored', () => {
    const pkg = oneActivity([
      makeRound('R1', '2021-06-30', [makeReport('MOI', [['A1', 'ongoing']])]),
      makeRound('R2', '2021-12-31', [
        makeReport('MOI', [['A1', 'completed']], { status: 'returned' }),
        makeReport('NGO', [['A1', 'cancelled']], { status: 'draft' }),
        makeReport('MUN', [['A1', 'completed']], { status: 'submitted' }),
      ]),
    ]);
    expect(statusOf(pkg, '2022-06-30', 'A1')).toBe('ongoing');
  });

  it('ignores rounds that end after the as-of date, and counts one that ends on it', () => {
    const pkg = oneActivity([
      makeRound('R1', '2021-06-30', [makeReport('MOI', [['A1', 'ongoing']])]),
      makeRound('R2', '2021-12-31', [makeReport('MOI', [['A1', 'completed']], { submittedOn: '2021-10-01' })]),
    ]);
    expect(statusOf(pkg, '2021-12-30', 'A1')).toBe('ongoing');
    expect(statusOf(pkg, '2021-12-31', 'A1')).toBe('completed');
    expect(statusOf(pkg, '2021-06-29', 'A1')).toBe('not_started');
  });

  it('orders rounds by period end, then id, whatever their order in the package', () => {
    const pkg = oneActivity([
      makeRound('R-b', '2021-12-31', [makeReport('MOI', [['A1', 'completed']])]),
      makeRound('R-c', '2021-06-30', [makeReport('MOI', [['A1', 'cancelled']])]),
      makeRound('R-a', '2021-12-31', [makeReport('MOI', [['A1', 'ongoing']])]),
    ]);
    expect(statusOf(pkg, '2022-01-31', 'A1')).toBe('completed');
  });

  it('keeps completed and cancelled, and turns anything else into delayed after the end', () => {
    const statuses = ['completed', 'cancelled', 'ongoing', 'delayed', 'not_started'] as const;
    for (const reported of statuses) {
      const pkg = oneActivity([makeRound('R1', '2021-06-30', [makeReport('MOI', [['A1', reported]])])], '2021-09-30');
      const expected = reported === 'completed' || reported === 'cancelled' ? reported : 'delayed';
      expect(statusOf(pkg, '2021-10-01', 'A1'), reported).toBe(expected);
      // On the end date itself the activity is not yet late.
      expect(statusOf(pkg, '2021-09-30', 'A1'), reported).toBe(reported);
    }
  });

  it('makes an activity nobody reported on not started, or delayed once its end has passed', () => {
    const pkg = oneActivity([], '2021-09-30');
    expect(statusOf(pkg, '2021-09-30', 'A1')).toBe('not_started');
    expect(statusOf(pkg, '2021-10-01', 'A1')).toBe('delayed');
    const noEnd = makePackage({ activities: [makeActivity({ id: 'A1', end: undefined })] });
    expect(statusOf(noEnd, '2030-01-01', 'A1')).toBe('not_started');
  });

  it('counts statuses for the plan and per area, and gives the implementation rate without cancelled activities', () => {
    const pkg = makePackage({
      activities: [
        makeActivity({ id: 'A4', objective: 'O3', lead: 'MOI' }),
        makeActivity({ id: 'A1', objective: 'O1', lead: 'MOI' }),
        makeActivity({ id: 'A3', objective: 'O3', lead: 'MOI' }),
        makeActivity({ id: 'A2', objective: 'O1', lead: 'MOI', end: '2021-03-31' }),
      ],
      monitoring: {
        rounds: [
          makeRound('R1', '2021-06-30', [
            makeReport('MOI', [
              ['A1', 'completed'],
              ['A3', 'cancelled'],
              ['A4', 'ongoing'],
            ]),
          ]),
        ],
      },
    });
    const { activities } = progress(pkg, '2021-06-30');
    expect(activities).toEqual({
      total: 4,
      byStatus: { not_started: 0, ongoing: 1, completed: 1, delayed: 1, cancelled: 1 },
      implementationRate: 0.3333,
      byArea: {
        supporting_framework: { not_started: 0, ongoing: 0, completed: 1, delayed: 1, cancelled: 0 },
        protection: { not_started: 0, ongoing: 1, completed: 0, delayed: 0, cancelled: 1 },
      },
      items: [
        { id: 'A1', status: 'completed' },
        { id: 'A2', status: 'delayed' },
        { id: 'A3', status: 'cancelled' },
        { id: 'A4', status: 'ongoing' },
      ],
    });
  });

  it('gives a null implementation rate when every activity is cancelled, or there is none', () => {
    const cancelled = oneActivity([makeRound('R1', '2021-06-30', [makeReport('MOI', [['A1', 'cancelled']])])]);
    expect(progress(cancelled, '2021-12-31').activities.implementationRate).toBeNull();
    const empty = makePackage({ activities: [] });
    expect(progress(empty, '2021-12-31').activities).toMatchObject({ total: 0, implementationRate: null, byArea: {}, items: [] });
  });
});

/** A package with one activity A1 whose single indicator is `indicator`, and rounds of reports giving values. */
function withIndicator(indicator: Indicator, rounds: ReturnType<typeof makeRound>[]): PlanPackage {
  return makePackage({
    strategy: { goals: [{ id: 'G1', area: 'prevention', title: 'Prevention', objectives: [{ id: 'O1', title: 'O' }] }] },
    activities: [makeActivity({ id: 'A1', lead: 'MOI', partners: ['NGO', 'MUN'], indicators: [indicator] })],
    monitoring: { rounds },
  });
}

function values(institution: string, pairs: [string, number][], status: Report['status'] = 'accepted'): Report {
  return makeReport(institution, [], { status, indicatorValues: pairs.map(([indicator, value]) => ({ indicator, value })) });
}

function figures(pkg: PlanPackage, asOf: string, id = 'I') {
  return progress(pkg, asOf).indicators.find((indicator) => indicator.id === id);
}

describe('indicator values', () => {
  const twoRounds = (measure: Indicator['measure'], first: number[], second: number[]) =>
    withIndicator(
      makeIndicator({
        id: 'I',
        measure,
        scale: ['none', 'some', 'much', 'all'],
        baseline: { value: 0, year: 2020 },
        target: { value: 100, year: 2024 },
      }),
      [
        makeRound(
          'R1',
          '2021-06-30',
          first.map((value, i) => values(['MOI', 'NGO', 'MUN'][i] ?? 'MOI', [['I', value]])),
        ),
        makeRound(
          'R2',
          '2021-12-31',
          second.map((value, i) => values(['MOI', 'NGO', 'MUN'][i] ?? 'MOI', [['I', value]])),
        ),
      ],
    );

  it('sums numbers over the counted reports of the latest round that gives a value', () => {
    const pkg = twoRounds('number', [1, 2], [10, 20, 5]);
    expect(figures(pkg, '2021-12-31')?.actual).toBe(35);
    expect(figures(pkg, '2021-06-30')?.actual).toBe(3);
  });

  it('takes the mean for percentages, unrounded', () => {
    const pkg = twoRounds('percentage', [], [10, 20, 40]);
    expect(figures(pkg, '2021-12-31')?.actual).toBe(70 / 3);
    expect(figures(pkg, '2021-12-31')?.progress).toBe(0.2333);
  });

  it('takes the maximum for yes/no and qualitative indicators', () => {
    expect(figures(twoRounds('yes_no', [1], [0, 1, 0]), '2021-12-31')?.actual).toBe(1);
    expect(figures(twoRounds('yes_no', [1], [0, 0]), '2021-12-31')?.actual).toBe(0);
    expect(figures(twoRounds('qualitative', [], [1, 3, 2]), '2021-12-31')?.actual).toBe(3);
  });

  it('keeps the value of an earlier round when a later round gives none', () => {
    const pkg = twoRounds('number', [4, 5], []);
    expect(figures(pkg, '2022-12-31')?.actual).toBe(9);
  });

  it('ignores values in reports that do not count', () => {
    const pkg = withIndicator(makeIndicator({ id: 'I' }), [
      makeRound('R1', '2021-06-30', [values('MOI', [['I', 4]])]),
      makeRound('R2', '2021-12-31', [
        values('MOI', [['I', 7]], 'returned'),
        values('NGO', [['I', 8]], 'draft'),
        values('MUN', [['I', 9]], 'submitted'),
      ]),
      makeRound('R3', '2022-06-30', [values('MOI', [['I', 99]])]),
    ]);
    expect(figures(pkg, '2022-06-29')?.actual).toBe(4);
  });

  it('lists the objective indicators of the strategy and the indicators of this plan, by id', () => {
    const pkg = makePackage({
      activities: [makeActivity({ id: 'A1', indicators: [makeIndicator({ id: 'Z-1' }), makeIndicator({ id: 'B-1' })] })],
    });
    pkg.actionPlans.push(makePlan({ id: 'AP2', activities: [makeActivity({ id: 'B1', indicators: [makeIndicator({ id: 'C-1' })] })] }));
    expect(progress(pkg, '2021-12-31').indicators.map((indicator) => indicator.id)).toEqual([
      'B-1',
      'O1-I1',
      'O2-I1',
      'O3-I1',
      'O4-I1',
      'O5-I1',
      'Z-1',
    ]);
  });
});

describe('indicator progress and status', () => {
  /** B = 2021-12-31, T = 2023-12-31 (730 days); at 2022-12-31 expected progress is exactly 0.5. */
  const at = (baseline: number, target: number, actual: number | null, asOf = '2022-12-31') =>
    figures(
      withIndicator(
        makeIndicator({ id: 'I', baseline: { value: baseline, year: 2021 }, target: { value: target, year: 2023 } }),
        actual === null ? [] : [makeRound('R1', '2022-06-30', [values('MOI', [['I', actual]])])],
      ),
      asOf,
    );

  it('reports raw baseline, target and actual, and progress and expected to 4 decimals', () => {
    expect(at(10, 40, 20)).toEqual({ id: 'I', baseline: 10, target: 40, actual: 20, progress: 0.3333, expected: 0.5, status: 'at_risk' });
  });

  it('applies the thresholds: achieved from 1, on track from expected − 0.10, at risk from expected − 0.25', () => {
    expect(at(0, 10, 10)?.status).toBe('achieved');
    expect(at(0, 10, 9.9)?.status).toBe('on_track');
    expect(at(0, 10, 4)?.status).toBe('on_track');
    expect(at(0, 10, 3.9)?.status).toBe('at_risk');
    expect(at(0, 10, 2.5)?.status).toBe('at_risk');
    expect(at(0, 10, 2.4)?.status).toBe('off_track');
  });

  it('does not cap progress above 1 or below 0', () => {
    expect(at(0, 10, 15)).toMatchObject({ progress: 1.5, status: 'achieved' });
    expect(at(10, 20, 5)).toMatchObject({ progress: -0.5, status: 'off_track' });
  });

  it('handles decreasing indicators, whose target is below the baseline', () => {
    expect(at(100, 50, 75)).toMatchObject({ progress: 0.5, status: 'on_track' });
    expect(at(100, 50, 40)).toMatchObject({ progress: 1.2, status: 'achieved' });
    expect(at(100, 50, 120)).toMatchObject({ progress: -0.4, status: 'off_track' });
  });

  it('gives progress 1 when the target equals the baseline and is met, else 0', () => {
    expect(at(5, 5, 5)).toMatchObject({ progress: 1, status: 'achieved' });
    expect(at(5, 5, 6)).toMatchObject({ progress: 0, status: 'off_track' });
    expect(indicatorProgress(5, 5, 4)).toBe(0);
  });

  it('is not measurable without a baseline or a target, and has no data without an actual', () => {
    const noBaseline = withIndicator(makeIndicator({ id: 'I', baseline: undefined }), [
      makeRound('R1', '2021-06-30', [values('MOI', [['I', 3]])]),
    ]);
    expect(figures(noBaseline, '2021-12-31')).toEqual({
      id: 'I',
      baseline: null,
      target: 10,
      actual: 3,
      progress: null,
      expected: null,
      status: 'not_measurable',
    });
    const noTarget = withIndicator(makeIndicator({ id: 'I', target: undefined }), []);
    expect(figures(noTarget, '2021-12-31')).toMatchObject({ target: null, actual: null, status: 'not_measurable' });
    expect(at(0, 10, null)).toEqual({ id: 'I', baseline: 0, target: 10, actual: null, progress: null, expected: 0.5, status: 'no_data' });
  });

  it('computes expected progress in whole days between 31 December of the baseline and target years', () => {
    expect(expectedProgress(2021, 2024, '2023-09-30')).toBeCloseTo(638 / 1096, 15);
    // 2023-09-30 is 638 days after 2021-12-31, and 2023-12-31 is 730 days after it.
    expect(at(0, 10, 1, '2023-09-30')).toMatchObject({ expected: 0.874 });
    const example = withIndicator(makeIndicator({ id: 'I', baseline: { value: 0, year: 2021 }, target: { value: 1, year: 2024 } }), []);
    expect(figures(example, '2023-09-30')?.expected).toBe(0.5821);
  });

  it('clamps expected progress to [0, 1]', () => {
    expect(expectedProgress(2021, 2024, '2021-06-30')).toBe(0);
    expect(expectedProgress(2021, 2024, '2021-12-31')).toBe(0);
    expect(expectedProgress(2021, 2024, '2024-12-31')).toBe(1);
    expect(expectedProgress(2021, 2024, '2026-01-01')).toBe(1);
  });

  it('makes the target due at once when the target year is not after the baseline year', () => {
    expect(expectedProgress(2022, 2021, '2021-12-30')).toBe(0);
    expect(expectedProgress(2022, 2021, '2021-12-31')).toBe(1);
    expect(expectedProgress(2022, 2022, '2022-12-30')).toBe(0);
    expect(expectedProgress(2022, 2022, '2022-12-31')).toBe(1);
  });

  it('decides the status from unrounded figures', () => {
    expect(indicatorStatus(0.39999, 0.5)).toBe('at_risk');
    expect(indicatorStatus(0.4, 0.5)).toBe('on_track');
    expect(indicatorStatus(null, 0.5)).toBe('no_data');
    expect(indicatorStatus(null, null)).toBe('not_measurable');
  });
});

describe('budget execution', () => {
  const pkg = makePackage({
    activities: [
      makeActivity({
        id: 'A1',
        lead: 'MOI',
        partners: ['NGO'],
        costs: [makeCost({ year: 2021, amount: 1000 }), makeCost({ year: 2022, amount: 3000 })],
      }),
      makeActivity({ id: 'A2', lead: 'MOI', costs: [makeCost({ year: 2023, amount: 500.55 })] }),
    ],
    monitoring: {
      rounds: [
        makeRound('R1', '2021-06-30', [
          makeReport('MOI', [], {
            activities: [
              {
                activity: 'A1',
                status: 'ongoing',
                spent: [
                  { source: 'state_budget', amount: 100.1 },
                  { source: 'donor', amount: 0.2 },
                ],
              },
            ],
          }),
          makeReport('NGO', [], { activities: [{ activity: 'A1', status: 'ongoing', spent: [{ source: 'donor', amount: 50 }] }] }),
          makeReport('MUN', [], {
            status: 'returned',
            activities: [{ activity: 'A1', status: 'ongoing', spent: [{ source: 'donor', amount: 999 }] }],
          }),
          makeReport('NATC', [], { activities: [{ activity: 'B1', status: 'ongoing', spent: [{ source: 'donor', amount: 777 }] }] }),
        ]),
        makeRound('R2', '2021-12-31', [
          makeReport('MOI', [], { activities: [{ activity: 'A2', status: 'ongoing', spent: [{ source: 'state_budget', amount: 49.7 }] }] }),
        ]),
      ],
    },
  });
  pkg.actionPlans.push(makePlan({ id: 'AP2', activities: [makeActivity({ id: 'B1' })] }));

  it('adds the cost lines up to the as-of year and every spent amount of counted reports for this plan', () => {
    expect(progress(pkg, '2021-12-31').budget).toEqual({ plannedToDate: 1000, spent: 200, execution: 0.2 });
    expect(progress(pkg, '2021-07-01').budget).toEqual({ plannedToDate: 1000, spent: 150.3, execution: 0.1503 });
    expect(progress(pkg, '2023-01-01').budget).toEqual({ plannedToDate: 4500.55, spent: 200, execution: 0.0444 });
  });

  it('gives a null execution when nothing is planned up to the as-of year', () => {
    expect(progress(pkg, '2020-12-31').budget).toEqual({ plannedToDate: 0, spent: 0, execution: null });
  });

  it('limited to one year, counts that year’s cost lines and the amounts of rounds ending in it', () => {
    const ofYear = (asOf: string, year: number) => planProgress(pkg, 'AP1', asOf, 'TL/AP1', { year }).budget;
    // 2022: A1's 3,000; no round ends in 2022, so nothing spent.
    expect(ofYear('2023-01-01', 2022)).toEqual({ plannedToDate: 3000, spent: 0, execution: 0 });
    // 2021: A1's 1,000; R1 and R2 end in 2021: 100.1 + 0.2 + 50 + 49.7 = 200.
    expect(ofYear('2023-01-01', 2021)).toEqual({ plannedToDate: 1000, spent: 200, execution: 0.2 });
    // Before the year begins, nothing of it is planned to date.
    expect(ofYear('2021-12-31', 2022)).toEqual({ plannedToDate: 0, spent: 0, execution: null });
    // The activities are those of the whole plan.
    expect(planProgress(pkg, 'AP1', '2023-01-01', 'TL/AP1', { year: 2022 }).activities.total).toBe(2);
  });
});

describe('progress edge cases', () => {
  it('echoes the address and the as-of date', () => {
    expect(progress(makePackage(), '2022-01-01')).toMatchObject({ plan: 'TL/AP1', asOf: '2022-01-01' });
  });

  it('rejects an as-of date that is not a calendar date', () => {
    expect(() => progress(makePackage(), '2022-02-30')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => progress(makePackage(), '31.12.2022')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('fails with NOT_FOUND for an unknown plan', () => {
    expect(() => progress(makePackage(), '2022-01-01', 'AP9')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('national scale', () => {
  it('computes the progress of 500 activities, 1,500 indicators and 720 reports quickly', () => {
    const pkg = makeNationalPackage();
    const plan = pkg.actionPlans[0];
    expect(plan?.activities.length).toBe(500);
    expect(plan?.activities.flatMap((activity) => activity.costs ?? []).length).toBe(2000);
    expect(pkg.monitoring?.rounds.flatMap((round) => round.reports).length).toBe(720);
    planProgress(pkg, 'AP-NAT', '2023-12-31', 'NL/AP-NAT'); // warm-up: the first call also compiles the code
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const result = planProgress(pkg, 'AP-NAT', '2023-12-31', 'NL/AP-NAT');
      timings.push(performance.now() - started);
      expect(result.indicators.length).toBe(1500);
    }
    // The budget is 50 ms; the bound is looser so that a busy test machine does not fail the run.
    expect(Math.min(...timings)).toBeLessThan(150);
  });
});
