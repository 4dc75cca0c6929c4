import {
  AppError,
  COMMENT_PARTS,
  CONSULTATION_DECISIONS,
  CONSULTATION_STATES,
  ELEMENT_KINDS,
  IsoDate,
  STRATEGY_DOCUMENT,
  can,
  decisionCounts,
  documentStatus,
} from '@ariadne/domain';
import { listConsultations, type StoredConsultation } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addComment,
  closeConsultation,
  consultationOf,
  documentTitle,
  invitedUser,
  inviteToConsultation,
  linkableChanges,
  loadConsultation,
  openConsultation,
  publishConsultationLog,
  resolveComment,
  stateOf,
  type ConsultationView,
} from '../commands/consultations.ts';
import { consultationLogDocx, DOCX_CONTENT_TYPE } from '../documents/consultation-log.ts';
import { requestLanguage } from '../http/language.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { currentStrategyState } from '../plan-cache.ts';

// Consultations on a draft strategy or action plan: opened by the coordinator to invited people and
// institutions until a closing date, commented on by the invitees (with replies), each comment
// resolved with a reason and the change it led to; the resolution log as a Word file and on the
// public portal.

const StrategyParams = ParticipantParams.extend({
  strategy: z.string().min(1).max(64).describe('The strategy’s id, e.g. `NS-2021-2024`'),
});
const ConsultationParams = StrategyParams.extend({ id: z.coerce.number().int().positive().describe('The consultation’s id') });
const CommentParams = ConsultationParams.extend({ comment: z.coerce.number().int().positive().describe('The comment’s id') });

const Invitees = {
  users: z.array(z.number().int().positive()).max(500).default([]).describe('People invited personally, by user id'),
  institutions: z
    .array(z.string().min(1).max(64))
    .max(500)
    .default([])
    .describe('Institutions invited, by code: their members may comment'),
};

const OpenBody = z.object({
  document: z.string().min(1).max(64).describe('`strategy`, or the code of one of its action plans'),
  title: z.string().trim().min(1).max(300),
  closesOn: IsoDate.describe('The last day comments are taken (YYYY-MM-DD)'),
  ...Invitees,
});
const InviteBody = z.object(Invitees);
const CommentBody = z.object({
  element: z.string().min(1).max(64).nullable().default(null).describe('The element commented on; null: the whole document'),
  part: z.enum(COMMENT_PARTS).nullable().default(null).describe('`costs`: the costs of the activity named by `element`'),
  parent: z.number().int().positive().nullable().default(null).describe('The comment replied to; a reply is about the same element'),
  text: z.string().trim().min(1).max(10000),
});
const ResolveBody = z.object({
  decision: z.enum(CONSULTATION_DECISIONS),
  reason: z.string().max(10000).default('').describe('Required unless accepted'),
  changeElement: z.string().min(1).max(64).nullable().default(null).describe('The element the comment changed'),
  changeVersion: z.number().int().positive().nullable().default(null).describe('The version (number) of the document it led to'),
  changeAmendment: z.number().int().positive().nullable().default(null).describe('The amendment of the document it led to'),
});
const PublishBody = z.object({ published: z.boolean().describe('true: readable signed out on the portal; false: withdrawn') });
const LogQuery = z.object({
  language: LanguageSchema.optional().describe('The language of the document; the one of the request when left out'),
});

const CountsSchema = z.object({
  accepted: z.number().int(),
  partly_accepted: z.number().int(),
  not_accepted: z.number().int(),
  unresolved: z.number().int(),
  total: z.number().int(),
});

const SummarySchema = z
  .object({
    id: z.number().int(),
    strategy: z.string(),
    document: z.string(),
    documentTitle: z.string(),
    title: z.string(),
    closesOn: z.string(),
    openedAt: z.string(),
    openedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    state: z.enum(CONSULTATION_STATES).describe('Closed once closed by the coordinator or past its closing date'),
    publishedAt: z.string().nullable(),
    publicPath: z.string().describe('Where the published resolution log is read signed out'),
    counts: CountsSchema.describe('The comments (not the replies) by decision'),
  })
  .meta({ id: 'ConsultationSummary' });

const InviteeSchema = z.object({
  id: z.number().int(),
  userId: z.number().int().nullable(),
  institution: z.string().nullable().describe('The institution’s code, for an institution'),
  name: z.string(),
});

const CommentSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  element: z.string().nullable(),
  part: z.enum(COMMENT_PARTS).nullable(),
  text: z.string(),
  author: z.string(),
  institution: z.string().nullable(),
  createdAt: z.string(),
  mine: z.boolean().describe('Written by the requester'),
  decision: z.enum(CONSULTATION_DECISIONS).nullable(),
  reason: z.string().nullable(),
  changeElement: z.string().nullable(),
  changeVersion: z.number().int().nullable(),
  changeAmendment: z.number().int().nullable(),
  resolvedAt: z.string().nullable(),
});

