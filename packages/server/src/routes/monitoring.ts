import {
  ACTIVITY_STATUSES,
  AppError,
  BOARD_STATUSES,
  FREQUENCIES,
  FUNDING_SOURCES,
  IsoDate,
  REPORT_STATUSES,
  boardCounts,
  roundBoard,
  roundSchedule,
} from '@ariadne/domain';
import { findReport, listEvidence, readMonitoringSettings, readReportComments, type Database } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { changeMonitoringSettings, loadMonitoringSettings, participantId } from '../commands/monitoringSettings.ts';
import { openRounds, roundOfPlan, strategyOfActionPlan } from '../commands/openRounds.ts';
import { reportNotFound, reviewReport, type ReviewDecision } from '../commands/reviewReport.ts';
import { requireReportWithinPlan } from '../commands/localPlanScope.ts';
import { ErrorSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';

// Monitoring rounds of an action plan: the Participant's reporting calendar, opening rounds, the
// who-has-reported board, one institution's report, and the coordinator's review of it.

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const RoundParams = PlanParams.extend({ round: z.string().min(1).max(64).describe('Round id, e.g. `2022-H1`') });
const ReportParams = RoundParams.extend({ institution: z.string().min(1).max(64).describe('Institution id, e.g. `POL`') });

const RoundId = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => value.trim() === value, { message: 'no spaces around the id' });
const Day = IsoDate.describe('YYYY-MM-DD');

const SettingsBody = z.object({
  deadlineWorkingDays: z.number().int().min(0).max(60).describe('Working days from the end of a period to its deadline'),
  holidays: z.array(z.object({ day: Day, name: z.string().max(200) })).max(400),
  remindersAutomatic: z.boolean().optional().describe('Send reminders every day by themselves; unchanged when left out'),
  reminderDaysBefore: z
    .number()
    .int()
    .min(0)
    .max(60)
    .optional()
    .describe('Calendar days before a deadline from which the daily reminders start; unchanged when left out'),
});
const SettingsSchema = SettingsBody.required({ remindersAutomatic: true, reminderDaysBefore: true }).meta({ id: 'MonitoringSettings' });

const CountsSchema = z.record(z.enum(BOARD_STATUSES), z.number().int());
const ScheduledSchema = z.object({ id: z.string(), periodStart: z.string(), periodEnd: z.string(), deadline: z.string() });

const RoundsSchema = z
  .object({
    frequency: z.enum(FREQUENCIES).nullable().describe('The strategy’s reporting frequency'),
    rounds: z.array(ScheduledSchema.extend({ reports: z.number().int(), counts: CountsSchema })),
    proposed: z.array(ScheduledSchema).describe('The rounds of the reporting schedule not opened yet'),
  })
  .meta({ id: 'MonitoringRounds' });

const OpenRoundsBody = z.object({
  rounds: z
    .array(z.object({ id: RoundId, periodStart: Day, periodEnd: Day, deadline: Day.optional() }))
    .min(1)
    .max(120),
});
const OpenedSchema = z.object({ opened: z.array(z.object({ id: z.string(), reports: z.number().int() })) }).meta({ id: 'OpenedRounds' });

