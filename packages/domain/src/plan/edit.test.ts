import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { applyPlanEdit, elementOf, institutionsNamedIn, referencesTo, withInstitutions, type PlanEdit } from './edit.ts';
import { PlanPackageSchema, type PlanPackage } from './package.ts';
import { randomPlanEdit } from './random-edits.ts';
import { validatePlanPackage } from './validate.ts';

const demoland = (): PlanPackage =>
  PlanPackageSchema.parse(JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')));

function applied(plan: PlanPackage, edit: PlanEdit): PlanPackage {
  const result = applyPlanEdit(plan, edit);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
  return result.plan;
}

function refused(plan: PlanPackage, edit: PlanEdit) {
  const result = applyPlanEdit(plan, edit);
  if (result.ok) throw new Error('the edit was applied');
  return result;
}

const activityData = (plan: PlanPackage, code: string) => elementOf(plan, code)!.data as Record<string, unknown>;

describe('finding elements', () => {
  it('finds every kind by code, with its parent and place, without its children', () => {
    const plan = demoland();
    expect(elementOf(plan, 'NS-2021-2024')).toMatchObject({ kind: 'strategy', position: 0 });
    expect(elementOf(plan, 'NS-2021-2024')?.data).not.toHaveProperty('goals');
    expect(elementOf(plan, 'G2')).toMatchObject({ kind: 'goal', position: 1 });
    expect(elementOf(plan, 'O1.2')).toMatchObject({ kind: 'objective', parent: 'G1', position: 1, data: { id: 'O1.2' } });
    expect(elementOf(plan, 'O1.2')?.data).not.toHaveProperty('indicators');
    expect(elementOf(plan, 'A1.2.1')).toMatchObject({ kind: 'activity', parent: 'AP-2021-2022', position: 3 });
    expect(elementOf(plan, 'A1.2.1-I1')).toMatchObject({ kind: 'indicator', parent: 'A1.2.1', position: 0 });
    expect(elementOf(plan, 'AP-2023-2024')).toMatchObject({ kind: 'action_plan', position: 1 });
    expect(Object.keys(elementOf(plan, 'AP-2023-2024')!.data).sort()).toEqual(['end', 'id', 'start', 'title']);
    expect(elementOf(plan, 'RSK-2')).toMatchObject({ kind: 'risk', position: 1 });
    expect(elementOf(plan, 'REC-03')).toMatchObject({ kind: 'recommendation', position: 2 });
    expect(elementOf(plan, 'MOI')).toBeUndefined();
  });

  it('names what refers to an element or to anything under it', () => {
    const plan = demoland();
    expect(referencesTo(plan, 'O1.2')).toEqual(expect.arrayContaining(['A1.2.1', 'A1.2.2']));
    expect(referencesTo(plan, 'A1.2.1')).toEqual(['2021-H1', '2021-H2']);
    expect(referencesTo(plan, 'A1.1.4')).toEqual([]);
    expect(referencesTo(plan, 'G1')).toEqual(expect.arrayContaining(['A1.1.1', '2021-H1']));
    expect(referencesTo(plan, 'MOJ')).toContain('A1.2.1');
    expect(referencesTo(plan, 'NS-2021-2024')).toEqual([]);
  });
});

describe('applying edits', () => {
  it('updates an activity in place, leaving the package otherwise as it was', () => {
    const plan = demoland();
    const data = { ...activityData(plan, 'A1.1.4'), title: 'New title', partners: [], costs: [] };
    const after = applied(plan, { op: 'update', kind: 'activity', code: 'A1.1.4', version: 1, data });
    const activity = after.actionPlans[1]!.activities[0]!;
    expect(activity.title).toBe('New title');
    // Empty lists are left out, as the store gives them back; the indicators stay.
    expect(activity).not.toHaveProperty('partners');
    expect(activity).not.toHaveProperty('costs');
    expect(activity.indicators).toEqual(plan.actionPlans[1]!.activities[0]!.indicators);
    expect(after.monitoring).toBe(plan.monitoring);
    expect(after.actionPlans[0]).toBe(plan.actionPlans[0]);
    expect(plan.actionPlans[1]!.activities[0]!.title).not.toBe('New title');
  });

  it('names each wrong field of the data', () => {
    const plan = demoland();
    const data = {
      ...activityData(plan, 'A1.1.4'),
      title: '',
      costs: [{ year: 2023, amount: 1.005, source: 'state', status: 'secured' }],
      extra: 1,
    };
    const result = refused(plan, { op: 'update', kind: 'activity', code: 'A1.1.4', version: 1, data });
    expect(result.reason).toBe('invalid');
    expect(result.issues.map((issue) => issue.path)).toEqual(['title', 'costs[0].amount', 'costs[0].source', 'extra']);
  });

  it('names the field when the package’s rules are broken', () => {
    const plan = demoland();
    const data = { ...activityData(plan, 'A1.1.4'), objective: 'O9', lead: 'NOBODY', start: '2024-02-01', end: '2024-01-01' };
    const result = refused(plan, { op: 'update', kind: 'activity', code: 'A1.1.4', version: 1, data });
    expect(result.issues).toEqual([
      { path: 'objective', key: 'unknown_objective', params: { id: 'O9' } },
      { path: 'lead', key: 'unknown_institution', params: { id: 'NOBODY' } },
      { path: 'end', key: 'end_before_start', params: { start: '2024-02-01' } },
    ]);
  });

  it('keeps institutions that reported on an activity its lead or partners', () => {
    const plan = demoland();
    const data = { ...activityData(plan, 'A1.2.1'), lead: 'NATC', partners: ['MOI'] };
    const result = refused(plan, { op: 'update', kind: 'activity', code: 'A1.2.1', version: 1, data });
    expect(result.issues).toEqual([
      { path: 'lead', key: 'still_reported', params: { institution: 'MOJ', rounds: '2021-H1, 2021-H2' } },
      { path: 'partners', key: 'still_reported', params: { institution: 'PPO', rounds: '2021-H1' } },
    ]);
  });

  it('keeps recorded values within an indicator’s measure', () => {
    const plan = demoland();
    const reported = plan
      .monitoring!.rounds[0]!.reports.flatMap((report) => report.indicatorValues ?? [])
      .find((value) => value.value > 1)!;
    const indicator = elementOf(plan, reported.indicator)!;
    const data = { ...indicator.data, measure: 'yes_no', baseline: undefined, target: undefined, milestones: undefined };
    const result = refused(plan, { op: 'update', kind: 'indicator', code: reported.indicator, version: 1, data });
    expect(result.issues[0]).toMatchObject({ path: 'measure', key: 'values_recorded' });
  });

  it('creates elements at a place among their siblings, with codes that must be free', () => {
    const plan = demoland();
    const after = applied(plan, {
      op: 'create',
      kind: 'objective',
      parent: 'G2',
      position: 1,
      data: { id: 'O2.9', title: 'New objective' },
    });
    expect(after.strategy.goals[1]!.objectives.map((objective) => objective.id)).toEqual(['O2.1', 'O2.9', 'O2.2']);
    const goal = applied(after, { op: 'create', kind: 'goal', position: 99, data: { id: 'G9', area: 'other', title: 'Last' } });
    expect(goal.strategy.goals.at(-1)).toEqual({ id: 'G9', area: 'other', title: 'Last', objectives: [] });
    const actionPlan = applied(plan, {
      op: 'create',
      kind: 'action_plan',
      data: { id: 'AP-NEW', title: 'New', start: '2025-01-01', end: '2025-12-31' },
    });
    expect(actionPlan.actionPlans.at(-1)).toMatchObject({ id: 'AP-NEW', status: 'draft', activities: [] });
    expect(
      refused(plan, { op: 'create', kind: 'goal', data: { id: 'MOI', area: 'other', title: 'Taken by an institution' } }).issues,
    ).toEqual([{ path: 'id', key: 'code_taken', params: { id: 'MOI' } }]);
    expect(refused(plan, { op: 'create', kind: 'objective', parent: 'A1.1.1', data: { id: 'X', title: 'X' } }).issues).toEqual([
      { path: 'parent', key: 'unknown_parent', params: { id: 'A1.1.1' } },
    ]);
    expect(refused(plan, { op: 'create', kind: 'objective', data: { id: 'X', title: 'X' } }).issues).toEqual([
      { path: 'parent', key: 'required' },
    ]);
    expect(refused(plan, { op: 'create', kind: 'risk', parent: 'G1', data: {} }).issues[0]).toEqual({ path: 'parent', key: 'no_parent' });
    expect(refused(plan, { op: 'create', kind: 'strategy', data: {} }).issues).toEqual([{ path: 'op', key: 'invalid_value' }]);
  });

  it('renames an element and the references to it', () => {
    const plan = demoland();
    const objective = applied(plan, { op: 'update', kind: 'objective', code: 'O1.2', version: 1, data: { id: 'O1.2b', title: 'Renamed' } });
    expect(objective.actionPlans[0]!.activities.filter((activity) => activity.objective === 'O1.2b').length).toBeGreaterThan(0);
    const activity = applied(plan, {
      op: 'update',
      kind: 'activity',
      code: 'A1.2.1',
      version: 1,
      data: { ...activityData(plan, 'A1.2.1'), id: 'A1.2.1b' },
    });
    expect(JSON.stringify(activity.monitoring)).toContain('"A1.2.1b"');
    expect(JSON.stringify(activity.monitoring)).not.toContain('"A1.2.1"');
    const recommendation = applied(plan, {
      op: 'update',
      kind: 'recommendation',
      code: 'REC-01',
      version: 1,
      data: { ...elementOf(plan, 'REC-01')!.data, id: 'REC-1' },
    });
    expect(validatePlanPackage(recommendation).ok).toBe(true);
  });

  it('refuses to delete what is referred to, naming what refers to it', () => {
    const plan = demoland();
    const objective = refused(plan, { op: 'delete', kind: 'objective', code: 'O1.2', version: 1 });
    expect(objective.reason).toBe('in_use');
    expect(objective.issues).toContainEqual({ path: 'code', key: 'used_by_activity', params: { id: 'A1.2.1' } });
    expect(refused(plan, { op: 'delete', kind: 'activity', code: 'A1.2.1', version: 1 }).issues).toEqual([
      { path: 'code', key: 'used_by_round', params: { id: '2021-H1' } },
      { path: 'code', key: 'used_by_round', params: { id: '2021-H2' } },
    ]);
    const goal = refused(plan, { op: 'delete', kind: 'goal', code: 'G1', version: 1 });
    expect(goal.issues.map((issue) => issue.params?.id)).toContain('A1.1.1');
    expect(refused(plan, { op: 'delete', kind: 'activity', code: 'NOPE', version: 1 }).reason).toBe('not_found');
    expect(refused(plan, { op: 'delete', kind: 'goal', code: 'A1.1.4', version: 1 }).reason).toBe('not_found');
  });

  it('deletes an element with everything under it', () => {
    const plan = demoland();
    const after = applied(plan, { op: 'delete', kind: 'activity', code: 'A1.1.4', version: 1 });
    expect(elementOf(after, 'A1.1.4')).toBeUndefined();
    expect(elementOf(after, plan.actionPlans[1]!.activities[0]!.indicators![0]!.id)).toBeUndefined();
    let risks = plan;
    for (const risk of plan.strategy.risks ?? []) risks = applied(risks, { op: 'delete', kind: 'risk', code: risk.id, version: 1 });
    expect(risks.strategy).not.toHaveProperty('risks');
  });

  it('moves elements within and across parents', () => {
    const plan = demoland();
    const within = applied(plan, { op: 'move', kind: 'goal', code: 'G1', position: 2 });
    expect(within.strategy.goals.map((goal) => goal.id)).toEqual(['G2', 'G3', 'G1', 'G4', 'G5']);
    const across = applied(plan, { op: 'move', kind: 'activity', code: 'A1.1.4', parent: 'AP-2021-2022', position: 0 });
    expect(across.actionPlans[0]!.activities[0]!.id).toBe('A1.1.4');
    expect(across.actionPlans[1]!.activities.map((activity) => activity.id)).not.toContain('A1.1.4');
    const indicator = plan.actionPlans[1]!.activities[0]!.indicators![0]!.id;
    const owner = applied(plan, { op: 'move', kind: 'indicator', code: indicator, parent: 'O1.1', position: 0 });
    expect(owner.strategy.goals[0]!.objectives[0]!.indicators![0]!.id).toBe(indicator);
    expect(owner.actionPlans[1]!.activities[0]).not.toHaveProperty('indicators');
    expect(refused(plan, { op: 'move', kind: 'objective', code: 'O1.1', parent: 'AP-2021-2022', position: 0 }).issues[0]).toMatchObject({
      path: 'parent',
      key: 'unknown_parent',
    });
  });

  it('keeps every package it gives valid, whatever the edits', () => {
    let plan = demoland();
    const random = seededRandom(3);
    let next = 0;
    let appliedCount = 0;
    for (let i = 0; i < 200; i += 1) {
      const result = applyPlanEdit(
        plan,
        randomPlanEdit(plan, random, () => `N${(next += 1)}`),
      );
      if (!result.ok) continue;
      appliedCount += 1;
      plan = result.plan;
      if (appliedCount % 10 === 0) {
        const validation = validatePlanPackage(plan);
        expect(validation.ok ? [] : validation.issues).toEqual([]);
      }
    }
    expect(validatePlanPackage(plan).ok).toBe(true);
    expect(appliedCount).toBeGreaterThan(100);
  });
});

describe('institutions named by data', () => {
  it('lists leads, partners, funders, owners and the monitoring body', () => {
    expect(institutionsNamedIn('activity', { lead: 'A', partners: ['B', 'A'], costs: [{ funder: 'C' }, {}] })).toEqual(['A', 'B', 'C']);
    expect(institutionsNamedIn('risk', { owner: 'D' })).toEqual(['D']);
    expect(institutionsNamedIn('strategy', { monitoring: { body: 'E' } })).toEqual(['E']);
    expect(institutionsNamedIn('goal', { id: 'G' })).toEqual([]);
    const plan = demoland();
    const added = withInstitutions(plan, [{ id: 'NEW', name: 'New', type: 'ngo', level: 'local' }, plan.institutions[0]!]);
    expect(added.institutions.map((institution) => institution.id)).toEqual([
      ...plan.institutions.map((institution) => institution.id),
      'NEW',
    ]);
  });
});
