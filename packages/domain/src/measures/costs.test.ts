import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMinorUnits } from '../format.ts';
import { PlanPackageSchema, type PlanPackage } from '../plan/package.ts';
import { AREAS, FUNDING_SOURCES, FUNDING_STATUSES } from '../plan/vocabulary.ts';
import { costItems, donorView, resourcePlan } from './costs.ts';
import { planFinance } from './finance.ts';
import { edit, makeActivity, makeCost, makePackage, makePlan } from './test-factories.ts';

// A small plan whose figures were worked out by hand: ids out of order (A10 sorts before A2 in
// code-point order, É1 after every ASCII id), decimals that float arithmetic would drift on, an
// activity without a lead, one with no cost line, and two unfunded activities.
const small = makePackage({
  activities: [
    makeActivity({
      id: 'B2',
      objective: 'O3',
      lead: 'NGO',
      costs: [
        makeCost({ year: 2021, amount: 1000.1, source: 'state_budget', status: 'secured' }),
        makeCost({ year: 2022, amount: 500.2, source: 'donor', funder: 'MOI', status: 'unfunded' }),
      ],
    }),
    makeActivity({
      id: 'A10',
      objective: 'O1',
      lead: 'MOI',
      costs: [makeCost({ year: 2023, amount: 0.3, source: 'local_budget', status: 'pledged' })],
    }),
    makeActivity({
      id: 'A2',
      objective: 'O3',
      lead: undefined,
      costs: [
        makeCost({ year: 2022, amount: 2499.4, source: 'state_budget', status: 'unfunded' }),
        makeCost({ year: 2022, amount: 0.6, source: 'other', status: 'unfunded' }),
      ],
    }),
    makeActivity({ id: 'A3', objective: 'O5', costs: [] }),
    makeActivity({ id: 'É1', objective: 'O2', lead: 'MUN', costs: [makeCost({ year: 2021, amount: 100 })] }),
  ],
});

