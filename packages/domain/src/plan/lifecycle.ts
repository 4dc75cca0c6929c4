import type { FieldIssue } from '../errors.ts';
import type { Action } from '../policies.ts';
import { applyPlanEdit, elementOf, type ElementData, type ElementKind, type PlanEdit } from './edit.ts';
import type { ActionPlan, PlanPackage } from './package.ts';
import type { DocumentStatus } from './vocabulary.ts';

// The life of a strategy or an action plan (a document): drafted, put to consultation, adopted,
// then expired or superseded. An adopted, expired or superseded document is frozen: only an open
// amendment of an adopted one lets its content change, and adopting the amendment records the
// next version of it.

/** Where a document may go from each status. */
export const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  draft: ['consultation', 'adopted'],
  consultation: ['draft', 'adopted'],
  adopted: ['expired', 'superseded'],
  expired: [],
  superseded: [],
};

/** Tells whether a document may go from one status to another. */
export function canChangeStatus(from: DocumentStatus, to: DocumentStatus): boolean {
  return DOCUMENT_TRANSITIONS[from].includes(to);
}

/** The statuses whose content is frozen (changed only through an amendment). */
export const FROZEN_STATUSES: readonly DocumentStatus[] = ['adopted', 'expired', 'superseded'];

export function isFrozenStatus(status: DocumentStatus): boolean {
  return FROZEN_STATUSES.includes(status);
}

/** The policy action a change of status needs: adopting, expiring and superseding are decisions; drafting is editing. */
export function statusChangeAction(to: DocumentStatus): Action {
  return to === 'draft' || to === 'consultation' ? 'plan.edit' : 'plan.adopt';
}

/** A document of a strategy's package: the strategy itself (`strategy`), or one of its action plans, by code. */
export type DocumentRef = string;
export const STRATEGY_DOCUMENT = 'strategy';

/** What a document holds: the strategy's own elements, or an action plan with its activities. */
export type DocumentScope = { kind: 'strategy' } | { kind: 'action_plan'; code: string };

export function scopeOf(document: DocumentRef): DocumentScope {
  return document === STRATEGY_DOCUMENT ? { kind: 'strategy' } : { kind: 'action_plan', code: document };
}

/** The status of a document in the package; `undefined` when the action plan does not exist. */
export function documentStatus(plan: PlanPackage, document: DocumentRef): DocumentStatus | undefined {
  if (document === STRATEGY_DOCUMENT) return plan.strategy.status;
  return plan.actionPlans.find((actionPlan) => actionPlan.id === document)?.status;
}

/** The document that holds an element: the strategy for its own elements, the action plan of an activity or its indicators. */
function documentOfElement(plan: PlanPackage, code: string): DocumentRef | undefined {
  const element = elementOf(plan, code);
  if (!element) return undefined;
  switch (element.kind) {
    case 'action_plan':
      return code;
    case 'activity':
      return element.parent;
    case 'indicator':
      return element.parent === undefined ? undefined : documentOfElement(plan, element.parent);
    default:
      return STRATEGY_DOCUMENT;
  }
}

const STRATEGY_KINDS: readonly ElementKind[] = ['strategy', 'goal', 'objective', 'risk', 'recommendation'];

/**
 * The documents whose content an edit changes, for the frozen rule: a new action plan (a draft)
 * and the order of action plans change none; an activity's edits change its action plan (both
 * plans when it moves); an indicator's, its owner's document.
 */
export function documentsTouched(plan: PlanPackage, edit: PlanEdit): DocumentRef[] {
  const found = new Set<DocumentRef>();
  const add = (document: DocumentRef | undefined) => {
    if (document !== undefined) found.add(document);
  };
  if (STRATEGY_KINDS.includes(edit.kind)) return [STRATEGY_DOCUMENT];
  if (edit.kind === 'action_plan') return edit.op === 'update' || edit.op === 'delete' ? [edit.code] : [];
  if (edit.op === 'create') {
    if (edit.parent !== undefined) add(edit.kind === 'activity' ? edit.parent : documentOfElement(plan, edit.parent));
    return [...found];
  }
  add(documentOfElement(plan, edit.code));
  if (edit.op === 'move' && edit.parent !== undefined) add(edit.kind === 'activity' ? edit.parent : documentOfElement(plan, edit.parent));
  return [...found];
}

/** What a version of a document keeps: the package without its monitoring history. */
export function documentSnapshot(plan: PlanPackage): PlanPackage {
  const { monitoring: _monitoring, ...rest } = plan;
  return rest;
}

/** One element of a document, in the order of the document's tree. */
export type DocumentItem = { kind: ElementKind; code: string; parent?: string; position: number; data: ElementData; title: string };

function titleOf(kind: ElementKind, data: ElementData): string {
  const record = data as Record<string, unknown>;
  const text =
    kind === 'indicator' ? record.name : kind === 'risk' ? record.description : kind === 'recommendation' ? record.text : record.title;
  return typeof text === 'string' ? text : '';
}

/**
 * The elements of a document in tree order (parents before their children): the strategy, its
 * goals, objectives and their indicators, its risks and recommendations; or the action plan, its
 * activities and their indicators. A document's own life cycle (status, adoption) is part of its data here.
 */
