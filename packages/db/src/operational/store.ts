import type { InclusionKind, OperationalContent, OperationalPlan, OperationalStatus } from '@ariadne/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** An operational plan as stored: its content, status, version and who did what when. */
export type StoredOperationalPlan = OperationalPlan & {
  id: number;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  adoptedBy: string | null;
  adoptedAt: string | null;
};

/** One line of the list of an action plan's operational plans. */
export type OperationalPlanSummary = {
  year: number;
  status: OperationalStatus;
  version: number;
  due: number;
  carriedOver: number;
  createdAt: string;
  adoptedAt: string | null;
};

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** The operational plans of an action plan, by year, with the number of due and carried-over activities. */
export async function listOperationalPlans(executor: Executor, participantId: number, planCode: string): Promise<OperationalPlanSummary[]> {
  const rows = await executor
    .selectFrom('operational_plans')
    .leftJoin('operational_plan_activities', 'operational_plan_activities.operational_plan_id', 'operational_plans.id')
    .select((eb) => [
      'operational_plans.year',
      'operational_plans.status',
      'operational_plans.version',
      'operational_plans.created_at',
      'operational_plans.adopted_at',
      eb.fn
        .count<number>('operational_plan_activities.activity_code')
        .filterWhere('operational_plan_activities.kind', '=', 'due')
        .as('due'),
      eb.fn
        .count<number>('operational_plan_activities.activity_code')
        .filterWhere('operational_plan_activities.kind', '=', 'carried_over')
        .as('carried'),
    ])
    .where('operational_plans.participant_id', '=', participantId)
    .where('operational_plans.plan_code', '=', planCode)
    .groupBy(['operational_plans.id'])
    .orderBy('operational_plans.year')
    .execute();
  return rows.map((row) => ({
    year: row.year,
    status: row.status,
    version: row.version,
    due: Number(row.due),
    carriedOver: Number(row.carried),
    createdAt: iso(row.created_at),
    adoptedAt: isoOrNull(row.adopted_at),
  }));
}

/** The operational plan of an action plan's year with its content, or null. */
export async function readOperationalPlan(
  executor: Executor,
  participantId: number,
  planCode: string,
  year: number,
): Promise<StoredOperationalPlan | null> {
  const row = await executor
    .selectFrom('operational_plans')
    .leftJoin('users as creators', 'creators.id', 'operational_plans.created_by')
    .leftJoin('users as adopters', 'adopters.id', 'operational_plans.adopted_by')
    .select([
      'operational_plans.id',
      'operational_plans.plan_code',
      'operational_plans.year',
      'operational_plans.status',
      'operational_plans.version',
      'operational_plans.created_at',
      'operational_plans.updated_at',
      'operational_plans.adopted_at',
      'creators.display_name as createdBy',
      'adopters.display_name as adoptedBy',
    ])
    .where('operational_plans.participant_id', '=', participantId)
    .where('operational_plans.plan_code', '=', planCode)
    .where('operational_plans.year', '=', year)
    .executeTakeFirst();
  if (!row) return null;
  const [activities, costs, recommendations] = await Promise.all([
    executor.selectFrom('operational_plan_activities').selectAll().where('operational_plan_id', '=', row.id).orderBy('position').execute(),
    executor.selectFrom('operational_plan_costs').selectAll().where('operational_plan_id', '=', row.id).orderBy('position').execute(),
    executor
      .selectFrom('operational_plan_recommendations')
      .selectAll()
      .where('operational_plan_id', '=', row.id)
      .orderBy('position')
      .execute(),
  ]);
  return {
    id: row.id,
    plan: row.plan_code,
    year: row.year,
    status: row.status,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    adoptedBy: row.adoptedBy,
    adoptedAt: isoOrNull(row.adopted_at),
    activities: activities.map((item) => ({
      activity: item.activity_code,
      kind: item.kind,
      reason: item.reason,
      reportedStatus: item.reported_status,
      reportedRound: item.reported_round,
    })),
    costs: costs.map((line) => ({
      activity: line.activity_code,
      amount: Number(line.amount),
      source: line.source,
      funder: line.funder,
      status: line.status,
    })),
    recommendations: recommendations.map((item) => ({ recommendation: item.recommendation_code, action: item.action })),
  };
}

