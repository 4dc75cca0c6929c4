import { isLanguage, reminderMessage, remindersDue, translator, type Language, type ReminderDue, type ReminderKind } from '@ariadne/domain';
import {
  focalPointsOf,
  insertNotifications,
  recordAudit,
  recordRemindersSent,
  reportKeys,
  reportsRemindedOn,
  type AuditActor,
  type Database,
  type FocalPoint,
  type NewNotification,
  type ReminderSent,
} from '@ariadne/db';
import type { Mailer } from '../mail.ts';
import { currentStrategyState } from '../plan-cache.ts';
import { participantId } from './monitoringSettings.ts';
import { actionPlanNotFound } from './openRounds.ts';

/** Which reports to remind institutions of. */
export type ReminderFilter = {
  participant: string;
  /** One action plan (its id); all the adopted ones when left out. */
  plan?: string | undefined;
  /** One round (its id). */
  round?: string | undefined;
  /** Reports whose deadline is at most this many calendar days away. */
  dueWithinDays: number;
  /** Also the reports past their deadline. */
  overdue: boolean;
  /** The day seen as today (YYYY-MM-DD). */
  today: string;
};

export type Recipient = { name: string; email: string };

/** A report to remind an institution of, with the people a reminder reaches. */
export type PlannedReminder = {
  kind: ReminderKind;
  actionPlan: string;
  actionPlanTitle: string;
  round: string;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  days: number;
  institution: string;
  name: string;
  recipients: Recipient[];
};

export type ReminderPreview = { emailConfigured: boolean; reports: PlannedReminder[] };

/** A text to copy into one's own e-mail: the addresses and the message of one institution's report. */
export type CopyEntry = { institution: string; name: string; round: string; addresses: string[]; subject: string; text: string };

export type ReminderSummary = {
  today: string;
  automatic: boolean;
  emailConfigured: boolean;
  /** The reports reminded of (each institution's focal points told). */
  reminded: PlannedReminder[];
  /** Reports whose institution has no focal point: no one to remind. */
  noOneToRemind: PlannedReminder[];
  /** Reports left out because the daily job already reminded of them today. */
  alreadyRemindedToday: number;
  emailsSent: number;
  /** The addresses an e-mail could not be sent to. */
  emailsFailed: string[];
  notificationsCreated: number;
  /** Addresses and ready-to-paste text per institution, for sending by hand. */
  copyList: CopyEntry[];
};

/** A report found due, with where it is stored and who reports for its institution. */
type Found = { due: ReminderDue; reportId: number; points: FocalPoint[] };

/** The address of a report under Ariadne's public address; none when that address is not known. */
export function reportLink(base: string | undefined, due: Pick<ReminderDue, 'actionPlan' | 'round' | 'institution'>): string | undefined {
  if (base === undefined) return undefined;
  return `${base}/plans/${encodeURIComponent(due.actionPlan)}/rounds/${encodeURIComponent(due.round)}/reports/${encodeURIComponent(due.institution)}`;
}

/** The strategies to look in: every one with an adopted action plan, or the one of the plan named. */
async function strategiesInScope(database: Database, participantKey: number, filter: ReminderFilter): Promise<string[]> {
  let query = database.db
    .selectFrom('action_plans')
    .innerJoin('strategies', 'strategies.id', 'action_plans.strategy_id')
    .select('strategies.code')
    .distinct()
    .where('action_plans.participant_id', '=', participantKey);
  if (filter.plan !== undefined) query = query.where('action_plans.code', '=', filter.plan);
  else query = query.where('action_plans.status', '=', 'adopted');
  const rows = await query.orderBy('strategies.code').execute();
  if (filter.plan !== undefined && rows.length === 0) throw actionPlanNotFound(filter.participant, filter.plan);
  return rows.map((row) => row.code);
}

async function findDue(database: Database, filter: ReminderFilter): Promise<{ participantKey: number; found: Found[] }> {
  const participantKey = await participantId(database, filter.participant);
  const found: Found[] = [];
  for (const strategy of await strategiesInScope(database, participantKey, filter)) {
    const state = await currentStrategyState(database, filter.participant, strategy);
    const due = remindersDue(state.plan, filter.today, filter.dueWithinDays, { actionPlan: filter.plan, round: filter.round }).filter(
      (entry) => filter.overdue || entry.kind === 'due',
    );
    if (due.length === 0) continue;
    const keys = await reportKeys(database.db, state.strategyId, [...new Set(due.map((entry) => entry.round))]);
    for (const entry of due) {
      const reportId = keys.get(entry.round)?.get(entry.institution);
      if (reportId !== undefined) found.push({ due: entry, reportId, points: [] });
    }
  }
  const points = await focalPointsOf(database.db, participantKey, [...new Set(found.map((entry) => entry.due.institution))]);
  for (const entry of found) entry.points = points.filter((point) => point.institution === entry.due.institution);
  return { participantKey, found };
}

function planned(entry: Found): PlannedReminder {
  const { due } = entry;
  return {
    kind: due.kind,
    actionPlan: due.actionPlan,
    actionPlanTitle: due.actionPlanTitle,
    round: due.round,
    periodStart: due.periodStart,
    periodEnd: due.periodEnd,
    deadline: due.deadline,
    days: due.days,
    institution: due.institution,
    name: due.institutionName,
    recipients: entry.points.map((point) => ({ name: point.displayName, email: point.email })),
  };
}

