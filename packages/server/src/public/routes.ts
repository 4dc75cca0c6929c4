import { readFileSync } from 'node:fs';
import {
  AppError,
  IsoDate,
  PORTAL_TEXTS,
  isAppError,
  isLanguage,
  negotiateLanguage,
  regionalPicture,
  sharedIndicator,
  sharedIndicatorList,
  thematicStructures,
  translator,
  type Language,
  type PlanPackage,
} from '@ariadne/domain';
import {
  activePublications,
  activePublicationsOfAll,
  DEFAULT_SMALL_COUNT_THRESHOLD,
  listPublishedConsultations,
  smallCountThresholdOf,
  type Publication,
} from '@ariadne/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { loadPublishedIndicatorSets, loadRegionalPackages } from '../commands/loadRegionalView.ts';
import { currentStrategyState } from '../plan-cache.ts';
import { activityRows, columnsOf, indicatorRows, publicPackage, toCsv, toJson, type DatasetKind } from './data.ts';
import { html, type Html } from './html.ts';
import { page, portalBase, type PortalContext } from './layout.ts';
import { dataPage, datasetsOf, homePage, indicatorPage, indicatorSetPage, planPage, reportPage, strategyPage } from './pages.ts';
import { renderSnapshotHtml, snapshotOf } from '../documents/snapshot.ts';
import { portalsPage, regionalPage, sharedIndicatorPage } from './regional.ts';
import { consultationPortalRoutes } from './consultation.ts';

// The public portal: what a Participant has published, readable by anyone signed out at
// /public/{participant}. Every address of something not published answers the same 404 page as
// an address that never existed, whoever asks.

const CSS = readFileSync(new URL('./portal.css', import.meta.url), 'utf8');

/** The reader's language: `?lang=`, else Accept-Language, else English. */
export function portalLanguage(request: FastifyRequest): Language {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = query?.lang;
  if (typeof asked === 'string' && isLanguage(asked)) return asked;
  const header = request.headers['accept-language'];
  return typeof header === 'string' && header.trim() !== '' ? negotiateLanguage(header) : 'en';
}

function notFound(detail: string): AppError {
  return new AppError('NOT_FOUND', { detail });
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The date a regional page is as of: the one asked for, or today when none or not a date is given (as an empty field would). */
function asOfOf(asked: unknown): string {
  return typeof asked === 'string' && IsoDate.safeParse(asked).success ? asked : today();
}

function sendPage(reply: FastifyReply, body: Html, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body.text);
}

function notFoundPage(request: FastifyRequest): Html {
  const language = portalLanguage(request);
  const t = translator(language);
  const path = request.url.split('?')[0] ?? '/public';
  return page(
    { language, t, path },
    {
      title: t(PORTAL_TEXTS.notFoundTitle),
      body: html`<h1>${t(PORTAL_TEXTS.notFoundTitle)}</h1>
        <p>${t(PORTAL_TEXTS.notFoundText)}</p>`,
    },
  );
}

