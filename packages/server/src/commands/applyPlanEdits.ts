import {
  AppError,
  InstitutionSchema,
  applyPlanEdit,
  codesOf,
  documentStatus,
  documentsTouched,
  elementOf,
  institutionsNamedIn,
  isFrozenStatus,
  withInstitutions,
  type ElementKind,
  type FieldIssue,
  type Institution,
  type PlanEdit,
  type PlanPackage,
} from '@ariadne/domain';
import {
  elementStorageIssues,
  listInstitutionsInStrategy,
  recordAudit,
  takenCodes,
  writePlanEdit,
  type AuditActor,
  type Database,
  type Schema,
} from '@ariadne/db';
import type { Transaction } from 'kysely';
import { withLockedStrategy, type StrategyState } from '../plan-cache.ts';

export type ApplyPlanEditsInput = {
  /** The Participant's code, e.g. `DL`. */
  participant: string;
  /** The strategy's id, e.g. `NS-2021-2024`. */
  strategy: string;
  edits: PlanEdit[];
  actor: AuditActor;
};

export type AppliedEdit = { code: string; kind: ElementKind; version: number };

export type AppliedPlanEdits = {
  results: AppliedEdit[];
  /** The strategy's revision after the edits: it changes with every write to the strategy. */
  revision: number;
};

/** The fields of an edit itself; any other issue path names a field of the edit's data. */
const EDIT_FIELDS = new Set(['op', 'kind', 'code', 'version', 'parent', 'position']);

