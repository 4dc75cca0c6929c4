import { describe, expect, it } from 'vitest';
import type { PlanPackage } from '../plan/package.ts';
import { planFinance } from './finance.ts';
import { activityOf, edit, makeActivity, makeCost, makePackage, makePlan } from './test-factories.ts';

function finance(pkg: PlanPackage, planId = 'AP1') {
  return planFinance(pkg, planId, `TL/${planId}`);
}

describe('finance of an action plan', () => {
  const pkg = makePackage({
    activities: [
      makeActivity({
        id: 'A2',
        objective: 'O1',
        lead: 'NGO',
        costs: [
          makeCost({ year: 2021, amount: 1000.1, source: 'state_budget', status: 'secured' }),
          makeCost({ year: 2022, amount: 500.2, source: 'donor', status: 'unfunded' }),
        ],
      }),
      makeActivity({
        id: 'A10',
        objective: 'O3',
        lead: 'MOI',
        costs: [makeCost({ year: 2023, amount: 0.3, source: 'local_budget', status: 'pledged' })],
      }),
      makeActivity({
        id: 'A1',
        objective: 'O3',
        lead: 'MOI',
        costs: [makeCost({ year: 2022, amount: 2499.4, source: 'state_budget', status: 'unfunded' })],
      }),
      makeActivity({ id: 'A3', objective: 'O5', costs: [] }),
    ],
  });

  it('gives every figure of measures.md §1', () => {
    expect(finance(pkg)).toEqual({
      plan: 'TL/AP1',
      currency: 'EUR',
      total: 4000,
      byYear: { '2021': 1000.1, '2022': 2999.6, '2023': 0.3 },
      byArea: { supporting_framework: 1500.3, protection: 2499.7 },
      bySource: { state_budget: 3499.5, local_budget: 0.3, donor: 500.2, other: 0 },
      byStatus: { secured: 1000.1, pledged: 0.3, unfunded: 2999.6 },
      stateShare: 0.8749, // 3499.5 / 4000 = 0.874875
      fundingGap: 2999.6,
      ngoShare: 0.3751, // 1500.3 / 4000 = 0.375075
      unfundedActivities: ['A1', 'A2'],
    });
  });

  it('adds money in cents, so decimals do not drift', () => {
    const cents = makePackage({
      activities: [
        makeActivity({ id: 'A1', costs: [makeCost({ amount: 0.1 }), makeCost({ amount: 0.2 }), makeCost({ amount: 0.1, year: 2022 })] }),
      ],
    });
    const result = finance(cents);
    expect(result.total).toBe(0.4);
    expect(result.byYear).toEqual({ '2021': 0.3, '2022': 0.1 });
  });

  it('orders the keys of byYear by year and of byArea in the order of the areas', () => {
    const result = finance(pkg);
    expect(Object.keys(result.byYear)).toEqual(['2021', '2022', '2023']);
    expect(Object.keys(result.byArea)).toEqual(['supporting_framework', 'protection']);
    expect(Object.keys(result.bySource)).toEqual(['state_budget', 'local_budget', 'donor', 'other']);
    expect(Object.keys(result.byStatus)).toEqual(['secured', 'pledged', 'unfunded']);
  });

  it('keeps an area whose only cost line is 0, and leaves out one with no cost line', () => {
    const zero = edit(pkg, (p) => void (activityOf(p, 'A3').costs = [makeCost({ amount: 0 })]));
    expect(finance(zero).byArea).toEqual({ supporting_framework: 1500.3, protection: 2499.7, children: 0 });
  });

  it('rounds shares half away from zero to 4 decimals', () => {
    const fifth = makePackage({
      activities: [
        makeActivity({ id: 'A1', lead: 'NGO', costs: [makeCost({ amount: 500 })] }),
        makeActivity({ id: 'A2', lead: 'MOI', costs: [makeCost({ amount: 2700, source: 'donor' })] }),
      ],
    });
    // 500 / 3200 = 0.15625 exactly.
    expect(finance(fifth).stateShare).toBe(0.1563);
    expect(finance(fifth).ngoShare).toBe(0.1563);
    const third = makePackage({
      activities: [makeActivity({ id: 'A1', costs: [makeCost({ amount: 1 }), makeCost({ amount: 2, source: 'other' })] })],
    });
    expect(finance(third).stateShare).toBe(0.3333);
  });

  it('gives null shares and zero sums when the plan has no cost', () => {
    const none = makePackage({ activities: [makeActivity({ id: 'A1', costs: [] })] });
    expect(finance(none)).toEqual({
      plan: 'TL/AP1',
      currency: 'EUR',
      total: 0,
      byYear: {},
      byArea: {},
      bySource: { state_budget: 0, local_budget: 0, donor: 0, other: 0 },
      byStatus: { secured: 0, pledged: 0, unfunded: 0 },
      stateShare: null,
      fundingGap: 0,
      ngoShare: null,
      unfundedActivities: [],
    });
    const zero = makePackage({ activities: [makeActivity({ id: 'A1', costs: [makeCost({ amount: 0 })] })] });
    expect(finance(zero).stateShare).toBeNull();
    expect(finance(zero).byYear).toEqual({ '2021': 0 });
  });

  it('counts only the activities of the plan asked for', () => {
    const two = edit(pkg, (p) => {
      p.actionPlans.push(makePlan({ id: 'AP2', activities: [makeActivity({ id: 'B1', costs: [makeCost({ amount: 7 })] })] }));
    });
    expect(finance(two).total).toBe(4000);
    expect(finance(two, 'AP2')).toMatchObject({ plan: 'TL/AP2', total: 7, stateShare: 1, ngoShare: 0 });
  });

  it('lists each unfunded activity once, in code-point order', () => {
    const many = makePackage({
      activities: ['b', 'A10', 'a', 'A9', 'É'].map((id) =>
        makeActivity({ id, costs: [makeCost({ status: 'unfunded' }), makeCost({ status: 'unfunded' })] }),
      ),
    });
    expect(finance(many).unfundedActivities).toEqual(['A10', 'A9', 'a', 'b', 'É']);
  });

  it('takes the currency from the Participant', () => {
    const mkd = makePackage({ participant: { code: 'MK', name: 'North Macedonia', currency: 'MKD' } });
    expect(planFinance(mkd, 'AP1', 'MK/AP1')).toMatchObject({ plan: 'MK/AP1', currency: 'MKD' });
  });

  it('fails with NOT_FOUND for an unknown plan', () => {
    expect(() => finance(pkg, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
