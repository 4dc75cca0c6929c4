import {
  AppError,
  DOCUMENT_STATUSES,
  IsoDate,
  LEVELS,
  localPlanGlance,
  planProgress,
  rollUpProgress,
  type LocalPlanRef,
  type PlanPackage,
} from '@ariadne/domain';
import { LOCAL_LEVELS, listLocalPlans, type Database, type LocalPlan } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { createLocalPlan, linkLocalActivity } from '../commands/localPlans.ts';
import { ErrorSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { currentStrategyState } from '../plan-cache.ts';

// Local plans (seed §3, §5.2): action plans of the national strategy coordinated by a canton's,
// county's or municipality's body, whose activities implement national ones; the national
// coordinator's view of them at a glance, and their roll-up into the national progress overview.

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('An action plan’s code, e.g. `LAP-VEL-2022`') });
const ActivityParams = PlanParams.extend({ activity: z.string().min(1).max(64).describe('An activity’s code, e.g. `LA-VEL-1`') });
const TodayQuery = z.object({ today: IsoDate.optional().describe('The date of the picture (YYYY-MM-DD); today when left out') });
const AsOfQuery = z.object({ asOf: IsoDate.optional().describe('The date of the progress figures (YYYY-MM-DD); today when left out') });

const LocalLevelSchema = z.enum(LOCAL_LEVELS);
const BodySchema = z.object({ code: z.string(), name: z.string(), level: z.string(), area: z.string().nullable() });
const ShareSchema = z.number().nullable();

const GlanceSchema = z
  .object({
    plan: z.string(),
    title: z.string(),
    strategy: z.string(),
    status: z.enum(DOCUMENT_STATUSES),
    start: z.string(),
    end: z.string(),
    level: LocalLevelSchema,
    body: BodySchema,
    activities: z.number().int(),
    shares: z
      .object({ completed: ShareSchema, ongoing: ShareSchema, delayed: ShareSchema })
      .describe('Shares of the activities, 4 decimals'),
    latestRound: z
      .object({ id: z.string(), deadline: z.string(), expected: z.number().int(), received: z.number().int(), overdue: z.number().int() })
      .nullable()
      .describe('The latest round covering the plan: reports owed on its activities, received and overdue'),
    implements: z.array(z.string()).describe('The national activities its activities implement'),
  })
  .meta({ id: 'LocalPlanGlance' });

const ListSchema = z.object({
  today: z.string(),
  plans: z.array(GlanceSchema),
  candidates: z
    .object({
      plans: z.array(z.object({ code: z.string(), title: z.string(), strategy: z.string() })),
      bodies: z.array(BodySchema),
    })
    .describe('What a new local plan can be made of: the action plans not local yet, the bodies below the national level'),
});

const DetailSchema = z
  .object({
    plan: z.string(),
    title: z.string(),
    strategy: z.string(),
    local: z.object({ level: LocalLevelSchema, body: BodySchema }).nullable().describe('`null` when the action plan is not a local plan'),
    activities: z.array(z.object({ code: z.string(), title: z.string(), national: z.string().nullable() })),
    nationalActivities: z
      .array(z.object({ code: z.string(), title: z.string(), plan: z.string() }))
      .describe('The activities of the strategy’s national plans, which a local activity can implement'),
  })
  .meta({ id: 'LocalPlan' });

const GroupSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  implementationRate: z.number().nullable(),
});
const RollUpSchema = z
  .object({
    plan: z.string(),
    asOf: z.string(),
    byLevel: z.array(GroupSchema.extend({ level: z.enum(LEVELS) })),
    byArea: z.array(GroupSchema.extend({ level: LocalLevelSchema, area: z.string(), plans: z.array(z.string()) })),
  })
  .meta({ id: 'ProgressRollUp' });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

async function localPlansOf(database: Database, participant: string): Promise<LocalPlan[]> {
  const row = await database.db.selectFrom('participants').select('id').where('code', '=', participant).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `no Participant ${participant}` });
  return listLocalPlans(database.db, row.id);
}

function refOf(local: LocalPlan): LocalPlanRef {
  return { plan: local.plan, body: local.body.code, level: local.level, area: local.body.area };
}

/** The packages of the strategies the local plans belong to, each read once. */
async function packagesOf(database: Database, participant: string, locals: readonly LocalPlan[]): Promise<Map<string, PlanPackage>> {
  const packages = new Map<string, PlanPackage>();
  for (const strategy of new Set(locals.map((local) => local.strategy))) {
    packages.set(strategy, (await currentStrategyState(database, participant, strategy)).plan);
  }
  return packages;
}

