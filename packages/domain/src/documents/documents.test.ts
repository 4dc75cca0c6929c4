import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalogs.ts';
import { costItems, donorView, resourcePlan } from '../measures/costs.ts';
import { planFinance } from '../measures/finance.ts';
import { reviewPlan } from '../measures/review.ts';
import { cleanActivities, edit, makeCost, makeIndicator, makePackage } from '../measures/test-factories.ts';
import { financialPlanDocument } from './financial-plan.ts';
import { planReviewDocument } from './plan-review.ts';
import { planActivities, planDocument } from './plan.ts';

// The three documents of an action plan as a whole, on a small package whose figures are worked
// out by hand: AP1's five activities cost 1,000 (A1, 2021), 1,000 + 250.50 unfunded from other
// sources (A2, 2021 and 2022), 2,000 (A3, 2022), 500 from the local budget (A4, 2022) and 500
// pledged by a donor (A5, 2022): 5,250.50 in all.

const ADDRESS = 'TL/AP1';

function smallPackage() {
  const activities = cleanActivities().map((activity) =>
    activity.id === 'A2'
      ? {
          ...activity,
          partners: ['NGO', 'UNKNOWN'],
          costs: [makeCost(), makeCost({ year: 2022, amount: 250.5, source: 'other', status: 'unfunded' })],
        }
      : activity,
  );
  const pkg = makePackage({ activities });
  return edit(pkg, (draft) => {
    const objective = draft.strategy.goals[0]?.objectives[0];
    if (objective) {
      objective.indicators = [
        makeIndicator({
          id: 'O1-I1',
          level: 'outcome',
          milestones: [
            { value: 5, year: 2022 },
            { value: 2, year: 2021 },
          ],
        }),
      ];
    }
  });
}

