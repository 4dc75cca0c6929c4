import {
  AppError,
  carryOverReport,
  draftOperationalPlan,
  reviseOperationalPlan,
  type CarryOverReport,
  type OperationalChange,
  type PlanPackage,
} from '@ariadne/domain';
import {
  adoptOperationalPlan,
  insertOperationalPlan,
  listOperationalPlans,
  operationalYearsOf,
  readOperationalPlan,
  recordAudit,
  replaceOperationalContent,
  type AuditActor,
  type Database,
  type OperationalPlanSummary,
  type StoredOperationalPlan,
} from '@ariadne/db';
import { loadActionPlan } from './loadActionPlan.ts';
import { participantId } from './monitoringSettings.ts';

// The use cases of annual operational plans: listing an action plan's, drafting one for a year,
// changing a draft, adopting it, and the carry-over report. Each write is one transaction with its
// audit entry; an adopted operational plan is never changed again.

/** An action plan's package and the operational plans it has. */
export type OperationalContext = { pkg: PlanPackage; planId: string; address: string; participantId: number };

async function context(database: Database, participant: string, plan: string): Promise<OperationalContext> {
  const loaded = await loadActionPlan(database, participant, plan);
  return { pkg: loaded.plan, planId: loaded.planId, address: loaded.address, participantId: await participantId(database, participant) };
}

function notFound(participant: string, plan: string, year: number): AppError {
  return new AppError('NOT_FOUND', { detail: `no operational plan ${participant}/${plan}/${year}` });
}

function userOf(actor: AuditActor): number | null {
  return 'userId' in actor ? actor.userId : null;
}

/** The operational plans of an action plan by year, with the plan's package. */
export async function loadOperationalPlans(
  database: Database,
  participant: string,
  plan: string,
): Promise<OperationalContext & { operationalPlans: OperationalPlanSummary[] }> {
  const found = await context(database, participant, plan);
  return { ...found, operationalPlans: await listOperationalPlans(database.db, found.participantId, found.planId) };
}

/** One operational plan with its action plan's package; NOT_FOUND when the year has none. */
export async function loadOperationalPlan(
  database: Database,
  participant: string,
  plan: string,
  year: number,
): Promise<OperationalContext & { operational: StoredOperationalPlan }> {
  const found = await context(database, participant, plan);
  const operational = await readOperationalPlan(database.db, found.participantId, found.planId, year);
  if (!operational) throw notFound(participant, plan, year);
  return { ...found, operational };
}

/**
 * Drafts the operational plan of a year from the action plan (due activities, carried-over ones
 * with their reasons, the year's costs, the latest recommendations). VALIDATION_FAILED for a year
 * outside the plan, ALREADY_EXISTS when the year has one.
 */
export async function createOperationalPlan(
  database: Database,
  input: { participant: string; plan: string; year: number; actor: AuditActor },
): Promise<OperationalContext & { operational: StoredOperationalPlan }> {
  const found = await context(database, input.participant, input.plan);
  const draft = draftOperationalPlan(found.pkg, found.planId, input.year);
  await database.db.transaction().execute(async (trx) => {
    const id = await insertOperationalPlan(trx, {
      participantId: found.participantId,
      plan: found.planId,
      year: input.year,
      content: draft,
      userId: userOf(input.actor),
    });
    if (id === null) {
      throw new AppError('ALREADY_EXISTS', {
        issues: [{ path: 'year', key: 'operational_plan_exists', params: { year: input.year } }],
        detail: `${found.address} already has an operational plan for ${input.year}`,
      });
    }
    await recordAudit(trx, {
      actor: input.actor,
      participantId: found.participantId,
      action: 'operational_plan.create',
      entity: 'operational_plan',
      entityId: `${found.planId}/${input.year}`,
      after: { year: input.year, activities: draft.activities, costs: draft.costs, recommendations: draft.recommendations },
    });
  });
  return loadOperationalPlan(database, input.participant, input.plan, input.year);
}

async function refusal(database: Database, found: OperationalContext, year: number, participant: string): Promise<AppError> {
  const now = await readOperationalPlan(database.db, found.participantId, found.planId, year);
  if (!now) return notFound(participant, found.planId, year);
  if (now.status === 'adopted') {
    return new AppError('TRANSITION_NOT_ALLOWED', { detail: `operational plan ${found.address}/${year} is adopted and read-only` });
  }
  return new AppError('EDIT_CONFLICT', { detail: `operational plan ${found.address}/${year} is at version ${now.version}` });
}

/**
 * Replaces the content of a draft operational plan (its activities with reasons, the year's cost
 * lines, the planned answers to recommendations) if it is still at `version`. VALIDATION_FAILED
 * naming every bad path, TRANSITION_NOT_ALLOWED once adopted, EDIT_CONFLICT for an older version.
 */
export async function changeOperationalPlan(
  database: Database,
  input: { participant: string; plan: string; year: number; version: number; change: OperationalChange; actor: AuditActor },
): Promise<OperationalContext & { operational: StoredOperationalPlan }> {
  const { operational, ...found } = await loadOperationalPlan(database, input.participant, input.plan, input.year);
  if (operational.status === 'adopted') throw await refusal(database, found, input.year, input.participant);
  const { content, issues } = reviseOperationalPlan(found.pkg, operational, input.change);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: `bad change to ${found.address}/${input.year}` });
  // A refusal is worked out after the transaction, whose connection must not wait on another read.
  const written = await database.db.transaction().execute(async (trx) => {
    const version = await replaceOperationalContent(trx, {
      id: operational.id,
      version: input.version,
      content,
      userId: userOf(input.actor),
    });
    if (version === null) return false;
    await recordAudit(trx, {
      actor: input.actor,
      participantId: found.participantId,
      action: 'operational_plan.edit',
      entity: 'operational_plan',
      entityId: `${found.planId}/${input.year}`,
      before: { activities: operational.activities, costs: operational.costs, recommendations: operational.recommendations },
      after: content,
    });
    return true;
  });
  if (!written) throw await refusal(database, found, input.year, input.participant);
  return loadOperationalPlan(database, input.participant, input.plan, input.year);
}

/** Adopts a draft operational plan at `version`; from then on it is read-only. TRANSITION_NOT_ALLOWED when already adopted. */
export async function adoptOperational(
  database: Database,
  input: { participant: string; plan: string; year: number; version: number; actor: AuditActor },
): Promise<OperationalContext & { operational: StoredOperationalPlan }> {
  const { operational, ...found } = await loadOperationalPlan(database, input.participant, input.plan, input.year);
  const adopted = await database.db.transaction().execute(async (trx) => {
    if (!(await adoptOperationalPlan(trx, { id: operational.id, version: input.version, userId: userOf(input.actor) }))) return false;
    await recordAudit(trx, {
      actor: input.actor,
      participantId: found.participantId,
      action: 'operational_plan.adopt',
      entity: 'operational_plan',
      entityId: `${found.planId}/${input.year}`,
      before: { status: 'draft' },
      after: { status: 'adopted' },
    });
    return true;
  });
  if (!adopted) throw await refusal(database, found, input.year, input.participant);
  return loadOperationalPlan(database, input.participant, input.plan, input.year);
}

/** The carry-over report of an action plan as of a date, reading every operational plan it has. */
export async function loadCarryOver(
  database: Database,
  participant: string,
  plan: string,
  asOf: string,
): Promise<{ found: OperationalContext; report: CarryOverReport }> {
  const found = await context(database, participant, plan);
  const years = await operationalYearsOf(database.db, found.participantId, found.planId);
  return { found, report: carryOverReport(found.pkg, found.planId, years, asOf) };
}
