import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  AppError,
  financialPlanDocument,
  implementationReport,
  parseReportScope,
  planDocument,
  planReviewDocument,
  reportScopes,
  type DocumentKind,
  type Language,
} from '@ariadne/domain';
import { recordAudit, type AuditActor, type Database } from '@ariadne/db';
import type { JobQueue } from '../jobs/queue.ts';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import type { DocumentChart } from '../charts/index.ts';
import { documentDocx, documentHtml, documentMargins, type PreparedDocument } from './blocks.ts';
import { prepareReport, type Logo } from './content.ts';
import { reportDocx } from './docx.ts';
import { printMargins, reportHtml } from './html.ts';
import type { DocumentSnapshot } from './snapshot.ts';
import { prepareFinancialPlan, preparePlan, preparePlanReview } from './whole-plan.ts';
import type { WordImages } from './word.ts';
import { chromiumAvailable, type Printer } from './pdf.ts';
import { readReportTexts } from './texts.ts';

// Generating documents in the background: a run is recorded (queued) and handed to the job queue,
// then made step by step by whichever server takes it, with its progress written as it goes, its
// file kept in the database, and marked done or failed; a run's failure is kept with it, in words.
// A run whose server stopped is made again when a server starts (embedded database) or when its
// task expires (PostgreSQL); one left unfinished longer than that is marked interrupted.

export type DocumentFormat = 'docx' | 'pdf';

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Why a run failed, as a key of `app.documents.errors`. */
export type RunError = 'chromiumMissing' | 'generationFailed' | 'interrupted';

export type RunRequest = {
  kind: DocumentKind;
  participant: string;
  plan: string;
  /** The scope of an implementation report; null for the documents of the whole plan. */
  scope: string | null;
  language: Language;
  format: DocumentFormat;
  actor: AuditActor & { userId: number };
};

/** The database keys of an action plan's Participant and strategy, or NOT_FOUND. */
export async function planKeys(
  database: Database,
  participant: string,
  plan: string,
): Promise<{ participantId: number; strategyId: number }> {
  const row = await database.db
    .selectFrom('action_plans')
    .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
    .select(['participants.id as participantId', 'action_plans.strategy_id as strategyId'])
    .where('participants.code', '=', participant)
    .where('action_plans.code', '=', plan)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: `${participant}/${plan}`, key: 'action_plan_not_found', params: { participant, id: plan } }],
      detail: `no action plan ${participant}/${plan}`,
    });
  }
  return row;
}

/** Checks that a scope is one of the action plan's (a round of it, one of its years, or `whole`), else NOT_FOUND. */
export async function checkScope(database: Database, participant: string, plan: string, scope: string): Promise<void> {
  const loaded = await loadActionPlan(database, participant, plan);
  const parsed = parseReportScope(scope);
  const scopes = reportScopes(loaded.plan, plan);
  const known =
    parsed.kind === 'whole' ||
    (parsed.kind === 'year' && scopes.years.includes(parsed.year)) ||
    (parsed.kind === 'round' && scopes.rounds.includes(parsed.round));
  if (!known) throw new AppError('NOT_FOUND', { detail: `no scope ${scope} in ${participant}/${plan}` });
}

async function readLogo(database: Database, participantId: number): Promise<Logo | null> {
  const row = await database.db
    .selectFrom('participant_logos')
    .select(['media_type', 'content'])
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return row ? { mediaType: row.media_type, content: Buffer.from(row.content) } : null;
}

/** The size an SVG chart declares. */
function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)/.exec(svg)?.[1] ?? 640);
  const height = Number(/<svg[^>]*\sheight="(\d+(?:\.\d+)?)/.exec(svg)?.[1] ?? 320);
  return { width, height };
}

/** The smallest PNG there is (one white pixel): the stand-in of a chart when Chromium is not there to draw it. */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

/** The charts for Word: SVG with a PNG drawn by Chromium (a blank one without it), and the logo as PNG or JPEG. */
async function wordImages(prepared: { charts: DocumentChart[]; logo: Logo | null }, printer: Printer): Promise<WordImages> {
  const charts = prepared.charts.map((chart) => ({ svg: chart.svg, ...svgSize(chart.svg) }));
  const withChromium = chromiumAvailable();
  const pngs = withChromium ? await printer.png(charts) : charts.map(() => BLANK_PNG);
  let logo: WordImages['logo'] = null;
  if (prepared.logo) {
    const height = 90;
    if (prepared.logo.mediaType === 'image/png' || prepared.logo.mediaType === 'image/jpeg') {
      logo = { type: prepared.logo.mediaType === 'image/png' ? 'png' : 'jpg', data: prepared.logo.content, width: height * 2, height };
    } else if (withChromium) {
      const svg = prepared.logo.content.toString('utf8');
      const [png] = await printer.png([{ svg, width: height * 2, height }]);
      if (png) logo = { type: 'png', data: png, width: height * 2, height };
    }
  }
  return {
    charts: charts.map((chart, index) => ({
      svg: Buffer.from(chart.svg, 'utf8'),
      png: pngs[index] ?? BLANK_PNG,
      width: chart.width,
      height: chart.height,
    })),
    logo,
  };
}

