import type { Report } from '@ariadne/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';
import { writeReportEntries } from '../plans/write.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** The keys of a strategy's activities and indicators, by code, to write report entries with (one query). */
export async function readElementKeys(
  executor: Executor,
  strategyId: number,
  codes: { activities: readonly string[]; indicators: readonly string[] },
): Promise<{ activityIds: Map<string, number>; indicatorIds: Map<string, number> }> {
  const activityIds = new Map<string, number>();
  const indicatorIds = new Map<string, number>();
  // An empty list still makes a valid IN (…): no code is the empty string.
  const activities = codes.activities.length > 0 ? [...codes.activities] : [''];
  const indicators = codes.indicators.length > 0 ? [...codes.indicators] : [''];
  const rows = await executor
    .selectFrom('activities')
    .select((eb) => [eb.val('activity').as('kind'), 'id', 'code'])
    .where('strategy_id', '=', strategyId)
    .where('code', 'in', activities)
    .unionAll((eb) =>
      eb
        .selectFrom('indicators')
        .select((inner) => [inner.val('indicator').as('kind'), 'id', 'code'])
        .where('strategy_id', '=', strategyId)
        .where('code', 'in', indicators),
    )
    .execute();
  for (const row of rows) (row.kind === 'activity' ? activityIds : indicatorIds).set(row.code, row.id);
  return { activityIds, indicatorIds };
}

/** What a save does to the report row besides replacing what it says. */
export type ReportSave = {
  strategyId: number;
  reportId: number;
  /** The version the writer read; the save happens only if the report is still at it. */
  expectedVersion: number;
  content: Pick<Report, 'activities' | 'indicatorValues'>;
  /** Submitting: the report becomes `submitted` on this day, by this user. */
  submit?: { on: string; by: number | null } | undefined;
  /** The digest of the Excel template the content came from. */
  templateDigest?: string | undefined;
};

/**
 * Replaces what a report says and raises its version (submitting it too, when asked), only if it
 * is still at the version the writer read. Gives the new version and the time of the submission,
 * or undefined when the report changed in the meantime (nothing is written then).
 */
export async function saveReportContent(
  trx: Transaction<Schema>,
  save: ReportSave,
): Promise<{ version: number; submittedAt: string | null } | undefined> {
  const now = new Date();
  const row = await trx
    .updateTable('monitoring_reports')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: now,
      ...(save.submit ? { status: 'submitted', submitted_on: save.submit.on, submitted_at: now, submitted_by: save.submit.by } : {}),
      ...(save.templateDigest !== undefined ? { template_digest: save.templateDigest } : {}),
    }))
    .where('id', '=', save.reportId)
    .where('version', '=', save.expectedVersion)
    .returning(['version', 'submitted_at'])
    .executeTakeFirst();
  if (row === undefined) return undefined;
  // What the report said before goes in one statement (spending and breakdowns follow by cascade).
  await sql`WITH gone AS (DELETE FROM report_activities WHERE strategy_id = ${save.strategyId} AND report_id = ${save.reportId})
    DELETE FROM indicator_values WHERE strategy_id = ${save.strategyId} AND report_id = ${save.reportId}`.execute(trx);
  const keys = await readElementKeys(trx, save.strategyId, {
    activities: save.content.activities.map((entry) => entry.activity),
    indicators: (save.content.indicatorValues ?? []).map((value) => value.indicator),
  });
  await writeReportEntries(trx, save.strategyId, [{ reportId: save.reportId, report: save.content }], keys);
  return { version: row.version, submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null };
}