type Params = { participant: string };

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  // Within the portal, errors are pages too.
  app.setErrorHandler((error: unknown, request, reply) => {
    if (isAppError(error) && error.status === 404) return sendPage(reply, notFoundPage(request), 404);
    request.log.error({ err: error }, 'public page failed');
    const language = portalLanguage(request);
    const t = translator(language);
    return sendPage(
      reply,
      page({ language, t, path: '/public' }, { title: t('errors.INTERNAL'), body: html`<h1>${t('errors.INTERNAL')}</h1>` }),
      isAppError(error) ? error.status : 500,
    );
  });

  /** The Participant, what it has published, its threshold; NOT_FOUND when it has published nothing. */
  /** The portal's context of a page; a Participant that has published nothing has no portal (unless it has published something else: `alsoPublished`). */
  async function contextOf(
    request: FastifyRequest,
    path: string,
    keep?: Record<string, string>,
    alsoPublished = false,
  ): Promise<PortalContext> {
    const { participant: code } = request.params as Params;
    const participant = await app.database.db
      .selectFrom('participants')
      .select(['code', 'name', 'currency'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!participant) throw notFound(`no Participant ${code}`);
    const publications = await activePublications(app.database.db, code);
    if (publications.length === 0 && !alsoPublished) throw notFound(`${code} has published nothing`);
    const language = portalLanguage(request);
    return {
      participant,
      language,
      t: translator(language),
      publications,
      threshold: await smallCountThresholdOf(app.database.db, code),
      path,
      ...(keep ? { keep } : {}),
    };
  }

  function published(context: PortalContext, kind: Publication['kind'], plan: string): Publication {
    const found = context.publications.find((publication) => publication.kind === kind && publication.plan === plan);
    if (!found) throw notFound(`${kind} ${plan} of ${context.participant.code} is not published`);
    return found;
  }

  async function planOf(context: PortalContext, plan: string): Promise<PlanPackage> {
    return (await loadActionPlan(app.database, context.participant.code, plan)).plan;
  }

  const config = { access: 'public' as const };

  app.get('/public/assets/portal.css', { config }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  app.get('/public/:participant', { config }, async (request, reply) => {
    const { participant } = request.params as Params;
    // The resolution logs of consultations are published on the consultation itself.
    const logs = await listPublishedConsultations(app.database.db, participant);
    const context = await contextOf(request, portalBase(participant), undefined, logs.length > 0);
    return sendPage(
      reply,
      homePage(
        context,
        logs.map((log) => ({ id: log.id, title: log.title, publishedAt: log.publishedAt ?? log.openedAt })),
      ),
    );
  });

  app.get('/public/:participant/strategies/:strategy', { config }, async (request, reply) => {
    const { participant, strategy } = request.params as Params & { strategy: string };
    const context = await contextOf(request, `${portalBase(participant)}/strategies/${encodeURIComponent(strategy)}`);
    if (!context.publications.some((publication) => publication.kind === 'strategy' && publication.strategy === strategy)) {
      throw notFound(`strategy ${strategy} is not published`);
    }
    const { plan } = await currentStrategyState(app.database, participant, strategy);
    return sendPage(reply, strategyPage(context, plan));
  });

  app.get('/public/:participant/plans/:plan', { config }, async (request, reply) => {
    const { participant, plan } = request.params as Params & { plan: string };
    const context = await contextOf(request, `${portalBase(participant)}/plans/${encodeURIComponent(plan)}`);
    published(context, 'action_plan', plan);
    return sendPage(reply, planPage(context, await planOf(context, plan), plan, today()));
  });

  app.get('/public/:participant/plans/:plan/indicators', { config }, async (request, reply) => {
    const { participant, plan } = request.params as Params & { plan: string };
    const context = await contextOf(request, `${portalBase(participant)}/plans/${encodeURIComponent(plan)}/indicators`);
    published(context, 'indicator_set', plan);
    return sendPage(reply, indicatorSetPage(context, await planOf(context, plan), plan, today()));
  });

  app.get('/public/:participant/indicators/:indicator', { config }, async (request, reply) => {
    const { participant, indicator } = request.params as Params & { indicator: string };
    const query = request.query as Record<string, unknown>;
    const path = `${portalBase(participant)}/indicators/${encodeURIComponent(indicator)}`;
    const asked = typeof query.plan === 'string' ? query.plan : undefined;
    const context = await contextOf(request, path);
    // Without a plan named, the indicator is read in the first published indicator set that lists it.
    const candidates = context.publications.filter(
      (publication) =>
        publication.kind === 'indicator_set' && publication.plan !== null && (asked === undefined || publication.plan === asked),
    );
    for (const candidate of candidates) {
      const planId = candidate.plan ?? '';
      const pkg = await planOf(context, planId);
      let body: Html | undefined;
      try {
        body = indicatorPage({ ...context, keep: { plan: planId } }, pkg, planId, indicator);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
      }
      if (body) return sendPage(reply, body);
    }
    throw notFound(`indicator ${indicator} is in no published indicator set`);
  });

  app.get('/public/:participant/data', { config }, async (request, reply) => {
    const { participant } = request.params as Params;
    const context = await contextOf(request, `${portalBase(participant)}/data`);
    const strategies = await app.database.db
      .selectFrom('strategies')
      .innerJoin('participants', 'participants.id', 'strategies.participant_id')
      .select(['strategies.code', 'strategies.updated_at'])
      .where('participants.code', '=', participant)
      .execute();
    const changed = new Map(strategies.map((row) => [row.code, new Date(row.updated_at).toISOString()]));
    const updated = new Map<string, string>();
    for (const dataset of datasetsOf(context)) {
      const strategyChange = dataset.publication.strategy === null ? undefined : changed.get(dataset.publication.strategy);
      const publishedAt = dataset.publication.publishedAt;
      updated.set(dataset.id, strategyChange !== undefined && strategyChange > publishedAt ? strategyChange : publishedAt);
    }
    return sendPage(reply, dataPage(context, updated));
  });

  app.get('/public/:participant/data/:file', { config }, async (request, reply) => {
    const { participant, file } = request.params as Params & { file: string };
    const match = /^(.+)-(activities|indicators|package)\.(csv|json)$/.exec(file);
    if (!match) throw notFound(`no dataset ${file}`);
    const [, plan = '', kind = '', format = ''] = match;
    const context = await contextOf(request, `${portalBase(participant)}/data`);
    const dataset = datasetsOf(context).find((candidate) => candidate.plan === plan && candidate.kind === kind);
    if (!dataset || (kind === 'package' && format !== 'json')) throw notFound(`dataset ${file} is not published`);
    const pkg = await planOf(context, plan);
    void reply.header('cache-control', 'no-cache').header('content-disposition', `attachment; filename="${participant}-${file}"`);
    if (kind === 'package') {
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(publicPackage(pkg, plan, context.threshold), null, 2));
    }
    const datasetKind = kind as DatasetKind;
    const columns = columnsOf(datasetKind);
    const rows = datasetKind === 'activities' ? activityRows(pkg, plan, today()) : indicatorRows(pkg, plan, context.threshold);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8; header=present').send(toCsv(columns, rows));
    const en = translator('en');
    return reply.type('application/json; charset=utf-8').send(
      JSON.stringify(
        toJson({
          dataset: dataset.id,
          title: dataset.publication.title,
          updated: dataset.publication.publishedAt,
          columns,
          describe: (key) => en(key),
          rows,
          threshold: context.threshold,
        }),
      ),
    );
  });

  app.get('/public/:participant/reports/:file', { config }, async (request, reply) => {
    const { participant, file } = request.params as Params & { file: string };
    const match = /^(\d{1,12})(\.pdf)?$/.exec(file);
    if (!match) throw notFound(`no report ${file}`);
    const run = Number(match[1]);
    const context = await contextOf(request, `${portalBase(participant)}/reports/${run}`);
    const publication = context.publications.find(
      (candidate) => candidate.kind === 'implementation_report' && candidate.documentRun === run,
    );
    if (!publication) throw notFound(`report ${run} is not published`);
    if (match[2] === undefined) {
      // The report as a page, in the reader's language, from what it was generated from.
      const snapshot = await snapshotOf(app.database, run);
      return sendPage(
        reply,
        reportPage(context, publication, {
          document: snapshot ? renderSnapshotHtml(snapshot, context.language) : null,
          generatedAt: snapshot?.generatedAt ?? null,
        }),
      );
    }
    const row = await app.database.db
      .selectFrom('document_runs')
      .select(['content', 'file_name'])
      .where('id', '=', run)
      .where('status', '=', 'done')
      .executeTakeFirst();
    if (!row?.content) throw notFound(`report ${run} has no file`);
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-cache')
      .header('content-disposition', `inline; filename="${(row.file_name ?? file).replace(/[^\w.-]/g, '_')}"`)
      .send(Buffer.from(row.content));
  });

  // Everything else under /public is the portal's own 404 page, never the web application.
  app.get('/public', { config }, async (request, reply) => {
    const language = portalLanguage(request);
    const publications = await activePublicationsOfAll(app.database.db);
    const names = await app.database.db.selectFrom('participants').select(['code', 'name']).orderBy('name').execute();
    const participants = names
      .filter((participant) => (publications.get(participant.code)?.length ?? 0) > 0)
      .map((participant) => ({ ...participant, published: publications.get(participant.code)?.length ?? 0 }));
    return sendPage(reply, portalsPage({ language, t: translator(language), path: '/public' }, participants));
  });

  app.get('/public/region', { config }, async (request, reply) => {
    const language = portalLanguage(request);
    const asOf = asOfOf((request.query as Record<string, unknown>).asOf);
    const packages = await loadRegionalPackages(app.database, new Set());
    const { sources } = await loadPublishedIndicatorSets(app.database);
    const data = {
      picture: regionalPicture(packages, asOf),
      structures: thematicStructures(packages, asOf),
      indicators: sharedIndicatorList(sources, asOf),
    };
    return sendPage(reply, regionalPage({ language, t: translator(language), path: '/public/region', keep: { asOf } }, data));
  });

  app.get('/public/region/indicator', { config }, async (request, reply) => {
    const language = portalLanguage(request);
    const query = request.query as Record<string, unknown>;
    const asOf = asOfOf(query.asOf);
    const key = typeof query.key === 'string' ? query.key : '';
    const { sources, thresholds } = await loadPublishedIndicatorSets(app.database);
    const indicator = sharedIndicator(sources, key, { asOf, thresholdOf: (code) => thresholds.get(code) ?? DEFAULT_SMALL_COUNT_THRESHOLD });
    if (!indicator) throw notFound(`no shared indicator ${key}`);
    return sendPage(
      reply,
      sharedIndicatorPage({ language, t: translator(language), path: '/public/region/indicator', keep: { asOf, key } }, indicator, asOf),
    );
  });

  // The published resolution logs of consultations.
  await app.register(consultationPortalRoutes);

  app.get('/public/*', { config }, async (request, reply) => sendPage(reply, notFoundPage(request), 404));
}
