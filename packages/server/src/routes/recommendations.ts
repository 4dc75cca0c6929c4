import {
  ACTIVITY_STATUS_KEYS,
  ACTIVITY_STATUSES,
  AppError,
  FOLLOW_UP_STATUS_KEYS,
  FOLLOW_UP_STATUSES,
  GRETA_ANSWER_TEXTS,
  GRETA_SOURCES,
  IsoDate,
  LANGUAGES,
  RECOMMENDATION_COLUMN_KEYS,
  RECOMMENDATION_IMPORT_KEYS,
  RECOMMENDATION_SOURCE_KEYS,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STRENGTH_KEYS,
  RECOMMENDATION_STRENGTHS,
  codesOf,
  formatDate,
  formatNumber,
  recommendationFollowUp,
  translator,
  type FieldIssue,
  type FollowUpIndicator,
  type FollowUpResult,
  type Language,
  type PlanEdit,
  type PlanPackage,
  type RecommendationColumn,
  type RecommendationFollowUp,
  type RecommendationSource,
  type RecommendationStrength,
  type SheetValue,
  type Translate,
} from '@ariadne/domain';
import { Paragraph, TextRun, type FileChild } from 'docx';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyPlanEdits } from '../commands/applyPlanEdits.ts';
import { heading, table, text, wordFile } from '../documents/word.ts';
import { acceptFileBodies } from '../http/body.ts';
import { requestLanguage } from '../http/language.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { currentStrategyState } from '../plan-cache.ts';
import { WORKBOOK_LIMITS } from '../workbook/limits.ts';
import { readWorkbook, type SheetData } from '../workbook/read.ts';

// The recommendations a strategy answers, followed up: their status year by year from the reports
// on the activities that answer them, the answers for GRETA's questionnaire as a Word document,
// and a register filled from a workbook.

const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const StrategyParams = ParticipantParams.extend({
  strategy: z.string().min(1).max(64).describe('The strategy’s id, e.g. `NS-2021-2024`'),
});
const AsOfQuery = z.object({
  asOf: IsoDate.optional().describe('The date of the follow-up (YYYY-MM-DD); today when left out'),
});
const AnswersQuery = AsOfQuery.extend({
  language: LanguageSchema.optional().describe('The language of the document; the one of the request when left out'),
});

