import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/**
 * A Participant's reporting calendar: deadlines fall this many working days after a period ends;
 * and its reminders: whether a daily job sends them, from how many days before a deadline.
 */
export type MonitoringSettings = {
  deadlineWorkingDays: number;
  holidays: { day: string; name: string }[];
  remindersAutomatic: boolean;
  reminderDaysBefore: number;
};

/** The default of a Participant that has not set its own: the fifth working day, no holidays. */
const DEFAULT_WORKING_DAYS = 5;
/** Reminders are sent by hand until switched on, from five days before a deadline. */
const DEFAULT_REMINDER_DAYS = 5;

/** The Participant's reporting calendar (the default when it has none), holidays in date order. */
export async function readMonitoringSettings(executor: Executor, participantId: number): Promise<MonitoringSettings> {
  const settings = await executor
    .selectFrom('participant_settings')
    .select(['deadline_working_days', 'reminders_automatic', 'reminder_days_before'])
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  const holidays = await executor
    .selectFrom('participant_holidays')
    .select(['day', 'name'])
    .where('participant_id', '=', participantId)
    .orderBy('day')
    .execute();
  return {
    deadlineWorkingDays: settings?.deadline_working_days ?? DEFAULT_WORKING_DAYS,
    holidays,
    remindersAutomatic: settings?.reminders_automatic ?? false,
    reminderDaysBefore: settings?.reminder_days_before ?? DEFAULT_REMINDER_DAYS,
  };
}

/** The settings to write: the reminder settings left out stay as they are. */
export type MonitoringSettingsChange = Omit<MonitoringSettings, 'remindersAutomatic' | 'reminderDaysBefore'> &
  Partial<Pick<MonitoringSettings, 'remindersAutomatic' | 'reminderDaysBefore'>>;

/** Replaces the Participant's reporting calendar, and its reminder settings when given. */
export async function writeMonitoringSettings(
  trx: Transaction<Schema>,
  participantId: number,
  settings: MonitoringSettingsChange,
): Promise<void> {
  const values = {
    deadline_working_days: settings.deadlineWorkingDays,
    ...(settings.remindersAutomatic === undefined ? {} : { reminders_automatic: settings.remindersAutomatic }),
    ...(settings.reminderDaysBefore === undefined ? {} : { reminder_days_before: settings.reminderDaysBefore }),
  };
  await trx
    .insertInto('participant_settings')
    .values({ participant_id: participantId, ...values })
    .onConflict((conflict) => conflict.column('participant_id').doUpdateSet(values))
    .execute();
  await trx.deleteFrom('participant_holidays').where('participant_id', '=', participantId).execute();
  if (settings.holidays.length > 0) {
    await trx
      .insertInto('participant_holidays')
      .values(settings.holidays.map((holiday) => ({ participant_id: participantId, day: holiday.day, name: holiday.name })))
      .execute();
  }
}

/** The codes of a strategy's rounds. */
export async function readRoundCodes(executor: Executor, strategyId: number): Promise<Set<string>> {
  const rows = await executor.selectFrom('monitoring_rounds').select('code').where('strategy_id', '=', strategyId).execute();
  return new Set(rows.map((row) => row.code));
}

/** A round to open, with the institutions (by their register key) that each get a draft report. */
export type NewRound = { code: string; periodStart: string; periodEnd: string; deadline: string; institutionIds: readonly number[] };

/**
 * Adds rounds after the strategy's last one, each with one empty draft report per institution, in
 * two statements whatever their number. Gives each round's key.
 */
