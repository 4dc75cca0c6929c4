import {
  ACTIVITY_STATUS_KEYS,
  ACTIVITY_STATUSES,
  AppError,
  CARRY_OVER_FATE_KEYS,
  CARRY_OVER_FATES,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INCLUSION_KINDS,
  IsoDate,
  Money,
  OPERATIONAL_STATUSES,
  RECOMMENDATION_SOURCE_KEYS,
  RECOMMENDATION_SOURCES,
  activityYears,
  formatDate,
  formatMoney,
  formatNumber,
  OPERATIONAL_TEXTS,
  operationalReport,
  planYears,
  toMinorUnits,
  translator,
  type ActionPlan,
  type CarryOverReport,
  type FundingSource,
  type FundingStatus,
  type Language,
  type OperationalReport,
  type OperationalReportActivity,
  type PlanPackage,
} from '@ariadne/domain';
import type { StoredOperationalPlan } from '@ariadne/db';
import type { FileChild } from 'docx';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adoptOperational,
  changeOperationalPlan,
  createOperationalPlan,
  loadCarryOver,
  loadOperationalPlan,
  loadOperationalPlans,
  type OperationalContext,
} from '../commands/operationalPlans.ts';
import { heading, table, text, wordFile } from '../documents/word.ts';
import { requestLanguage } from '../http/language.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';

// Annual operational plans of an action plan: drafted for a year from the action plan (due
// activities, carried-over ones with their reasons, the year's costs, the latest recommendations),
// changed while a draft, adopted, and reported on as of a date, as a page and as a Word document;
// and the carry-over report of the action plan, year by year.

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const YearParams = PlanParams.extend({ year: z.coerce.number().int().min(1900).max(9999).describe('The year of the operational plan') });
const AsOfQuery = z.object({ asOf: IsoDate.optional().describe('The date of the figures (YYYY-MM-DD); today when left out') });
const DocumentQuery = AsOfQuery.extend({
  language: LanguageSchema.optional().describe('The language of the document; the one of the request when left out'),
});

const Code = z.string().min(1).max(64);
const Lead = z.object({ id: z.string(), name: z.string().nullable() }).nullable();

const CostSchema = z.object({
  activity: Code,
  amount: Money.describe('In the plan’s currency, at most two decimals'),
  source: z.enum(FUNDING_SOURCES),
  funder: z.string().max(200).nullable().optional(),
  status: z.enum(FUNDING_STATUSES),
});

const ChangeBody = z
  .object({
    version: z.number().int().describe('The version the change was made on'),
    activities: z
      .array(z.object({ activity: Code, reason: z.string().max(4000).nullable() }))
      .max(5000)
      .describe('The included activities in order; each one’s kind (due or carried over) follows from its dates'),
    costs: z.array(CostSchema).max(20000).describe('The year’s cost lines of the included activities'),
    recommendations: z.array(z.object({ recommendation: Code, action: z.string().max(4000) })).max(1000),
  })
  .meta({ id: 'OperationalPlanChange' });

const ReportActivitySchema = z.object({
  activity: z.string(),
  kind: z.enum(INCLUSION_KINDS),
  title: z.string(),
  lead: Lead,
  start: z.string().nullable(),
  end: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES).describe('As of `asOf` (measures.md §2)'),
  reason: z.string().nullable(),
  reportedStatus: z.enum(ACTIVITY_STATUSES).nullable().describe('What the last report of the year before said'),
  reportedRound: z.string().nullable(),
  cost: z.number().describe('The year’s planned cost'),
});

const StatusCounts = z.record(z.enum(ACTIVITY_STATUSES), z.number());

