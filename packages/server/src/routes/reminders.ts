import { AppError } from '@ariadne/domain';
import { listNotifications } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readNotifications } from '../commands/readNotifications.ts';
import { previewReminders, sendReminders } from '../commands/sendReminders.ts';
import { requestLanguage } from '../http/language.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';
import { currentMailer, publicUrl } from '../mail.ts';

// Reminders of monitoring reports (sent by the coordinator, or by the daily job when switched on)
// and the notifications Ariadne shows each user.

const Id = z.string().min(1).max(64);
const Days = z.number().int().min(0).max(60);

const SendBody = z.object({
  plan: Id.optional().describe('One action plan; all the adopted ones when left out'),
  round: Id.optional().describe('One round'),
  dueWithinDays: Days.describe('Remind of reports whose deadline is at most this many calendar days away'),
  overdue: z.boolean().describe('Also remind of reports past their deadline'),
});

const PreviewQuery = z.object({
  plan: Id.optional(),
  round: Id.optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(60),
  overdue: z.enum(['true', 'false']),
});

const RecipientSchema = z.object({ name: z.string(), email: z.string() });
const PlannedSchema = z.object({
  kind: z.enum(['due', 'overdue']),
  actionPlan: z.string(),
  actionPlanTitle: z.string(),
  round: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  deadline: z.string(),
  days: z.number().int().describe('Days to the deadline (due) or past it (overdue)'),
  institution: z.string(),
  name: z.string(),
  recipients: z.array(RecipientSchema).describe('The focal points of the institution; none: no one to remind'),
});

const PreviewSchema = z.object({ emailConfigured: z.boolean(), reports: z.array(PlannedSchema) }).meta({ id: 'ReminderPreview' });

const SummarySchema = z
  .object({
    today: z.string(),
    automatic: z.boolean(),
    emailConfigured: z.boolean().describe('Whether this server sends e-mail'),
    reminded: z.array(PlannedSchema),
    noOneToRemind: z.array(PlannedSchema),
    alreadyRemindedToday: z.number().int(),
    emailsSent: z.number().int(),
    emailsFailed: z.array(z.string()),
    notificationsCreated: z.number().int(),
    copyList: z
      .array(
        z.object({
          institution: z.string(),
          name: z.string(),
          round: z.string(),
          addresses: z.array(z.string()),
          subject: z.string(),
          text: z.string(),
        }),
      )
      .describe('Addresses and ready-to-paste text per institution, for sending by hand'),
  })
  .meta({ id: 'ReminderSummary' });

const NotificationSchema = z.object({
  id: z.number().int(),
  kind: z.string().describe('`reminder`, …'),
  participant: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).describe('What the text is made of, translated when shown'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const NotificationsSchema = z
  .object({ notifications: z.array(NotificationSchema), total: z.number().int(), unread: z.number().int() })
  .meta({ id: 'Notifications' });
const NotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
const NotificationParams = z.object({ id: z.coerce.number().int().positive() });
const MarkedSchema = z.object({ marked: z.number().int(), unread: z.number().int() });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/reminders/preview',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Who would be reminded of which reports (due within the days given, or overdue); nothing is sent',
        params: ParticipantParams,
        querystring: PreviewQuery,
        response: { 200: PreviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { plan, round, dueWithinDays, overdue } = request.query;
      return previewReminders(
        app.database,
        { participant: request.params.participant, plan, round, dueWithinDays, overdue: overdue === 'true', today: today() },
        currentMailer(),
      );
    },
  );

  app.post(
    '/api/participants/:participant/reminders',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Remind focal points of reports due soon or overdue: e-mail when configured, and a notification in Ariadne',
        params: ParticipantParams,
        body: SendBody,
        response: { 200: SummarySchema, ...errorResponses },
      },
    },
    async (request) =>
      sendReminders(app.database, {
        participant: request.params.participant,
        plan: request.body.plan,
        round: request.body.round,
        dueWithinDays: request.body.dueWithinDays,
        overdue: request.body.overdue,
        today: today(),
        automatic: false,
        actor: actorOf(request),
        language: requestLanguage(request),
        mailer: currentMailer(),
        publicUrl: publicUrl(),
        log: ({ to, error }) => request.log.error({ err: error, to }, 'a reminder e-mail could not be sent'),
      }),
  );

  app.get(
    '/api/notifications',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['notifications'],
        summary: 'The signed-in user’s notifications, newest first, with how many are unread',
        querystring: NotificationsQuery,
        response: { 200: NotificationsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = actorOf(request);
      return listNotifications(app.database.db, userId, { limit: request.query.limit, offset: request.query.offset });
    },
  );

  const unreadOf = async (userId: number): Promise<number> =>
    (await listNotifications(app.database.db, userId, { limit: 1, offset: 0 })).unread;

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of one’s notifications read',
        params: NotificationParams,
        response: { 200: MarkedSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { marked } = await readNotifications(app.database, { userId: actor.userId, actor, id: request.params.id });
      return { marked, unread: await unreadOf(actor.userId) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all of one’s notifications read',
        response: { 200: MarkedSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { marked } = await readNotifications(app.database, { userId: actor.userId, actor });
      return { marked, unread: await unreadOf(actor.userId) };
    },
  );
};
