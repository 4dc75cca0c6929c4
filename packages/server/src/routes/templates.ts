import { createHash, randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError, REPORT_STATUSES, negotiateLanguage, reportForm, translator, type FieldIssue, type Language } from '@ariadne/domain';
import { findReport, type Database } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import JSZip from 'jszip';
import { z } from 'zod';
import { loadActionPlan, type LoadedActionPlan } from '../commands/loadActionPlan.ts';
import { roundOfPlan, strategyOfActionPlan } from '../commands/openRounds.ts';
import { reportNotFound } from '../commands/reviewReport.ts';
import { saveReport } from '../commands/saveReport.ts';
import { requestLanguage } from '../http/language.ts';
import { acceptFileBodies } from '../http/body.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { attachment } from '../workbook/export.ts';
import { WORKBOOK_LIMITS } from '../workbook/limits.ts';
import { readWorkbook } from '../workbook/read.ts';
import { reportTemplate } from '../workbook/report-template.ts';
import { readReportTemplate, templateIdentity } from '../workbook/report-upload.ts';

// The Excel templates of monitoring reports: one report's template to download and to upload
// filled in (checked in full, saved only when clean), and all the templates of a round at once as
// a zip, prepared in the background with its progress to follow.

const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** How long the templates of a round are kept for their download. */
const JOB_LIFETIME_MS = 10 * 60 * 1000;
/** Jobs one user may have at once (a new one ends the oldest). */
const JOBS_PER_USER = 3;

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const RoundParams = PlanParams.extend({ round: z.string().min(1).max(64).describe('Round id, e.g. `2022-H2`') });
const ReportParams = RoundParams.extend({ institution: z.string().min(1).max(64).describe('Institution id, e.g. `POL`') });
const JobParams = RoundParams.extend({ id: z.string().min(1).max(64).describe('The job of the round’s templates') });
const DownloadQuery = z.object({
  language: LanguageSchema.optional().describe('The language of the template; the one of the request when left out'),
});
const FileSchema = z.any();

const IssueSchema = z.object({ path: z.string().describe('The cell, e.g. `Indicators!G12`'), message: z.string() });
const UploadedSchema = z
  .object({
    unchanged: z.boolean().describe('The same file was applied before: nothing changed'),
    version: z.number().int(),
    status: z.enum(REPORT_STATUSES),
    flags: z.array(IssueSchema).describe('Unusual values, to confirm when submitting'),
  })
  .meta({ id: 'ReportTemplateUploaded' });
const JobSchema = z.object({ job: z.string(), total: z.number().int() }).meta({ id: 'TemplateJob' });
const ProgressSchema = z
  .object({ done: z.number().int(), total: z.number().int(), ready: z.boolean() })
  .meta({ id: 'TemplateJobProgress' });

const conflictResponses = { ...errorResponses, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema } as const;

/** The database id of the strategy an action plan belongs to. */
async function strategyIdOf(database: Database, participant: string, plan: string): Promise<number> {
  const strategy = await strategyOfActionPlan(database, participant, plan);
  const located = await database.db
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select('strategies.id')
    .where('participants.code', '=', participant)
    .where('strategies.code', '=', strategy)
    .executeTakeFirst();
  if (!located) throw new AppError('NOT_FOUND', { detail: `no strategy of ${participant}/${plan}` });
  return located.id;
}

/** The action plan with one of its rounds, or NOT_FOUND. */
async function loadRound(database: Database, participant: string, planId: string, roundId: string) {
  const loaded = await loadActionPlan(database, participant, planId);
  const round = loaded.plan.monitoring?.rounds.find((candidate) => candidate.id === roundId);
  if (!round || !roundOfPlan(loaded.plan, planId, round)) throw new AppError('NOT_FOUND', { detail: `no round ${roundId} of ${planId}` });
  return { ...loaded, round };
}

type TemplateSource = { loaded: LoadedActionPlan; strategyId: number; participant: string; round: string };

/** Writes the template of one institution's report in a round. */
async function templateOf(database: Database, source: TemplateSource, institution: string, language: Language): Promise<Buffer> {
  const form = reportForm(source.loaded.plan, source.loaded.planId, source.round, institution);
  const stored = await findReport(database.db, source.strategyId, source.round, institution);
  if (!stored) throw reportNotFound(source.round, institution);
  return reportTemplate({
    participant: source.participant,
    currency: source.loaded.plan.participant.currency,
    form,
    version: stored.version,
    institutionName: source.loaded.plan.institutions.find((candidate) => candidate.id === institution)?.name ?? institution,
    language,
  });
}

