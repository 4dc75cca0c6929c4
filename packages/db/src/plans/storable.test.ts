import { fromMinorUnits, toMinorUnits, type PlanPackage } from '@ariadne/domain';
import { describe, expect, it } from 'vitest';
import { generatePlanPackage } from './generate.ts';
import { MAX_AMOUNT, storageIssues } from './storable.ts';

function plan(): PlanPackage {
  return generatePlanPackage({ seed: 11, optional: 'all' });
}

describe('what the database can keep exactly', () => {
  it('accepts an ordinary package', () => {
    expect(storageIssues(plan())).toEqual([]);
  });

  it('refuses NUL characters and broken surrogate pairs, wherever the text is, but not whole emoji', () => {
    const broken = plan();
    broken.strategy.title = 'Strategy\u0000';
    broken.actionPlans[0]!.activities[0]!.title = 'half \uD83D pair';
    broken.institutions[1]!.name = '\uDE42 low half first';
    broken.strategy.goals[0]!.label = 'whole 🙂 emoji';
    expect(storageIssues(broken)).toEqual([
      { path: '$.institutions[1].name', key: 'text_not_storable' },
      { path: '$.strategy.title', key: 'text_not_storable' },
      { path: '$.actionPlans[0].activities[0].title', key: 'text_not_storable' },
    ]);
  });

  it('refuses amounts whose minor units would not be exact, and keeps the largest that are', () => {
    expect(fromMinorUnits(toMinorUnits(MAX_AMOUNT))).toBe(MAX_AMOUNT);
    const broken = plan();
    broken.strategy.estimatedTotalCost = MAX_AMOUNT;
    broken.actionPlans[0]!.activities[0]!.costs![0]!.amount = 12_345_678_901_234.5;
    broken.strategy.contingency!.reserveFunds = 1e20;
    const report = broken.monitoring!.rounds[0]!.reports.find((candidate) => candidate.activities.length > 0)!;
    report.activities[0]!.spent = [{ source: 'donor', amount: MAX_AMOUNT + 1 }];
    const index = broken.monitoring!.rounds[0]!.reports.indexOf(report);
    expect(storageIssues(broken)).toEqual([
      { path: '$.strategy.contingency.reserveFunds', key: 'amount_too_large', params: { maximum: MAX_AMOUNT } },
      { path: '$.actionPlans[0].activities[0].costs[0].amount', key: 'amount_too_large', params: { maximum: MAX_AMOUNT } },
      {
        path: `$.monitoring.rounds[0].reports[${index}].activities[0].spent[0].amount`,
        key: 'amount_too_large',
        params: { maximum: MAX_AMOUNT },
      },
    ]);
  });

  it('refuses the year 0000, which PostgreSQL dates do not have', () => {
    const broken = plan();
    broken.actionPlans[1]!.start = '0000-01-01';
    broken.monitoring!.rounds[1]!.deadline = '0000-12-31';
    expect(storageIssues(broken)).toEqual([
      { path: '$.actionPlans[1].start', key: 'year_zero' },
      { path: '$.monitoring.rounds[1].deadline', key: 'year_zero' },
    ]);
  });
});