/**
 * The name of a generated file: `DL-AP-2021-2022-implementation-report-2022-en.docx` for the
 * implementation report of a scope, `DL-AP-2021-2022-financial-plan-en.pdf` for a document of the whole plan.
 */
export function fileNameOf(input: {
  participant: string;
  plan: string;
  kind: DocumentKind;
  scope: string | null;
  language: string;
  format: DocumentFormat;
}): string {
  const name = [
    input.participant,
    input.plan,
    input.kind.replace(/_/g, '-'),
    ...(input.scope === null ? [] : [input.scope]),
    input.language,
  ];
  return `${name.join('-')}.${input.format}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * How many document runs wait in the queue and how many are being made, as the database records
 * them (every server of the database sees the same count). Reads only: for the metrics.
 */
export async function countUnfinishedRuns(database: Database): Promise<{ queued: number; running: number }> {
  const rows = await database.db
    .selectFrom('document_runs')
    .select((eb) => ['status', eb.fn.countAll<number>().as('runs')])
    .where('status', 'in', ['queued', 'running'])
    .groupBy('status')
    .execute();
  const count = (status: string) => rows.find((row) => row.status === status)?.runs ?? 0;
  return { queued: count('queued'), running: count('running') };
}

/** What making a run needs: the request without its requester, as the run's row records it. */
type MadeRequest = Omit<RunRequest, 'actor'>;

/** A document drawn: the file, and the snapshot of the content it was drawn from. */
type Made = { file: Buffer; snapshot: DocumentSnapshot };

/** Runs unfinished for longer than this are taken as lost: no retry of the job queue is left for them. */
const INTERRUPTED_AFTER_MS = 30 * 60_000;

/** The runs being made in the background, through the job queue. */
export class DocumentRuns {
  constructor(
    private readonly database: Database,
    private readonly printer: Printer,
    private readonly jobs: JobQueue,
    private readonly log: (error: unknown, runId: number) => void = () => undefined,
  ) {}

  /**
   * Takes this server's share of the runs, and deals with those an earlier server left unfinished:
   * on the embedded database (one server) they are made again; on PostgreSQL the queue takes lost
   * tasks again by itself, and runs older than its retries are marked interrupted.
   */
  async begin(now = new Date()): Promise<void> {
    await this.jobs.work('document-run', ({ runId }) => this.makeRecorded(runId));
    const unfinished = await this.database.db
      .selectFrom('document_runs')
      .select(['id', 'created_at'])
      .where('status', 'in', ['queued', 'running'])
      .orderBy('id')
      .execute();
    for (const run of unfinished) {
      if (this.jobs.kind === 'in_process') {
        await this.jobs.send('document-run', { runId: run.id });
      } else if (now.getTime() - new Date(run.created_at).getTime() > INTERRUPTED_AFTER_MS) {
        await this.fail(run.id, 'interrupted');
      }
    }
  }

  /** Records a run (queued, with its audit entry) and hands it to the job queue; returns its id. */
  async start(request: RunRequest): Promise<number> {
    const keys = await planKeys(this.database, request.participant, request.plan);
    if (request.kind === 'implementation_report') {
      if (request.scope === null)
        throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'scope', key: 'required' }], detail: 'no scope' });
      await checkScope(this.database, request.participant, request.plan, request.scope);
    }
    const id = await this.database.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('document_runs')
        .values({
          participant_id: keys.participantId,
          strategy_id: keys.strategyId,
          kind: request.kind,
          plan_code: request.plan,
          scope: request.scope,
          language: request.language,
          format: request.format,
          created_by: request.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: request.actor,
        participantId: keys.participantId,
        action: 'plan.document_generated',
        entity: 'document_run',
        entityId: row.id,
        after: {
          kind: request.kind,
          plan: request.plan,
          scope: request.scope,
          language: request.language,
          format: request.format,
        },
      });
      return row.id;
    });
    await this.jobs.send('document-run', { runId: id });
    return id;
  }

  /** Resolves when every run this server has taken so far is done or failed. */
  async idle(): Promise<void> {
    await this.jobs.idle();
  }

  /** Makes a recorded run, unless it is finished already (a task delivered twice does nothing). */
  private async makeRecorded(runId: number): Promise<void> {
    const row = await this.database.db
      .selectFrom('document_runs')
      .innerJoin('participants', 'participants.id', 'document_runs.participant_id')
      .select([
        'document_runs.status',
        'document_runs.kind',
        'document_runs.plan_code',
        'document_runs.scope',
        'document_runs.language',
        'document_runs.format',
        'document_runs.strategy_id',
        'participants.id as participant_id',
        'participants.code as participant',
      ])
      .where('document_runs.id', '=', runId)
      .executeTakeFirst();
    if (!row || row.status === 'done' || row.status === 'failed') return;
    if (row.plan_code === null || row.strategy_id === null) {
      await this.fail(runId, 'generationFailed');
      return;
    }
    const request: MadeRequest = {
      kind: row.kind as DocumentKind,
      participant: row.participant,
      plan: row.plan_code,
      scope: row.scope,
      language: row.language as Language,
      format: row.format as DocumentFormat,
    };
    await this.make(runId, request, { participantId: row.participant_id, strategyId: row.strategy_id });
  }

  private async fail(id: number, reason: RunError): Promise<void> {
    await this.database.db
      .updateTable('document_runs')
      .set({ status: 'failed', error: reason, finished_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .execute()
      .catch((failure: unknown) => this.log(failure, id));
  }

  private async progress(id: number, progress: number): Promise<void> {
    await this.database.db.updateTable('document_runs').set({ status: 'running', progress }).where('id', '=', id).execute();
    // Let other requests through between the steps.
    await nextTurn();
  }

  private async make(id: number, request: MadeRequest, keys: { participantId: number; strategyId: number }): Promise<void> {
    try {
      if (request.format === 'pdf' && !chromiumAvailable()) throw new RunFailure('chromiumMissing');
      await this.progress(id, 5);
      const made =
        request.kind === 'implementation_report' ? await this.report(id, request, keys) : await this.wholePlan(id, request, keys);
      await this.progress(id, 90);
      await this.database.db
        .updateTable('document_runs')
        .set({
          status: 'done',
          progress: 100,
          content: made.file,
          size_bytes: made.file.length,
          media_type: MEDIA_TYPES[request.format],
          file_name: fileNameOf(request),
          snapshot: JSON.stringify(made.snapshot),
          finished_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      const reason: RunError = error instanceof RunFailure ? error.reason : 'generationFailed';
      if (!(error instanceof RunFailure)) this.log(error, id);
      await this.fail(id, reason);
    }
  }

  /** The implementation report of a scope, with the coordinator's texts. */
  private async report(id: number, request: MadeRequest, keys: { participantId: number; strategyId: number }): Promise<Made> {
    const scope = request.scope ?? 'whole';
    const loaded = await loadActionPlan(this.database, request.participant, request.plan);
    const report = implementationReport(loaded.plan, loaded.planId, parseReportScope(scope), loaded.address);
    await this.progress(id, 25);
    const stored = await readReportTexts(this.database, keys.strategyId, request.plan, scope);
    const texts = { introduction: stored.introduction, conclusions: stored.conclusions };
    const logo = await readLogo(this.database, keys.participantId);
    const generatedAt = new Date().toISOString();
    const prepared = prepareReport({ report, texts, language: request.language, logo, generatedAt });
    const snapshot: DocumentSnapshot = {
      format: 'ariadne.document-snapshot',
      version: 1,
      kind: 'implementation_report',
      generatedAt,
      content: report,
      texts,
    };
    await this.progress(id, 45);
    if (request.format === 'docx') {
      const images = await wordImages(prepared, this.printer);
      await this.progress(id, 65);
      return { file: await reportDocx(prepared, images), snapshot };
    }
    const html = reportHtml(prepared);
    await this.progress(id, 60);
    return { file: await this.printer.pdf(html, printMargins(prepared)), snapshot };
  }

  /** The strategy and action plan, its review or its financial plan. */
  private async wholePlan(id: number, request: MadeRequest, keys: { participantId: number }): Promise<Made> {
    const loaded = await loadActionPlan(this.database, request.participant, request.plan);
    const generatedAt = new Date().toISOString();
    const logo = await readLogo(this.database, keys.participantId);
    const common = { language: request.language, logo, generatedAt };
    const base = { format: 'ariadne.document-snapshot', version: 1, generatedAt } as const;
    let prepared: PreparedDocument;
    let snapshot: DocumentSnapshot;
    if (request.kind === 'plan') {
      const content = planDocument(loaded.plan, loaded.planId, loaded.address);
      snapshot = { ...base, kind: 'plan', content };
      await this.progress(id, 25);
      prepared = preparePlan({ ...common, content });
    } else if (request.kind === 'plan_review') {
      const content = planReviewDocument(loaded.plan, loaded.planId, loaded.address);
      snapshot = { ...base, kind: 'plan_review', content };
      await this.progress(id, 25);
      prepared = preparePlanReview({ ...common, content });
    } else {
      const content = financialPlanDocument(loaded.plan, loaded.planId, loaded.address);
      snapshot = { ...base, kind: 'financial_plan', content };
      await this.progress(id, 25);
      prepared = prepareFinancialPlan({ ...common, content });
    }
    await this.progress(id, 45);
    if (request.format === 'docx') {
      const images = await wordImages(prepared, this.printer);
      await this.progress(id, 65);
      return { file: await documentDocx(prepared, images), snapshot };
    }
    const html = documentHtml(prepared);
    await this.progress(id, 60);
    return { file: await this.printer.pdf(html, documentMargins(prepared)), snapshot };
  }
}

class RunFailure extends Error {
  constructor(readonly reason: RunError) {
    super(reason);
  }
}
