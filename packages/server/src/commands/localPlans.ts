import { AppError } from '@ariadne/domain';
import {
  LOCAL_LEVELS,
  insertLocalPlan,
  recordAudit,
  writeActivityLink,
  type AuditActor,
  type Database,
  type LocalLevel,
  type Schema,
} from '@ariadne/db';
import type { Transaction } from 'kysely';
import { participantKey } from './createInstitution.ts';

export type CreateLocalPlanInput = {
  /** The Participant's code, e.g. `DL`. */
  participant: string;
  /** The code of the action plan to mark as local, e.g. `LAP-VEL-2022`. */
  plan: string;
  /** The code of the institution that coordinates it: a body of level entity, regional or local. */
  body: string;
  actor: AuditActor;
};

function isLocalLevel(level: string): level is LocalLevel {
  return (LOCAL_LEVELS as readonly string[]).includes(level);
}

async function actionPlanRow(trx: Transaction<Schema>, participantId: number, plan: string, path: string) {
  const row = await trx
    .selectFrom('action_plans')
    .select(['id', 'strategy_id'])
    .where('participant_id', '=', participantId)
    .where('code', '=', plan)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path, key: 'local_plan_unknown_plan', params: { id: plan } }],
      detail: `no action plan ${plan}`,
    });
  }
  return row;
}

/**
 * Marks an action plan of a strategy as the local plan of a body (a canton's, county's or
 * municipality's coordination body), audited (`plan.local_created`). The body must be of level
 * entity, regional or local; its level becomes the plan's, its area the plan's area. Refused for a
 * plan already local (ALREADY_EXISTS) and for a plan whose activities local plans implement (it is
 * a national plan).
 */
export async function createLocalPlanWith(trx: Transaction<Schema>, input: CreateLocalPlanInput): Promise<void> {
  const participantId = await participantKey(trx, input.participant);
  const plan = await actionPlanRow(trx, participantId, input.plan, 'plan');
  const body = await trx
    .selectFrom('institutions')
    .select(['id', 'code', 'level', 'area'])
    .where('participant_id', '=', participantId)
    .where('code', '=', input.body)
    .executeTakeFirst();
  if (!body) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'body', key: 'local_plan_unknown_body', params: { id: input.body } }],
      detail: 'no such body',
    });
  }
  if (!isLocalLevel(body.level)) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'body', key: 'local_plan_national_body', params: { id: input.body } }],
      detail: 'a national body',
    });
  }
  const implemented = await trx
    .selectFrom('local_activity_links')
    .innerJoin('activities', 'activities.id', 'local_activity_links.national_activity_id')
    .select('activities.code')
    .where('activities.action_plan_id', '=', plan.id)
    .executeTakeFirst();
  if (implemented) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'plan', key: 'local_plan_is_national', params: { id: input.plan } }],
      detail: `local plans implement ${implemented.code}`,
    });
  }
  const inserted = await insertLocalPlan(trx, { participantId, actionPlanId: plan.id, bodyInstitutionId: body.id, level: body.level });
  if (!inserted) {
    throw new AppError('ALREADY_EXISTS', {
      issues: [{ path: 'plan', key: 'local_plan_exists', params: { id: input.plan } }],
      detail: 'already local',
    });
  }
  await recordAudit(trx, {
    actor: input.actor,
    participantId,
    action: 'plan.local_created',
    entity: 'action_plan',
    entityId: input.plan,
    after: { body: body.code, level: body.level, area: body.area },
  });
}

/** The same in a transaction of its own. */
export function createLocalPlan(database: Database, input: CreateLocalPlanInput): Promise<void> {
  return database.db.transaction().execute((trx) => createLocalPlanWith(trx, input));
}

export type LinkActivityInput = {
  participant: string;
  /** The local plan's code. */
  plan: string;
  /** The code of one of the local plan's activities. */
  activity: string;
  /** The code of the national activity it implements; `null` takes the link away. */
  national: string | null;
  actor: AuditActor;
};

/**
 * Records which national activity an activity of a local plan implements, audited
 * (`plan.local_activity_linked`). The national activity must be of the same strategy and of an
 * action plan that is not local. Answers the national activity's plan.
 */
export async function linkLocalActivityWith(trx: Transaction<Schema>, input: LinkActivityInput): Promise<{ nationalPlan: string | null }> {
  const participantId = await participantKey(trx, input.participant);
  const plan = await actionPlanRow(trx, participantId, input.plan, 'plan');
  const local = await trx.selectFrom('local_plans').select('action_plan_id').where('action_plan_id', '=', plan.id).executeTakeFirst();
  if (!local) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: 'plan', key: 'local_plan_not_local', params: { id: input.plan } }],
      detail: 'not a local plan',
    });
  }
  const activity = await trx
    .selectFrom('activities')
    .select('id')
    .where('strategy_id', '=', plan.strategy_id)
    .where('action_plan_id', '=', plan.id)
    .where('code', '=', input.activity)
    .executeTakeFirst();
  if (!activity) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: 'activity', key: 'local_plan_unknown_activity', params: { id: input.activity, plan: input.plan } }],
      detail: 'not an activity of the plan',
    });
  }
  let national: { id: number; plan: string } | null = null;
  if (input.national !== null) {
    const row = await trx
      .selectFrom('activities')
      .innerJoin('action_plans', 'action_plans.id', 'activities.action_plan_id')
      .leftJoin('local_plans', 'local_plans.action_plan_id', 'action_plans.id')
      .select(['activities.id', 'action_plans.code as plan', 'local_plans.action_plan_id as local'])
      .where('activities.strategy_id', '=', plan.strategy_id)
      .where('activities.code', '=', input.national)
      .executeTakeFirst();
    if (!row || row.local !== null) {
      throw new AppError('VALIDATION_FAILED', {
        issues: [{ path: 'national', key: 'local_plan_unknown_national', params: { id: input.national } }],
        detail: 'no national activity of the strategy',
      });
    }
    national = { id: row.id, plan: row.plan };
  }
  const before = await writeActivityLink(trx, activity.id, national?.id ?? null);
  const beforeCode =
    before === null
      ? null
      : ((await trx.selectFrom('activities').select('code').where('id', '=', before).executeTakeFirst())?.code ?? null);
  await recordAudit(trx, {
    actor: input.actor,
    participantId,
    action: 'plan.local_activity_linked',
    entity: 'activity',
    entityId: input.activity,
    before: { plan: input.plan, national: beforeCode },
    after: { plan: input.plan, national: input.national },
  });
  return { nationalPlan: national?.plan ?? null };
}

/** The same in a transaction of its own. */
export function linkLocalActivity(database: Database, input: LinkActivityInput): Promise<{ nationalPlan: string | null }> {
  return database.db.transaction().execute((trx) => linkLocalActivityWith(trx, input));
}