export function documentItems(plan: PlanPackage, scope: DocumentScope): DocumentItem[] {
  const items: DocumentItem[] = [];
  const push = (kind: ElementKind, code: string, extra: Record<string, unknown> = {}) => {
    const element = elementOf(plan, code);
    if (!element) return;
    const data = { ...element.data, ...extra } as ElementData;
    items.push({
      kind,
      code,
      ...(element.parent !== undefined ? { parent: element.parent } : {}),
      position: element.position,
      data,
      title: titleOf(kind, data),
    });
  };
  if (scope.kind === 'strategy') {
    const strategy = plan.strategy;
    push('strategy', strategy.id, lifeCycle(strategy));
    for (const goal of strategy.goals) {
      push('goal', goal.id);
      for (const objective of goal.objectives) {
        push('objective', objective.id);
        objective.indicators?.forEach((indicator) => push('indicator', indicator.id));
      }
    }
    strategy.risks?.forEach((risk) => push('risk', risk.id));
    plan.recommendations?.forEach((recommendation) => push('recommendation', recommendation.id));
    return items;
  }
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === scope.code);
  if (!actionPlan) return items;
  push('action_plan', actionPlan.id, lifeCycle(actionPlan));
  for (const activity of actionPlan.activities) {
    push('activity', activity.id);
    activity.indicators?.forEach((indicator) => push('indicator', indicator.id));
  }
  return items;
}

function lifeCycle(document: { status: DocumentStatus; adoptedOn?: string; adoptedBy?: string }): Record<string, unknown> {
  return {
    status: document.status,
    ...(document.adoptedBy !== undefined ? { adoptedBy: document.adoptedBy } : {}),
    ...(document.adoptedOn !== undefined ? { adoptedOn: document.adoptedOn } : {}),
  };
}

/** Deep equality of JSON values, whatever the order of keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(b)) return false;
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = Object.entries(b).filter(([, value]) => value !== undefined);
  if (left.length !== right.length) return false;
  const other = b as Record<string, unknown>;
  return left.every(([key, value]) => sameValue(value, other[key]));
}

/** The edits that restore a document, or why they cannot (with the edit that failed). */
export type RestoreResult =
  | { ok: true; edits: PlanEdit[]; plan: PlanPackage }
  | { ok: false; issues: FieldIssue[]; reason: 'invalid' | 'in_use' | 'not_found'; edit?: PlanEdit };

/**
 * The edits that bring a document back to what a snapshot of it holds (withdrawing an amendment),
 * with the package they give. Elements that are in both keep their code (and so their identity
 * in the store) and are updated or moved; elements the snapshot lacks are deleted, which is
 * refused (like any delete) while something, such as the monitoring history, refers to them. The
 * versions in the edits are 0: the caller applies them as the system, not as a concurrent editor.
 * A document's status and adoption are not edits; the caller restores them.
 */
export function restoreEdits(current: PlanPackage, snapshot: PlanPackage, scope: DocumentScope): RestoreResult {
  const edits: PlanEdit[] = [];
  let work = current;
  const apply = (edit: PlanEdit): RestoreResult | undefined => {
    const result = applyPlanEdit(work, edit);
    if (!result.ok) return { ...result, edit };
    work = result.plan;
    edits.push(edit);
    return undefined;
  };
  const target = documentItems(snapshot, scope);
  const wanted = new Set(target.map((item) => item.code));
  // First every element of the snapshot exists, with its data and under its parent.
  for (const item of target) {
    const { status: _status, adoptedBy: _by, adoptedOn: _on, ...data } = item.data as Record<string, unknown>;
    const present = elementOf(work, item.code);
    if (!present) {
      const failure = apply({
        op: 'create',
        kind: item.kind,
        ...(item.parent !== undefined ? { parent: item.parent } : {}),
        position: item.position,
        data,
      });
      if (failure) return failure;
      continue;
    }
    if (present.kind !== item.kind) {
      return { ok: false, reason: 'invalid', issues: [{ path: 'code', key: 'code_taken', params: { id: item.code } }] };
    }
    if (!sameValue(present.data, data)) {
      const failure = apply({ op: 'update', kind: item.kind, code: item.code, version: 0, data });
      if (failure) return failure;
    }
    if (item.kind !== 'strategy' && present.parent !== item.parent) {
      const failure = apply({
        op: 'move',
        kind: item.kind,
        code: item.code,
        ...(item.parent !== undefined ? { parent: item.parent } : {}),
        position: item.position,
      });
      if (failure) return failure;
    }
  }
  // Then what the snapshot lacks goes, children before their parents.
  const leftovers = documentItems(work, scope)
    .filter((item) => !wanted.has(item.code))
    .reverse();
  for (const item of leftovers) {
    if (!elementOf(work, item.code)) continue;
    const failure = apply({ op: 'delete', kind: item.kind, code: item.code, version: 0 });
    if (failure) return failure;
  }
  // Last, the order: the lists now hold what the snapshot's hold.
  for (const item of target) {
    const now = elementOf(work, item.code);
    if (item.kind === 'strategy' || !now || now.position === item.position) continue;
    const failure = apply({
      op: 'move',
      kind: item.kind,
      code: item.code,
      ...(item.parent !== undefined ? { parent: item.parent } : {}),
      position: item.position,
    });
    if (failure) return failure;
  }
  return { ok: true, edits, plan: work };
}

/** The action plan of a package by its code. */
export function actionPlanOf(plan: PlanPackage, code: string): ActionPlan | undefined {
  return plan.actionPlans.find((actionPlan) => actionPlan.id === code);
}
