import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalogs.ts';
import { PlanPackageSchema } from '../plan/package.ts';
import { planFinance } from './finance.ts';
import { planProgress } from './progress.ts';
import { reviewPlan } from './review.ts';

// The figures below were checked by hand and by a separate computation on the JSON (Python), not
// by running this code.
const demoland = PlanPackageSchema.parse(
  JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')),
);

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('Demoland, action plan 2021–2022', () => {
  it('has the finance figures of its 32 activities', () => {
    expect(planFinance(demoland, 'AP-2021-2022', 'DL/AP-2021-2022')).toEqual({
      plan: 'DL/AP-2021-2022',
      currency: 'EUR',
      total: 1181500,
      byYear: { '2021': 501500, '2022': 680000 },
      byArea: { supporting_framework: 186500, prevention: 221500, protection: 527000, prosecution: 172000, children: 74500 },
      bySource: { state_budget: 612500, local_budget: 51000, donor: 518000, other: 0 },
      byStatus: { secured: 735000, pledged: 271500, unfunded: 175000 },
      stateShare: 0.5184,
      fundingGap: 175000,
      ngoShare: 0.3644,
      unfundedActivities: ['A1.3.1', 'A2.1.1', 'A2.1.3', 'A3.1.2', 'A3.2.3', 'A3.3.1', 'A4.1.3', 'A4.2.1', 'A5.1.2', 'A5.1.3', 'A5.2.2'],
    });
  });

  it('has the progress figures as of 31 December 2022', () => {
    const result = planProgress(demoland, 'AP-2021-2022', '2022-12-31', 'DL/AP-2021-2022');
    expect(result.activities.total).toBe(32);
    expect(result.activities.byStatus).toEqual({ not_started: 0, ongoing: 13, completed: 8, delayed: 11, cancelled: 0 });
    expect(result.activities.implementationRate).toBe(0.25);
    expect(result.activities.byArea.protection).toEqual({ not_started: 0, ongoing: 6, completed: 2, delayed: 0, cancelled: 0 });
    expect(result.budget).toEqual({ plannedToDate: 1181500, spent: 536561.5, execution: 0.4541 });
    expect(result.indicators).toHaveLength(48);
    expect(countBy(result.indicators, (i) => i.status)).toEqual({
      achieved: 5,
      on_track: 8,
      at_risk: 7,
      off_track: 19,
      no_data: 6,
      not_measurable: 3,
    });
    const byId = new Map(result.indicators.map((i) => [i.id, i]));
    // Baseline 2020, target 2024: 730 of 1,461 days have passed.
    expect(byId.get('O1.1-I1')).toEqual({
      id: 'O1.1-I1',
      baseline: 1,
      target: 3,
      actual: 2,
      progress: 0.5,
      expected: 0.4997,
      status: 'on_track',
    });
    expect(byId.get('O1.3-I1')).toMatchObject({ baseline: null, actual: 40, status: 'not_measurable' });
    expect(byId.get('A2.1.2-I1')).toMatchObject({ baseline: 1450, target: 2000, actual: 1732, progress: 0.5127, status: 'off_track' });
  });

  it('has the progress figures as of 30 June 2021', () => {
    const result = planProgress(demoland, 'AP-2021-2022', '2021-06-30', 'DL/AP-2021-2022');
    expect(result.activities.byStatus).toEqual({ not_started: 15, ongoing: 17, completed: 0, delayed: 0, cancelled: 0 });
    expect(result.activities.implementationRate).toBe(0);
    expect(result.budget).toEqual({ plannedToDate: 501500, spent: 132001, execution: 0.2632 });
    expect(countBy(result.indicators, (i) => i.status)).toEqual({ on_track: 16, at_risk: 6, no_data: 23, not_measurable: 3 });
  });

  it('has the review findings', () => {
    const result = reviewPlan(demoland, 'AP-2021-2022', 'DL/AP-2021-2022', translator('en'));
    expect(result.summary).toEqual({
      error: 0,
      warning: 13,
      info: 1,
      byRule: { R07: 1, R08: 3, R09: 3, R10: 3, R15: 1, R18: 1, R23: 1, R28: 1 },
    });
    expect(result.findings.map((f) => `${f.rule} ${f.subject ?? '-'}`)).toEqual([
      'R07 A4.2.1',
      'R08 A1.2.2',
      'R08 A4.1.1',
      'R08 A5.2.1',
      'R09 A3.3.2',
      'R09 A5.1.3',
      'R09 A5.2.3',
      'R10 O1.3-I1',
      'R10 O3.1-I2',
      'R10 O4.2-I2',
      'R15 sustainability',
      'R18 RSK-6',
      'R23 -',
      'R28 REC-05',
    ]);
    expect(result.findings.find((f) => f.rule === 'R23')?.message).toBe(
      '175,000.00 EUR of the planned costs are unfunded, in 11 activities.',
    );
  });
});

describe('Demoland, action plan 2023–2024 (draft)', () => {
  it('has the finance figures of its 13 activities', () => {
    expect(planFinance(demoland, 'AP-2023-2024', 'DL/AP-2023-2024')).toMatchObject({
      total: 686000,
      byYear: { '2023': 387000, '2024': 299000 },
      bySource: { state_budget: 528000, local_budget: 0, donor: 158000, other: 0 },
      byStatus: { secured: 0, pledged: 508000, unfunded: 178000 },
      stateShare: 0.7697,
      fundingGap: 178000,
      ngoShare: 0.5437,
      unfundedActivities: ['A1.1.5', 'A1.1.6', 'A2.1.4', 'A2.1.5', 'A3.2.4', 'A3.3.3', 'A5.2.4'],
    });
  });

  it('has not started as of either date, with nothing planned or spent yet', () => {
    for (const asOf of ['2022-12-31', '2021-06-30']) {
      const result = planProgress(demoland, 'AP-2023-2024', asOf, 'DL/AP-2023-2024');
      expect(result.activities).toMatchObject({
        total: 13,
        byStatus: { not_started: 13, ongoing: 0, completed: 0, delayed: 0, cancelled: 0 },
        implementationRate: 0,
      });
      expect(result.budget).toEqual({ plannedToDate: 0, spent: 0, execution: null });
    }
  });

  it('has the review findings', () => {
    const result = reviewPlan(demoland, 'AP-2023-2024', 'DL/AP-2023-2024', translator('mk'));
    expect(result.summary).toEqual({ error: 0, warning: 9, info: 1, byRule: { R01: 2, R10: 3, R15: 1, R18: 1, R23: 1, R28: 2 } });
    expect(result.findings.filter((f) => f.rule === 'R01' || f.rule === 'R28').map((f) => f.subject)).toEqual([
      'O1.2',
      'O5.1',
      'REC-01',
      'REC-05',
    ]);
    expect(result.findings[0]?.message).toBe('Специфичната цел O1.2 нема ниту една активност во овој акциски план.');
  });
});
