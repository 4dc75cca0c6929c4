import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activityReports } from '../measures/series.ts';
import { planFinance } from '../measures/finance.ts';
import { resourcePlan } from '../measures/costs.ts';
import { planProgress } from '../measures/progress.ts';
import { PlanPackageSchema } from '../plan/package.ts';
import {
  implementationReport,
  parseReportScope,
  reportActivities,
  reportIndicators,
  reportScopes,
  scopeText,
} from './implementation-report.ts';

const demoland = PlanPackageSchema.parse(
  JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')),
);
const PLAN = 'AP-2021-2022';
const ADDRESS = 'DL/AP-2021-2022';

describe('scopes', () => {
  it('reads and writes rounds, years and the whole plan', () => {
    expect(parseReportScope('whole')).toEqual({ kind: 'whole' });
    expect(parseReportScope('2022')).toEqual({ kind: 'year', year: 2022 });
    expect(parseReportScope('2022-H1')).toEqual({ kind: 'round', round: '2022-H1' });
    for (const text of ['whole', '2021', '2021-H2']) expect(scopeText(parseReportScope(text))).toBe(text);
  });

  it('lists the rounds and years of a plan', () => {
    expect(reportScopes(demoland, PLAN)).toEqual({ rounds: ['2021-H1', '2021-H2', '2022-H1'], years: [2021, 2022] });
  });

  it('refuses a round or year outside the plan', () => {
    expect(() => implementationReport(demoland, PLAN, { kind: 'round', round: 'NOPE' }, ADDRESS)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => implementationReport(demoland, PLAN, { kind: 'year', year: 2030 }, ADDRESS)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('the implementation report of Demoland', () => {
  it('takes every figure from the measures as of the end of its scope', () => {
    for (const scope of ['2021-H1', '2021-H2', '2022-H1', '2021', '2022', 'whole']) {
      const report = implementationReport(demoland, PLAN, parseReportScope(scope), ADDRESS);
      const asOf = scope === 'whole' || scope === '2022' ? '2022-12-31' : scope === '2021' ? '2021-12-31' : report.rounds[0]!.periodEnd;
      expect(report.asOf).toBe(asOf);
      const progress = planProgress(demoland, PLAN, asOf, ADDRESS);
      expect(report.progress).toEqual(progress);
      expect(report.finance).toEqual(planFinance(demoland, PLAN, ADDRESS));
      expect(report.resourcePlan).toEqual(resourcePlan(demoland, PLAN));

      const activities = reportActivities(report);
      expect(activities.map((activity) => activity.id).sort()).toEqual(progress.activities.items.map((item) => item.id));
      for (const activity of activities) {
        expect(activity.status).toBe(progress.activities.items.find((item) => item.id === activity.id)?.status);
        const own = activityReports(demoland, PLAN, activity.id);
        expect(activity.planned).toBe(own.plannedTotal);
        const counted = own.rounds.filter((round) => round.periodEnd <= asOf);
        expect(activity.spent).toBe(counted.length === 0 ? 0 : counted[counted.length - 1]!.cumulativeSpent);
        expect(activity.lead).toEqual(own.activity.lead);
      }
      for (const indicator of reportIndicators(report)) {
        const figures = progress.indicators.find((candidate) => candidate.id === indicator.id);
        expect(figures).toBeDefined();
        expect({
          id: indicator.id,
          baseline: indicator.baseline,
          target: indicator.target,
          actual: indicator.actual,
          progress: indicator.progress,
          expected: indicator.expected,
          status: indicator.status,
        }).toEqual(figures);
      }
    }
  });

  it('keeps the narratives of accepted reports of its rounds only', () => {
    const report = implementationReport(demoland, PLAN, parseReportScope('2021-H2'), ADDRESS);
    const narratives = reportActivities(report).flatMap((activity) => activity.narratives);
    expect(narratives.length).toBeGreaterThan(0);
    expect(new Set(narratives.map((narrative) => narrative.round))).toEqual(new Set(['2021-H2']));
    // SLI's report of 2021-H2 was returned: it does not count.
    expect(narratives.some((narrative) => narrative.institution === 'SLI')).toBe(false);
  });

  it('follows up the recommendations with the activities answering them', () => {
    const report = implementationReport(demoland, PLAN, { kind: 'whole' }, ADDRESS);
    expect(report.recommendations.map((recommendation) => recommendation.id)).toEqual([
      'REC-01',
      'REC-02',
      'REC-03',
      'REC-04',
      'REC-05',
      'REC-06',
      'REC-07',
      'REC-08',
    ]);
    const rec08 = report.recommendations.find((recommendation) => recommendation.id === 'REC-08');
    expect(rec08?.activities.map((activity) => activity.id)).toEqual(['A1.1.1', 'A1.1.3']);
    expect(report.recommendations.find((recommendation) => recommendation.id === 'REC-05')?.activities).toEqual([]);
  });

  it('lists the institutions that owed a report and have none submitted or accepted', () => {
    const h2 = implementationReport(demoland, PLAN, parseReportScope('2021-H2'), ADDRESS);
    expect(h2.missingReports.map((missing) => `${missing.institution}:${missing.reportStatus ?? '-'}`)).toContain('SLI:returned');
    const h1 = implementationReport(demoland, PLAN, parseReportScope('2022-H1'), ADDRESS);
    const found = h1.missingReports.map((missing) => missing.institution);
    expect(found).toContain('MUN-VEL');
    expect(found).not.toContain('PPO');
    expect(h1.missingReports.every((missing) => missing.round === '2022-H1')).toBe(true);
  });
});