describe('cost items of an action plan', () => {
  it('lists every cost line by activity id, then in the activity’s order, with its goal, area and lead', () => {
    expect(costItems(small, 'AP1')).toEqual([
      {
        activity: 'A10',
        title: 'Activity A10',
        objective: 'O1',
        goal: 'G1',
        area: 'supporting_framework',
        lead: 'MOI',
        leadName: 'Ministry of Interior',
        year: 2023,
        source: 'local_budget',
        funder: null,
        status: 'pledged',
        amount: 0.3,
      },
      {
        activity: 'A2',
        title: 'Activity A2',
        objective: 'O3',
        goal: 'G3',
        area: 'protection',
        lead: null,
        leadName: null,
        year: 2022,
        source: 'state_budget',
        funder: null,
        status: 'unfunded',
        amount: 2499.4,
      },
      expect.objectContaining({ activity: 'A2', year: 2022, source: 'other', status: 'unfunded', amount: 0.6 }),
      expect.objectContaining({ activity: 'B2', lead: 'NGO', leadName: 'Shelter', year: 2021, source: 'state_budget', amount: 1000.1 }),
      expect.objectContaining({ activity: 'B2', year: 2022, source: 'donor', funder: 'MOI', status: 'unfunded', amount: 500.2 }),
      expect.objectContaining({ activity: 'É1', goal: 'G2', area: 'prevention', lead: 'MUN', leadName: 'Municipality', amount: 100 }),
    ]);
  });

  it('gives a lead the package does not describe without a name', () => {
    const unknown = edit(small, (p) => {
      const activity = p.actionPlans[0]?.activities.find((a) => a.id === 'É1');
      if (activity) activity.lead = 'NOBODY';
    });
    expect(costItems(unknown, 'AP1').at(-1)).toMatchObject({ lead: 'NOBODY', leadName: null });
  });

  it('is empty for a plan without costs, and fails with NOT_FOUND for an unknown plan', () => {
    expect(costItems(makePackage({ activities: [makeActivity({ id: 'A1', costs: [] })] }), 'AP1')).toEqual([]);
    expect(() => costItems(small, 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('the resource plan', () => {
  it('sums the costs per area and year, with every row and column total', () => {
    expect(resourcePlan(small, 'AP1')).toEqual({
      years: [2021, 2022, 2023],
      areas: ['supporting_framework', 'prevention', 'protection'],
      cells: [
        { area: 'supporting_framework', year: 2021, amount: 0 },
        { area: 'supporting_framework', year: 2022, amount: 0 },
        { area: 'supporting_framework', year: 2023, amount: 0.3 },
        { area: 'prevention', year: 2021, amount: 100 },
        { area: 'prevention', year: 2022, amount: 0 },
        { area: 'prevention', year: 2023, amount: 0 },
        // 1,000.10; then 2,499.40 + 0.60 + 500.20 = 3,000.20.
        { area: 'protection', year: 2021, amount: 1000.1 },
        { area: 'protection', year: 2022, amount: 3000.2 },
        { area: 'protection', year: 2023, amount: 0 },
      ],
      byArea: {
        supporting_framework: 0.3,
        prevention: 100,
        protection: 4000.3,
        prosecution: 0,
        partnership: 0,
        children: 0,
        other: 0,
      },
      byYear: { '2021': 1100.1, '2022': 3000.2, '2023': 0.3 },
      total: 4100.6,
    });
  });

  it('has no rows, columns or cells when nothing is costed', () => {
    const none = makePackage({ activities: [makeActivity({ id: 'A1', costs: [] })] });
    expect(resourcePlan(none, 'AP1')).toMatchObject({ years: [], areas: [], cells: [], byYear: {}, total: 0 });
  });

  it('counts only the plan asked for', () => {
    const two = edit(small, (p) => {
      p.actionPlans.push(
        makePlan({ id: 'AP2', activities: [makeActivity({ id: 'C1', objective: 'O4', costs: [makeCost({ amount: 7 })] })] }),
      );
    });
    expect(resourcePlan(two, 'AP1').total).toBe(4100.6);
    expect(resourcePlan(two, 'AP2')).toMatchObject({ areas: ['prosecution'], years: [2021], total: 7 });
  });
});

describe('the donor view', () => {
  it('lists the unfunded activities in code-point order with their whole cost and unfunded part', () => {
    expect(donorView(small, 'AP1')).toEqual({
      currency: 'EUR',
      items: [
        {
          activity: 'A2',
          title: 'Activity A2',
          area: 'protection',
          goal: 'G3',
          objective: 'O3',
          lead: null,
          leadName: null,
          totalCost: 2500,
          unfunded: 2500,
        },
        {
          activity: 'B2',
          title: 'Activity B2',
          area: 'protection',
          goal: 'G3',
          objective: 'O3',
          lead: 'NGO',
          leadName: 'Shelter',
          totalCost: 1500.3,
          unfunded: 500.2,
        },
      ],
      totalUnfunded: 3000.2,
    });
    expect(donorView(small, 'AP1').items.map((item) => item.activity)).toEqual(planFinance(small, 'AP1', 'TL/AP1').unfundedActivities);
  });

  it('lists an activity whose only unfunded line is 0, as planFinance does', () => {
    const zero = makePackage({ activities: [makeActivity({ id: 'A1', costs: [makeCost({ amount: 0, status: 'unfunded' })] })] });
    expect(donorView(zero, 'AP1')).toMatchObject({ items: [{ activity: 'A1', totalCost: 0, unfunded: 0 }], totalUnfunded: 0 });
  });

  it('is empty when everything is secured or pledged', () => {
    expect(donorView(makePackage(), 'AP1')).toEqual({ currency: 'EUR', items: [], totalUnfunded: 0 });
  });
});

const demoland = PlanPackageSchema.parse(
  JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')),
);

// The figures below were summed by hand from the cost lines of the JSON, per goal and year.
describe('Demoland, action plan 2021–2022', () => {
  it('has 65 cost lines summing to 1,181,500', () => {
    const items = costItems(demoland, 'AP-2021-2022');
    expect(items).toHaveLength(65);
    expect(items.reduce((sum, item) => sum + toMinorUnits(item.amount), 0) / 100).toBe(1181500);
    expect(items[0]).toEqual({
      activity: 'A1.1.1',
      title: 'Hold quarterly meetings of the National Anti-Trafficking Coordination Body and publish semi-annual monitoring reports',
      objective: 'O1.1',
      goal: 'G1',
      area: 'supporting_framework',
      lead: 'NATC',
      leadName: 'Office of the National Anti-Trafficking Coordinator',
      year: 2021,
      source: 'state_budget',
      funder: 'NATC',
      status: 'secured',
      amount: 14500,
    });
  });

  it('has the resource plan of five areas over two years', () => {
    const plan = resourcePlan(demoland, 'AP-2021-2022');
    expect(plan.years).toEqual([2021, 2022]);
    expect(plan.areas).toEqual(['supporting_framework', 'prevention', 'protection', 'prosecution', 'children']);
    expect(plan.cells.map((cell) => [cell.area, cell.year, cell.amount])).toEqual([
      ['supporting_framework', 2021, 79000],
      ['supporting_framework', 2022, 107500],
      ['prevention', 2021, 108000],
      ['prevention', 2022, 113500],
      ['protection', 2021, 252000],
      ['protection', 2022, 275000],
      ['prosecution', 2021, 42000],
      ['prosecution', 2022, 130000],
      ['children', 2021, 20500],
      ['children', 2022, 54000],
    ]);
    expect(plan.byYear).toEqual({ '2021': 501500, '2022': 680000 });
    expect(plan.byArea).toMatchObject({
      supporting_framework: 186500,
      prevention: 221500,
      protection: 527000,
      prosecution: 172000,
      children: 74500,
    });
    expect(plan.total).toBe(1181500);
  });

  it('has a donor view of 11 activities and 175,000 unfunded', () => {
    const view = donorView(demoland, 'AP-2021-2022');
    expect(view.totalUnfunded).toBe(175000);
    expect(view.items.map((item) => [item.activity, item.area, item.lead, item.totalCost, item.unfunded])).toEqual([
      ['A1.3.1', 'supporting_framework', 'NATC', 85000, 15000],
      ['A2.1.1', 'prevention', 'NATC', 92000, 22000],
      ['A2.1.3', 'prevention', 'MUN-VEL', 12000, 3000],
      ['A3.1.2', 'protection', 'MLSP', 52000, 14000],
      ['A3.2.3', 'protection', 'MOJ', 25000, 6000],
      ['A3.3.1', 'protection', 'NGO-RE', 108000, 24000],
      ['A4.1.3', 'prosecution', 'MOI', 86000, 36000],
      ['A4.2.1', 'prosecution', 'MOJ', 52000, 33000],
      ['A5.1.2', 'children', 'MUN-VEL', 23000, 6000],
      ['A5.1.3', 'children', 'NGO-HL', 10500, 10500],
      ['A5.2.2', 'children', 'MLSP', 12000, 5500],
    ]);
    expect(view.items[9]).toMatchObject({
      leadName: 'Open Line Association (national anti-trafficking hotline)',
      goal: 'G5',
      objective: 'O5.1',
    });
  });
});

const OBJECTIVES = ['O1', 'O2', 'O3', 'O4', 'O5', 'O-unknown'] as const;

/** A random plan: up to 10 activities of up to 5 cost lines in whole cents, some of an objective the strategy does not have. */
const planArb = fc
  .array(
    fc.record({
      objective: fc.constantFrom(...OBJECTIVES),
      lead: fc.option(fc.constantFrom('NATC', 'MOI', 'NGO', 'MUN'), { nil: undefined }),
      costs: fc.array(
        fc.record({
          year: fc.integer({ min: 2020, max: 2024 }),
          amount: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
          source: fc.constantFrom(...FUNDING_SOURCES),
          status: fc.constantFrom(...FUNDING_STATUSES),
        }),
        { maxLength: 5 },
      ),
    }),
    { maxLength: 10 },
  )
  .map((activities): PlanPackage =>
    makePackage({ activities: activities.map((activity, i) => makeActivity({ id: `A${(i * 7) % 11}-${i}`, ...activity })) }),
  );

const cents = (amount: number) => toMinorUnits(amount);

describe('cost properties', () => {
  it('the resource plan’s cells sum to its total, which is the finance total; rows and columns sum to it too', () => {
    fc.assert(
      fc.property(planArb, (pkg) => {
        const plan = resourcePlan(pkg, 'AP1');
        const finance = planFinance(pkg, 'AP1', 'TL/AP1');
        expect(plan.cells.reduce((sum, cell) => sum + cents(cell.amount), 0)).toBe(cents(plan.total));
        expect(plan.total).toBe(finance.total);
        expect(Object.values(plan.byYear).reduce((sum, amount) => sum + cents(amount), 0)).toBe(cents(plan.total));
        expect(AREAS.reduce((sum, area) => sum + cents(plan.byArea[area]), 0)).toBe(cents(plan.total));
        expect(plan.byYear).toEqual(finance.byYear);
        expect(plan.cells).toHaveLength(plan.areas.length * plan.years.length);
      }),
    );
  });

  it('the cost items sum to the finance total', () => {
    fc.assert(
      fc.property(planArb, (pkg) => {
        const items = costItems(pkg, 'AP1');
        expect(items.reduce((sum, item) => sum + cents(item.amount), 0)).toBe(cents(planFinance(pkg, 'AP1', 'TL/AP1').total));
      }),
    );
  });

  it('the donor view’s total is the funding gap, over the unfunded activities of the finance figures', () => {
    fc.assert(
      fc.property(planArb, (pkg) => {
        const view = donorView(pkg, 'AP1');
        const finance = planFinance(pkg, 'AP1', 'TL/AP1');
        expect(view.totalUnfunded).toBe(finance.fundingGap);
        expect(view.items.map((item) => item.activity)).toEqual(finance.unfundedActivities);
        for (const item of view.items) expect(item.unfunded).toBeLessThanOrEqual(item.totalCost);
      }),
    );
  });
});
