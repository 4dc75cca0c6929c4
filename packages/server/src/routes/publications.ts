import { AppError } from '@ariadne/domain';
import { PUBLICATION_KINDS, type Publication } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { participantId } from '../commands/monitoringSettings.ts';
import {
  changeSmallCountThreshold,
  loadPublications,
  loadSmallCountThreshold,
  publish,
  withdraw,
  type PublicationItem,
} from '../commands/publications.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';
import { portalRoutes } from '../public/routes.ts';

// What a Participant publishes on its public portal (/public/{participant}), and the threshold
// below which counts of victims are hidden there.

const Code = z.string().min(1).max(64);

/** How many of the latest generated reports the publishing page offers. */
const REPORTS_LISTED = 50;

const PublicationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(PUBLICATION_KINDS),
    strategy: z.string().nullable(),
    plan: z.string().nullable(),
    documentRun: z.number().int().nullable().describe('The generated PDF of an implementation report'),
    title: z.string(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    publicPath: z.string().describe('Where the item is read signed out'),
  })
  .meta({ id: 'Publication' });

const PublishBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('strategy'), strategy: Code }),
    z.object({ kind: z.literal('action_plan'), plan: Code }),
    z.object({ kind: z.literal('indicator_set'), plan: Code }),
    z.object({ kind: z.literal('implementation_report'), documentRun: z.number().int().positive() }),
  ])
  .describe('A strategy by its code, an action plan or its indicators by the plan’s code, a report by its finished PDF');

const PublicationsSchema = z
  .object({
    publications: z.array(PublicationSchema),
    strategies: z
      .array(z.object({ code: z.string(), title: z.string(), plans: z.array(z.object({ code: z.string(), title: z.string() })) }))
      .describe('What can be published: each strategy with its action plans'),
    reports: z
      .array(
        z.object({
          documentRun: z.number().int(),
          plan: z.string().nullable(),
          scope: z.string().nullable(),
          language: z.string(),
          generatedAt: z.string(),
        }),
      )
      .describe('The implementation reports generated as PDF, the newest first: what can be published of them'),
    smallCountThreshold: z.number().int(),
    portalPath: z.string(),
  })
  .meta({ id: 'Publications' });

const ThresholdBody = z.object({
  smallCountThreshold: z
    .number()
    .int()
    .min(0)
    .max(100)
    .describe('Counts of victims below it are shown as “< N” in public; 0 hides nothing'),
});

const ListQuery = z.object({ withdrawn: z.enum(['true', 'false']).optional().describe('Include withdrawn publications') });
const PublicationParams = ParticipantParams.extend({ id: z.coerce.number().int().positive() });

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** The address of a published item on the portal. */
export function publicPath(participant: string, publication: Pick<Publication, 'kind' | 'strategy' | 'plan' | 'documentRun'>): string {
  const base = `/public/${encodeURIComponent(participant)}`;
  switch (publication.kind) {
    case 'strategy':
      return `${base}/strategies/${encodeURIComponent(publication.strategy ?? '')}`;
    case 'action_plan':
      return `${base}/plans/${encodeURIComponent(publication.plan ?? '')}`;
    case 'indicator_set':
      return `${base}/plans/${encodeURIComponent(publication.plan ?? '')}/indicators`;
    case 'implementation_report':
      return `${base}/reports/${publication.documentRun ?? 0}`;
  }
}

export const publicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const present = (participant: string, publication: Publication) => ({ ...publication, publicPath: publicPath(participant, publication) });

  app.get(
    '/api/participants/:participant/publications',
    {
      config: { access: { action: 'publication.manage' } },
      schema: {
        tags: ['publications'],
        summary: 'What is published on the public portal, what can be, and the small-count threshold',
        params: ParticipantParams,
        querystring: ListQuery,
        response: { 200: PublicationsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant } = request.params;
      const publications = await loadPublications(app.database, participant, request.query.withdrawn === 'true');
      const id = await participantId(app.database, participant);
      const strategies = await app.database.db
        .selectFrom('strategies')
        .select(['id', 'code', 'title'])
        .where('participant_id', '=', id)
        .orderBy('code')
        .execute();
      const plans = await app.database.db
        .selectFrom('action_plans')
        .select(['strategy_id', 'code', 'title'])
        .where('participant_id', '=', id)
        .orderBy('strategy_id')
        .orderBy('position')
        .execute();
      const reports = await app.database.db
        .selectFrom('document_runs')
        .select(['id', 'plan_code', 'scope', 'language', 'finished_at', 'created_at'])
        .where('participant_id', '=', id)
        .where('kind', '=', 'implementation_report')
        .where('format', '=', 'pdf')
        .where('status', '=', 'done')
        .orderBy('id', 'desc')
        .limit(REPORTS_LISTED)
        .execute();
      return {
        publications: publications.map((publication) => present(participant, publication)),
        reports: reports.map((run) => ({
          documentRun: run.id,
          plan: run.plan_code,
          scope: run.scope,
          language: run.language,
          generatedAt: new Date(run.finished_at ?? run.created_at).toISOString(),
        })),
        strategies: strategies.map((strategy) => ({
          code: strategy.code,
          title: strategy.title,
          plans: plans.filter((plan) => plan.strategy_id === strategy.id).map((plan) => ({ code: plan.code, title: plan.title })),
        })),
        smallCountThreshold: await loadSmallCountThreshold(app.database, participant),
        portalPath: `/public/${encodeURIComponent(participant)}`,
      };
    },
  );

  app.post(
    '/api/participants/:participant/publications',
    {
      config: { access: { action: 'publication.manage' } },
      schema: {
        tags: ['publications'],
        summary: 'Publish an item on the public portal (publishing it again changes nothing)',
        params: ParticipantParams,
        body: PublishBody,
        response: { 200: PublicationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant } = request.params;
      const item: PublicationItem = request.body;
      return present(participant, await publish(app.database, { participant, item, actor: actorOf(request) }));
    },
  );

  app.delete(
    '/api/participants/:participant/publications/:id',
    {
      config: { access: { action: 'publication.manage' } },
      schema: {
        tags: ['publications'],
        summary: 'Withdraw a publication: the item is no longer readable signed out',
        params: PublicationParams,
        response: { 200: PublicationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, id } = request.params;
      return present(participant, await withdraw(app.database, { participant, publication: id, actor: actorOf(request) }));
    },
  );

  app.put(
    '/api/participants/:participant/publications/small-count-threshold',
    {
      config: { access: { action: 'publication.manage' } },
      schema: {
        tags: ['publications'],
        summary: 'Set the count below which figures about victims are shown as “< N” in public',
        params: ParticipantParams,
        body: ThresholdBody,
        response: { 200: ThresholdBody, ...errorResponses },
      },
    },
    async (request) => ({
      smallCountThreshold: await changeSmallCountThreshold(app.database, {
        participant: request.params.participant,
        threshold: request.body.smallCountThreshold,
        actor: actorOf(request),
      }),
    }),
  );

  // The public portal where the publications are read signed out.
  await app.register(portalRoutes);
};