/** The activities and their kinds of every operational plan of an action plan, by year (what the carry-over report reads). */
export async function operationalYearsOf(
  executor: Executor,
  participantId: number,
  planCode: string,
): Promise<{ year: number; activities: { activity: string; kind: InclusionKind }[] }[]> {
  const rows = await executor
    .selectFrom('operational_plans')
    .innerJoin('operational_plan_activities', 'operational_plan_activities.operational_plan_id', 'operational_plans.id')
    .select(['operational_plans.year', 'operational_plan_activities.activity_code', 'operational_plan_activities.kind'])
    .where('operational_plans.participant_id', '=', participantId)
    .where('operational_plans.plan_code', '=', planCode)
    .orderBy('operational_plans.year')
    .orderBy('operational_plan_activities.position')
    .execute();
  const years = new Map<number, { activity: string; kind: InclusionKind }[]>();
  for (const row of rows) years.set(row.year, [...(years.get(row.year) ?? []), { activity: row.activity_code, kind: row.kind }]);
  return [...years].map(([year, activities]) => ({ year, activities }));
}

async function writeContent(trx: Transaction<Schema>, id: number, content: OperationalContent): Promise<void> {
  await trx.deleteFrom('operational_plan_activities').where('operational_plan_id', '=', id).execute();
  await trx.deleteFrom('operational_plan_costs').where('operational_plan_id', '=', id).execute();
  await trx.deleteFrom('operational_plan_recommendations').where('operational_plan_id', '=', id).execute();
  if (content.activities.length > 0) {
    await trx
      .insertInto('operational_plan_activities')
      .values(
        content.activities.map((item, position) => ({
          operational_plan_id: id,
          position,
          activity_code: item.activity,
          kind: item.kind,
          reason: item.reason,
          reported_status: item.reportedStatus,
          reported_round: item.reportedRound,
        })),
      )
      .execute();
  }
  if (content.costs.length > 0) {
    await trx
      .insertInto('operational_plan_costs')
      .values(
        content.costs.map((line, position) => ({
          operational_plan_id: id,
          position,
          activity_code: line.activity,
          amount: line.amount,
          source: line.source,
          funder: line.funder,
          status: line.status,
        })),
      )
      .execute();
  }
  if (content.recommendations.length > 0) {
    await trx
      .insertInto('operational_plan_recommendations')
      .values(
        content.recommendations.map((item, position) => ({
          operational_plan_id: id,
          position,
          recommendation_code: item.recommendation,
          action: item.action,
        })),
      )
      .execute();
  }
}

/** Stores a new draft operational plan with its content; null when the action plan already has one for that year. */
export async function insertOperationalPlan(
  trx: Transaction<Schema>,
  input: { participantId: number; plan: string; year: number; content: OperationalContent; userId: number | null },
): Promise<number | null> {
  const row = await trx
    .insertInto('operational_plans')
    .values({
      participant_id: input.participantId,
      plan_code: input.plan,
      year: input.year,
      created_by: input.userId,
      updated_by: input.userId,
    })
    .onConflict((conflict) => conflict.columns(['participant_id', 'plan_code', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  await writeContent(trx, row.id, input.content);
  return row.id;
}

/** Replaces the content of a draft operational plan if it is still at `version`; the new version, or null when it was not. */
export async function replaceOperationalContent(
  trx: Transaction<Schema>,
  input: { id: number; version: number; content: OperationalContent; userId: number | null },
): Promise<number | null> {
  const row = await trx
    .updateTable('operational_plans')
    .set((eb) => ({ version: eb('version', '+', 1), updated_by: input.userId, updated_at: new Date() }))
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .where('status', '=', 'draft')
    .returning('version')
    .executeTakeFirst();
  if (!row) return null;
  await writeContent(trx, input.id, input.content);
  return row.version;
}

/** Marks a draft operational plan adopted; false when it was not a draft at `version`. */
export async function adoptOperationalPlan(
  trx: Transaction<Schema>,
  input: { id: number; version: number; userId: number | null },
): Promise<boolean> {
  const row = await trx
    .updateTable('operational_plans')
    .set((eb) => ({
      status: 'adopted',
      version: eb('version', '+', 1),
      adopted_by: input.userId,
      adopted_at: new Date(),
      updated_by: input.userId,
      updated_at: new Date(),
    }))
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
