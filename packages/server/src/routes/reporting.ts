import {
  ACTIVITY_STATUSES,
  AppError,
  DISAGGREGATIONS,
  FUNDING_SOURCES,
  MAX_REPORT_TEXT,
  MEASURES,
  REPORT_STATUSES,
  boardStatus,
  boardStatusOf,
  can,
  checkReport,
  prefilledContent,
  reportForm,
  BOARD_STATUSES,
} from '@ariadne/domain';
import {
  countEvidence,
  findReport,
  findStrategy,
  listEvidence,
  listInstitutionReports,
  readEvidenceFile,
  readReportComments,
  readReportSubmission,
} from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { strategyOfActionPlan, roundOfPlan } from '../commands/openRounds.ts';
import { MAX_EVIDENCE_BYTES, addEvidence, removeEvidence } from '../commands/reportEvidence.ts';
import { reportNotFound } from '../commands/reviewReport.ts';
import { saveReport, type SavedReport } from '../commands/saveReport.ts';
import { acceptFileBodies } from '../http/body.ts';
import { ErrorSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { idempotently, type AfterWrite } from '../ops/idempotency.ts';

// What a focal point does with their institution's report: read its form, save it as they type,
// attach evidence, submit it; and the list of their institution's reports on their home page.

const ReportParams = ParticipantParams.extend({
  plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`'),
  round: z.string().min(1).max(64).describe('Round id, e.g. `2022-H2`'),
  institution: z.string().min(1).max(64).describe('Institution id, e.g. `POL`'),
});
const EvidenceParams = ReportParams.extend({ evidence: z.coerce.number().int().positive() });

const Text = z.string().max(MAX_REPORT_TEXT);
const ContentSchema = z
  .object({
    activities: z
      .array(
        z.object({
          activity: z.string().min(1).max(64),
          status: z.enum(ACTIVITY_STATUSES),
          spent: z
            .array(z.object({ source: z.enum(FUNDING_SOURCES), amount: z.number().min(0).max(9_999_999_999_999) }))
            .max(8)
            .optional(),
          narrative: Text.optional(),
          obstacles: Text.optional(),
        }),
      )
      .max(5000),
    indicatorValues: z
      .array(
        z.object({
          indicator: z.string().min(1).max(64),
          value: z.number(),
          breakdown: z
            .array(z.object({ dimension: z.string().min(1).max(64), category: z.string().max(100), value: z.number() }))
            .max(200)
            .optional(),
        }),
      )
      .max(10000),
  })
  .meta({ id: 'ReportContent' });

const FindingSchema = z.object({
  target: z.string().nullable(),
  field: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const YearValue = z.object({ value: z.number(), year: z.number().int(), source: z.string().optional() });

const EvidenceSchema = z.object({
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
});

const FormSchema = z
  .object({
    plan: z.object({ id: z.string(), title: z.string() }),
    round: z.object({ id: z.string(), periodStart: z.string(), periodEnd: z.string(), deadline: z.string() }),
    institution: z.object({ id: z.string(), name: z.string() }),
    currency: z.string(),
    status: z.enum(REPORT_STATUSES),
    board: z.enum(BOARD_STATUSES),
    version: z.number().int(),
    submittedOn: z.string().nullable(),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    editable: z.boolean().describe('The requester may change the report now (a draft or a returned report)'),
    activities: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        objective: z.string(),
        lead: z.boolean(),
        start: z.string(),
        end: z.string(),
        planned: z.number(),
        plannedSources: z.array(z.enum(FUNDING_SOURCES)),
        previousStatus: z.enum(ACTIVITY_STATUSES).nullable(),
      }),
    ),
    indicators: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        measure: z.enum(MEASURES),
        unit: z.string().nullable(),
        scale: z.array(z.string()).nullable(),
        disaggregation: z.array(z.enum(DISAGGREGATIONS)),
        categories: z.record(z.string(), z.array(z.string())),
        baseline: YearValue.nullable(),
        target: YearValue.nullable(),
        activity: z.string().nullable(),
        objective: z.string(),
        required: z.boolean(),
        previousValue: z.number().nullable(),
      }),
    ),
    content: ContentSchema,
    flags: z.array(FindingSchema),
    comments: z.array(z.object({ target: z.string().nullable(), text: z.string(), author: z.string().nullable(), at: z.string() })),
    evidence: z.array(EvidenceSchema),
  })
  .meta({ id: 'ReportForm' });

const SaveBody = z.object({ version: z.number().int().min(1), content: ContentSchema });
const SubmitBody = SaveBody.extend({
  confirmedFlags: z.array(z.string().max(300)).max(5000).default([]).describe('The keys of the flags the person confirms'),
});
const SavedSchema = z
  .object({
    status: z.enum(REPORT_STATUSES),
    version: z.number().int(),
    submittedOn: z.string().nullable(),
    flags: z.array(FindingSchema),
    unchanged: z.boolean(),
  })
  .meta({ id: 'SavedReport' });
const ReceiptSchema = SavedSchema.extend({
  receipt: z.object({
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    activities: z.number().int(),
    indicatorValues: z.number().int(),
    evidence: z.number().int(),
  }),
}).meta({ id: 'ReportReceipt' });

const LinkBody = z.object({
  target: z.string().min(1).max(64).nullable().default(null),
  label: z.string().trim().max(300).default(''),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), { params: { key: 'url_invalid' } }),
});
const FileQuery = z.object({
  name: z.string().trim().min(1).max(255).describe('The file’s name'),
  target: z.string().min(1).max(64).optional(),
  label: z.string().trim().max(300).default(''),
});

const MyReportsSchema = z
  .object({
    reports: z.array(
      z.object({
        plan: z.object({ id: z.string(), title: z.string() }),
        round: z.string(),
        periodStart: z.string(),
        periodEnd: z.string(),
        deadline: z.string(),
        institution: z.object({ id: z.string(), name: z.string() }),
        status: z.enum(REPORT_STATUSES),
        board: z.enum(BOARD_STATUSES),
        submittedOn: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'MyReports' });

const conflictResponses = { ...errorResponses, 409: ErrorSchema } as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** The requester may change this institution's report (their own, or on its behalf as a coordinator). */
function mayChange(request: FastifyRequest, participant: string, institution: string): boolean {
  return can(request.actor, 'report.submit', { participant, institution }) || can(request.actor, 'round.manage', { participant });
}

/** Where evidence and downloads are about: the report's stored key. */
async function storedReport(app: Parameters<FastifyPluginAsyncZod>[0], params: z.infer<typeof ReportParams>) {
  const strategyCode = await strategyOfActionPlan(app.database, params.participant, params.plan);
  const strategy = await findStrategy(app.database.db, params.participant, strategyCode);
  const report = strategy ? await findReport(app.database.db, strategy.id, params.round, params.institution) : undefined;
  if (!report) throw reportNotFound(params.round, params.institution);
  return report;
}

export const reportingRoutes: FastifyPluginAsyncZod = async (app) => {
  // Evidence files come as the body itself, read here with their own limit.
  acceptFileBodies(app, 'application/octet-stream', { bytes: MAX_EVIDENCE_BYTES, issueKey: 'evidence_too_large', what: 'evidence' });

  app.get(
    '/api/participants/:participant/my-reports',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['reporting'],
        summary:
          'The reports of the requester’s institutions (as focal point) in the rounds of adopted action plans, latest deadline first',
        params: ParticipantParams,
        response: { 200: MyReportsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant } = request.params;
      const institutions = (request.actor?.memberships ?? [])
        .filter((membership) => membership.participant === participant && membership.role === 'focal_point' && membership.institution)
        .map((membership) => membership.institution as string);
      const rows = await listInstitutionReports(app.database.db, participant, institutions);
      const asOf = today();
      return {
        reports: rows.flatMap((row) =>
          row.plans.map((plan) => {
            const status = row.status as (typeof REPORT_STATUSES)[number];
            return {
              plan,
              round: row.round,
              periodStart: row.periodStart,
              periodEnd: row.periodEnd,
              deadline: row.deadline,
              institution: { id: row.institution, name: row.institutionName },
              status,
              board: boardStatusOf(status, row.empty, row.deadline, asOf),
              submittedOn: row.submittedOn,
            };
          }),
        ),
      };
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/form',
    {
      config: { access: { forInstitution: ['report.submit', 'report.view_all'] } },
      schema: {
        tags: ['reporting'],
        summary: 'The form of an institution’s report: its activities and indicators, what it says so far, comments and evidence',
        params: ReportParams,
        response: { 200: FormSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan: planId, round: roundId, institution } = request.params;
      const loaded = await loadActionPlan(app.database, participant, planId);
      const round = loaded.plan.monitoring?.rounds.find((candidate) => candidate.id === roundId);
      if (!round || !roundOfPlan(loaded.plan, planId, round)) throw reportNotFound(roundId, institution);
      if (!round.reports.some((report) => report.institution === institution)) throw reportNotFound(roundId, institution);
      const form = reportForm(loaded.plan, planId, roundId, institution);
      const stored = await storedReport(app, request.params);
      const content = prefilledContent(form);
      const [submission, comments, evidence] = await Promise.all([
        readReportSubmission(app.database.db, stored.id),
        readReportComments(app.database.db, stored.id),
        listEvidence(app.database.db, stored.id),
      ]);
      const participantRow = await app.database.db
        .selectFrom('participants')
        .select('currency')
        .where('code', '=', participant)
        .executeTakeFirst();
      const open = form.report.status === 'draft' || form.report.status === 'returned';
      return {
        plan: { id: planId, title: loaded.plan.actionPlans.find((candidate) => candidate.id === planId)?.title ?? planId },
        round: form.round,
        institution: {
          id: institution,
          name: loaded.plan.institutions.find((candidate) => candidate.id === institution)?.name ?? institution,
        },
        currency: participantRow?.currency ?? 'EUR',
        status: form.report.status,
        board: boardStatus(form.report, round.deadline, today()),
        version: stored.version,
        submittedOn: form.report.submittedOn ?? null,
        submittedAt: submission.submittedAt,
        submittedBy: submission.submittedBy,
        editable: open && mayChange(request, participant, institution),
        activities: form.activities,
        indicators: form.indicators.map((indicator) => ({ ...indicator, categories: indicator.categories as Record<string, string[]> })),
        content,
        flags: checkReport(form, content, 'draft').flags,
        comments,
        evidence,
      };
    },
  );

  app.put(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/content',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      schema: {
        tags: ['reporting'],
        summary: 'Save what a report says (as the focal point types); a draft or returned report only',
        description:
          'Refused with 409 REPORT_CHANGED when the report changed since `version`, 409 REPORT_LOCKED once it is submitted or accepted, 400 with a field issue per problem (breakdowns that do not add up, unknown codes, negative counts). Unusual values are saved and listed in `flags`.',
        params: ReportParams,
        body: SaveBody,
        response: { 200: SavedSchema, ...conflictResponses },
      },
    },
    async (request) => {
      const { participant, plan, round, institution } = request.params;
      const saved = await saveReport(app.database, {
        participant,
        plan,
        round,
        institution,
        version: request.body.version,
        content: request.body.content,
        actor: actorOf(request),
      });
      return {
        status: saved.status,
        version: saved.version,
        submittedOn: saved.submittedOn,
        flags: saved.flags,
        unchanged: saved.unchanged,
      };
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/submit',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      schema: {
        tags: ['reporting'],
        summary: 'Submit a report to the coordinator, with a receipt',
        description:
          'Checks everything: the status of every activity the institution leads, every owed indicator value, obstacles of delayed or cancelled activities. Unusual values must be confirmed by their keys in `confirmedFlags` (409 REPORT_UNCONFIRMED lists the others). With an `Idempotency-Key` header (1–200 visible ASCII characters) the submission is made once: sent again with the same key and the same request within 24 hours it answers the first receipt again (with `Idempotent-Replayed: true`) and changes nothing; the same key with another request gets 422 IDEMPOTENCY_KEY_REUSED.',
        params: ReportParams,
        body: SubmitBody,
        response: { 200: ReceiptSchema, ...conflictResponses, 422: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant, plan, round, institution } = request.params;
      const actor = actorOf(request);
      return idempotently(app.database.db, request, reply, {
        userId: actor.userId,
        status: 200,
        perform: (afterWrite: AfterWrite<SavedReport> | undefined) =>
          saveReport(app.database, {
            participant,
            plan,
            round,
            institution,
            version: request.body.version,
            content: request.body.content,
            submit: { confirmedFlags: request.body.confirmedFlags },
            actor,
            afterWrite,
          }),
        present: async (db, saved) => ({
          status: saved.status,
          version: saved.version,
          submittedOn: saved.submittedOn,
          flags: saved.flags,
          unchanged: saved.unchanged,
          receipt: {
            submittedAt: saved.receipt?.submittedAt ?? null,
            submittedBy: request.actorUser?.displayName ?? null,
            activities: request.body.content.activities.length,
            indicatorValues: request.body.content.indicatorValues.length,
            evidence: saved.receipt ? await countEvidence(db, saved.receipt.reportId) : 0,
          },
        }),
      });
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/evidence/links',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      schema: {
        tags: ['reporting'],
        summary: 'Add a link as evidence to a draft or returned report',
        params: ReportParams,
        body: LinkBody,
        response: { 201: z.object({ id: z.number().int() }), ...conflictResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan, round, institution } = request.params;
      const added = await addEvidence(app.database, {
        participant,
        plan,
        round,
        institution,
        evidence: { kind: 'link', target: request.body.target, label: request.body.label, url: request.body.url },
        actor: actorOf(request),
      });
      return reply.code(201).send(added);
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/evidence/files',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      bodyLimit: MAX_EVIDENCE_BYTES + 1024,
      schema: {
        tags: ['reporting'],
        summary: 'Attach a file as evidence to a draft or returned report',
        description: `The body is the file itself, sent as \`application/octet-stream\`, at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB. Its kind is recognised by its content: PDF, PNG, JPEG, GIF, WebP, Office (docx, xlsx, pptx, doc, xls) and OpenDocument files; anything else gets 415.`,
        params: ReportParams,
        querystring: FileQuery,
        response: { 201: z.object({ id: z.number().int() }), ...conflictResponses, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant, plan, round, institution } = request.params;
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { issues: [{ path: 'file', key: 'evidence_type' }], detail: 'no file in the body' });
      }
      const added = await addEvidence(app.database, {
        participant,
        plan,
        round,
        institution,
        evidence: {
          kind: 'file',
          target: request.query.target ?? null,
          label: request.query.label,
          fileName: request.query.name,
          content: new Uint8Array(body),
        },
        actor: actorOf(request),
      });
      return reply.code(201).send(added);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/evidence/:evidence',
    {
      config: { access: { forInstitution: ['report.submit', 'report.view_all'] } },
      schema: {
        tags: ['reporting'],
        summary: 'Download a file given as evidence',
        params: EvidenceParams,
        response: { 200: z.any().describe('The file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const stored = await storedReport(app, request.params);
      const file = await readEvidenceFile(app.database.db, stored.id, request.params.evidence);
      if (!file) throw new AppError('NOT_FOUND', { detail: `no evidence file ${request.params.evidence}` });
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(file.content));
    },
  );

  app.delete(
    '/api/participants/:participant/action-plans/:plan/rounds/:round/reports/:institution/evidence/:evidence',
    {
      config: { access: { forInstitution: ['report.submit', 'round.manage'] } },
      schema: {
        tags: ['reporting'],
        summary: 'Remove a link or a file from a draft or returned report',
        params: EvidenceParams,
        response: { 204: z.null(), ...conflictResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan, round, institution, evidence } = request.params;
      await removeEvidence(app.database, { participant, plan, round, institution, id: evidence, actor: actorOf(request) });
      return reply.code(204).send(null);
    },
  );
};