const DetailSchema = SummarySchema.extend({
  invitees: z.array(InviteeSchema),
  targets: z
    .array(
      z.object({
        kind: z.enum(ELEMENT_KINDS),
        code: z.string(),
        parent: z.string().nullable(),
        title: z.string(),
        part: z.enum(COMMENT_PARTS).nullable(),
      }),
    )
    .describe('What can be commented on, in the order of the document'),
  comments: z.array(CommentSchema).describe('Comments and replies in the order written'),
  me: z.object({
    invited: z.boolean().describe('The requester or their institution is invited'),
    canComment: z.boolean().describe('Invited, allowed to comment, and the consultation is open'),
  }),
  changes: z
    .object({
      versions: z.array(z.object({ number: z.number().int(), kind: z.string(), adoptedOn: z.string() })),
      amendments: z.array(z.object({ id: z.number().int(), reason: z.string(), status: z.string() })),
    })
    .describe('The versions and amendments of the document a resolution can link to'),
}).meta({ id: 'Consultation' });

const ListSchema = z
  .object({
    consultations: z.array(SummarySchema),
    documents: z
      .array(z.object({ document: z.string(), title: z.string(), status: z.string() }))
      .describe('The strategy and its action plans with their status: those in draft or consultation can be consulted on'),
    candidates: z
      .object({
        users: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.string(), institution: z.string().nullable() })),
        institutions: z.array(z.object({ code: z.string(), name: z.string() })),
      })
      .nullable()
      .describe('Who can be invited (for those who manage consultations)'),
  })
  .meta({ id: 'Consultations' });

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

