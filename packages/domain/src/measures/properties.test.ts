import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAwayFromZero } from '../format.ts';
import { translator } from '../i18n/catalogs.ts';
import type { PlanPackage } from '../plan/package.ts';
import { ACTIVITY_STATUSES, FUNDING_SOURCES, FUNDING_STATUSES, REPORT_STATUSES } from '../plan/vocabulary.ts';
import { planFinance } from './finance.ts';
import { compareCodePoints } from './order.ts';
import { planProgress } from './progress.ts';
import { compareFindings, reviewPlan } from './review.ts';
import { makeActivity, makeIndicator, makePackage } from './test-factories.ts';

const INSTITUTIONS = ['NATC', 'MOI', 'NGO', 'MUN'] as const;
const OBJECTIVES = ['O1', 'O2', 'O3', 'O4', 'O5'] as const;
const DATES = ['2021-03-31', '2021-06-30', '2021-12-31', '2022-06-30', '2022-12-31', '2023-06-30'] as const;

const costArb = fc.record({
  year: fc.integer({ min: 2020, max: 2024 }),
  // Whole cents, as the package format allows.
  amount: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
  source: fc.constantFrom(...FUNDING_SOURCES),
  status: fc.constantFrom(...FUNDING_STATUSES),
});

const activityArb = fc.record({
  objective: fc.constantFrom(...OBJECTIVES),
  lead: fc.option(fc.constantFrom(...INSTITUTIONS), { nil: undefined }),
  end: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
  costs: fc.array(costArb, { maxLength: 4 }),
  measure: fc.constantFrom('number', 'percentage', 'yes_no', 'qualitative' as const),
  baseline: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  target: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  targetYear: fc.integer({ min: 2019, max: 2026 }),
});

