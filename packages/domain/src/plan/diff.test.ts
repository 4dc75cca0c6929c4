import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPlans } from './diff.ts';
import { applyPlanEdit, elementOf, type PlanEdit } from './edit.ts';
import { PlanPackageSchema, type PlanPackage } from './package.ts';

const demoland = (): PlanPackage =>
  PlanPackageSchema.parse(JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')));

function edited(plan: PlanPackage, ...edits: PlanEdit[]): PlanPackage {
  let out = plan;
  for (const edit of edits) {
    const result = applyPlanEdit(out, edit);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    out = result.plan;
  }
  return out;
}

describe('differences between versions', () => {
  it('finds nothing between a document and itself', () => {
    const plan = demoland();
    expect(diffPlans(plan, plan, { kind: 'strategy' })).toEqual([]);
    expect(diffPlans(plan, structuredClone(plan), { kind: 'action_plan', code: 'AP-2021-2022' })).toEqual([]);
  });

  it('names elements added, removed, changed and moved, with the fields that changed', () => {
    const before = demoland();
    const after = edited(
      before,
      { op: 'update', kind: 'goal', code: 'G2', version: 1, data: { ...elementOf(before, 'G2')!.data, title: 'Prevention, renewed' } },
      { op: 'create', kind: 'objective', parent: 'G1', position: 0, data: { id: 'O1.0', title: 'A first objective' } },
      { op: 'delete', kind: 'risk', code: 'RSK-6', version: 1 },
      { op: 'move', kind: 'goal', code: 'G5', position: 0 },
    );
    const changes = diffPlans(before, after, { kind: 'strategy' });
    expect(changes.map((change) => [change.code, change.change])).toEqual([
      ['G5', 'moved'],
      ['O1.0', 'added'],
      ['G2', 'changed'],
      ['RSK-6', 'removed'],
    ]);
    expect(changes[2]!.fields).toEqual([{ field: 'title', before: before.strategy.goals[1]!.title, after: 'Prevention, renewed' }]);
    expect(changes[2]!.title).toBe('Prevention, renewed');
    // Added among siblings, the objectives after it did not move.
    expect(changes.some((change) => change.code === 'O1.1')).toBe(false);
  });

  it('sees a change of parent, and a document’s adoption', () => {
    const before = demoland();
    const moved = edited(
      before,
      { op: 'move', kind: 'objective', code: 'O1.1', parent: 'G2', position: 0 },
      { op: 'move', kind: 'activity', code: 'A1.1.1', parent: 'AP-2023-2024', position: 0 },
    );
    expect(diffPlans(before, moved, { kind: 'strategy' })).toEqual([
      {
        kind: 'objective',
        code: 'O1.1',
        title: before.strategy.goals[0]!.objectives[0]!.title,
        change: 'moved',
        fields: [{ field: 'parent', before: 'G1', after: 'G2' }],
      },
    ]);
    const adopted = {
      ...moved,
      actionPlans: moved.actionPlans.map((plan, index) =>
        index === 1 ? { ...plan, status: 'adopted' as const, adoptedOn: '2023-01-15' } : plan,
      ),
    };
    const changes = diffPlans(before, adopted, { kind: 'action_plan', code: 'AP-2023-2024' });
    expect(changes[0]).toMatchObject({
      kind: 'action_plan',
      change: 'changed',
      fields: [
        { field: 'status', before: 'draft', after: 'adopted' },
        { field: 'adoptedOn', before: null, after: '2023-01-15' },
      ],
    });
    // An activity from another plan is new in this one, with its indicators.
    expect(changes[1]).toMatchObject({ code: 'A1.1.1', change: 'added' });
    expect(changes.filter((change) => change.kind === 'indicator').every((change) => change.change === 'added')).toBe(true);
    expect(diffPlans(before, adopted, { kind: 'action_plan', code: 'AP-2021-2022' }).map((change) => change.change)).toContain('removed');
  });

  it('gives everything as added when there is no earlier version', () => {
    const plan = demoland();
    const changes = diffPlans(null, plan, { kind: 'action_plan', code: 'AP-2023-2024' });
    expect(changes.every((change) => change.change === 'added')).toBe(true);
    expect(changes[0]).toMatchObject({ kind: 'action_plan', code: 'AP-2023-2024' });
  });
});