function summary(consultation: StoredConsultation, title: string, counts: z.infer<typeof CountsSchema>) {
  return {
    id: consultation.id,
    strategy: consultation.strategy,
    document: consultation.document,
    documentTitle: title,
    title: consultation.title,
    closesOn: consultation.closesOn,
    openedAt: consultation.openedAt,
    openedBy: consultation.openedBy,
    closedAt: consultation.closedAt,
    closedBy: consultation.closedBy,
    state: stateOf(consultation),
    publishedAt: consultation.publishedAt,
    publicPath: `/public/${encodeURIComponent(consultation.participant)}/consultations/${consultation.id}`,
    counts,
  };
}

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/participants/:participant/strategies/:strategy/consultations';

  async function detail(request: FastifyRequest, view: ConsultationView) {
    const actor = actorOf(request);
    const { invited } = await invitedUser(app.database, view.consultation, view.invitees, actor.userId);
    const allowed = can(request.actor, 'comment.create', { participant: view.consultation.participant });
    return {
      ...summary(view.consultation, view.documentTitle, view.log.counts),
      invitees: view.invitees.map((invitee) => ({
        id: invitee.id,
        userId: invitee.userId,
        institution: invitee.institution,
        name: invitee.name,
      })),
      targets: view.targets.map((target) => ({ ...target, parent: target.parent ?? null })),
      comments: view.comments.map(({ authorId, ...comment }) => ({ ...comment, mine: authorId === actor.userId })),
      me: { invited, canComment: invited && allowed && view.state === 'open' },
      changes: await linkableChanges(app.database, view.strategyId, view.consultation.document),
    };
  }

  async function reload(request: FastifyRequest, params: { participant: string; strategy: string; id: number }) {
    const consultation = await consultationOf(app.database, params.participant, params.strategy, params.id);
    return detail(request, await loadConsultation(app.database, consultation));
  }

  app.get(
    base,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['consultations'],
        summary: 'The consultations on a strategy and its action plans, the documents that can be consulted on, and who can be invited',
        params: StrategyParams,
        response: { 200: ListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const state = await currentStrategyState(app.database, participant, strategy);
      const consultations = await listConsultations(app.database.db, state.strategyId);
      const counts = new Map<number, z.infer<typeof CountsSchema>>();
      if (consultations.length > 0) {
        const rows = await app.database.db
          .selectFrom('consultation_comments')
          .select(['consultation_id', 'parent_id', 'decision'])
          .where(
            'consultation_id',
            'in',
            consultations.map((consultation) => consultation.id),
          )
          .execute();
        for (const consultation of consultations) {
          counts.set(
            consultation.id,
            decisionCounts(
              rows
                .filter((row) => row.consultation_id === consultation.id)
                .map((row) => ({ parentId: row.parent_id, decision: row.decision as (typeof CONSULTATION_DECISIONS)[number] | null })),
            ),
          );
        }
      }
      const documents = [STRATEGY_DOCUMENT, ...state.plan.actionPlans.map((actionPlan) => actionPlan.id)].map((document) => ({
        document,
        title: documentTitle(state.plan, document),
        status: documentStatus(state.plan, document) ?? 'draft',
      }));
      let candidates = null;
      if (can(request.actor, 'consultation.manage', { participant })) {
        const users = await app.database.db
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .leftJoin('institutions', 'institutions.id', 'memberships.institution_id')
          .select(['users.id', 'users.display_name', 'memberships.role', 'institutions.name as institution'])
          .where('memberships.participant_id', '=', state.participantId)
          .where('users.disabled_at', 'is', null)
          .where('memberships.role', 'in', ['editor', 'focal_point', 'observer'])
          .orderBy('users.display_name')
          .execute();
        const institutions = await app.database.db
          .selectFrom('institutions')
          .select(['code', 'name'])
          .where('participant_id', '=', state.participantId)
          .orderBy('name')
          .execute();
        candidates = {
          users: users.map((user) => ({ id: user.id, name: user.display_name, role: user.role, institution: user.institution })),
          institutions,
        };
      }
      return {
        consultations: consultations.map((consultation) =>
          summary(consultation, documentTitle(state.plan, consultation.document), counts.get(consultation.id) ?? decisionCounts([])),
        ),
        documents,
        candidates,
      };
    },
  );

  app.post(
    base,
    {
      config: { access: { action: 'consultation.manage' } },
      schema: {
        tags: ['consultations'],
        summary: 'Open a consultation on a draft document until a closing date, with its invitees',
        description:
          'A draft document is put in consultation (its life cycle’s step; closing the consultation does not adopt it). An adopted, expired or superseded document, or one with an open consultation, gets 409 TRANSITION_NOT_ALLOWED.',
        params: StrategyParams,
        body: OpenBody,
        response: { 200: DetailSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const id = await openConsultation(app.database, { participant, strategy, ...request.body, actor: actorOf(request) });
      return reload(request, { participant, strategy, id });
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['consultations'],
        summary: 'A consultation: its invitees, the document’s outline, the comments with their replies and resolutions',
        params: ConsultationParams,
        response: { 200: DetailSchema, ...errorResponses },
      },
    },
    async (request) => reload(request, request.params),
  );

  app.post(
    `${base}/:id/invitees`,
    {
      config: { access: { action: 'consultation.manage' } },
      schema: {
        tags: ['consultations'],
        summary: 'Invite more people or institutions to an open consultation',
        params: ConsultationParams,
        body: InviteBody,
        response: { 200: DetailSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      await inviteToConsultation(app.database, { ...request.params, ...request.body, actor: actorOf(request) });
      return reload(request, request.params);
    },
  );

  app.post(
    `${base}/:id/comments`,
    {
      config: { access: { action: 'comment.create' } },
      schema: {
        tags: ['consultations'],
        summary: 'Comment on the document or one of its elements, or reply to a comment',
        description:
          'Only the invited (personally or through their institution) comment: others get 403 NOT_INVITED. Once closed, or after the closing date, 409 CONSULTATION_CLOSED.',
        params: ConsultationParams,
        body: CommentBody,
        response: { 200: DetailSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      await addComment(app.database, { ...request.params, ...request.body, actor: actorOf(request) });
      return reload(request, request.params);
    },
  );

  app.put(
    `${base}/:id/comments/:comment/resolution`,
    {
      config: { access: { action: 'consultation.manage' } },
      schema: {
        tags: ['consultations'],
        summary: 'Resolve a comment: accepted, partly accepted or not accepted, with the reason and the change it led to',
        params: CommentParams,
        body: ResolveBody,
        response: { 200: DetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { comment, ...params } = request.params;
      await resolveComment(app.database, { ...params, comment, ...request.body, actor: actorOf(request) });
      return reload(request, params);
    },
  );

  app.post(
    `${base}/:id/close`,
    {
      config: { access: { action: 'consultation.manage' } },
      schema: {
        tags: ['consultations'],
        summary: 'Close the consultation: comments are frozen; the document is not adopted',
        params: ConsultationParams,
        response: { 200: DetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      await closeConsultation(app.database, { ...request.params, actor: actorOf(request) });
      return reload(request, request.params);
    },
  );

  app.put(
    `${base}/:id/publication`,
    {
      config: { access: { action: 'consultation.manage' } },
      schema: {
        tags: ['consultations'],
        summary: 'Publish the resolution log on the public portal, or withdraw it',
        params: ConsultationParams,
        body: PublishBody,
        response: { 200: DetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      await publishConsultationLog(app.database, { ...request.params, published: request.body.published, actor: actorOf(request) });
      return reload(request, request.params);
    },
  );

  app.get(
    `${base}/:id/log.docx`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['consultations'],
        summary: 'The resolution log as a Word document: who proposed what, what was decided and why',
        params: ConsultationParams,
        querystring: LogQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, strategy, id } = request.params;
      const consultation = await consultationOf(app.database, participant, strategy, id);
      const view = await loadConsultation(app.database, consultation);
      const { plan } = await currentStrategyState(app.database, participant, strategy);
      const file = await consultationLogDocx(view.log, plan.participant.name, request.query.language ?? requestLanguage(request));
      const name = `${participant}-${consultation.document}-consultation-${id}.docx`.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply.header('content-type', DOCX_CONTENT_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );
};