/** Who would be reminded, and of which reports; nothing is sent or written. */
export async function previewReminders(database: Database, filter: ReminderFilter, mailer: Mailer | null): Promise<ReminderPreview> {
  const { found } = await findDue(database, filter);
  return { emailConfigured: mailer !== null, reports: found.map(planned) };
}

export type SendRemindersInput = ReminderFilter & {
  /** Sent by the daily job: a report already reminded of today is left out. */
  automatic: boolean;
  actor: AuditActor;
  /** The language of the list to copy (the coordinator's). */
  language: Language;
  mailer: Mailer | null;
  /** Ariadne's public address, for the links in e-mails. */
  publicUrl?: string | undefined;
  /** Where failures to send e-mail are told. */
  log?: ((failure: { to: string; error: unknown }) => void) | undefined;
};

/**
 * Reminds the focal points of the institutions whose reports are due within the days given or
 * overdue: an e-mail to each in their language when a mailer is configured, and always a
 * notification inside Ariadne. Reports of institutions without a focal point are listed as having
 * no one to remind; every report gets a text to copy for sending by hand. The notifications, the
 * reminders sent and the audit entry are written in one transaction (the e-mails go first, so
 * that the record says what was sent). The daily job leaves out reports already reminded of that
 * day; a reminder sent by hand always goes. NOT_FOUND for an unknown Participant or plan.
 */
export async function sendReminders(database: Database, input: SendRemindersInput): Promise<ReminderSummary> {
  const { participantKey, found } = await findDue(database, input);
  let candidates = found;
  let alreadyRemindedToday = 0;
  if (input.automatic) {
    const reminded = await reportsRemindedOn(
      database.db,
      found.map((entry) => entry.reportId),
      input.today,
    );
    candidates = found.filter((entry) => !reminded.has(entry.reportId));
    alreadyRemindedToday = found.length - candidates.length;
  }
  const toRemind = candidates.filter((entry) => entry.points.length > 0);
  const noOne = candidates.filter((entry) => entry.points.length === 0);

  const coordinatorT = translator(input.language);
  const copyList: CopyEntry[] = candidates.map((entry) => {
    const message = reminderMessage(coordinatorT, input.language, entry.due, { link: reportLink(input.publicUrl, entry.due) });
    return {
      institution: entry.due.institution,
      name: entry.due.institutionName,
      round: entry.due.round,
      addresses: entry.points.map((point) => point.email),
      subject: message.subject,
      text: message.body,
    };
  });

  let emailsSent = 0;
  const emailsFailed: string[] = [];
  const mailedReports = new Set<number>();
  if (input.mailer !== null) {
    for (const entry of toRemind) {
      for (const point of entry.points) {
        const language: Language = isLanguage(point.language) ? point.language : 'en';
        const message = reminderMessage(translator(language), language, entry.due, {
          recipient: point.displayName,
          link: reportLink(input.publicUrl, entry.due),
        });
        try {
          await input.mailer.send({ to: point.email, subject: message.subject, text: message.body });
          emailsSent += 1;
          mailedReports.add(entry.reportId);
        } catch (error) {
          emailsFailed.push(point.email);
          input.log?.({ to: point.email, error });
        }
      }
    }
  }

  const notifications: NewNotification[] = toRemind.flatMap((entry) =>
    entry.points.map((point) => ({
      userId: point.userId,
      participantId: participantKey,
      kind: 'reminder',
      payload: {
        kind: entry.due.kind,
        actionPlan: entry.due.actionPlan,
        actionPlanTitle: entry.due.actionPlanTitle,
        round: entry.due.round,
        institution: entry.due.institution,
        institutionName: entry.due.institutionName,
        deadline: entry.due.deadline,
        days: entry.due.days,
      },
    })),
  );
  const sent: ReminderSent[] = toRemind.map((entry) => ({
    reportId: entry.reportId,
    sentOn: input.today,
    kind: entry.due.kind,
    channel: mailedReports.has(entry.reportId) ? 'email' : 'in_app',
    automatic: input.automatic,
  }));

  const summary: ReminderSummary = {
    today: input.today,
    automatic: input.automatic,
    emailConfigured: input.mailer !== null,
    reminded: toRemind.map(planned),
    noOneToRemind: noOne.map(planned),
    alreadyRemindedToday,
    emailsSent,
    emailsFailed,
    notificationsCreated: notifications.length,
    copyList,
  };

  // The daily job writes nothing on a day with nothing to remind of; a send by hand is always recorded.
  if (input.automatic && toRemind.length === 0 && noOne.length === 0) return summary;
  await database.db.transaction().execute(async (trx) => {
    await insertNotifications(trx, notifications);
    await recordRemindersSent(trx, sent);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: participantKey,
      action: 'round.reminders_sent',
      entity: 'participant',
      entityId: input.participant,
      after: {
        automatic: input.automatic,
        today: input.today,
        plan: input.plan ?? null,
        round: input.round ?? null,
        dueWithinDays: input.dueWithinDays,
        overdue: input.overdue,
        reminded: toRemind.map((entry) => ({
          actionPlan: entry.due.actionPlan,
          round: entry.due.round,
          institution: entry.due.institution,
          kind: entry.due.kind,
          recipients: entry.points.map((point) => point.email),
        })),
        noOneToRemind: noOne.map((entry) => ({
          actionPlan: entry.due.actionPlan,
          round: entry.due.round,
          institution: entry.due.institution,
        })),
        emailsSent,
        emailsFailed,
        notificationsCreated: notifications.length,
      },
    });
  });
  return summary;
}
