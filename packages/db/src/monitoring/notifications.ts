import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** Something Ariadne tells a user inside the application; the payload holds what its text is made of. */
export type NewNotification = { userId: number; participantId: number | null; kind: string; payload: Record<string, unknown> };

export type StoredNotification = {
  id: number;
  kind: string;
  /** The Participant's code, when the notification is about one. */
  participant: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPage = { notifications: StoredNotification[]; total: number; unread: number };

/** Adds notifications, in one statement whatever their number. */
export async function insertNotifications(trx: Transaction<Schema>, notifications: readonly NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      notifications.map((notification) => ({
        user_id: notification.userId,
        participant_id: notification.participantId,
        kind: notification.kind,
        payload: JSON.stringify(notification.payload),
      })),
    )
    .execute();
}

function asPayload(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/** A user's notifications, newest first, one page of them, with how many there are and how many are unread. */
export async function listNotifications(
  executor: Executor,
  userId: number,
  page: { limit: number; offset: number },
): Promise<NotificationPage> {
  const rows = await executor
    .selectFrom('notifications')
    .leftJoin('participants', 'participants.id', 'notifications.participant_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'participants.code as participant',
      'notifications.payload',
      'notifications.created_at',
      'notifications.read_at',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counts = await executor
    .selectFrom('notifications')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) FILTER (WHERE read_at IS NULL)::int`.as('unread')])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      participant: row.participant,
      payload: asPayload(row.payload),
      createdAt: new Date(row.created_at).toISOString(),
      readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
    })),
    total: Number(counts?.total ?? 0),
    unread: Number(counts?.unread ?? 0),
  };
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markNotificationRead(trx: Transaction<Schema>, userId: number, id: number): Promise<boolean> {
  const row = await trx
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks every unread notification of the user read; gives how many were. */
export async function markAllNotificationsRead(trx: Transaction<Schema>, userId: number): Promise<number> {
  const rows = await trx
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** A reminder of a report sent on a day. */
export type ReminderSent = {
  reportId: number;
  sentOn: string;
  kind: 'due' | 'overdue';
  channel: 'email' | 'in_app';
  automatic: boolean;
};

/** Records reminders sent; a second one of a report on the same day replaces the record of the first. */
export async function recordRemindersSent(trx: Transaction<Schema>, reminders: readonly ReminderSent[]): Promise<void> {
  if (reminders.length === 0) return;
  await trx
    .insertInto('reminders_sent')
    .values(
      reminders.map((reminder) => ({
        report_id: reminder.reportId,
        sent_on: reminder.sentOn,
        kind: reminder.kind,
        channel: reminder.channel,
        automatic: reminder.automatic,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['report_id', 'sent_on', 'kind']).doUpdateSet((eb) => ({
        channel: eb.ref('excluded.channel'),
        automatic: eb.ref('excluded.automatic'),
      })),
    )
    .execute();
}

/** The reports (among those given) reminded of on a day. */
export async function reportsRemindedOn(executor: Executor, reportIds: readonly number[], day: string): Promise<Set<number>> {
  if (reportIds.length === 0) return new Set();
  const rows = await executor
    .selectFrom('reminders_sent')
    .select('report_id')
    .where('report_id', 'in', [...reportIds])
    .where('sent_on', '=', day)
    .execute();
  return new Set(rows.map((row) => row.report_id));
}

/** The reminders recorded for a report, oldest first. */
export async function readRemindersSent(executor: Executor, reportId: number): Promise<ReminderSent[]> {
  const rows = await executor
    .selectFrom('reminders_sent')
    .select(['report_id', 'sent_on', 'kind', 'channel', 'automatic'])
    .where('report_id', '=', reportId)
    .orderBy('sent_on')
    .orderBy('kind')
    .execute();
  return rows.map((row) => ({
    reportId: row.report_id,
    sentOn: row.sent_on,
    kind: row.kind,
    channel: row.channel,
    automatic: row.automatic,
  }));
}

/** A focal point of an institution, as a reminder reaches them. */
export type FocalPoint = {
  userId: number;
  email: string;
  displayName: string;
  language: string;
  institutionId: number;
  /** The institution's code (its id in the plan package). */
  institution: string;
};

/**
 * The focal points of the institutions of a Participant (all of them, or those whose codes are
 * given), by institution then name. Disabled accounts are left out.
 */
export async function focalPointsOf(executor: Executor, participantId: number, institutions?: readonly string[]): Promise<FocalPoint[]> {
  if (institutions !== undefined && institutions.length === 0) return [];
  let query = executor
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('institutions', 'institutions.id', 'memberships.institution_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.language', 'institutions.id as institution_id', 'institutions.code'])
    .where('memberships.participant_id', '=', participantId)
    .where('memberships.role', '=', 'focal_point')
    .where('users.disabled_at', 'is', null);
  if (institutions !== undefined) query = query.where('institutions.code', 'in', [...institutions]);
  const rows = await query.orderBy('institutions.code').orderBy('users.display_name').orderBy('users.id').execute();
  return rows.map((row) => ({
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    language: row.language,
    institutionId: row.institution_id,
    institution: row.code,
  }));
}

/** The stored keys of the reports of rounds of a strategy, by `round code` and `institution code`. */
export async function reportKeys(
  executor: Executor,
  strategyId: number,
  rounds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const keys = new Map<string, Map<string, number>>();
  if (rounds.length === 0) return keys;
  const rows = await executor
    .selectFrom('monitoring_reports')
    .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
    .innerJoin('institutions', 'institutions.id', 'monitoring_reports.institution_id')
    .select(['monitoring_reports.id', 'monitoring_rounds.code as round', 'institutions.code as institution'])
    .where('monitoring_reports.strategy_id', '=', strategyId)
    .where('monitoring_rounds.code', 'in', [...rounds])
    .execute();
  for (const row of rows) {
    let byInstitution = keys.get(row.round);
    if (byInstitution === undefined) {
      byInstitution = new Map();
      keys.set(row.round, byInstitution);
    }
    byInstitution.set(row.institution, row.id);
  }
  return keys;
}

/** The Participants that have switched automatic reminders on, with how many days before a deadline they start. */
export async function participantsWithAutomaticReminders(executor: Executor): Promise<{ id: number; code: string; daysBefore: number }[]> {
  const rows = await executor
    .selectFrom('participant_settings')
    .innerJoin('participants', 'participants.id', 'participant_settings.participant_id')
    .select(['participants.id', 'participants.code', 'participant_settings.reminder_days_before'])
    .where('participant_settings.reminders_automatic', '=', true)
    .orderBy('participants.code')
    .execute();
  return rows.map((row) => ({ id: row.id, code: row.code, daysBefore: row.reminder_days_before }));
}