/** `title` → `edits[2].data.title`, `parent` → `edits[2].parent`; paths into the package (`$.…`) stay. */
export function editIssuePath(index: number, path: string): string {
  if (path.startsWith('$')) return path;
  const head = path.split(/[.[]/)[0] ?? '';
  if (EDIT_FIELDS.has(head)) return `edits[${index}].${path}`;
  return path === '' ? `edits[${index}].data` : `edits[${index}].data.${path}`;
}

/**
 * Applies a list of edits to a strategy in one transaction, all or nothing, with one audit entry
 * per edit (`plan.element.created|updated|deleted|moved`, with the element before and after).
 * Each edit is checked by the domain on the strategy's package as the edits before it left it:
 * the data by its kind's schema, the package by its referential rules. Institutions of the
 * Participant's register that the data names join the strategy's list.
 *
 * Refusals: VALIDATION_FAILED (400) with every invalid edit's issues (`edits[0].data.title`);
 * EDIT_CONFLICT (409, with the stored element as `current`) when an update or delete carries
 * another version than the stored one; ELEMENT_IN_USE (409) naming what refers to an element
 * being deleted; DOCUMENT_FROZEN (409) for an adopted, expired or superseded document without an
 * open amendment; NOT_FOUND (404) for a code that is not there.
 *
 * Given a transaction of the caller's (`options.trx`), the edits run in it: the Excel import
 * creates institutions and applies its edits in one transaction.
 */
export async function applyPlanEdits(
  database: Database,
  input: ApplyPlanEditsInput,
  options: { trx?: Transaction<Schema> } = {},
): Promise<AppliedPlanEdits> {
  const { result, revision } = await withLockedStrategy(
    database,
    { participant: input.participant, strategy: input.strategy, trx: options.trx },
    async (trx, state) => {
      const applied = await applyEditsTo(trx, state, input.edits, { actor: input.actor });
      return { result: applied.results, state: applied.state };
    },
  );
  return { results: result, revision };
}

export type EditOptions = {
  actor: AuditActor;
  /** Compare each update's and delete's version with the stored one (not when the system restores a version). */
  checkVersions?: boolean;
  /** Refuse edits of frozen documents without an open amendment (not when the system restores a version). */
  checkFrozen?: boolean;
};

/**
 * Applies edits on a locked strategy within the caller's transaction, starting from its state;
 * gives the results and the state after them. Throws the refusals of {@link applyPlanEdits}.
 */
export async function applyEditsTo(
  trx: Transaction<Schema>,
  state: StrategyState,
  edits: readonly PlanEdit[],
  options: EditOptions,
): Promise<{ results: AppliedEdit[]; state: Omit<StrategyState, 'revision'> }> {
  const checkVersions = options.checkVersions ?? true;
  const checkFrozen = options.checkFrozen ?? true;
  const versions = new Map(state.versions);
  let plan = state.plan;
  const results: AppliedEdit[] = [];
  // After the first invalid edit nothing more is written; the rest are still checked, so that
  // every invalid edit is reported at once.
  const invalid: FieldIssue[] = [];

  for (const [index, edit] of edits.entries()) {
    const at = (issue: FieldIssue): FieldIssue => ({ ...issue, path: editIssuePath(index, issue.path) });

    if (checkVersions && (edit.op === 'update' || edit.op === 'delete')) {
      const element = elementOf(plan, edit.code);
      const stored = versions.get(edit.code);
      if (element && element.kind === edit.kind && stored !== undefined && stored !== edit.version) {
        throw new AppError('EDIT_CONFLICT', {
          params: { code: edit.code },
          current: { code: edit.code, kind: element.kind, version: stored, data: element.data },
          detail: `${edit.kind} ${edit.code} is at version ${stored}, the edit was made on ${edit.version}`,
        });
      }
    }

    if (checkFrozen) frozenCheck(plan, state, edit, index);
    const renamedPlan = actionPlanRename(plan, edit);
    if (renamedPlan && renamedPlan.frozen) {
      invalid.push(at({ path: 'id', key: 'code_fixed' }));
      continue;
    }

    // Institutions of the register that the data names join the strategy's list.
    let base = plan;
    if (edit.op === 'create' || edit.op === 'update') {
      const listed = new Set(plan.institutions.map((institution) => institution.id));
      const named = institutionsNamedIn(edit.kind, edit.data).filter((code) => !listed.has(code));
      const registered = await registerInstitutions(trx, state.participantId, named);
      if (registered.length > 0) {
        base = withInstitutions(plan, registered);
        if (invalid.length === 0) {
          await listInstitutionsInStrategy(
            trx,
            { id: state.strategyId, participantId: state.participantId },
            registered.map((institution) => institution.id),
          );
        }
      }
    }

    const outcome = applyPlanEdit(base, edit);
    if (!outcome.ok) {
      if (outcome.reason === 'not_found') {
        throw new AppError('NOT_FOUND', { issues: outcome.issues.map(at), detail: `no ${edit.kind} ${'code' in edit ? edit.code : ''}` });
      }
      if (outcome.reason === 'in_use') {
        throw new AppError('ELEMENT_IN_USE', {
          issues: outcome.issues.map(at),
          detail: `${'code' in edit ? edit.code : ''} is referred to`,
        });
      }
      invalid.push(
        ...outcome.issues.map((issue) => at(issue.key === 'unknown_institution' ? { ...issue, key: 'institution_not_registered' } : issue)),
      );
      continue;
    }

    const element = elementOf(outcome.plan, outcome.code);
    const storage = element && (edit.op === 'create' || edit.op === 'update') ? elementStorageIssues(element.kind, element.data) : [];
    const taken = await otherStrategiesCodes(trx, state, plan, edit, outcome.code);
    if (storage.length > 0 || taken.length > 0) {
      invalid.push(...storage.map(at), ...taken.map(at));
      continue;
    }
    if (invalid.length > 0) {
      plan = outcome.plan;
      continue;
    }

    const { version } = await writePlanEdit(trx, {
      strategyId: state.strategyId,
      participantId: state.participantId,
      before: base,
      after: outcome.plan,
      edit,
      code: outcome.code,
    });
    const previous = 'code' in edit ? versions.get(edit.code) : undefined;
    await auditEdit(trx, state, options.actor, { plan: base, version: previous }, { plan: outcome.plan, version }, edit, outcome.code);

    if (edit.op === 'delete' || (edit.op === 'update' && outcome.code !== edit.code)) {
      const remaining = codesOf(outcome.plan);
      for (const code of codesOf(base)) if (!remaining.has(code)) versions.delete(code);
    }
    if (edit.op !== 'delete') versions.set(outcome.code, version);
    results.push({ code: outcome.code, kind: edit.kind, version });
    plan = outcome.plan;
  }

  if (invalid.length > 0) {
    throw new AppError('VALIDATION_FAILED', { issues: invalid, detail: `${invalid.length} problem(s) in the edits` });
  }
  return { results, state: { ...state, plan, versions } };
}

/** Refuses an edit of a frozen document (adopted, expired, superseded) that has no open amendment. */
function frozenCheck(plan: PlanPackage, state: StrategyState, edit: PlanEdit, index: number): void {
  for (const document of documentsTouched(plan, edit)) {
    const status = documentStatus(plan, document);
    if (status === undefined || !isFrozenStatus(status)) continue;
    // An adopted action plan is never deleted, amendment or not: its versions stay in the history.
    const deletingPlan = edit.kind === 'action_plan' && edit.op === 'delete';
    if (!deletingPlan && state.amendments.has(document)) continue;
    const name = document === 'strategy' ? plan.strategy.id : document;
    throw new AppError('DOCUMENT_FROZEN', {
      params: { document: name },
      issues: [{ path: `edits[${index}]`, key: 'document_frozen', params: { document: name } }],
      detail: `${name} is ${status}`,
    });
  }
}

/** An update that gives an action plan a new code: refused once the plan has been adopted (its versions keep its code). */
function actionPlanRename(plan: PlanPackage, edit: PlanEdit): { frozen: boolean } | undefined {
  if (edit.kind !== 'action_plan' || edit.op !== 'update') return undefined;
  const code = typeof edit.data === 'object' && edit.data !== null ? (edit.data as Record<string, unknown>).id : undefined;
  if (typeof code !== 'string' || code === edit.code) return undefined;
  const status = documentStatus(plan, edit.code);
  return { frozen: status !== undefined && isFrozenStatus(status) };
}

/** The register's institutions with these codes, as the package shows them. */
async function registerInstitutions(trx: Transaction<Schema>, participantId: number, codes: readonly string[]): Promise<Institution[]> {
  if (codes.length === 0) return [];
  const rows = await trx
    .selectFrom('institutions')
    .select(['code', 'name', 'type', 'level', 'area'])
    .where('participant_id', '=', participantId)
    .where('code', 'in', [...codes])
    .orderBy('code')
    .execute();
  return rows.map((row) =>
    InstitutionSchema.parse({
      id: row.code,
      name: row.name,
      type: row.type,
      level: row.level,
      ...(row.area !== null ? { area: row.area } : {}),
    }),
  );
}

/** An action plan's new code that another strategy of the Participant already uses (codes are `PARTICIPANT/ID`). */
async function otherStrategiesCodes(
  trx: Transaction<Schema>,
  state: StrategyState,
  before: PlanPackage,
  edit: PlanEdit,
  code: string,
): Promise<FieldIssue[]> {
  if (edit.kind !== 'action_plan' || (edit.op !== 'create' && edit.op !== 'update')) return [];
  if (edit.op === 'update' && code === edit.code) return [];
  const taken = (await takenCodes(trx, state.participantId, [code])).filter(
    (clash) => clash.kind === 'strategy' || clash.strategy !== before.strategy.id,
  );
  return taken.map((clash) => ({ path: 'id', key: 'id_taken', params: { id: clash.code, strategy: clash.strategy } }));
}

const AUDIT_ACTIONS = {
  create: 'plan.element.created',
  update: 'plan.element.updated',
  delete: 'plan.element.deleted',
  move: 'plan.element.moved',
} as const;

/** One audit entry per edit, with the element before and after. */
async function auditEdit(
  trx: Transaction<Schema>,
  state: StrategyState,
  actor: AuditActor,
  before: { plan: PlanPackage; version: number | undefined },
  after: { plan: PlanPackage; version: number },
  edit: PlanEdit,
  code: string,
): Promise<void> {
  const was = edit.op === 'create' ? undefined : elementOf(before.plan, edit.code);
  const now = edit.op === 'delete' ? undefined : elementOf(after.plan, code);
  const describe = (element: NonNullable<typeof was>, withData: boolean) => ({
    ...(element.parent !== undefined ? { parent: element.parent } : {}),
    position: element.position,
    ...(withData ? { data: element.data } : {}),
  });
  const moved = edit.op === 'move';
  await recordAudit(trx, {
    actor,
    participantId: state.participantId,
    action: AUDIT_ACTIONS[edit.op],
    entity: edit.kind,
    entityId: code,
    ...(was ? { before: { strategy: before.plan.strategy.id, version: before.version ?? null, ...describe(was, !moved) } } : {}),
    ...(now ? { after: { strategy: after.plan.strategy.id, version: after.version, ...describe(now, !moved) } } : {}),
  });
}
