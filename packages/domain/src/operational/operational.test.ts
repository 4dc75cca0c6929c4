import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { makeActivity, makeCost, makePackage, makeReport, makeRound } from '../measures/test-factories.ts';
import type { PlanPackage } from '../plan/package.ts';
import { carryOverReport } from './carry-over.ts';
import {
  draftOperationalPlan,
  latestRecommendations,
  operationalProgress,
  reviseOperationalPlan,
  type OperationalChange,
  type OperationalPlan,
} from './plan.ts';
import { operationalReport } from './report.ts';

/**
 * Plan AP1 runs 2021–2022:
 * - A1 (MOI, 2021): delayed at the end of 2021 for want of premises, completed in R3 (2022);
 * - A2 (NATC, Feb–Oct 2021): completed in R2;
 * - A3 (NGO, 2021): the NGO's own report is returned; the municipality says ongoing, waiting for funds;
 * - A4 (MOI, 2021–2022): 2,000 in 2021, 1,000 (donor, pledged) + 2,000 (state) in 2022; 400 spent in R3, 250 in R1;
 * - A5 (NATC, Mar–Sep 2022): 700 in 2022, never reported on;
 * - A6 (no dates: the plan's), answers REC2;
 * - A7 (NATC, May–Jun 2021): cancelled in R1.
 */
function testPackage(): PlanPackage {
  return makePackage({
    activities: [
      makeActivity({ id: 'A1', lead: 'MOI', start: '2021-01-01', end: '2021-12-31', costs: [makeCost({ year: 2021, amount: 1000 })] }),
      makeActivity({ id: 'A2', lead: 'NATC', start: '2021-02-01', end: '2021-10-31', costs: [makeCost({ year: 2021, amount: 500 })] }),
      makeActivity({ id: 'A3', lead: 'NGO', start: '2021-03-01', end: '2021-12-31', costs: [] }),
      makeActivity({
        id: 'A4',
        lead: 'MOI',
        start: '2021-01-01',
        end: '2022-12-31',
        costs: [
          makeCost({ year: 2021, amount: 2000 }),
          makeCost({ year: 2022, amount: 1000, source: 'donor', funder: 'EU', status: 'pledged' }),
          makeCost({ year: 2022, amount: 2000 }),
        ],
      }),
      makeActivity({ id: 'A5', lead: 'NATC', start: '2022-03-01', end: '2022-09-30', costs: [makeCost({ year: 2022, amount: 700 })] }),
      { id: 'A6', objective: 'O2', title: 'Activity A6', lead: 'NATC', recommendations: ['REC2'] },
      makeActivity({ id: 'A7', lead: 'NATC', start: '2021-05-01', end: '2021-06-30', costs: [] }),
    ],
    recommendations: [
      { id: 'REC1', source: 'greta', year: 2020, text: 'Train labour inspectors.' },
      { id: 'REC2', source: 'greta', year: 2022, text: 'Fund shelters.' },
      { id: 'REC3', source: 'us_tip', year: 2021, text: 'Prosecute officials.' },
      { id: 'REC4', source: 'us_tip', year: 2023, text: 'Screen migrants.' },
    ],
    monitoring: {
      rounds: [
        makeRound('R1', '2021-06-30', [
          makeReport('MOI', [], {
            activities: [
              { activity: 'A1', status: 'ongoing' },
              { activity: 'A4', status: 'ongoing', spent: [{ source: 'state_budget', amount: 250 }] },
            ],
          }),
          makeReport('NATC', [['A7', 'cancelled']]),
        ]),
        makeRound('R2', '2021-12-31', [
          makeReport('MOI', [], {
            activities: [{ activity: 'A1', status: 'delayed', narrative: 'Draft ready.', obstacles: ' No premises. ' }],
          }),
          makeReport('NATC', [['A2', 'completed']]),
          makeReport('NGO', [['A3', 'completed']], { status: 'returned' }),
          makeReport('MUN', [], { activities: [{ activity: 'A3', status: 'ongoing', narrative: 'Waiting for funds.' }] }),
        ]),
        makeRound('R3', '2022-06-30', [
          makeReport('MOI', [], {
            activities: [
              { activity: 'A1', status: 'completed' },
              { activity: 'A4', status: 'ongoing', spent: [{ source: 'state_budget', amount: 400 }] },
            ],
          }),
        ]),
      ],
    },
  });
}

const kinds = (plan: OperationalPlan) => plan.activities.map((item) => [item.activity, item.kind]);