describe('the strategy and action plan document', () => {
  const pkg = smallPackage();
  const document = planDocument(pkg, 'AP1', ADDRESS);

  it('names the Participant, the strategy and the plan with their status', () => {
    expect(document.participant).toEqual({ code: 'TL', name: 'Testland', currency: 'EUR' });
    expect(document.strategy).toMatchObject({ id: 'S1', periodStart: 2021, periodEnd: 2024, status: 'adopted', adoptedOn: null });
    expect(document.plan).toEqual({
      id: 'AP1',
      title: 'Action plan AP1',
      start: '2021-01-01',
      end: '2022-12-31',
      status: 'adopted',
      adoptedOn: null,
    });
    expect(document.situationAnalysis).toBe('Testland is a country of origin and transit.');
    expect(document.principles).toHaveLength(5);
  });

  it('lays out the matrix goal by goal, objective by objective, with costs by source from the cost lines', () => {
    expect(document.goals.map((goal) => [goal.id, goal.area, goal.objectives.map((objective) => objective.id)])).toEqual([
      ['G1', 'supporting_framework', ['O1']],
      ['G2', 'prevention', ['O2']],
      ['G3', 'protection', ['O3']],
      ['G4', 'prosecution', ['O4']],
      ['G5', 'children', ['O5']],
    ]);
    expect(planActivities(document).map((activity) => [activity.id, activity.cost])).toEqual([
      ['A1', 1000],
      ['A2', 1250.5],
      ['A3', 2000],
      ['A4', 500],
      ['A5', 500],
    ]);
    const a2 = planActivities(document).find((activity) => activity.id === 'A2');
    expect(a2).toMatchObject({
      lead: { id: 'MOI', name: 'Ministry of Interior' },
      partners: [
        { id: 'NGO', name: 'Shelter' },
        { id: 'UNKNOWN', name: null },
      ],
      start: '2021-01-01',
      end: '2022-12-31',
      costBySource: { state_budget: 1000, local_budget: 0, donor: 0, other: 250.5 },
    });
    expect(a2?.indicators.map((indicator) => indicator.id)).toEqual(['A2-I1']);
    // The activities' costs add up to the plan's total of the measures.
    const sum = planActivities(document).reduce((total, activity) => total + activity.cost * 100, 0) / 100;
    expect(sum).toBe(document.finance.total);
  });

  it('shows each indicator with its baseline, milestones in order and target', () => {
    expect(document.goals[0]?.objectives[0]?.indicators[0]).toEqual({
      id: 'O1-I1',
      name: 'Indicator O1-I1',
      level: 'outcome',
      measure: 'number',
      unit: 'persons',
      baseline: { value: 0, year: 2020 },
      milestones: [
        { value: 2, year: 2021 },
        { value: 5, year: 2022 },
      ],
      target: { value: 10, year: 2024 },
      meansOfVerification: null,
    });
  });

  it('takes the resource plan and finance from the measures, and keeps risks and the contingency plan', () => {
    expect(document.resourcePlan).toEqual(resourcePlan(pkg, 'AP1'));
    expect(document.finance).toEqual(planFinance(pkg, 'AP1', ADDRESS));
    expect(document.resourcePlan.total).toBe(5250.5);
    expect(document.resourcePlan.byYear).toEqual({ '2021': 2000, '2022': 3250.5 });
    expect(document.risks).toEqual([
      {
        id: 'RSK1',
        description: 'Budget cuts.',
        category: 'financial',
        likelihood: 3,
        impact: 4,
        mitigation: 'Reserve funds.',
        owner: null,
      },
    ]);
    expect(document.contingency).toEqual({
      scenarios: [{ type: 'pandemic', description: 'Lockdown.' }],
      minimumServices: ['shelter'],
      reserveFunds: null,
    });
  });

  it('leaves out what the strategy does not have', () => {
    const bare = planDocument(
      edit(pkg, (draft) => {
        delete draft.strategy.situationAnalysis;
        delete draft.strategy.risks;
        delete draft.strategy.contingency;
      }),
      'AP1',
      ADDRESS,
    );
    expect(bare.situationAnalysis).toBeNull();
    expect(bare.risks).toEqual([]);
    expect(bare.contingency).toBeNull();
  });

  it('refuses a plan that is not in the package', () => {
    expect(() => planDocument(pkg, 'AP9', ADDRESS)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('the plan review document', () => {
  const pkg = edit(smallPackage(), (draft) => {
    delete draft.strategy.situationAnalysis;
    const first = draft.actionPlans[0]?.activities[0];
    if (first) delete first.lead;
  });
  const document = planReviewDocument(pkg, 'AP1', ADDRESS);

  it('holds the findings of the review, counted by severity', () => {
    // R05: A1 has no lead (error); R16: no situation analysis (warning); R23: 250.50 unfunded (info).
    expect(document.findings.map((finding) => [finding.rule, finding.severity, finding.subject])).toEqual([
      ['R05', 'error', 'A1'],
      ['R16', 'warning', null],
      ['R23', 'info', null],
    ]);
    expect(document.summary).toEqual({ error: 1, warning: 1, info: 1, total: 3, byRule: { R05: 1, R16: 1, R23: 1 } });
    expect(document.address).toBe(ADDRESS);
  });

  it('keeps the messages as keys that render as the review renders them, in any language', () => {
    expect(document.findings[0]?.message).toEqual({ key: 'review.R05.message', params: { subject: 'A1' } });
    for (const language of ['en', 'sr-Cyrl'] as const) {
      const t = translator(language);
      const review = reviewPlan(pkg, 'AP1', ADDRESS, t);
      expect(document.findings.map((finding) => t(finding.message.key, finding.message.params))).toEqual(
        review.findings.map((finding) => finding.message),
      );
    }
  });

  it('is empty for a plan that breaks no rule', () => {
    const clean = planReviewDocument(makePackage(), 'AP1', ADDRESS);
    expect(clean.findings).toEqual([]);
    expect(clean.summary.total).toBe(0);
  });
});

describe('the financial plan document', () => {
  const pkg = smallPackage();
  const document = financialPlanDocument(pkg, 'AP1', ADDRESS);

  it('totals what is planned, secured, pledged and unfunded', () => {
    expect(document.finance.total).toBe(5250.5);
    expect(document.finance.byStatus).toEqual({ secured: 4500, pledged: 500, unfunded: 250.5 });
    expect(document.finance.fundingGap).toBe(250.5);
    expect(document.finance).toEqual(planFinance(pkg, 'AP1', ADDRESS));
  });

  it('gives the money of each source year by year, adding up to the totals by source and year', () => {
    expect(document.years).toEqual([2021, 2022]);
    expect(document.bySourceAndYear).toEqual([
      { source: 'state_budget', byYear: { '2021': 2000, '2022': 2000 }, total: 4000 },
      { source: 'local_budget', byYear: { '2021': 0, '2022': 500 }, total: 500 },
      { source: 'donor', byYear: { '2021': 0, '2022': 500 }, total: 500 },
      { source: 'other', byYear: { '2021': 0, '2022': 250.5 }, total: 250.5 },
    ]);
    for (const year of ['2021', '2022']) {
      const sum = document.bySourceAndYear.reduce((total, row) => total + (row.byYear[year] ?? 0) * 100, 0) / 100;
      expect(sum).toBe(document.finance.byYear[year]);
    }
    expect(costItems(pkg, 'AP1')).toHaveLength(6);
  });

  it('has the resource plan and the donor view of the measures', () => {
    expect(document.resourcePlan).toEqual(resourcePlan(pkg, 'AP1'));
    expect(document.resourcePlan.cells.filter((cell) => cell.area === 'prevention')).toEqual([
      { area: 'prevention', year: 2021, amount: 1000 },
      { area: 'prevention', year: 2022, amount: 250.5 },
    ]);
    expect(document.donorView).toEqual(donorView(pkg, 'AP1'));
    expect(document.donorView.items.map((item) => [item.activity, item.totalCost, item.unfunded])).toEqual([['A2', 1250.5, 250.5]]);
    expect(document.donorView.totalUnfunded).toBe(250.5);
  });
});