const OperationalPlanSchema = z
  .object({
    participant: z.string(),
    plan: z.object({ id: z.string(), title: z.string(), start: z.string(), end: z.string() }),
    year: z.number().int(),
    status: z.enum(OPERATIONAL_STATUSES),
    version: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    adoptedBy: z.string().nullable(),
    adoptedAt: z.string().nullable(),
    currency: z.string(),
    content: z.object({
      activities: z.array(
        z.object({
          activity: z.string(),
          kind: z.enum(INCLUSION_KINDS),
          reason: z.string().nullable(),
          reportedStatus: z.enum(ACTIVITY_STATUSES).nullable(),
          reportedRound: z.string().nullable(),
        }),
      ),
      costs: z.array(
        z.object({
          activity: z.string(),
          amount: z.number(),
          source: z.enum(FUNDING_SOURCES),
          funder: z.string().nullable(),
          status: z.enum(FUNDING_STATUSES),
        }),
      ),
      recommendations: z.array(z.object({ recommendation: z.string(), action: z.string() })),
    }),
    candidates: z
      .array(z.object({ id: z.string(), title: z.string(), start: z.string().nullable(), end: z.string().nullable() }))
      .describe('The action plan’s activities not included that may be added: those begun by the end of the year'),
    report: z.object({
      asOf: z.string(),
      due: z.array(ReportActivitySchema),
      carriedOver: z.array(ReportActivitySchema),
      recommendations: z.array(
        z.object({
          id: z.string(),
          source: z.enum(RECOMMENDATION_SOURCES),
          reference: z.string().nullable(),
          year: z.number().int(),
          text: z.string(),
          action: z.string(),
          activities: z.array(z.string()),
        }),
      ),
      finance: z.object({
        total: z.number(),
        bySource: z.record(z.enum(FUNDING_SOURCES), z.number()),
        byStatus: z.record(z.enum(FUNDING_STATUSES), z.number()),
        fundingGap: z.number(),
      }),
      progress: z.object({
        activities: z.object({ total: z.number(), byStatus: StatusCounts, implementationRate: z.number().nullable() }),
        budget: z.object({ plannedToDate: z.number(), spent: z.number(), execution: z.number().nullable() }),
      }),
    }),
  })
  .meta({ id: 'OperationalPlan' });

