import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlanPackage } from './package.ts';
import { MAX_PACKAGE_BYTES, parsePlanPackage, validatePlanPackage } from './validate.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8');

/** A fresh, mutable copy of the Demoland package. */
function demoland(): PlanPackage {
  return JSON.parse(DEMOLAND_TEXT) as PlanPackage;
}

function issuesOf(input: unknown): { path: string; key: string }[] {
  const result = validatePlanPackage(input);
  return result.ok ? [] : result.issues.map(({ path, key }) => ({ path, key }));
}

describe('plan package validation', () => {
  it('accepts the Demoland package', () => {
    const result = parsePlanPackage(DEMOLAND_TEXT);
    expect(result.ok).toBe(true);
  });

  it('says clearly when a file is empty, not JSON or too large', () => {
    expect(parsePlanPackage('  \n')).toEqual({ ok: false, issues: [{ path: '$', key: 'package_empty' }] });
    const notJson = parsePlanPackage('{"format": ');
    expect(notJson.ok === false && notJson.issues[0]?.key).toBe('package_not_json');
    const large = parsePlanPackage(' '.repeat(MAX_PACKAGE_BYTES + 1));
    expect(large.ok === false && large.issues[0]?.key).toBe('package_too_large');
  });

  it('reports every problem of shape at once, each with its JSON path', () => {
    const plan = demoland() as unknown as Record<string, unknown> & PlanPackage;
    plan.actionPlans[0]!.activities[1]!.costs![0]!.amount = -3;
    (plan.actionPlans[0]!.activities[2] as Record<string, unknown>).leader = 'MOI';
    plan.strategy.goals[0]!.objectives[0]!.indicators![0]!.target!.year = 2024.5;
    (plan.strategy as Record<string, unknown>).status = 'approved';
    plan.actionPlans[1]!.start = '2023-02-30';
    plan.actionPlans[0]!.activities[0]!.costs![0]!.amount = 10.005;
    delete (plan.participant as Partial<PlanPackage['participant']>).currency;
    expect(issuesOf(plan)).toEqual(
      expect.arrayContaining([
        { path: '$.actionPlans[0].activities[1].costs[0].amount', key: 'too_small' },
        { path: '$.actionPlans[0].activities[2].leader', key: 'unknown_field' },
        { path: '$.strategy.goals[0].objectives[0].indicators[0].target.year', key: 'expected_integer' },
        { path: '$.strategy.status', key: 'invalid_value' },
        { path: '$.actionPlans[1].start', key: 'invalid_date' },
        { path: '$.actionPlans[0].activities[0].costs[0].amount', key: 'money_decimals' },
        { path: '$.participant.currency', key: 'required' },
      ]),
    );
  });

  it('applies every referential rule, naming the path', () => {
    const plan = demoland();
    const activity = plan.actionPlans[0]!.activities[3]!;
    activity.lead = 'NOPE';
    activity.partners = ['MOI', 'GHOST'];
    activity.objective = 'O9.9';
    activity.recommendations = ['REC-99'];
    activity.costs = [{ year: 2021, amount: 10, source: 'donor', funder: 'NOBODY', status: 'pledged' }];
    activity.start = '2022-05-01';
    activity.end = '2022-04-30';
    plan.strategy.periodEnd = 2020;
    plan.strategy.monitoring!.body = 'NOBODY';
    plan.strategy.risks![0]!.owner = 'NOBODY';
    plan.actionPlans[1]!.activities[0]!.id = plan.actionPlans[0]!.activities[0]!.id;
    plan.strategy.goals[0]!.objectives[0]!.indicators![0]!.baseline!.value = 9; // qualitative, scale of 4
    const report = plan.monitoring!.rounds[0]!.reports[0]!;
    report.institution = 'NOBODY';
    report.indicatorValues![0]!.indicator = 'I-NONE';
    expect(issuesOf(plan)).toEqual(
      expect.arrayContaining([
        { path: '$.actionPlans[0].activities[3].lead', key: 'unknown_institution' },
        { path: '$.actionPlans[0].activities[3].partners[1]', key: 'unknown_institution' },
        { path: '$.actionPlans[0].activities[3].objective', key: 'unknown_objective' },
        { path: '$.actionPlans[0].activities[3].recommendations[0]', key: 'unknown_recommendation' },
        { path: '$.actionPlans[0].activities[3].costs[0].funder', key: 'unknown_institution' },
        { path: '$.actionPlans[0].activities[3].end', key: 'end_before_start' },
        { path: '$.strategy.periodEnd', key: 'period_reversed' },
        { path: '$.strategy.monitoring.body', key: 'unknown_institution' },
        { path: '$.strategy.risks[0].owner', key: 'unknown_institution' },
        { path: '$.actionPlans[1].activities[0].id', key: 'duplicate_id' },
        { path: '$.strategy.goals[0].objectives[0].indicators[0].baseline.value', key: 'scale_index' },
        { path: '$.monitoring.rounds[0].reports[0].institution', key: 'unknown_institution' },
        { path: '$.monitoring.rounds[0].reports[0].indicatorValues[0].indicator', key: 'unknown_indicator' },
      ]),
    );
  });

  it('refuses a report on an activity its institution neither leads nor partners in', () => {
    const plan = demoland();
    const round = plan.monitoring!.rounds[0]!;
    const report = round.reports.find((candidate) => candidate.institution === round.reports[0]!.institution)!;
    const foreign = plan.actionPlans[0]!.activities.find(
      (a) => a.lead !== report.institution && !(a.partners ?? []).includes(report.institution),
    )!;
    report.activities.push({ activity: foreign.id, status: 'ongoing' });
    const index = round.reports.indexOf(report);
    expect(issuesOf(plan)).toEqual([
      { path: `$.monitoring.rounds[0].reports[${index}].activities[${report.activities.length - 1}].activity`, key: 'not_responsible' },
    ]);
  });

  it('treats ids as unique across kinds: an objective may not share a goal id', () => {
    const plan = demoland();
    plan.strategy.goals[0]!.objectives[0]!.id = plan.strategy.goals[1]!.id;
    const issues = issuesOf(plan);
    expect(issues).toContainEqual({ path: '$.strategy.goals[1].id', key: 'duplicate_id' });
  });

  it('accepts a minimal package with no action plan', () => {
    const minimal = {
      format: 'ariadne.plan-package',
      version: 1,
      participant: { code: 'TS', name: 'Testland', currency: 'EUR' },
      institutions: [],
      strategy: { id: 'S1', title: 'Strategy', periodStart: 2025, periodEnd: 2027, status: 'draft', principles: [], goals: [] },
      actionPlans: [],
    };
    expect(validatePlanPackage(minimal).ok).toBe(true);
  });
});