/** The language the Participant works in (its locale), else the requester's. */
async function participantLanguage(database: Database, participant: string, request: FastifyRequest): Promise<Language> {
  const row = await database.db.selectFrom('participants').select('locale').where('code', '=', participant).executeTakeFirst();
  return row?.locale ? negotiateLanguage(row.locale) : requestLanguage(request);
}

function contentDisposition(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === name ? `attachment; filename="${name}"` : `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** All the templates of a round, being prepared one after the other. */
type TemplateJob = {
  id: string;
  userId: number;
  scope: string;
  total: number;
  done: number;
  files: { name: string; data: Buffer }[];
  finished: Promise<void>;
  error: unknown;
  expiresAt: number;
};

/** The jobs of the users, in memory, each for its user only and for ten minutes. */
class TemplateJobs {
  private readonly jobs = new Map<string, TemplateJob>();

  private sweep(now: number): void {
    for (const [id, job] of this.jobs) if (job.expiresAt <= now) this.jobs.delete(id);
  }

  start(userId: number, scope: string, total: number, run: (job: TemplateJob) => Promise<void>): TemplateJob {
    const now = Date.now();
    this.sweep(now);
    const own = [...this.jobs.values()].filter((job) => job.userId === userId).sort((a, b) => a.expiresAt - b.expiresAt);
    for (const job of own.slice(0, Math.max(0, own.length - JOBS_PER_USER + 1))) this.jobs.delete(job.id);
    const job: TemplateJob = {
      id: randomUUID(),
      userId,
      scope,
      total,
      done: 0,
      files: [],
      finished: Promise.resolve(),
      error: null,
      expiresAt: now + JOB_LIFETIME_MS,
    };
    this.jobs.set(job.id, job);
    job.finished = run(job).catch((error: unknown) => {
      job.error = error;
    });
    return job;
  }

  get(id: string, userId: number, scope: string): TemplateJob {
    this.sweep(Date.now());
    const job = this.jobs.get(id);
    if (!job || job.userId !== userId || job.scope !== scope) throw new AppError('NOT_FOUND', { detail: `no template job ${id}` });
    return job;
  }
}

/** The Excel templates of monitoring reports. */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const jobs = new TemplateJobs();

  // The upload is the workbook itself as the body, read with the workbook limit.
  acceptFileBodies(app, XLSX_CONTENT_TYPE, { bytes: WORKBOOK_LIMITS.maxBytes, issueKey: 'workbook_too_large', what: 'template' });

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/template.xlsx',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      schema: {
        tags: ['monitoring'],
        summary: 'Downloads the Excel template of an institution’s report in a round, prefilled with what the report says so far',
        description:
          'In the language asked for, else the one of the request. Sheets: instructions, activities (status, money spent by source, narrative, obstacles), indicators (the total and each breakdown category), and a hidden sheet naming the report and its version.',
        params: ReportParams,
        querystring: DownloadQuery,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan, round, institution } = request.params;
      const loaded = await loadRound(app.database, participant, plan, round);
      const strategyId = await strategyIdOf(app.database, participant, plan);
      const file = await templateOf(
        app.database,
        { loaded, strategyId, participant, round },
        institution,
        request.query.language ?? requestLanguage(request),
      );
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(participant, plan, `${round}-${institution}`))
        .send(file);
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/template',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      schema: {
        tags: ['monitoring'],
        summary: 'Uploads a filled Excel template: checked in full and, only when clean, saved as the report’s content',
        description: `The body is the .xlsx file itself, sent as \`${XLSX_CONTENT_TYPE}\`; at most ${WORKBOOK_LIMITS.maxBytes / 1024 / 1024} MB. Values are read, formulas never evaluated. Every problem comes back at once as 400 VALIDATION_FAILED, each issue's path naming its cell (\`Indicators!G12\`); nothing is saved then. The template of another report gets 409 TEMPLATE_OTHER_REPORT, one of an older version of the report 409 TEMPLATE_OUTDATED, a submitted or accepted report 409 REPORT_LOCKED. The same file uploaded again changes nothing (\`unchanged\`).`,
        params: ReportParams,
        response: { 200: UploadedSchema, ...conflictResponses },
      },
    },
    async (request) => {
      const { participant, plan, round, institution } = request.params;
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          issues: [{ path: 'file', key: 'workbook_not_xlsx' }],
          detail: 'no workbook in the body',
        });
      }
      const digest = createHash('sha256').update(body).digest('hex');
      const sheets = await readWorkbook(body);
      const identity = templateIdentity(sheets);
      if (
        identity.participant !== participant ||
        identity.plan !== plan ||
        identity.round !== round ||
        identity.institution !== institution
      ) {
        throw new AppError('TEMPLATE_OTHER_REPORT', {
          params: { institution: identity.institution, round: identity.round },
          detail: `template of ${identity.participant}/${identity.plan}/${identity.round}/${identity.institution}`,
        });
      }
      const loaded = await loadRound(app.database, participant, plan, round);
      const strategyId = await strategyIdOf(app.database, participant, plan);
      const stored = await findReport(app.database.db, strategyId, round, institution);
      if (!stored) throw reportNotFound(round, institution);
      const form = reportForm(loaded.plan, plan, round, institution);
      const reading = readReportTemplate(sheets, identity, form);
      const again = stored.templateDigest === digest;
      if (!again) {
        // What would make the file's problems pointless to fix comes first.
        if (stored.status === 'submitted' || stored.status === 'accepted') {
          throw new AppError('REPORT_LOCKED', { detail: `${round}/${institution} is ${stored.status}` });
        }
        if (stored.version !== identity.version) {
          throw new AppError('TEMPLATE_OUTDATED', {
            detail: `the report is at version ${stored.version}, the template at ${identity.version}`,
          });
        }
        if (reading.problems.length > 0) {
          throw new AppError('VALIDATION_FAILED', {
            issues: reading.problems,
            detail: `${reading.problems.length} problems in the template`,
          });
        }
      }
      const saved = await saveReport(app.database, {
        participant,
        plan,
        round,
        institution,
        version: identity.version,
        content: reading.content,
        template: { digest },
        actor: actorOf(request),
      });
      const t = translator(requestLanguage(request));
      const message = (issue: FieldIssue) => ({ path: issue.path, message: t(`issues.${issue.key}`, issue.params) });
      return { unchanged: saved.unchanged, version: saved.version, status: saved.status, flags: reading.flags.map(message) };
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/templates',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Starts preparing the Excel templates of every report of a round, for one zip download',
        description:
          'Each template in the Participant’s language. The job is the requester’s, kept for 10 minutes; follow it with `GET …/templates/{id}` and download the zip from `GET …/templates/{id}/download`.',
        params: RoundParams,
        response: { 202: JobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan, round } = request.params;
      const actor = actorOf(request);
      const loaded = await loadRound(app.database, participant, plan, round);
      const strategyId = await strategyIdOf(app.database, participant, plan);
      const language = await participantLanguage(app.database, participant, request);
      const institutions = loaded.round.reports.map((report) => report.institution);
      const source = { loaded, strategyId, participant, round };
      const job = jobs.start(actor.userId, `${participant}/${plan}/${round}`, institutions.length, async (running) => {
        for (const institution of institutions) {
          // One template at a time, letting other requests through between them.
          await nextTurn();
          const data = await templateOf(app.database, source, institution, language);
          running.files.push({ name: `${participant}-${plan}-${round}-${institution}.xlsx`, data });
          running.done += 1;
        }
      });
      return reply.code(202).send({ job: job.id, total: job.total });
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/templates/:id',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'How far the templates of a round are prepared',
        params: JobParams,
        response: { 200: ProgressSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan, round, id } = request.params;
      const job = jobs.get(id, actorOf(request).userId, `${participant}/${plan}/${round}`);
      if (job.error) throw job.error;
      return { done: job.done, total: job.total, ready: job.done === job.total };
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/templates/:id/download',
    {
      config: { access: { action: 'round.manage' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Downloads the templates of a round as one zip file (waits for them if they are still being prepared)',
        params: JobParams,
        response: { 200: FileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan, round, id } = request.params;
      const job = jobs.get(id, actorOf(request).userId, `${participant}/${plan}/${round}`);
      await job.finished;
      if (job.error) throw job.error;
      const zip = new JSZip();
      for (const file of job.files) zip.file(file.name, file.data, { compression: 'STORE' });
      const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(`${participant}-${plan}-${round}-templates.zip`))
        .send(data);
    },
  );
};