const OperationalPlansSchema = z
  .object({
    plan: z.object({ id: z.string(), title: z.string(), start: z.string(), end: z.string(), status: z.string() }),
    years: z.array(z.number().int()).describe('The years of the action plan, each of which may have one operational plan'),
    operationalPlans: z.array(
      z.object({
        year: z.number().int(),
        status: z.enum(OPERATIONAL_STATUSES),
        version: z.number().int(),
        due: z.number().int(),
        carriedOver: z.number().int(),
        createdAt: z.string(),
        adoptedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'OperationalPlans' });

const CarryOverSchema = z
  .object({
    plan: z.string(),
    asOf: z.string(),
    years: z.array(
      z.object({
        year: z.number().int(),
        entries: z.array(
          z.object({
            activity: z.string(),
            title: z.string(),
            lead: Lead,
            end: z.string().nullable(),
            statusAtYearEnd: z.enum(ACTIVITY_STATUSES),
            reason: z.string().nullable(),
            fate: z.enum(CARRY_OVER_FATES),
            fateRound: z.string().nullable(),
            statusNow: z.enum(ACTIVITY_STATUSES),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'CarryOverReport' });

/** The action plan of a package by id (loaded just before, so it is there). */
function findActionPlan(pkg: PlanPackage, planId: string): ActionPlan {
  const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (!plan) throw new AppError('NOT_FOUND', { detail: `action plan ${planId} is not in the package` });
  return plan;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** An operational plan as the API gives it: its content in the plan's currency, what may be added, and its report as of a date. */
function present(found: OperationalContext & { operational: StoredOperationalPlan }, asOf: string) {
  const { pkg, planId, operational } = found;
  const plan = findActionPlan(pkg, planId);
  const included = new Set(operational.activities.map((item) => item.activity));
  const report = operationalReport(pkg, operational, asOf, `${found.address}/${operational.year}`);
  return {
    participant: pkg.participant.code,
    plan: { id: plan.id, title: plan.title, start: plan.start, end: plan.end },
    year: operational.year,
    status: operational.status,
    version: operational.version,
    createdBy: operational.createdBy,
    createdAt: operational.createdAt,
    adoptedBy: operational.adoptedBy,
    adoptedAt: operational.adoptedAt,
    currency: pkg.participant.currency,
    content: {
      activities: operational.activities,
      costs: operational.costs.map((line) => ({ ...line, amount: line.amount / 100 })),
      recommendations: operational.recommendations,
    },
    candidates: plan.activities
      .filter((activity) => !included.has(activity.id) && activityYears(activity, plan)[0] <= operational.year)
      .map((activity) => ({ id: activity.id, title: activity.title, start: activity.start ?? null, end: activity.end ?? null })),
    report,
  };
}

// ---------------------------------------------------------------------------------------------
// Word documents

const DOC = OPERATIONAL_TEXTS;

const FUNDING_SOURCE_TEXT: Record<FundingSource, string> = {
  state_budget: 'app.fundingSource.state_budget',
  local_budget: 'app.fundingSource.local_budget',
  donor: 'app.fundingSource.donor',
  other: 'app.fundingSource.other',
};
const FUNDING_STATUS_TEXT: Record<FundingStatus, string> = {
  secured: 'app.fundingStatus.secured',
  pledged: 'app.fundingStatus.pledged',
  unfunded: 'app.fundingStatus.unfunded',
};

function leadName(lead: { id: string; name: string | null } | null): string {
  return lead ? (lead.name ?? lead.id) : '—';
}

function period(row: { start: string | null; end: string | null }, language: Language): string {
  return `${row.start ? formatDate(row.start, language) : '…'} – ${row.end ? formatDate(row.end, language) : '…'}`;
}

/** The report of an operational plan as a Word file, with the same sections as its page. */
export async function operationalReportDocx(pkg: PlanPackage, report: OperationalReport, language: Language): Promise<Buffer> {
  const t = translator(language);
  const money = (amount: number) => formatMoney(toMinorUnits(amount), report.currency, language);
  const title = t(DOC.title, { plan: report.plan.title, year: report.year });
  const children: FileChild[] = [
    heading(title, 1),
    text(t(DOC.facts, { participant: pkg.participant.name, date: formatDate(report.asOf, language) })),
    text(t(report.status === 'adopted' ? DOC.adopted : DOC.draft)),
    text(
      t(DOC.summary, {
        due: report.due.length,
        carried: report.carriedOver.length,
        completed: report.progress.activities.byStatus.completed,
        rate:
          report.progress.activities.implementationRate === null
            ? '—'
            : `${formatNumber(report.progress.activities.implementationRate * 100, language, 1)} %`,
        total: money(report.finance.total),
        spent: money(report.progress.budget.spent),
      }),
    ),
  ];
  const activityRow = (row: OperationalReportActivity) => [
    `${row.activity} ${row.title}`,
    leadName(row.lead),
    period(row, language),
    t(ACTIVITY_STATUS_KEYS[row.status]),
    money(row.cost),
  ];
  children.push(heading(t(DOC.due), 2));
  if (report.due.length === 0) children.push(text(t(DOC.none)));
  else
    children.push(
      table([t(DOC.activity), t(DOC.lead), t(DOC.period), t(DOC.status), t(DOC.cost)], report.due.map(activityRow), new Set([4])),
    );

  children.push(heading(t(DOC.carried), 2));
  if (report.carriedOver.length === 0) children.push(text(t(DOC.none)));
  else {
    children.push(
      table(
        [t(DOC.activity), t(DOC.lead), t(DOC.reported), t(DOC.reason), t(DOC.status)],
        report.carriedOver.map((row) => [
          `${row.activity} ${row.title}`,
          leadName(row.lead),
          row.reportedStatus ? `${t(ACTIVITY_STATUS_KEYS[row.reportedStatus])}${row.reportedRound ? ` (${row.reportedRound})` : ''}` : '—',
          row.reason ?? t(DOC.noReason),
          t(ACTIVITY_STATUS_KEYS[row.status]),
        ]),
      ),
    );
  }

  children.push(heading(t(DOC.costs), 2));
  if (report.costs.length === 0) children.push(text(t(DOC.none)));
  else {
    children.push(
      table(
        [t(DOC.activity), t(DOC.amount), t(DOC.source), t(DOC.funding)],
        [
          ...report.costs.map((line) => [
            line.activity,
            money(line.amount),
            `${t(FUNDING_SOURCE_TEXT[line.source])}${line.funder ? ` (${line.funder})` : ''}`,
            t(FUNDING_STATUS_TEXT[line.status]),
          ]),
          [t(DOC.total), money(report.finance.total), '', ''],
        ],
        new Set([1]),
        { totalRow: true },
      ),
    );
  }

  children.push(heading(t(DOC.recommendations), 2));
  if (report.recommendations.length === 0) children.push(text(t(DOC.none)));
  for (const item of report.recommendations) {
    children.push(heading(`${item.reference ?? item.id} · ${t(RECOMMENDATION_SOURCE_KEYS[item.source])} ${item.year}`, 3));
    children.push(text(item.text));
    children.push(text(`${t(DOC.action)}: ${item.action === '' ? '—' : item.action}`, { bold: true }));
    children.push(text(`${t(DOC.answering)}: ${item.activities.length === 0 ? '—' : item.activities.join(', ')}`));
  }
  return wordFile({ creator: 'Ariadne', title, header: `${pkg.participant.name} · ${title}`, page: t(DOC.page), logo: null, children });
}

/** The carry-over report of an action plan as a Word file: per year, what was not done and what became of it. */
export async function carryOverDocx(pkg: PlanPackage, report: CarryOverReport, language: Language): Promise<Buffer> {
  const t = translator(language);
  const plan = findActionPlan(pkg, report.plan);
  const title = t(DOC.carryOverTitle);
  const children: FileChild[] = [
    heading(`${title}: ${plan.title}`, 1),
    text(t(DOC.carryOverFacts, { participant: pkg.participant.name, date: formatDate(report.asOf, language) })),
  ];
  for (const year of report.years) {
    children.push(heading(t(DOC.year, { year: year.year }), 2));
    if (year.entries.length === 0) {
      children.push(text(t(DOC.nothingLeft)));
      continue;
    }
    children.push(
      table(
        [t(DOC.activity), t(DOC.lead), t(DOC.atYearEnd), t(DOC.reason), t(DOC.fate)],
        year.entries.map((entry) => [
          `${entry.activity} ${entry.title}`,
          leadName(entry.lead),
          t(ACTIVITY_STATUS_KEYS[entry.statusAtYearEnd]),
          entry.reason ?? t(DOC.noReason),
          `${t(CARRY_OVER_FATE_KEYS[entry.fate], { year: year.year + 1 })}${entry.fateRound ? ` (${entry.fateRound})` : ''}`,
        ]),
      ),
    );
  }
  return wordFile({ creator: 'Ariadne', title, header: `${pkg.participant.name} · ${title}`, page: t(DOC.page), logo: null, children });
}

function sendDocx(reply: FastifyReply, name: string, file: Buffer) {
  return reply
    .header('content-type', DOCX_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .send(file);
}

/** The operational plans of an action plan, and its carry-over report. */
export const operationalPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/participants/:participant/action-plans/:plan/operational-plans';

  app.get(
    base,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['operational plans'],
        summary: 'The operational plans of an action plan, by year',
        params: PlanParams,
        response: { 200: OperationalPlansSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { pkg, planId, operationalPlans } = await loadOperationalPlans(app.database, request.params.participant, request.params.plan);
      const plan = findActionPlan(pkg, planId);
      return {
        plan: { id: plan.id, title: plan.title, start: plan.start, end: plan.end, status: plan.status },
        years: planYears(plan),
        operationalPlans,
      };
    },
  );

  app.post(
    base,
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['operational plans'],
        summary: 'Drafts the operational plan of a year from the action plan',
        description:
          'The draft lists the activities due in the year, then those that ended before it and that the last accepted report as of 31 December of the year before does not give as completed or cancelled, with that report’s obstacles (else narrative) as the reason; the cost lines of the year; and, for each source, the recommendations of its latest year. 400 for a year outside the plan, 409 ALREADY_EXISTS when the year has one.',
        params: PlanParams,
        body: z.object({ year: z.number().int().min(1900).max(9999) }),
        response: { 201: OperationalPlanSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant, plan } = request.params;
      const created = await createOperationalPlan(app.database, { participant, plan, year: request.body.year, actor: actorOf(request) });
      return reply.status(201).send(present(created, today()));
    },
  );

  app.get(
    `${base}/:year`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['operational plans'],
        summary:
          'An operational plan with its report as of a date: the year’s activities with their status, the carried-over ones and why, costs, recommendations, progress',
        params: YearParams,
        querystring: AsOfQuery,
        response: { 200: OperationalPlanSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan, year } = request.params;
      return present(await loadOperationalPlan(app.database, participant, plan, year), request.query.asOf ?? today());
    },
  );

  app.put(
    `${base}/:year`,
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['operational plans'],
        summary:
          'Changes a draft operational plan: its activities and reasons, the year’s cost lines, the planned answers to recommendations',
        description:
          'The whole content is sent. 400 VALIDATION_FAILED names every bad path and changes nothing; 409 TRANSITION_NOT_ALLOWED once adopted; 409 EDIT_CONFLICT when `version` is not the current one.',
        params: YearParams,
        body: ChangeBody,
        response: { 200: OperationalPlanSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      const { participant, plan, year } = request.params;
      const { version, activities, costs, recommendations } = request.body;
      const changed = await changeOperationalPlan(app.database, {
        participant,
        plan,
        year,
        version,
        actor: actorOf(request),
        change: {
          activities,
          costs: costs.map((line) => ({ ...line, amount: toMinorUnits(line.amount), funder: line.funder ?? null })),
          recommendations,
        },
      });
      return present(changed, today());
    },
  );

  app.post(
    `${base}/:year/adopt`,
    {
      config: { access: { action: 'plan.adopt' } },
      schema: {
        tags: ['operational plans'],
        summary: 'Adopts a draft operational plan; it is read-only from then on',
        params: YearParams,
        body: z.object({ version: z.number().int() }),
        response: { 200: OperationalPlanSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request) => {
      const { participant, plan, year } = request.params;
      const adopted = await adoptOperational(app.database, {
        participant,
        plan,
        year,
        version: request.body.version,
        actor: actorOf(request),
      });
      return present(adopted, today());
    },
  );

  app.get(
    `${base}/:year/report.docx`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['operational plans'],
        summary: 'The report of an operational plan as a Word document',
        params: YearParams,
        querystring: DocumentQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan, year } = request.params;
      const found = await loadOperationalPlan(app.database, participant, plan, year);
      const asOf = request.query.asOf ?? today();
      const report = operationalReport(found.pkg, found.operational, asOf, `${found.address}/${year}`);
      const file = await operationalReportDocx(found.pkg, report, request.query.language ?? requestLanguage(request));
      return sendDocx(reply, `${participant}-${plan}-operational-plan-${year}-${report.asOf}.docx`, file);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/carry-over',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['operational plans'],
        summary: 'The carry-over report: per year of the action plan, the activities not done by its end and what happened to them',
        params: PlanParams,
        querystring: AsOfQuery,
        response: { 200: CarryOverSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan } = request.params;
      return (await loadCarryOver(app.database, participant, plan, request.query.asOf ?? today())).report;
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/carry-over.docx',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['operational plans'],
        summary: 'The carry-over report as a Word document',
        params: PlanParams,
        querystring: DocumentQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan } = request.params;
      const { found, report } = await loadCarryOver(app.database, participant, plan, request.query.asOf ?? today());
      const file = await carryOverDocx(found.pkg, report, request.query.language ?? requestLanguage(request));
      return sendDocx(reply, `${participant}-${plan}-carry-over-${report.asOf}.docx`, file);
    },
  );
};