/** A random package: up to 12 activities, up to 4 rounds of reports from the four institutions. */
const packageArb = fc
  .record({
    activities: fc.array(activityArb, { minLength: 0, maxLength: 12 }),
    rounds: fc.array(
      fc.record({
        periodEnd: fc.constantFrom(...DATES),
        reports: fc.array(
          fc.record({
            institution: fc.constantFrom(...INSTITUTIONS),
            status: fc.constantFrom(...REPORT_STATUSES),
            entries: fc.array(
              fc.record({
                activity: fc.nat(11),
                status: fc.constantFrom(...ACTIVITY_STATUSES),
                spent: fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100),
              }),
              { maxLength: 5 },
            ),
            values: fc.array(fc.record({ activity: fc.nat(11), value: fc.integer({ min: 0, max: 1 }) }), { maxLength: 4 }),
          }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ activities, rounds }): PlanPackage => {
    const ids = activities.map((_, i) => `A${i}`);
    return makePackage({
      activities: activities.map((a, i) =>
        makeActivity({
          id: `A${i}`,
          objective: a.objective,
          lead: a.lead,
          end: a.end,
          costs: a.costs,
          indicators: [
            makeIndicator({
              id: `A${i}-I`,
              measure: a.measure,
              scale: ['low', 'high'],
              baseline: a.baseline === undefined ? undefined : { value: a.baseline, year: 2020 },
              target: a.target === undefined ? undefined : { value: a.target, year: a.targetYear },
            }),
          ],
        }),
      ),
      monitoring: {
        rounds: rounds.map((round, r) => ({
          id: `R${r}`,
          periodStart: '2021-01-01',
          periodEnd: round.periodEnd,
          deadline: round.periodEnd,
          reports: round.reports.map((report) => ({
            institution: report.institution,
            status: report.status,
            activities: report.entries
              .filter((entry) => entry.activity < ids.length)
              .map((entry) => ({
                activity: `A${entry.activity}`,
                status: entry.status,
                spent: [{ source: 'state_budget' as const, amount: entry.spent }],
              })),
            indicatorValues: report.values
              .filter((v) => v.activity < ids.length)
              .map((v) => ({ indicator: `A${v.activity}-I`, value: v.value })),
          })),
        })),
      },
    });
  });

const cents = (amount: number) => Math.round(amount * 100);
const sumCents = (record: Record<string, number>) => Object.values(record).reduce((sum, amount) => sum + cents(amount), 0);
const inUnitInterval = (share: number | null) => share === null || (share >= 0 && share <= 1);

describe('finance properties', () => {
  it('keeps shares in [0, 1], and every breakdown adds up to the total', () => {
    fc.assert(
      fc.property(packageArb, (pkg) => {
        const result = planFinance(pkg, 'AP1', 'TL/AP1');
        expect(inUnitInterval(result.stateShare)).toBe(true);
        expect(inUnitInterval(result.ngoShare)).toBe(true);
        const total = cents(result.total);
        expect(sumCents(result.byStatus)).toBe(total);
        expect(sumCents(result.bySource)).toBe(total);
        expect(sumCents(result.byYear)).toBe(total);
        expect(sumCents(result.byArea)).toBe(total);
        expect(result.fundingGap).toBe(result.byStatus.unfunded);
        expect(result.unfundedActivities).toEqual([...new Set(result.unfundedActivities)].sort(compareCodePoints));
      }),
    );
  });
});

describe('progress properties', () => {
  it('counts every activity once, in the plan and in its area, and keeps rates and expectations in [0, 1]', () => {
    fc.assert(
      fc.property(packageArb, fc.constantFrom(...DATES), (pkg, asOf) => {
        const result = planProgress(pkg, 'AP1', asOf, 'TL/AP1');
        const { activities } = result;
        const counted = Object.values(activities.byStatus).reduce((sum, n) => sum + n, 0);
        expect(counted).toBe(activities.total);
        const perArea = Object.values(activities.byArea).reduce((sum, counts) => sum + Object.values(counts).reduce((s, n) => s + n, 0), 0);
        expect(perArea).toBe(activities.total);
        expect(activities.items).toHaveLength(activities.total);
        expect(inUnitInterval(activities.implementationRate)).toBe(true);
        for (const indicator of result.indicators) expect(inUnitInterval(indicator.expected)).toBe(true);
        expect(result.budget.spent).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('does not depend on the order of rounds and activities in the package', () => {
    fc.assert(
      fc.property(packageArb, fc.constantFrom(...DATES), (pkg, asOf) => {
        const shuffled = structuredClone(pkg);
        shuffled.monitoring?.rounds.reverse();
        shuffled.actionPlans[0]?.activities.reverse();
        expect(planProgress(shuffled, 'AP1', asOf, 'TL/AP1')).toEqual(planProgress(pkg, 'AP1', asOf, 'TL/AP1'));
      }),
    );
  });
});

describe('review properties', () => {
  const en = translator('en');
  it('sorts findings by rule and subject, the same way whatever the order of activities', () => {
    fc.assert(
      fc.property(packageArb, (pkg) => {
        const result = reviewPlan(pkg, 'AP1', 'TL/AP1', en);
        expect([...result.findings].sort(compareFindings)).toEqual(result.findings);
        const shuffled = structuredClone(pkg);
        shuffled.actionPlans[0]?.activities.reverse();
        shuffled.strategy.goals.reverse();
        expect(reviewPlan(shuffled, 'AP1', 'TL/AP1', en)).toEqual(result);
        const total = result.summary.error + result.summary.warning + result.summary.info;
        expect(total).toBe(result.findings.length);
      }),
    );
  });
});

describe('ordering and rounding', () => {
  const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0) ?? 0);
  const byCodePointArrays = (a: string, b: string) => {
    const x = codePoints(a);
    const y = codePoints(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
    return x.length - y.length;
  };

  it('orders strings exactly by code points, also beyond the Basic Multilingual Plane', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePointArrays(a, b)));
        expect(Math.sign(compareCodePoints(b, a)) + 0).toBe(-Math.sign(compareCodePoints(a, b)) + 0);
      }),
    );
  });

  it('sorts deterministically: any permutation of the input gives the same order', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.string({ unit: 'binary' }))
          .chain((values) =>
            fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length })),
          ),
        ([values, shuffled]) => {
          expect([...shuffled].sort(compareCodePoints)).toEqual([...values].sort(compareCodePoints));
        },
      ),
    );
  });

  it('rounds symmetrically around zero: round(−x) = −round(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, decimals) => {
        expect(roundHalfAwayFromZero(-x, decimals) + 0).toBe(-roundHalfAwayFromZero(x, decimals) + 0);
      }),
    );
  });

  it('rounds exact halves away from zero at 4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (k) => {
        const half = (2 * k + 1) / 20_000; // k.5 ten-thousandths
        expect(roundHalfAwayFromZero(half, 4)).toBe((k + 1) / 10_000);
        expect(roundHalfAwayFromZero(-half, 4)).toBe(-(k + 1) / 10_000);
      }),
    );
  });
});
