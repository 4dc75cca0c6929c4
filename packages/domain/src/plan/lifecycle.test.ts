import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { applyPlanEdit, elementOf, type PlanEdit } from './edit.ts';
import {
  DOCUMENT_TRANSITIONS,
  canChangeStatus,
  documentItems,
  documentSnapshot,
  documentsTouched,
  isFrozenStatus,
  restoreEdits,
  statusChangeAction,
} from './lifecycle.ts';
import { PlanPackageSchema, type PlanPackage } from './package.ts';
import { randomPlanEdit } from './random-edits.ts';
import { DOCUMENT_STATUSES } from './vocabulary.ts';

const demoland = (): PlanPackage =>
  PlanPackageSchema.parse(JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')));

describe('the life cycle of a document', () => {
  it('goes draft ⇄ consultation → adopted → expired or superseded, and nowhere else', () => {
    const allowed = DOCUMENT_STATUSES.flatMap((from) =>
      DOCUMENT_STATUSES.filter((to) => canChangeStatus(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      'draft→consultation',
      'draft→adopted',
      'consultation→draft',
      'consultation→adopted',
      'adopted→expired',
      'adopted→superseded',
    ]);
    expect(Object.keys(DOCUMENT_TRANSITIONS)).toEqual([...DOCUMENT_STATUSES]);
    expect(DOCUMENT_STATUSES.filter(isFrozenStatus)).toEqual(['adopted', 'expired', 'superseded']);
    expect(statusChangeAction('consultation')).toBe('plan.edit');
    expect(statusChangeAction('draft')).toBe('plan.edit');
    expect(statusChangeAction('adopted')).toBe('plan.adopt');
    expect(statusChangeAction('superseded')).toBe('plan.adopt');
  });

  it('tells which documents an edit changes', () => {
    const plan = demoland();
    const touched = (edit: PlanEdit) => documentsTouched(plan, edit);
    expect(touched({ op: 'update', kind: 'goal', code: 'G1', version: 1, data: {} })).toEqual(['strategy']);
    expect(touched({ op: 'create', kind: 'indicator', parent: 'O1.1', data: {} })).toEqual(['strategy']);
    expect(touched({ op: 'create', kind: 'indicator', parent: 'A1.1.4', data: {} })).toEqual(['AP-2023-2024']);
    expect(touched({ op: 'update', kind: 'indicator', code: 'A1.2.1-I1', version: 1, data: {} })).toEqual(['AP-2021-2022']);
    expect(touched({ op: 'move', kind: 'activity', code: 'A1.1.4', parent: 'AP-2021-2022', position: 0 })).toEqual([
      'AP-2023-2024',
      'AP-2021-2022',
    ]);
    expect(touched({ op: 'create', kind: 'action_plan', data: {} })).toEqual([]);
    expect(touched({ op: 'move', kind: 'action_plan', code: 'AP-2021-2022', position: 1 })).toEqual([]);
    expect(touched({ op: 'delete', kind: 'action_plan', code: 'AP-2021-2022', version: 1 })).toEqual(['AP-2021-2022']);
  });

  it('keeps no monitoring history in a snapshot', () => {
    const snapshot = documentSnapshot(demoland());
    expect(snapshot).not.toHaveProperty('monitoring');
    expect(snapshot.actionPlans).toHaveLength(2);
  });
});

describe('restoring a document', () => {
  it('brings a document back to a snapshot after any edits, keeping the other documents', () => {
    let restored = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const snapshot = demoland();
      // An amendment's edits: many, at random, on every document.
      let plan = snapshot;
      const random = seededRandom(seed);
      let next = 0;
      for (let i = 0; i < 40; i += 1) {
        const result = applyPlanEdit(
          plan,
          randomPlanEdit(plan, random, () => `S${seed}-${(next += 1)}`),
        );
        if (result.ok) plan = result.plan;
      }
      for (const scope of [{ kind: 'action_plan', code: 'AP-2023-2024' } as const, { kind: 'strategy' } as const]) {
        const restore = restoreEdits(plan, snapshot, scope);
        if (!restore.ok) {
          // What another document now refers to, or no longer has, may stay in the way.
          expect(['in_use', 'invalid']).toContain(restore.reason);
          continue;
        }
        restored += 1;
        const strip = (items: ReturnType<typeof documentItems>) => items.map(({ title: _title, ...item }) => item);
        const lifeCycle = (items: ReturnType<typeof documentItems>) =>
          strip(items).map((item) =>
            item.kind === 'strategy' || item.kind === 'action_plan' ? { ...item, data: { ...item.data, status: null } } : item,
          );
        expect(lifeCycle(documentItems(restore.plan, scope))).toEqual(lifeCycle(documentItems(snapshot, scope)));
        plan = restore.plan;
      }
    }
    expect(restored).toBeGreaterThan(10);
  });

  it('keeps the elements that are in both (they keep their identity) and deletes what the amendment added', () => {
    const snapshot = demoland();
    const changed = applyPlanEdit(snapshot, {
      op: 'update',
      kind: 'activity',
      code: 'A1.1.4',
      version: 1,
      data: { ...elementOf(snapshot, 'A1.1.4')!.data, title: 'Changed' },
    });
    if (!changed.ok) throw new Error('refused');
    const added = applyPlanEdit(changed.plan, {
      op: 'create',
      kind: 'activity',
      parent: 'AP-2023-2024',
      position: 0,
      data: { id: 'NEW', objective: 'O1.1', title: 'New' },
    });
    if (!added.ok) throw new Error('refused');
    const restored = restoreEdits(added.plan, snapshot, { kind: 'action_plan', code: 'AP-2023-2024' });
    if (!restored.ok) throw new Error('refused');
    expect(restored.edits.map((edit) => `${edit.op} ${'code' in edit ? edit.code : ''}`)).toEqual(['update A1.1.4', 'delete NEW']);
    expect(restored.plan.actionPlans).toEqual(snapshot.actionPlans);
  });

  it('refuses when an element to delete is referred to, naming the edit', () => {
    const snapshot = demoland();
    const added = applyPlanEdit(snapshot, { op: 'create', kind: 'objective', parent: 'G1', data: { id: 'O1.9', title: 'New' } });
    if (!added.ok) throw new Error('refused');
    const used = applyPlanEdit(added.plan, {
      op: 'update',
      kind: 'activity',
      code: 'A1.1.4',
      version: 1,
      data: { ...elementOf(added.plan, 'A1.1.4')!.data, objective: 'O1.9' },
    });
    if (!used.ok) throw new Error('refused');
    const restored = restoreEdits(used.plan, snapshot, { kind: 'strategy' });
    expect(restored).toMatchObject({ ok: false, reason: 'in_use', edit: { op: 'delete', code: 'O1.9' } });
  });
});