const FollowUpSchema = z
  .object({
    strategy: z.string(),
    asOf: z.string(),
    recommendations: z.array(
      z.object({
        id: z.string(),
        source: z.enum(RECOMMENDATION_SOURCES),
        reference: z.string().nullable(),
        year: z.number().int(),
        text: z.string(),
        strength: z.enum(RECOMMENDATION_STRENGTHS).nullable(),
        status: z.enum(FOLLOW_UP_STATUSES).describe('As of `asOf`'),
        activities: z.array(
          z.object({
            plan: z.string(),
            id: z.string(),
            title: z.string(),
            lead: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
            status: z.enum(ACTIVITY_STATUSES),
            round: z.string().nullable().describe('The round of the latest counted report that mentions it'),
            narrative: z.string().nullable(),
            indicators: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                unit: z.string().nullable(),
                target: z.number().nullable(),
                targetYear: z.number().nullable(),
                actual: z.number().nullable(),
                actualRound: z.string().nullable(),
              }),
            ),
          }),
        ),
        years: z.array(
          z.object({
            year: z.number().int(),
            status: z.enum(FOLLOW_UP_STATUSES),
            evidence: z.array(
              z.object({
                plan: z.string(),
                activity: z.string(),
                round: z.string().nullable(),
                status: z.enum(ACTIVITY_STATUSES),
                narrative: z.string().nullable(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'RecommendationFollowUp' });

const ImportedSchema = z
  .object({
    imported: z.number().int().describe('How many recommendations were added'),
    codes: z.array(z.string()).describe('The codes given to them, in the order of the rows'),
    revision: z.number().int(),
  })
  .meta({ id: 'RecommendationsImported' });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

// ---------------------------------------------------------------------------------------------
// The answers for GRETA's questionnaire

function indicatorFigure(value: number | null, unit: string | null, language: Language, t: Translate): string {
  if (value === null) return t(GRETA_ANSWER_TEXTS.notSet);
  return unit ? `${formatNumber(value, language)} ${unit}` : formatNumber(value, language);
}

function recommendationBlock(item: RecommendationFollowUp, asOf: string, language: Language, t: Translate): FileChild[] {
  const children: FileChild[] = [];
  children.push(heading(item.reference ? `${item.reference}` : item.id, 3));
  children.push(text(item.text));
  const facts: string[] = [
    `${t(GRETA_ANSWER_TEXTS.source)}: ${t(RECOMMENDATION_SOURCE_KEYS[item.source])}`,
    `${t(GRETA_ANSWER_TEXTS.year)}: ${item.year}`,
  ];
  if (item.strength) facts.push(`${t(GRETA_ANSWER_TEXTS.strength)}: ${t(RECOMMENDATION_STRENGTH_KEYS[item.strength])}`);
  if (item.reference) facts.unshift(`${t(GRETA_ANSWER_TEXTS.reference)}: ${item.reference} (${item.id})`);
  children.push(new Paragraph({ children: [new TextRun({ text: facts.join(' · '), size: 18, color: '444444' })], spacing: { after: 80 } }));
  children.push(
    text(t(GRETA_ANSWER_TEXTS.statusNow, { date: formatDate(asOf, language), status: t(FOLLOW_UP_STATUS_KEYS[item.status]) }), {
      bold: true,
    }),
  );
  if (item.years.length > 0) {
    children.push(heading(t(GRETA_ANSWER_TEXTS.byYear), 4));
    children.push(
      table(
        [t(GRETA_ANSWER_TEXTS.year), t(GRETA_ANSWER_TEXTS.status)],
        item.years.map((year) => [String(year.year), t(FOLLOW_UP_STATUS_KEYS[year.status])]),
      ),
    );
  }
  children.push(heading(t(GRETA_ANSWER_TEXTS.done), 4));
  if (item.activities.length === 0) {
    children.push(text(t(GRETA_ANSWER_TEXTS.nothingDone)));
    return children;
  }
  for (const activity of item.activities) {
    children.push(text(t(GRETA_ANSWER_TEXTS.activity, { code: activity.id, title: activity.title }), { bold: true }));
    const lead = activity.lead ? (activity.lead.name ?? activity.lead.id) : t(GRETA_ANSWER_TEXTS.notSet);
    children.push(
      text(
        `${t(GRETA_ANSWER_TEXTS.lead, { lead })} · ${t(GRETA_ANSWER_TEXTS.activityStatus, { status: t(ACTIVITY_STATUS_KEYS[activity.status]) })}`,
      ),
    );
    if (activity.round === null) children.push(text(t(GRETA_ANSWER_TEXTS.noReport)));
    else {
      children.push(text(t(GRETA_ANSWER_TEXTS.latestReport, { round: activity.round })));
      children.push(text(activity.narrative ?? t(GRETA_ANSWER_TEXTS.noNarrative)));
    }
    if (activity.indicators.length > 0) {
      children.push(
        table(
          [t(GRETA_ANSWER_TEXTS.indicator), t(GRETA_ANSWER_TEXTS.latest), t(GRETA_ANSWER_TEXTS.target)],
          activity.indicators.map((indicator: FollowUpIndicator) => [
            `${indicator.id} ${indicator.name}`,
            indicatorFigure(indicator.actual, indicator.unit, language, t) + (indicator.actualRound ? ` (${indicator.actualRound})` : ''),
            indicatorFigure(indicator.target, indicator.unit, language, t) +
              (indicator.targetYear !== null ? ` (${indicator.targetYear})` : ''),
          ]),
          new Set([1, 2]),
        ),
      );
    }
    children.push(text(''));
  }
  return children;
}

/** The answers for GRETA's questionnaire as a Word file: GRETA and the Committee of the Parties first, then the others. */
export async function gretaAnswersDocx(pkg: PlanPackage, followUp: FollowUpResult, language: Language): Promise<Buffer> {
  const t = translator(language);
  const title = t(GRETA_ANSWER_TEXTS.title);
  const children: FileChild[] = [
    heading(title, 1),
    text(
      t(GRETA_ANSWER_TEXTS.facts, {
        participant: pkg.participant.name,
        strategy: pkg.strategy.title,
        date: formatDate(followUp.asOf, language),
      }),
    ),
  ];
  const greta = followUp.recommendations.filter((item) => GRETA_SOURCES.includes(item.source));
  const others = followUp.recommendations.filter((item) => !GRETA_SOURCES.includes(item.source));
  for (const [label, items] of [
    [t(GRETA_ANSWER_TEXTS.greta), greta],
    [t(GRETA_ANSWER_TEXTS.others), others],
  ] as const) {
    children.push(heading(label, 2));
    if (items.length === 0) children.push(text(t(GRETA_ANSWER_TEXTS.none)));
    for (const item of items) children.push(...recommendationBlock(item, followUp.asOf, language, t));
  }
  return wordFile({
    creator: 'Ariadne',
    title,
    header: `${pkg.participant.name} · ${title}`,
    page: t(GRETA_ANSWER_TEXTS.page),
    logo: null,
    children,
  });
}

// ---------------------------------------------------------------------------------------------
// Reading recommendations from a workbook

const REQUIRED_COLUMNS: readonly RecommendationColumn[] = ['reference', 'text', 'strength'];
const ALL_COLUMNS = Object.keys(RECOMMENDATION_COLUMN_KEYS) as RecommendationColumn[];

function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLocaleLowerCase().replace(/\s+/g, ' ');
}

/** The names a column, a source or a strength goes by: its code and its name in every language. */
function namesOf(code: string, key: string): Set<string> {
  const names = new Set([fold(code), fold(code.replace(/_/g, ' '))]);
  for (const language of LANGUAGES) names.add(fold(translator(language)(key)));
  return names;
}

function lookup<T extends string>(codes: readonly T[], keys: Record<T, string>): Map<string, T> {
  const found = new Map<string, T>();
  for (const code of codes) for (const name of namesOf(code, keys[code])) found.set(name, code);
  return found;
}

/** The letter of a column (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function cellText(value: SheetValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/** A recommendation read from a row, before it is given its code. */
export type RecommendationRow = {
  row: number;
  source: RecommendationSource;
  reference: string;
  year: number;
  text: string;
  strength?: RecommendationStrength;
};

/**
 * Reads the first visible sheet of a workbook as recommendations: the first row names the columns
 * (reference, text and strength, and optionally source and year, by their code or their name in
 * any language), each further row one recommendation. Source defaults to GRETA; year to the year
 * written in the reference (`GRETA(2020)07`), else `fallbackYear`. Every problem is listed with
 * its cell (`Sheet!C4`); references already in the strategy or repeated in the sheet are problems.
 */
export function readRecommendationRows(
  sheets: readonly SheetData[],
  pkg: PlanPackage,
  fallbackYear: number,
): { rows: RecommendationRow[]; issues: FieldIssue[] } {
  const sheet = sheets.find((candidate) => !candidate.hidden) ?? sheets[0];
  if (!sheet) return { rows: [], issues: [{ path: 'file', key: RECOMMENDATION_IMPORT_KEYS.empty }] };
  const header = sheet.rows[0] ?? [];
  const columnNames = lookup(ALL_COLUMNS, RECOMMENDATION_COLUMN_KEYS);
  const columns = new Map<RecommendationColumn, number>();
  header.forEach((value, index) => {
    const column = columnNames.get(fold(cellText(value)));
    if (column !== undefined && !columns.has(column)) columns.set(column, index);
  });
  const issues: FieldIssue[] = [];
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.has(column)) {
      issues.push({ path: `${sheet.name}!1`, key: RECOMMENDATION_IMPORT_KEYS.missingColumn, params: { column } });
    }
  }
  if (issues.length > 0) return { rows: [], issues };

  const sources = lookup(RECOMMENDATION_SOURCES, RECOMMENDATION_SOURCE_KEYS);
  const strengths = lookup(RECOMMENDATION_STRENGTHS, RECOMMENDATION_STRENGTH_KEYS);
  const taken = new Set((pkg.recommendations ?? []).map((item) => fold(item.reference ?? '')).filter((name) => name !== ''));
  const seen = new Map<string, number>();
  const rows: RecommendationRow[] = [];
  sheet.rows.forEach((cells, index) => {
    if (index === 0) return;
    const row = index + 1;
    const at = (column: RecommendationColumn) => `${sheet.name}!${columnLetter((columns.get(column) ?? 0) + 1)}${row}`;
    const value = (column: RecommendationColumn) => {
      const place = columns.get(column);
      return place === undefined ? '' : cellText(cells[place]);
    };
    if (ALL_COLUMNS.every((column) => value(column) === '')) return;
    const problems: FieldIssue[] = [];
    const reference = value('reference');
    const text = value('text');
    if (reference === '') problems.push({ path: at('reference'), key: 'required' });
    else if (taken.has(fold(reference))) problems.push({ path: at('reference'), key: 'code_in_use', params: { id: reference } });
    else if (seen.has(fold(reference))) {
      problems.push({ path: at('reference'), key: 'code_repeated', params: { id: reference, row: seen.get(fold(reference)) ?? row } });
    } else seen.set(fold(reference), row);
    if (text === '') problems.push({ path: at('text'), key: 'required' });
    const strengthText = value('strength');
    const strength = strengthText === '' ? undefined : strengths.get(fold(strengthText));
    if (strengthText !== '' && strength === undefined)
      problems.push({ path: at('strength'), key: 'cell_not_allowed', params: { value: strengthText } });
    const sourceText = value('source');
    const source = sourceText === '' ? 'greta' : sources.get(fold(sourceText));
    if (source === undefined) problems.push({ path: at('source'), key: 'cell_not_allowed', params: { value: sourceText } });
    const yearText = value('year');
    let year = fallbackYear;
    if (yearText !== '') {
      if (/^\d{4}$/.test(yearText) && Number(yearText) >= 1900) year = Number(yearText);
      else problems.push({ path: at('year'), key: 'cell_year' });
    } else {
      const written = /\b(19\d\d|20\d\d)\b/.exec(reference);
      if (written) year = Number(written[1]);
    }
    issues.push(...problems);
    if (problems.length === 0 && source !== undefined) {
      rows.push({ row, source, reference, year, text, ...(strength !== undefined ? { strength } : {}) });
    }
  });
  if (issues.length === 0 && rows.length === 0) issues.push({ path: sheet.name, key: RECOMMENDATION_IMPORT_KEYS.empty });
  return { rows, issues };
}

/** The edits creating the recommendations of the rows, each given the next free code `REC-nn`. */
export function recommendationEdits(pkg: PlanPackage, rows: readonly RecommendationRow[]): { edits: PlanEdit[]; codes: string[] } {
  const taken = codesOf(pkg);
  let next = 1;
  const codes: string[] = [];
  const edits: PlanEdit[] = rows.map((row) => {
    let code = `REC-${String(next).padStart(2, '0')}`;
    while (taken.has(code)) {
      next += 1;
      code = `REC-${String(next).padStart(2, '0')}`;
    }
    taken.add(code);
    codes.push(code);
    return {
      op: 'create',
      kind: 'recommendation',
      data: {
        id: code,
        source: row.source,
        reference: row.reference,
        year: row.year,
        text: row.text,
        ...(row.strength !== undefined ? { strength: row.strength } : {}),
      },
    };
  });
  return { edits, codes };
}

/** A problem of the workbook in the reader's language: the catalogue's field problems, or this page's own. */
function issueMessage(t: Translate, issue: FieldIssue): string {
  return issue.key.startsWith('app.') ? t(issue.key, issue.params) : t(`issues.${issue.key}`, issue.params);
}

/** The follow-up of a strategy's recommendations, the answers for GRETA, and the import of a workbook. */
export const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/participants/:participant/strategies/:strategy/recommendations';

  // The upload is the workbook itself as the body, read with the workbook limit.
  acceptFileBodies(app, XLSX_CONTENT_TYPE, { bytes: WORKBOOK_LIMITS.maxBytes, issueKey: 'workbook_too_large', what: 'workbook' });

  app.get(
    `${base}/follow-up`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['measures'],
        summary: 'The follow-up of the strategy’s recommendations: status year by year from the reports on the activities answering them',
        description:
          'Only accepted reports of rounds ending on or before `asOf` count. Ordered as the answers for GRETA: GRETA and the Committee of the Parties first, then the other sources; within each, not addressed first.',
        params: StrategyParams,
        querystring: AsOfQuery,
        response: { 200: FollowUpSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const { plan } = await currentStrategyState(app.database, participant, strategy);
      return recommendationFollowUp(plan, request.query.asOf ?? today());
    },
  );

  app.get(
    `${base}/greta-answers.docx`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['measures'],
        summary: 'The answers for GRETA’s questionnaire as a Word document: each recommendation, its follow-up by year and what was done',
        params: StrategyParams,
        querystring: AnswersQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, strategy } = request.params;
      const { plan } = await currentStrategyState(app.database, participant, strategy);
      const followUp = recommendationFollowUp(plan, request.query.asOf ?? today());
      const file = await gretaAnswersDocx(plan, followUp, request.query.language ?? requestLanguage(request));
      const name = `${participant}-${strategy}-greta-answers-${followUp.asOf}.docx`.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply.header('content-type', DOCX_CONTENT_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.post(
    `${base}/import`,
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['editing'],
        summary: 'Adds the recommendations of an Excel workbook to the strategy, all or nothing',
        description: `The body is the .xlsx file itself, sent as \`${XLSX_CONTENT_TYPE}\`; at most ${WORKBOOK_LIMITS.maxBytes / 1024 / 1024} MB. The first row of the first sheet names the columns reference, text and strength, and optionally source (GRETA when left out) and year (the one in the reference when left out). Values are read, formulas never evaluated. Every problem comes back at once as 400 VALIDATION_FAILED, each issue's path naming its cell (\`Sheet1!C4\`); nothing is saved then. A strategy adopted without an open amendment gets 409 DOCUMENT_FROZEN.`,
        params: StrategyParams,
        response: { 200: ImportedSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant, strategy } = request.params;
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          issues: [{ path: 'file', key: 'workbook_not_xlsx' }],
          detail: 'no workbook in the body',
        });
      }
      const sheets = await readWorkbook(body);
      const state = await currentStrategyState(app.database, participant, strategy);
      const { rows, issues } = readRecommendationRows(sheets, state.plan, Number(today().slice(0, 4)));
      if (issues.length > 0) {
        const t = translator(requestLanguage(request));
        return reply.status(400).send({
          error: {
            code: 'VALIDATION_FAILED',
            message: t('errors.VALIDATION_FAILED'),
            issues: issues.map((issue) => ({ path: issue.path, message: issueMessage(t, issue) })),
          },
        });
      }
      const { edits, codes } = recommendationEdits(state.plan, rows);
      const applied = await applyPlanEdits(app.database, { participant, strategy, edits, actor: actorOf(request) });
      return { imported: codes.length, codes, revision: applied.revision };
    },
  );
};
