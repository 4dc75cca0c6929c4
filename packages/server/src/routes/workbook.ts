import {
  AppError,
  ActivitySchema,
  CellFixSchema,
  ColumnMappingSchema,
  guessHeaderRow,
  guessMapping,
  InstitutionMatchSchema,
  InstitutionSchema,
  isFrozenStatus,
  mapActivityRows,
  translator,
  type ActivityRowsResult,
  type FieldIssue,
  type Institution,
  type SheetValue,
} from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loadActionPlan, type LoadedActionPlan } from '../commands/loadActionPlan.ts';
import { requestLanguage } from '../http/language.ts';
import { acceptFileBodies } from '../http/body.ts';
import { ErrorSchema, LanguageSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { activitiesWorkbook, attachment, donorViewWorkbook } from '../workbook/export.ts';
import { WORKBOOK_LIMITS } from '../workbook/limits.ts';
import { readWorkbook, type SheetData } from '../workbook/read.ts';
import { UploadStore, type Upload } from '../workbook/uploads.ts';
import { importActivities } from '../workbook/import.ts';

// Excel in and out for an action plan: upload a workbook, choose its sheet and map its columns,
// preview the activities it makes (correcting cells, matching institutions), import them into the
// plan; and download the plan's activities or its donor view as a workbook.

/** The content type of an .xlsx workbook, the only one the upload accepts. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The first rows of each sheet sent with the list of sheets, to choose the header row from. */
export const SAMPLE_ROWS = 12;

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2023-2024`') });
/** A workbook in the body of an answer (documented; sent as it is, not serialised). */
const XlsxFileSchema = z.any().describe(`An .xlsx workbook (${XLSX_CONTENT_TYPE})`);
const DownloadQuery = z.object({
  language: LanguageSchema.optional().describe('The language of the headers and labels; the one of the request when left out'),
});
const SheetValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const SheetsSchema = z
  .object({
    upload: z.string().describe('The token of the upload, for the preview and the import'),
    expiresInMinutes: z.number().int().describe('The upload is kept this long after its last use'),
    sheets: z.array(
      z.object({
        name: z.string(),
        hidden: z.boolean(),
        rowCount: z.number().int().describe('Rows down to the last one with a value'),
        columnCount: z.number().int(),
        headerRow: z.number().int().describe('The row that looks like the column names (1-based)'),
        header: z.array(z.string()).describe('The cells of that row'),
        sample: z.array(z.array(z.string())).describe(`The first ${SAMPLE_ROWS} rows, as text`),
        mapping: ColumnMappingSchema.describe('The mapping guessed from the column names'),
        mappings: z
          .array(ColumnMappingSchema)
          .describe(
            'The mapping guessed with each sample row taken as the column names: index 0 for no header row, 1 for the first row, …',
          ),
      }),
    ),
  })
  .meta({ id: 'WorkbookSheets' });

const ImportBody = z
  .strictObject({
    upload: z.string().min(1).max(100),
    sheet: z.string().min(1).max(200).describe('The name of the sheet'),
    headerRow: z
      .number()
      .int()
      .min(0)
      .max(WORKBOOK_LIMITS.maxRowElements)
      .describe('The row of the column names (1-based); 0 when there is none'),
    mapping: ColumnMappingSchema,
    institutionMatches: z
      .record(z.string().min(1).max(500), InstitutionMatchSchema)
      .optional()
      .describe('A name of the sheet → the code of an institution of the register, or `{ create: Institution }`'),
    fixes: z
      .array(CellFixSchema)
      .max(WORKBOOK_LIMITS.maxRows * 4)
      .optional()
      .describe('Corrections of cells, made in the preview'),
    skipRows: z
      .array(z.number().int().min(1))
      .max(WORKBOOK_LIMITS.maxRows)
      .optional()
      .describe('Rows to leave out (headings within the table)'),
  })
  .meta({ id: 'ExcelImport' });
type ImportBody = z.infer<typeof ImportBody>;

const RowIssueSchema = z.object({
  field: z.string(),
  column: z.string().nullable().describe('The column letter, when the field is mapped'),
  year: z.number().int().optional().describe('For a per-year cost column'),
  path: z.string().describe('`row 12, column C`'),
  message: z.string(),
});

const PreviewSchema = z
  .object({
    sheet: z.string(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        values: z.record(z.string(), SheetValueSchema).describe('The cells of the mapped fields, after the corrections'),
        costByYear: z.record(z.string(), SheetValueSchema).optional(),
        goal: z.string().nullable().describe('The goal of the objective the row names, once known'),
        activity: ActivitySchema.nullable().describe('The activity the row makes, null while it has a problem'),
        issues: z.array(RowIssueSchema),
      }),
    ),
    unknownInstitutions: z.array(
      z.object({
        name: z.string(),
        rows: z.array(z.number().int()),
        suggestions: z.array(z.string()).describe('Codes of institutions with similar names'),
      }),
    ),
    newInstitutions: z.array(InstitutionSchema),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).describe('Problems of the mapping or the matches'),
    summary: z.object({
      rows: z.number().int(),
      skipped: z.number().int(),
      ready: z.number().int(),
      withErrors: z.number().int(),
      indicators: z.number().int(),
      costLines: z.number().int(),
      totalCost: z.number(),
      currency: z.string(),
    }),
  })
  .meta({ id: 'ExcelImportPreview' });

const CommittedSchema = z
  .object({
    activities: z.array(z.string()).describe('The codes of the activities created, in order'),
    indicators: z.number().int(),
    institutions: z.array(z.string()).describe('The codes of the institutions added to the register'),
  })
  .meta({ id: 'ExcelImported' });

/** The Participant's register of institutions, in the plan package's shape. */
export async function registerOf(database: Database, participant: string): Promise<Institution[]> {
  const rows = await database.db
    .selectFrom('institutions')
    .innerJoin('participants', 'participants.id', 'institutions.participant_id')
    .select(['institutions.code', 'institutions.name', 'institutions.type', 'institutions.level', 'institutions.area'])
    .where('participants.code', '=', participant)
    .orderBy('institutions.code')
    .execute();
  return rows.flatMap((row) => {
    const parsed = InstitutionSchema.safeParse({
      id: row.code,
      name: row.name,
      type: row.type,
      level: row.level,
      ...(row.area ? { area: row.area } : {}),
    });
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Refuses, before a file is read, to import into an adopted (expired, superseded) plan that has no
 * open amendment: the import would be refused at the end anyway. The import itself checks again.
 */
async function refuseFrozen(database: Database, participant: string, loaded: LoadedActionPlan): Promise<void> {
  const status = loaded.plan.actionPlans.find((actionPlan) => actionPlan.id === loaded.planId)?.status;
  if (status === undefined || !isFrozenStatus(status)) return;
  const open = await database.db
    .selectFrom('amendments')
    .innerJoin('action_plans', 'action_plans.id', 'amendments.action_plan_id')
    .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
    .select('amendments.id')
    .where('participants.code', '=', participant)
    .where('action_plans.code', '=', loaded.planId)
    .where('amendments.status', '=', 'open')
    .executeTakeFirst();
  if (!open) {
    throw new AppError('DOCUMENT_FROZEN', {
      params: { document: loaded.planId },
      issues: [{ path: 'plan', key: 'document_frozen', params: { document: loaded.planId } }],
      detail: `${loaded.planId} is ${status}`,
    });
  }
}

function asText(value: SheetValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function sheetSummary(sheet: SheetData) {
  const headerRow = guessHeaderRow(sheet.rows);
  const header = sheet.rows[headerRow - 1] ?? [];
  return {
    name: sheet.name,
    hidden: sheet.hidden,
    rowCount: sheet.rows.length,
    columnCount: sheet.rows[0]?.length ?? 0,
    headerRow,
    header: header.map(asText),
    sample: sheet.rows.slice(0, SAMPLE_ROWS).map((row) => row.map(asText)),
    mapping: guessMapping(header),
    // The browser does not carry the column names of all seven languages: it takes the guess for the
    // header row a person chooses from here.
    mappings: [guessMapping([]), ...sheet.rows.slice(0, SAMPLE_ROWS).map((row) => guessMapping(row))],
  };
}

function uploadOwner(request: FastifyRequest, params: { participant: string; plan: string }) {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, participant: params.participant, plan: params.plan };
}

function sheetOf(upload: Upload, name: string): SheetData {
  const sheet = upload.sheets.find((candidate) => candidate.name === name);
  if (!sheet) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'sheet', key: 'sheet_not_found', params: { sheet: name } }],
      detail: `no sheet ${name}`,
    });
  }
  return sheet;
}

/** Maps the chosen sheet's rows to activities of the plan, as the request asks. */
export function previewImport(loaded: LoadedActionPlan, register: Institution[], sheet: SheetData, body: ImportBody): ActivityRowsResult {
  const skip = new Set(body.skipRows ?? []);
  const rows = skip.size === 0 ? sheet.rows : sheet.rows.map((row, index) => (skip.has(index + 1) ? row.map(() => null) : row));
  return mapActivityRows({
    rows,
    headerRow: body.headerRow,
    mapping: body.mapping,
    plan: loaded.plan,
    planId: loaded.planId,
    register,
    ...(body.institutionMatches ? { institutionMatches: body.institutionMatches } : {}),
    ...(body.fixes ? { fixes: body.fixes } : {}),
  });
}

/** Excel import into an action plan, and Excel downloads of it. */
export const workbookRoutes: FastifyPluginAsyncZod = async (app) => {
  const uploads = new UploadStore(app.database);

  // The upload is the workbook itself as the body. Read here, with its own limit, so that an
  // oversized file is refused with a message that names the limit.
  acceptFileBodies(app, XLSX_CONTENT_TYPE, { bytes: WORKBOOK_LIMITS.maxBytes, issueKey: 'workbook_too_large', what: 'workbook' });

  app.post(
    '/api/participants/:participant/action-plans/:plan/excel-import/sheets',
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['workbooks'],
        summary: 'Uploads a workbook (.xlsx) to import activities from; lists its sheets with their first rows',
        description: `The body is the .xlsx file itself, sent as \`${XLSX_CONTENT_TYPE}\`; at most ${WORKBOOK_LIMITS.maxBytes / 1024 / 1024} MB, ${WORKBOOK_LIMITS.maxRows} rows per sheet. The file is recognised by its content, not its name: an old .xls, a password-protected or damaged workbook, or another kind of file gets 400 naming the problem. An adopted plan without an open amendment gets 409 DOCUMENT_FROZEN. The answer's \`upload\` token stands for the workbook in the preview and the import, for the same user and plan, for \`expiresInMinutes\` after its last use.`,
        params: PlanParams,
        response: { 201: SheetsSchema, ...errorResponses, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request, reply) => {
      const owner = uploadOwner(request, request.params);
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      await refuseFrozen(app.database, request.params.participant, loaded);
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          issues: [{ path: 'file', key: 'workbook_not_xlsx' }],
          detail: 'no workbook in the body',
        });
      }
      const sheets = await readWorkbook(body);
      const upload = await uploads.put(owner, sheets);
      return reply.status(201).send({ upload: upload.token, expiresInMinutes: uploads.lifetimeMinutes, sheets: sheets.map(sheetSummary) });
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/excel-import/preview',
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['workbooks'],
        summary:
          'Reads the rows of an uploaded sheet as activities of the plan: their values, the problems of each cell, the institutions the register does not have',
        params: PlanParams,
        body: ImportBody,
        response: { 200: PreviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, plan } = request.params;
      const upload = await uploads.get(request.body.upload, uploadOwner(request, request.params));
      const sheet = sheetOf(upload, request.body.sheet);
      const loaded = await loadActionPlan(app.database, participant, plan);
      const register = await registerOf(app.database, participant);
      const result = previewImport(loaded, register, sheet, request.body);
      const t = translator(requestLanguage(request));
      const message = (issue: FieldIssue) => t(`issues.${issue.key}`, issue.params);
      const goals = new Map(
        loaded.plan.strategy.goals.flatMap((goal) => goal.objectives.map((objective): [string, string] => [objective.id, goal.id])),
      );
      return {
        sheet: sheet.name,
        rows: result.rows.map((row) => {
          const { costByYear, ...values } = row.values;
          return {
            row: row.row,
            values: values as Record<string, SheetValue>,
            ...(costByYear ? { costByYear } : {}),
            goal: row.activity ? (goals.get(row.activity.objective) ?? null) : null,
            activity: row.activity,
            issues: row.issues.map((issue) => ({
              field: issue.field,
              column: issue.column,
              ...(issue.year !== undefined ? { year: issue.year } : {}),
              path: issue.path,
              message: message(issue),
            })),
          };
        }),
        unknownInstitutions: result.unknownInstitutions,
        newInstitutions: result.newInstitutions,
        issues: result.issues.map((issue) => ({ path: issue.path, message: message(issue) })),
        summary: { ...result.summary, currency: loaded.plan.participant.currency },
      };
    },
  );

  app.post(
    '/api/participants/:participant/action-plans/:plan/excel-import/commit',
    {
      config: { access: { action: 'plan.edit' } },
      schema: {
        tags: ['workbooks'],
        summary: 'Imports the activities of an uploaded sheet into the action plan, all or nothing',
        description:
          'Takes the same body as the preview. Any problem in any row refuses the whole import (400, one issue per cell, `row 12, column C`). New institutions of the matches are added to the register in the same transaction. A plan that is adopted and has no open amendment is refused with 409 DOCUMENT_FROZEN.',
        params: PlanParams,
        body: ImportBody,
        response: { 201: CommittedSchema, ...errorResponses, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { participant, plan } = request.params;
      const actor = request.actorUser;
      if (!actor) throw new AppError('UNAUTHENTICATED');
      const upload = await uploads.get(request.body.upload, uploadOwner(request, request.params));
      const sheet = sheetOf(upload, request.body.sheet);
      const loaded = await loadActionPlan(app.database, participant, plan);
      const register = await registerOf(app.database, participant);
      const result = previewImport(loaded, register, sheet, request.body);
      const imported = await importActivities(app.database, {
        participant,
        strategy: loaded.plan.strategy.id,
        planId: plan,
        result,
        actor: { userId: actor.id, email: actor.email },
        source: { sheet: sheet.name },
      });
      await uploads.delete(upload.token);
      return reply.status(201).send(imported);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/activities.xlsx',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['workbooks'],
        summary: 'Downloads the action plan as a workbook: one row per activity with its costs, indicators and recommendations',
        description: 'In the language of the request. The Excel import reads it back with the mapping it guesses.',
        params: PlanParams,
        querystring: DownloadQuery,
        response: { 200: XlsxFileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan } = request.params;
      const loaded = await loadActionPlan(app.database, participant, plan);
      const register = await registerOf(app.database, participant);
      const file = await activitiesWorkbook({
        plan: loaded.plan,
        planId: plan,
        language: request.query.language ?? requestLanguage(request),
        register,
      });
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(participant, plan, 'activities'))
        .send(file);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/donor-view.xlsx',
    {
      config: { access: { action: 'finance.view' } },
      schema: {
        tags: ['workbooks'],
        summary: 'Downloads the donor view as a workbook: the activities with unfunded costs, their area, lead, cost and unfunded part',
        params: PlanParams,
        querystring: DownloadQuery,
        response: { 200: XlsxFileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { participant, plan } = request.params;
      const loaded = await loadActionPlan(app.database, participant, plan);
      const file = await donorViewWorkbook({
        plan: loaded.plan,
        planId: plan,
        language: request.query.language ?? requestLanguage(request),
      });
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(participant, plan, 'donor-view'))
        .send(file);
    },
  );
};