export const localPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/participants/:participant/local-plans';

  app.get(
    base,
    {
      config: { access: { action: 'progress.view' } },
      schema: {
        tags: ['local plans'],
        summary: 'The local plans at a glance: body, area, status, activities, their progress and the reports of their latest round',
        params: ParticipantParams,
        querystring: TodayQuery,
        response: { 200: ListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant } = request.params;
      const day = request.query.today ?? today();
      const locals = await localPlansOf(app.database, participant);
      const packages = await packagesOf(app.database, participant, locals);
      const plans = locals.flatMap((local) => {
        const pkg = packages.get(local.strategy);
        // An action plan deleted between the two reads is no longer there.
        if (!pkg?.actionPlans.some((candidate) => candidate.id === local.plan)) return [];
        const progress = planProgress(pkg, local.plan, day, `${participant}/${local.plan}`);
        const glance = localPlanGlance(pkg, local.plan, progress, local.links, day);
        return [{ ...glance, strategy: local.strategy, level: local.level, body: local.body }];
      });
      const localCodes = new Set(locals.map((local) => local.plan));
      const candidatePlans = await app.database.db
        .selectFrom('action_plans')
        .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
        .innerJoin('strategies', 'strategies.id', 'action_plans.strategy_id')
        .select(['action_plans.code', 'action_plans.title', 'strategies.code as strategy'])
        .where('participants.code', '=', participant)
        .orderBy('strategies.code')
        .orderBy('action_plans.position')
        .execute();
      const bodies = await app.database.db
        .selectFrom('institutions')
        .innerJoin('participants', 'participants.id', 'institutions.participant_id')
        .select(['institutions.code', 'institutions.name', 'institutions.level', 'institutions.area'])
        .where('participants.code', '=', participant)
        .where('institutions.level', '<>', 'national')
        .orderBy('institutions.code')
        .execute();
      return {
        today: day,
        plans,
        candidates: {
          plans: candidatePlans.filter((candidate) => !localCodes.has(candidate.code)),
          bodies: bodies.map((body) => ({ code: body.code, name: body.name, level: body.level, area: body.area })),
        },
      };
    },
  );

  app.post(
    base,
    {
      // Marking a plan as local is the national coordinator's decision.
      config: { access: { action: 'plan.adopt' } },
      schema: {
        tags: ['local plans'],
        summary: 'Marks an action plan of a strategy as the local plan of a body below the national level',
        description:
          'The body (`body`, an institution’s code) must be of level entity, regional or local: its level and area become the plan’s. 404 for an unknown plan; 400 for a national body or a plan that local plans implement; 409 `ALREADY_EXISTS` when the plan is local already.',
        params: ParticipantParams,
        body: z.object({ plan: z.string().min(1).max(64), body: z.string().min(1).max(64) }),
        response: { 201: z.object({ plan: z.string(), body: z.string() }), ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant } = request.params;
      await createLocalPlan(app.database, { participant, plan: request.body.plan, body: request.body.body, actor: actorOf(request) });
      return reply.code(201).send({ plan: request.body.plan, body: request.body.body });
    },
  );

  app.get(
    `${base}/:plan`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['local plans'],
        summary:
          'An action plan as a local plan: its body, its activities with the national activity each implements, and the national activities to choose from',
        params: PlanParams,
        response: { 200: DetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan } = request.params;
      const loaded = await loadActionPlan(app.database, participant, plan);
      const locals = await localPlansOf(app.database, participant);
      const local = locals.find((candidate) => candidate.plan === plan);
      const localCodes = new Set(locals.map((candidate) => candidate.plan));
      const actionPlan = loaded.plan.actionPlans.find((candidate) => candidate.id === plan);
      const strategy = locals.find((candidate) => candidate.plan === plan)?.strategy ?? loaded.plan.strategy.id;
      const linked = new Map((local?.links ?? []).map((link) => [link.activity, link.national]));
      return {
        plan,
        title: actionPlan?.title ?? plan,
        strategy,
        local: local ? { level: local.level, body: local.body } : null,
        activities: (actionPlan?.activities ?? []).map((activity) => ({
          code: activity.id,
          title: activity.title,
          national: linked.get(activity.id) ?? null,
        })),
        nationalActivities: loaded.plan.actionPlans
          .filter((candidate) => !localCodes.has(candidate.id))
          .flatMap((candidate) =>
            candidate.activities.map((activity) => ({ code: activity.id, title: activity.title, plan: candidate.id })),
          ),
      };
    },
  );

  app.put(
    `${base}/:plan/activities/:activity/link`,
    {
      // The local coordinator of the plan, or the national coordinator and editors.
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['local plans'],
        summary: 'Records which national activity an activity of a local plan implements (`null`: none)',
        params: ActivityParams,
        body: z.object({ national: z.string().min(1).max(64).nullable() }),
        response: {
          200: z.object({ activity: z.string(), national: z.string().nullable(), nationalPlan: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { participant, plan, activity } = request.params;
      const { nationalPlan } = await linkLocalActivity(app.database, {
        participant,
        plan,
        activity,
        national: request.body.national,
        actor: actorOf(request),
      });
      return { activity, national: request.body.national, nationalPlan };
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/local-roll-up',
    {
      config: { access: { action: 'progress.view' } },
      schema: {
        tags: ['local plans', 'measures'],
        summary: 'The progress of a national plan per level and per area, with the local plans that implement it',
        description:
          'Groups the activity statuses of the progress figures (measures.md §2): the plan’s activities at their own level, the activities of each local plan implementing one of them at its body’s level and in its body’s area.',
        params: PlanParams,
        querystring: AsOfQuery,
        response: { 200: RollUpSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan } = request.params;
      const asOf = request.query.asOf ?? today();
      const loaded = await loadActionPlan(app.database, participant, plan);
      const national = planProgress(loaded.plan, plan, asOf, loaded.address);
      const locals = (await localPlansOf(app.database, participant)).filter(
        (local) =>
          local.plan !== plan &&
          local.links.some((link) => link.nationalPlan === plan) &&
          loaded.plan.actionPlans.some((candidate) => candidate.id === local.plan),
      );
      return rollUpProgress(
        loaded.plan,
        plan,
        national,
        locals.map((local) => ({
          ref: refOf(local),
          progress: planProgress(loaded.plan, local.plan, asOf, `${participant}/${local.plan}`),
        })),
      );
    },
  );
};