const BoardSchema = z
  .object({
    round: ScheduledSchema,
    counts: CountsSchema,
    institutions: z.array(
      z.object({
        institution: z.string(),
        name: z.string(),
        status: z.enum(BOARD_STATUSES),
        submittedOn: z.string().nullable(),
        onTime: z.boolean().nullable(),
        history: z.array(
          z.object({ round: z.string(), deadline: z.string(), submittedOn: z.string().nullable(), onTime: z.boolean().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'RoundBoard' });

const ReportSchema = z
  .object({
    institution: z.string(),
    name: z.string(),
    status: z.enum(REPORT_STATUSES),
    submittedOn: z.string().nullable(),
    version: z.number().int(),
    activities: z.array(
      z.object({
        activity: z.string(),
        status: z.enum(ACTIVITY_STATUSES),
        spent: z.array(z.object({ source: z.enum(FUNDING_SOURCES), amount: z.number() })).optional(),
        narrative: z.string().optional(),
        obstacles: z.string().optional(),
      }),
    ),
    indicatorValues: z.array(
      z.object({
        indicator: z.string(),
        value: z.number(),
        breakdown: z.array(z.object({ dimension: z.string(), category: z.string(), value: z.number() })).optional(),
      }),
    ),
    comments: z.array(z.object({ target: z.string().nullable(), text: z.string(), author: z.string().nullable(), at: z.string() })),
    evidence: z.array(
      z.object({
        id: z.number().int(),
        target: z.string().nullable(),
        kind: z.enum(['link', 'file']),
        label: z.string(),
        url: z.string().nullable(),
        fileName: z.string().nullable(),
        mediaType: z.string().nullable(),
        size: z.number().int().nullable(),
        addedBy: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'MonitoringReport' });

const AcceptBody = z.object({ version: z.number().int().min(1) });
const ReturnBody = AcceptBody.extend({
  comments: z
    .array(z.object({ target: z.string().min(1).max(64).optional(), text: z.string().trim().min(1).max(5000) }))
    .min(1)
    .max(500),
});
const ReviewedSchema = z.object({ status: z.enum(['accepted', 'returned']), version: z.number().int() }).meta({ id: 'ReviewedReport' });
const TodayQuery = z.object({ today: Day.optional().describe('The date the board is seen on (YYYY-MM-DD); today when left out') });

const conflictResponses = { ...errorResponses, 409: ErrorSchema } as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** The round of an action plan in its strategy's package, or NOT_FOUND. */
async function loadRound(database: Database, participant: string, planId: string, roundId: string) {
  const loaded = await loadActionPlan(database, participant, planId);
  const round = loaded.plan.monitoring?.rounds.find((candidate) => candidate.id === roundId);
  if (!round || !roundOfPlan(loaded.plan, planId, round)) throw new AppError('NOT_FOUND', { detail: `no round ${roundId} of ${planId}` });
  return { ...loaded, round };
}

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/monitoring-settings',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['monitoring'],
        summary: 'The reporting calendar (working days from a period’s end to its deadline, the holidays) and the reminders',
        params: ParticipantParams,
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (request) => loadMonitoringSettings(app.database, request.params.participant),
  );

  app.put(
    '/api/participants/:participant/monitoring-settings',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Replace the reporting calendar (deadlines of rounds already opened stay)',
        params: ParticipantParams,
        body: SettingsBody,
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (request) =>
      changeMonitoringSettings(app.database, { participant: request.params.participant, settings: request.body, actor: actorOf(request) }),
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['monitoring'],
        summary: 'The monitoring rounds of an action plan with their counts, and the scheduled rounds not opened yet',
        params: PlanParams,
        querystring: TodayQuery,
        response: { 200: RoundsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan: planId } = request.params;
      const loaded = await loadActionPlan(app.database, participant, planId);
      const actionPlan = loaded.plan.actionPlans.find((candidate) => candidate.id === planId);
      const asOf = request.query.today ?? today();
      const all = loaded.plan.monitoring?.rounds ?? [];
      const rounds = all
        .filter((round) => roundOfPlan(loaded.plan, planId, round))
        .map((round) => ({
          id: round.id,
          periodStart: round.periodStart,
          periodEnd: round.periodEnd,
          deadline: round.deadline,
          reports: round.reports.length,
          counts: boardCounts(round, asOf),
        }));
      const frequency = loaded.plan.strategy.monitoring?.reportingFrequency ?? null;
      let proposed: { id: string; periodStart: string; periodEnd: string; deadline: string }[] = [];
      if (frequency !== null && actionPlan) {
        const settings = await readMonitoringSettings(app.database.db, await participantId(app.database, participant));
        const used = new Set(all.map((round) => round.id));
        proposed = roundSchedule({
          start: actionPlan.start,
          end: actionPlan.end,
          frequency,
          deadlineWorkingDays: settings.deadlineWorkingDays,
          holidays: settings.holidays.map((holiday) => holiday.day),
        }).filter((round) => !used.has(round.id));
      }
      return { frequency, rounds, proposed };
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Open monitoring rounds, each with one draft report per responsible institution',
        params: PlanParams,
        body: OpenRoundsBody,
        response: { 201: OpenedSchema, ...conflictResponses },
      },
    },
    async (request, reply) => {
      const opened = await openRounds(app.database, {
        participant: request.params.participant,
        plan: request.params.plan,
        rounds: request.body.rounds,
        actor: actorOf(request),
      });
      return reply.code(201).send(opened);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/board',
    {
      config: { access: { action: 'report.view_all' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Who has reported in a round: each institution’s status, timeliness and history',
        params: RoundParams,
        querystring: TodayQuery,
        response: { 200: BoardSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan, round } = request.params;
      const loaded = await loadRound(app.database, participant, plan, round);
      return roundBoard(loaded.plan, loaded.round.id, request.query.today ?? today());
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution',
    {
      // Everyone who sees reports, and the focal point of the institution its own.
      config: { access: { forInstitution: ['report.view_all', 'report.submit'] } },
      schema: {
        tags: ['monitoring'],
        summary: 'One institution’s report in a round, with the coordinator’s comments',
        params: ReportParams,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan, round, institution } = request.params;
      const loaded = await loadRound(app.database, participant, plan, round);
      const report = loaded.round.reports.find((candidate) => candidate.institution === institution);
      if (!report) throw reportNotFound(round, institution);
      const strategy = await strategyOfActionPlan(app.database, participant, plan);
      const located = await app.database.db
        .selectFrom('strategies')
        .innerJoin('participants', 'participants.id', 'strategies.participant_id')
        .select('strategies.id')
        .where('participants.code', '=', participant)
        .where('strategies.code', '=', strategy)
        .executeTakeFirst();
      const stored = located ? await findReport(app.database.db, located.id, round, institution) : undefined;
      if (!stored) throw reportNotFound(round, institution);
      const name = loaded.plan.institutions.find((candidate) => candidate.id === institution)?.name ?? institution;
      return {
        institution,
        name,
        status: report.status,
        submittedOn: report.submittedOn ?? null,
        version: stored.version,
        activities: report.activities,
        indicatorValues: report.indicatorValues ?? [],
        comments: await readReportComments(app.database.db, stored.id),
        evidence: await listEvidence(app.database.db, stored.id),
      };
    },
  );

  const review =
    (decision: ReviewDecision) =>
    async (
      request: FastifyRequest<{ Params: z.infer<typeof ReportParams> }>,
      body: z.infer<typeof ReturnBody> | z.infer<typeof AcceptBody>,
    ) => {
      const { participant, plan, round, institution } = request.params;
      await requireReportWithinPlan(app.database, request.actor, { participant, plan, round, institution });
      return reviewReport(app.database, {
        participant,
        plan,
        round,
        institution,
        decision,
        version: body.version,
        ...('comments' in body ? { comments: body.comments } : {}),
        actor: actorOf(request),
      });
    };
  const accept = review('accepted');
  const giveBack = review('returned');

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/accept',
    {
      config: { access: { action: 'report.review' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Accept a submitted report: it then counts in the measures',
        params: ReportParams,
        body: AcceptBody,
        response: { 200: ReviewedSchema, ...conflictResponses },
      },
    },
    async (request) => accept(request, request.body),
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/return',
    {
      config: { access: { action: 'report.review' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Return a submitted report with comments, for the focal point to correct and submit again',
        params: ReportParams,
        body: ReturnBody,
        response: { 200: ReviewedSchema, ...conflictResponses },
      },
    },
    async (request) => giveBack(request, request.body),
  );
};
