import {
  AppError,
  parsePlanPackage,
  validatePlanPackage,
  type FieldIssue,
  type PackageValidation,
  type PlanPackage,
} from '@ariadne/domain';
import {
  deleteStrategy,
  recordAudit,
  storageIssues,
  summarizeStrategy,
  textIssues,
  takenCodes,
  upsertInstitutions,
  writeStrategy,
  type AuditActor,
  type Database,
  type Schema,
  type StrategySummary,
} from '@ariadne/db';
import type { Transaction } from 'kysely';

export type ImportPlanPackageOptions = {
  /** A package that passed {@link checkPlanPackage} (or {@link checkPlanPackageText}). */
  plan: PlanPackage;
  /**
   * Replace the strategy when the Participant already has one with the package's id: the old one is
   * deleted with everything under it (action plans, monitoring history) and the package written.
   */
  replace?: boolean;
  actor: AuditActor;
  /** Called inside the transaction with what was imported (an idempotent request stores its answer there). */
  afterWrite?: ((trx: Transaction<Schema>, imported: ImportedPlanPackage) => Promise<void>) | undefined;
};

export type ImportedPlanPackage = {
  participant: string;
  strategy: string;
  actionPlans: string[];
  /** The package replaced a strategy that was there before. */
  replaced: boolean;
  /** The Participant did not exist and was created from the package. */
  participantCreated: boolean;
  /** What was written, counted from the database. */
  summary: StrategySummary;
};

/**
 * Checks a parsed plan package against the format, its referential rules and what the database can
 * hold exactly; throws VALIDATION_FAILED listing every problem with its JSON path.
 */
export function checkPlanPackage(input: unknown): PlanPackage {
  return accepted(validatePlanPackage(input), input);
}

/** Like {@link checkPlanPackage}, for the text of a file: an empty, oversized or non-JSON text is refused too. */
export function checkPlanPackageText(text: string): PlanPackage {
  const result = parsePlanPackage(text);
  // Problems of the whole file (`$`) mean there is no JSON to look into any further.
  const parsed = result.ok || result.issues.some((issue) => issue.path === '$') ? undefined : (JSON.parse(text) as unknown);
  return accepted(result, parsed);
}

function accepted(result: PackageValidation, input: unknown): PlanPackage {
  const issues = result.ok ? storageIssues(result.value) : [...result.issues, ...(input === undefined ? [] : textIssues(input))];
  if (!result.ok || issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', { issues, detail: `the plan package has ${issues.length} problem(s)` });
  }
  return result.value;
}

/**
 * Imports a plan package in one transaction, all or nothing, audited: see {@link importPlanPackageWith}.
 */
export async function importPlanPackage(database: Database, options: ImportPlanPackageOptions): Promise<ImportedPlanPackage> {
  return database.db.transaction().execute(async (trx) => {
    const imported = await importPlanPackageWith(trx, options);
    await options.afterWrite?.(trx, imported);
    return imported;
  });
}

/**
 * Imports a plan package within the caller's transaction (the demo loader composes it with its own
 * writes). The Participant is created when missing and must keep its currency; the package's
 * institutions are brought into the Participant's register by code; a strategy with the same id
 * is refused (ALREADY_EXISTS) unless `replace` is set; strategy and action plan ids already used by
 * another strategy of the Participant are refused, naming their path in the package.
 */
export async function importPlanPackageWith(trx: Transaction<Schema>, options: ImportPlanPackageOptions): Promise<ImportedPlanPackage> {
  const { plan, actor } = options;
  const { participantId, created: participantCreated } = await lockParticipant(trx, plan, actor);

  const existing = await trx
    .selectFrom('strategies')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('code', '=', plan.strategy.id)
    .executeTakeFirst();
  if (existing && !options.replace) {
    throw new AppError('ALREADY_EXISTS', {
      issues: [{ path: '$.strategy.id', key: 'strategy_exists', params: { participant: plan.participant.code, id: plan.strategy.id } }],
      detail: `${plan.participant.code}/${plan.strategy.id} exists and replace was not asked for`,
    });
  }
  const before = existing ? await summarizeStrategy(trx, existing.id) : undefined;
  // Deleting first frees the old strategy's own codes, so that only other strategies can clash.
  if (existing) await deleteStrategy(trx, existing.id);

  const clashes = await codeClashes(trx, participantId, plan);
  if (clashes.length > 0) {
    throw new AppError('ALREADY_EXISTS', { issues: clashes, detail: 'ids already used by other strategies of the Participant' });
  }

  const institutions = await upsertInstitutions(trx, participantId, plan.institutions);
  const { strategyId } = await writeStrategy(trx, { participantId, institutionIds: institutions.ids, plan });
  const summary = await summarizeStrategy(trx, strategyId);

  await recordAudit(trx, {
    actor,
    participantId,
    action: existing ? 'plan.replace' : 'plan.import',
    entity: 'strategy',
    entityId: plan.strategy.id,
    ...(before ? { before } : {}),
    after: { ...summary, institutions: { created: institutions.created, updated: institutions.updated } },
  });

  return {
    participant: plan.participant.code,
    strategy: plan.strategy.id,
    actionPlans: plan.actionPlans.map((actionPlan) => actionPlan.id),
    replaced: existing !== undefined,
    participantCreated,
    summary,
  };
}

/**
 * Finds or creates the package's Participant and locks its row, so that two imports into the same
 * Participant run one after the other (their checks of taken ids would race otherwise).
 */
async function lockParticipant(
  trx: Transaction<Schema>,
  plan: PlanPackage,
  actor: AuditActor,
): Promise<{ participantId: number; created: boolean }> {
  const { code, name, currency, locale } = plan.participant;
  const inserted = await trx
    .insertInto('participants')
    .values({ code, name, currency, locale: locale ?? null })
    .onConflict((conflict) => conflict.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await recordAudit(trx, {
      actor,
      participantId: inserted.id,
      action: 'participant.create',
      entity: 'participant',
      entityId: code,
      after: { name, currency, locale: locale ?? null },
    });
    return { participantId: inserted.id, created: true };
  }
  const row = await trx
    .selectFrom('participants')
    .select(['id', 'currency'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // The register keeps one currency per Participant: its plans' money could not be added up otherwise.
  if (row.currency !== currency) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: '$.participant.currency', key: 'currency_mismatch', params: { participant: code, currency: row.currency } }],
      detail: `${code} keeps its plans in ${row.currency}, the package is in ${currency}`,
    });
  }
  return { participantId: row.id, created: false };
}

/** The package's strategy and action plan ids that another strategy of the Participant already uses. */
async function codeClashes(trx: Transaction<Schema>, participantId: number, plan: PlanPackage): Promise<FieldIssue[]> {
  const paths = new Map<string, string>([
    [plan.strategy.id, '$.strategy.id'],
    ...plan.actionPlans.map((actionPlan, p): [string, string] => [actionPlan.id, `$.actionPlans[${p}].id`]),
  ]);
  const taken = await takenCodes(trx, participantId, [...paths.keys()]);
  return taken.flatMap((clash) => {
    const path = paths.get(clash.code);
    return path === undefined ? [] : [{ path, key: 'id_taken', params: { id: clash.code, strategy: clash.strategy } }];
  });
}