export async function insertRounds(trx: Transaction<Schema>, strategyId: number, rounds: readonly NewRound[]): Promise<number[]> {
  if (rounds.length === 0) return [];
  const last = await trx
    .selectFrom('monitoring_rounds')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('strategy_id', '=', strategyId)
    .executeTakeFirst();
  const first = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const inserted = await trx
    .insertInto('monitoring_rounds')
    .values(
      rounds.map((round, i) => ({
        strategy_id: strategyId,
        position: first + i,
        code: round.code,
        period_start: round.periodStart,
        period_end: round.periodEnd,
        deadline: round.deadline,
      })),
    )
    .returning(['id', 'code'])
    .execute();
  const ids = rounds.map((round) => {
    const row = inserted.find((candidate) => candidate.code === round.code);
    if (!row) throw new Error(`round ${round.code} was not stored`);
    return row.id;
  });
  const reports = rounds.flatMap((round, r) =>
    round.institutionIds.map((institutionId, position) => ({
      strategy_id: strategyId,
      round_id: ids[r]!,
      position,
      institution_id: institutionId,
      status: 'draft',
      submitted_on: null,
    })),
  );
  if (reports.length > 0) await trx.insertInto('monitoring_reports').values(reports).execute();
  return ids;
}

/** A report as the review works on it. */
export type StoredReport = {
  id: number;
  institutionId: number;
  status: string;
  submittedOn: string | null;
  version: number;
  /** The digest of the last Excel template applied to the report. */
  templateDigest: string | null;
};

/** The report of an institution (by code) in a round (by code) of a strategy, if any. */
export async function findReport(
  executor: Executor,
  strategyId: number,
  round: string,
  institution: string,
): Promise<StoredReport | undefined> {
  const row = await executor
    .selectFrom('monitoring_reports')
    .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
    .innerJoin('institutions', 'institutions.id', 'monitoring_reports.institution_id')
    .select([
      'monitoring_reports.id',
      'monitoring_reports.institution_id',
      'monitoring_reports.status',
      'monitoring_reports.submitted_on',
      'monitoring_reports.version',
      'monitoring_reports.template_digest',
    ])
    .where('monitoring_reports.strategy_id', '=', strategyId)
    .where('monitoring_rounds.code', '=', round)
    .where('institutions.code', '=', institution)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    institutionId: row.institution_id,
    status: row.status,
    submittedOn: row.submitted_on,
    version: row.version,
    templateDigest: row.template_digest,
  };
}

/**
 * Records the coordinator's decision on a report: its new status, who reviewed it and when, and
 * its version raised. Only when the report is still at `expectedVersion`; gives the new version,
 * or undefined when it changed in the meantime.
 */
export async function recordReportReview(
  trx: Transaction<Schema>,
  reportId: number,
  change: { status: 'accepted' | 'returned'; reviewedBy: number | null; expectedVersion: number },
): Promise<number | undefined> {
  const row = await trx
    .updateTable('monitoring_reports')
    .set((eb) => ({
      status: change.status,
      version: eb('version', '+', 1),
      reviewed_at: new Date(),
      reviewed_by: change.reviewedBy,
      updated_at: new Date(),
    }))
    .where('id', '=', reportId)
    .where('version', '=', change.expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

/** A comment of the coordinator on a report, about one activity or indicator or (target null) the whole. */
export type ReportComment = { target: string | null; text: string; author: string | null; at: string };

/** Adds the coordinator's comments to a report. */
export async function insertReportComments(
  trx: Transaction<Schema>,
  report: { strategyId: number; reportId: number },
  comments: readonly { target: string | null; text: string }[],
  author: number | null,
): Promise<void> {
  if (comments.length === 0) return;
  await trx
    .insertInto('report_comments')
    .values(
      comments.map((comment) => ({
        strategy_id: report.strategyId,
        report_id: report.reportId,
        target_code: comment.target,
        text: comment.text,
        author,
      })),
    )
    .execute();
}

/** A report's comments, oldest first, with their author's display name. */
export async function readReportComments(executor: Executor, reportId: number): Promise<ReportComment[]> {
  const rows = await executor
    .selectFrom('report_comments')
    .leftJoin('users', 'users.id', 'report_comments.author')
    .select(['report_comments.target_code', 'report_comments.text', 'users.display_name', 'report_comments.created_at'])
    .where('report_comments.report_id', '=', reportId)
    .orderBy('report_comments.id')
    .execute();
  return rows.map((row) => ({
    target: row.target_code,
    text: row.text,
    author: row.display_name,
    at: new Date(row.created_at).toISOString(),
  }));
}
