import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** The levels a local plan's coordination body can have (every level but the national one). */
export const LOCAL_LEVELS = ['entity', 'regional', 'local'] as const;
export type LocalLevel = (typeof LOCAL_LEVELS)[number];

/** The body that coordinates a local plan: an institution of the Participant's register. */
export type LocalBody = { code: string; name: string; level: string; area: string | null };

/** One link: an activity of the local plan and the national activity it implements. */
export type LocalActivityLink = { activity: string; national: string; nationalPlan: string };

/** A local plan as stored: its action plan (by code), its strategy, its body and the links of its activities. */
export type LocalPlan = {
  plan: string;
  actionPlanId: number;
  strategy: string;
  strategyId: number;
  level: LocalLevel;
  body: LocalBody;
  links: LocalActivityLink[];
  createdAt: string;
};

function isLocalLevel(value: string): value is LocalLevel {
  return (LOCAL_LEVELS as readonly string[]).includes(value);
}

/** The local plans of a Participant, by action plan code, each with the links of its activities. */
export async function listLocalPlans(db: Executor, participantId: number, options: { plan?: string } = {}): Promise<LocalPlan[]> {
  let query = db
    .selectFrom('local_plans')
    .innerJoin('action_plans', 'action_plans.id', 'local_plans.action_plan_id')
    .innerJoin('strategies', 'strategies.id', 'action_plans.strategy_id')
    .innerJoin('institutions', 'institutions.id', 'local_plans.body_institution_id')
    .select([
      'action_plans.code as plan',
      'action_plans.id as actionPlanId',
      'strategies.code as strategy',
      'strategies.id as strategyId',
      'local_plans.level',
      'local_plans.created_at as createdAt',
      'institutions.code as bodyCode',
      'institutions.name as bodyName',
      'institutions.level as bodyLevel',
      'institutions.area as bodyArea',
    ])
    .where('local_plans.participant_id', '=', participantId);
  if (options.plan !== undefined) query = query.where('action_plans.code', '=', options.plan);
  const rows = await query.orderBy('action_plans.code').execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('local_activity_links')
    .innerJoin('activities as local', 'local.id', 'local_activity_links.activity_id')
    .innerJoin('activities as national', 'national.id', 'local_activity_links.national_activity_id')
    .innerJoin('action_plans as national_plan', 'national_plan.id', 'national.action_plan_id')
    .select([
      'local.action_plan_id as actionPlanId',
      'local.code as activity',
      'national.code as national',
      'national_plan.code as nationalPlan',
    ])
    .where(
      'local.action_plan_id',
      'in',
      rows.map((row) => row.actionPlanId),
    )
    .orderBy('local.code')
    .execute();
  return rows.map((row) => ({
    plan: row.plan,
    actionPlanId: row.actionPlanId,
    strategy: row.strategy,
    strategyId: row.strategyId,
    level: isLocalLevel(row.level) ? row.level : 'local',
    body: { code: row.bodyCode, name: row.bodyName, level: row.bodyLevel, area: row.bodyArea },
    links: links
      .filter((link) => link.actionPlanId === row.actionPlanId)
      .map((link) => ({ activity: link.activity, national: link.national, nationalPlan: link.nationalPlan })),
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}

/** One local plan of a Participant by its action plan's code, or `undefined`. */
export async function findLocalPlan(db: Executor, participantId: number, plan: string): Promise<LocalPlan | undefined> {
  return (await listLocalPlans(db, participantId, { plan }))[0];
}

/** Marks an action plan as local, coordinated by a body; `false` when it already was. */
export async function insertLocalPlan(
  db: Executor,
  values: { participantId: number; actionPlanId: number; bodyInstitutionId: number; level: LocalLevel },
): Promise<boolean> {
  const inserted = await db
    .insertInto('local_plans')
    .values({
      action_plan_id: values.actionPlanId,
      participant_id: values.participantId,
      body_institution_id: values.bodyInstitutionId,
      level: values.level,
    })
    .onConflict((conflict) => conflict.column('action_plan_id').doNothing())
    .returning('action_plan_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Records the national activity an activity of a local plan implements, replacing the one it had;
 * `null` takes the link away. Returns the national activity's id it implemented before, if any.
 */
export async function writeActivityLink(db: Executor, activityId: number, nationalActivityId: number | null): Promise<number | null> {
  const before = await db
    .selectFrom('local_activity_links')
    .select('national_activity_id')
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
  if (nationalActivityId === null) {
    await db.deleteFrom('local_activity_links').where('activity_id', '=', activityId).execute();
  } else {
    await db
      .insertInto('local_activity_links')
      .values({ activity_id: activityId, national_activity_id: nationalActivityId })
      .onConflict((conflict) => conflict.column('activity_id').doUpdateSet({ national_activity_id: nationalActivityId }))
      .execute();
  }
  return before?.national_activity_id ?? null;
}