describe('the first draft of an operational plan', () => {
  const pkg = testPackage();

  it('lists the activities due in the year and those carried over with the reason of the last report of the year before', () => {
    const plan = draftOperationalPlan(pkg, 'AP1', 2022);
    expect(plan.status).toBe('draft');
    expect(kinds(plan)).toEqual([
      ['A4', 'due'],
      ['A5', 'due'],
      ['A6', 'due'],
      ['A1', 'carried_over'],
      ['A3', 'carried_over'],
    ]);
    // A1: the lead's obstacles, trimmed, rather than its narrative. A3: the returned NGO report does not count; the municipality's narrative does.
    expect(plan.activities.slice(3)).toEqual([
      { activity: 'A1', kind: 'carried_over', reason: 'No premises.', reportedStatus: 'delayed', reportedRound: 'R2' },
      { activity: 'A3', kind: 'carried_over', reason: 'Waiting for funds.', reportedStatus: 'ongoing', reportedRound: 'R2' },
    ]);
  });

  it('prefills the cost lines of the year in minor units, and the latest recommendation of each source', () => {
    const plan = draftOperationalPlan(pkg, 'AP1', 2022);
    expect(plan.costs).toEqual([
      { activity: 'A4', amount: 100000, source: 'donor', funder: 'EU', status: 'pledged' },
      { activity: 'A4', amount: 200000, source: 'state_budget', funder: null, status: 'secured' },
      { activity: 'A5', amount: 70000, source: 'state_budget', funder: null, status: 'secured' },
    ]);
    // GRETA's latest year up to 2022 is 2022 (REC2); the US TIP report's is 2021 (REC3), as REC4 is of 2023.
    expect(plan.recommendations).toEqual([
      { recommendation: 'REC2', action: '' },
      { recommendation: 'REC3', action: '' },
    ]);
    expect(latestRecommendations(pkg, 2023).map((item) => item.id)).toEqual(['REC2', 'REC4']);
  });

  it('carries nothing into the first year, and refuses a year outside the plan', () => {
    expect(kinds(draftOperationalPlan(pkg, 'AP1', 2021))).toEqual([
      ['A1', 'due'],
      ['A2', 'due'],
      ['A3', 'due'],
      ['A4', 'due'],
      ['A6', 'due'],
      ['A7', 'due'],
    ]);
    const refusal = (() => {
      try {
        draftOperationalPlan(pkg, 'AP1', 2023);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).issues).toEqual([
      { path: 'year', key: 'year_outside_plan', params: { start: '2021-01-01', end: '2022-12-31' } },
    ]);
  });
});

describe('changing an operational plan', () => {
  const pkg = testPackage();
  const draft = draftOperationalPlan(pkg, 'AP1', 2022);
  const unchanged: OperationalChange = {
    activities: draft.activities.map(({ activity, reason }) => ({ activity, reason })),
    costs: draft.costs,
    recommendations: draft.recommendations,
  };

  it('takes each activity’s kind from its dates and keeps the reported status of a carried one', () => {
    const { content, issues } = reviseOperationalPlan(pkg, draft, {
      ...unchanged,
      activities: [
        { activity: 'A4', reason: 'ignored for a due activity' },
        { activity: 'A1', reason: '  The premises were found in March. ' },
        { activity: 'A2', reason: '' },
      ],
      costs: [{ activity: 'A4', amount: 150000, source: 'donor', funder: ' ', status: 'pledged' }],
      recommendations: [{ recommendation: 'REC2', action: ' Open a second shelter. ' }],
    });
    expect(issues).toEqual([]);
    expect(content.activities).toEqual([
      { activity: 'A4', kind: 'due', reason: null, reportedStatus: null, reportedRound: null },
      { activity: 'A1', kind: 'carried_over', reason: 'The premises were found in March.', reportedStatus: 'delayed', reportedRound: 'R2' },
      { activity: 'A2', kind: 'carried_over', reason: null, reportedStatus: null, reportedRound: null },
    ]);
    expect(content.costs).toEqual([{ activity: 'A4', amount: 150000, source: 'donor', funder: null, status: 'pledged' }]);
    expect(content.recommendations).toEqual([{ recommendation: 'REC2', action: 'Open a second shelter.' }]);
  });

  it('names every problem by its path', () => {
    const plan2021 = draftOperationalPlan(pkg, 'AP1', 2021);
    const { issues } = reviseOperationalPlan(pkg, plan2021, {
      activities: [
        { activity: 'X9', reason: null },
        { activity: 'A4', reason: null },
        { activity: 'A4', reason: null },
        { activity: 'A5', reason: null },
      ],
      costs: [
        { activity: 'A2', amount: 100, source: 'state_budget', funder: null, status: 'secured' },
        { activity: 'A4', amount: -1, source: 'state_budget', funder: null, status: 'secured' },
        { activity: 'A4', amount: 1.5, source: 'state_budget', funder: null, status: 'secured' },
      ],
      recommendations: [
        { recommendation: 'REC9', action: '' },
        { recommendation: 'REC1', action: '' },
        { recommendation: 'REC1', action: '' },
      ],
    });
    expect(issues).toEqual([
      { path: 'activities[0].activity', key: 'unknown_activity', params: { id: 'X9' } },
      { path: 'activities[2].activity', key: 'activity_repeated', params: { id: 'A4' } },
      { path: 'activities[3].activity', key: 'activity_after_year', params: { id: 'A5', year: 2021 } },
      { path: 'costs[0].activity', key: 'cost_activity_not_included', params: { id: 'A2' } },
      { path: 'costs[1].amount', key: 'too_small', params: { minimum: 0 } },
      { path: 'costs[2].amount', key: 'too_small', params: { minimum: 0 } },
      { path: 'recommendations[0].recommendation', key: 'unknown_recommendation', params: { id: 'REC9' } },
      { path: 'recommendations[2].recommendation', key: 'activity_repeated', params: { id: 'REC1' } },
    ]);
  });
});

describe('the progress and report of an operational plan', () => {
  const pkg = testPackage();
  const draft = draftOperationalPlan(pkg, 'AP1', 2022);

  it('is the progress measure on its activities, its year’s costs and the money spent in its year', () => {
    const progress = operationalProgress(pkg, draft, '2022-12-31', 'TL/AP1/2022');
    // A1 completed in R3; A4 ongoing (ends on D); A5 and A3 past their end; A6 has no end and no report.
    expect(progress.activities.items).toEqual([
      { id: 'A1', status: 'completed' },
      { id: 'A3', status: 'delayed' },
      { id: 'A4', status: 'ongoing' },
      { id: 'A5', status: 'delayed' },
      { id: 'A6', status: 'not_started' },
    ]);
    expect(progress.activities.implementationRate).toBe(0.2);
    // Planned: 1,000 + 2,000 + 700 = 3,700; spent in 2022: R3's 400 (R1's 250 was spent in 2021). 400 / 3,700 = 0.10811.
    expect(progress.budget).toEqual({ plannedToDate: 3700, spent: 400, execution: 0.1081 });
    const edited: OperationalPlan = {
      ...draft,
      costs: draft.costs.map((line) => (line.source === 'donor' ? { ...line, amount: 150000 } : line)),
    };
    // 400 / 4,200 = 0.095238.
    expect(operationalProgress(pkg, edited, '2022-12-31', 'TL/AP1/2022').budget).toEqual({
      plannedToDate: 4200,
      spent: 400,
      execution: 0.0952,
    });
  });

  it('reports the year’s activities, the carried ones and why, the costs and the recommendations with their answering activities', () => {
    const report = operationalReport(
      pkg,
      { ...draft, recommendations: [{ recommendation: 'REC2', action: 'Open a second shelter.' }] },
      '2022-12-31',
      'TL/AP1/2022',
    );
    expect(report.due.map((row) => [row.activity, row.status, row.cost])).toEqual([
      ['A4', 'ongoing', 3000],
      ['A5', 'delayed', 700],
      ['A6', 'not_started', 0],
    ]);
    expect(report.carriedOver.map((row) => [row.activity, row.reason, row.reportedStatus, row.status])).toEqual([
      ['A1', 'No premises.', 'delayed', 'completed'],
      ['A3', 'Waiting for funds.', 'ongoing', 'delayed'],
    ]);
    expect(report.finance.total).toBe(3700);
    expect(report.finance.byStatus).toEqual({ secured: 2700, pledged: 1000, unfunded: 0 });
    expect(report.recommendations).toEqual([
      {
        id: 'REC2',
        source: 'greta',
        reference: null,
        year: 2022,
        text: 'Fund shelters.',
        action: 'Open a second shelter.',
        activities: ['A6'],
      },
    ]);
  });
});

describe('the carry-over report', () => {
  const pkg = testPackage();
  const plan2022 = draftOperationalPlan(pkg, 'AP1', 2022);

  it('lists per year what was not done by its end and what happened to it', () => {
    const report = carryOverReport(pkg, 'AP1', [plan2022], '2023-03-01');
    expect(report.years.map((year) => year.year)).toEqual([2021, 2022]);
    const [y2021, y2022] = report.years;
    // 2021: A2 completed and A7 cancelled in time; A1 was completed in R3; A3 went into the 2022 plan.
    expect(y2021?.entries.map((entry) => [entry.activity, entry.statusAtYearEnd, entry.reason, entry.fate, entry.fateRound])).toEqual([
      ['A1', 'delayed', 'No premises.', 'completed', 'R3'],
      ['A3', 'ongoing', 'Waiting for funds.', 'carried_over', null],
    ]);
    // 2022: A1 (carried in) is done; A3 (carried in), A4, A5 and A6 (ending in 2022) are not, and no 2023 plan takes them.
    expect(y2022?.entries.map((entry) => [entry.activity, entry.statusAtYearEnd, entry.fate])).toEqual([
      ['A3', 'ongoing', 'pending'],
      ['A4', 'ongoing', 'pending'],
      ['A5', 'not_started', 'pending'],
      ['A6', 'not_started', 'pending'],
    ]);
    expect(y2021?.entries[0]?.lead).toEqual({ id: 'MOI', name: 'Ministry of Interior' });
  });

  it('covers only the years ended before its date, and without an operational plan nothing is carried', () => {
    const report = carryOverReport(pkg, 'AP1', [], '2022-12-31');
    expect(report.years.map((year) => year.year)).toEqual([2021]);
    expect(report.years[0]?.entries.map((entry) => [entry.activity, entry.fate])).toEqual([
      ['A1', 'completed'],
      ['A3', 'pending'],
    ]);
    // As of mid-2022, A1's completion is not yet reported.
    expect(carryOverReport(pkg, 'AP1', [], '2022-06-29').years[0]?.entries[0]?.fate).toBe('pending');
  });
});