/** How many links and files a report has as evidence. */
export async function countEvidence(executor: Executor, reportId: number): Promise<number> {
  const row = await executor
    .selectFrom('report_evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** When and by whom a report was submitted, and the digest of the last template applied to it. */
export type ReportSubmission = { submittedAt: string | null; submittedBy: string | null; templateDigest: string | null };

export async function readReportSubmission(executor: Executor, reportId: number): Promise<ReportSubmission> {
  const row = await executor
    .selectFrom('monitoring_reports')
    .leftJoin('users', 'users.id', 'monitoring_reports.submitted_by')
    .select(['monitoring_reports.submitted_at', 'users.display_name', 'monitoring_reports.template_digest'])
    .where('monitoring_reports.id', '=', reportId)
    .executeTakeFirst();
  return {
    submittedAt: row?.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    submittedBy: row?.display_name ?? null,
    templateDigest: row?.template_digest ?? null,
  };
}

/** A link or a file given as evidence in a report (the file's bytes are read apart). */
export type Evidence = {
  id: number;
  target: string | null;
  kind: 'link' | 'file';
  label: string;
  url: string | null;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  addedBy: string | null;
  at: string;
};

export type NewEvidence =
  | { kind: 'link'; target: string | null; label: string; url: string }
  | { kind: 'file'; target: string | null; label: string; fileName: string; mediaType: string; content: Uint8Array; sha256: string };

export async function insertEvidence(
  trx: Transaction<Schema>,
  report: { strategyId: number; reportId: number },
  evidence: NewEvidence,
  by: number | null,
): Promise<number> {
  const row = await trx
    .insertInto('report_evidence')
    .values({
      strategy_id: report.strategyId,
      report_id: report.reportId,
      target_code: evidence.target,
      kind: evidence.kind,
      label: evidence.label,
      url: evidence.kind === 'link' ? evidence.url : null,
      file_name: evidence.kind === 'file' ? evidence.fileName : null,
      media_type: evidence.kind === 'file' ? evidence.mediaType : null,
      size_bytes: evidence.kind === 'file' ? evidence.content.byteLength : null,
      content: evidence.kind === 'file' ? evidence.content : null,
      sha256: evidence.kind === 'file' ? evidence.sha256 : null,
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A report's evidence, in the order it was added, without the files' bytes. */
export async function listEvidence(executor: Executor, reportId: number): Promise<Evidence[]> {
  const rows = await executor
    .selectFrom('report_evidence')
    .leftJoin('users', 'users.id', 'report_evidence.created_by')
    .select([
      'report_evidence.id',
      'report_evidence.target_code',
      'report_evidence.kind',
      'report_evidence.label',
      'report_evidence.url',
      'report_evidence.file_name',
      'report_evidence.media_type',
      'report_evidence.size_bytes',
      'users.display_name',
      'report_evidence.created_at',
    ])
    .where('report_evidence.report_id', '=', reportId)
    .orderBy('report_evidence.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    target: row.target_code,
    kind: row.kind,
    label: row.label,
    url: row.url,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size_bytes,
    addedBy: row.display_name,
    at: new Date(row.created_at).toISOString(),
  }));
}

/** One file of a report's evidence with its bytes, or undefined. */
export async function readEvidenceFile(
  executor: Executor,
  reportId: number,
  evidenceId: number,
): Promise<{ fileName: string; mediaType: string; content: Uint8Array } | undefined> {
  const row = await executor
    .selectFrom('report_evidence')
    .select(['file_name', 'media_type', 'content'])
    .where('report_id', '=', reportId)
    .where('id', '=', evidenceId)
    .where('kind', '=', 'file')
    .executeTakeFirst();
  if (!row || row.content === null || row.file_name === null || row.media_type === null) return undefined;
  return { fileName: row.file_name, mediaType: row.media_type, content: row.content };
}

/** Removes one piece of a report's evidence; tells whether there was one. */
export async function deleteEvidence(trx: Transaction<Schema>, reportId: number, evidenceId: number): Promise<Evidence | undefined> {
  const before = (await listEvidence(trx, reportId)).find((evidence) => evidence.id === evidenceId);
  if (!before) return undefined;
  await trx.deleteFrom('report_evidence').where('report_id', '=', reportId).where('id', '=', evidenceId).execute();
  return before;
}

/** A report of one of a user's institutions, with the action plans whose period its round overlaps. */
export type InstitutionReport = {
  strategy: string;
  round: string;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  institution: string;
  institutionName: string;
  status: string;
  submittedOn: string | null;
  /** Nothing has been saved in it yet. */
  empty: boolean;
  plans: { id: string; title: string }[];
};

/**
 * The reports of some institutions of a Participant in the rounds of its adopted action plans, the
 * latest deadline first (at most `limit`).
 */
export async function listInstitutionReports(
  executor: Executor,
  participant: string,
  institutions: readonly string[],
  limit = 200,
): Promise<InstitutionReport[]> {
  if (institutions.length === 0) return [];
  const rows = await executor
    .selectFrom('monitoring_reports')
    .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
    .innerJoin('strategies', 'strategies.id', 'monitoring_reports.strategy_id')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .innerJoin('institutions', 'institutions.id', 'monitoring_reports.institution_id')
    .select((eb) => [
      'monitoring_reports.strategy_id',
      'strategies.code as strategy',
      'monitoring_rounds.code as round',
      'monitoring_rounds.period_start',
      'monitoring_rounds.period_end',
      'monitoring_rounds.deadline',
      'institutions.code as institution',
      'institutions.name as institution_name',
      'monitoring_reports.status',
      'monitoring_reports.submitted_on',
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('report_activities')
              .select('report_activities.id')
              .whereRef('report_activities.report_id', '=', 'monitoring_reports.id'),
          ),
          eb.exists(
            eb
              .selectFrom('indicator_values')
              .select('indicator_values.id')
              .whereRef('indicator_values.report_id', '=', 'monitoring_reports.id'),
          ),
        ])
        .as('filled'),
    ])
    .where('participants.code', '=', participant)
    .where('institutions.code', 'in', [...institutions])
    .orderBy('monitoring_rounds.deadline', 'desc')
    .orderBy('strategies.code')
    .orderBy('institutions.code')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const plans = await executor
    .selectFrom('action_plans')
    .select(['strategy_id', 'code', 'title', 'start_date', 'end_date'])
    .where('strategy_id', 'in', [...new Set(rows.map((row) => row.strategy_id))])
    .where('status', 'in', ['adopted', 'expired', 'superseded'])
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    strategy: row.strategy,
    round: row.round,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    deadline: row.deadline,
    institution: row.institution,
    institutionName: row.institution_name,
    status: row.status,
    submittedOn: row.submitted_on,
    empty: !row.filled,
    plans: plans
      .filter((plan) => plan.strategy_id === row.strategy_id && plan.start_date <= row.period_end && plan.end_date >= row.period_start)
      .map((plan) => ({ id: plan.code, title: plan.title })),
  }));
}
