import { participantPath } from './api.ts';

/** `due`: the deadline is near; `overdue`: it has passed. */
export type ReminderKind = 'due' | 'overdue';

/** A report to remind an institution of, with its focal points (none: no one to remind). */
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
  recipients: { name: string; email: string }[];
};

export type ReminderPreview = { emailConfigured: boolean; reports: PlannedReminder[] };

/** What sending reminders did, with the addresses and texts to copy into one's own e-mail. */
export type ReminderSummary = {
  today: string;
  automatic: boolean;
  emailConfigured: boolean;
  reminded: PlannedReminder[];
  noOneToRemind: PlannedReminder[];
  alreadyRemindedToday: number;
  emailsSent: number;
  emailsFailed: string[];
  notificationsCreated: number;
  copyList: { institution: string; name: string; round: string; addresses: string[]; subject: string; text: string }[];
};

/** Which reports to remind institutions of. */
export type ReminderChoice = { plan?: string; round?: string; dueWithinDays: number; overdue: boolean };

/** The reminder settings the monitoring settings carry. */
export type ReminderSettings = { remindersAutomatic: boolean; reminderDaysBefore: number };

/** A notification of the signed-in user; a reminder's payload names the report. */
export type NotificationItem = {
  id: number;
  kind: string;
  participant: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

export type NotificationList = { notifications: NotificationItem[]; total: number; unread: number };

export const NOTIFICATIONS_PATH = '/api/notifications';

/** Told when the user's notifications change here, so that the count in the header follows. */
export const NOTIFICATIONS_CHANGED = 'ariadne:notifications-changed';

export function remindersPath(participant: string): string {
  return participantPath(participant, '/reminders');
}

export function reminderPreviewPath(participant: string, choice: ReminderChoice): string {
  const query = new URLSearchParams();
  if (choice.plan !== undefined) query.set('plan', choice.plan);
  if (choice.round !== undefined) query.set('round', choice.round);
  query.set('dueWithinDays', String(choice.dueWithinDays));
  query.set('overdue', String(choice.overdue));
  return `${remindersPath(participant)}/preview?${query.toString()}`;
}

/** The text to paste into one's own e-mail program, one block per institution. */
export function copyText(
  summary: ReminderSummary,
  labels: { to: (addresses: string) => string; subject: (subject: string) => string },
): string {
  return summary.copyList
    .map((entry) => [labels.to(entry.addresses.join(', ')), labels.subject(entry.subject), '', entry.text].join('\n'))
    .join('\n\n----------------------------------------\n\n');
}

/** A reminder's payload, when the notification is one. */
export type ReminderPayload = {
  kind: ReminderKind;
  actionPlan: string;
  actionPlanTitle: string;
  round: string;
  institution: string;
  institutionName: string;
  deadline: string;
};

export function reminderPayload(notification: NotificationItem): ReminderPayload | null {
  const p = notification.payload;
  const text = (key: string): string | null => (typeof p[key] === 'string' ? (p[key] as string) : null);
  const kind = text('kind');
  const actionPlan = text('actionPlan');
  const round = text('round');
  const institution = text('institution');
  const deadline = text('deadline');
  if (notification.kind !== 'reminder' || (kind !== 'due' && kind !== 'overdue') || !actionPlan || !round || !institution || !deadline) {
    return null;
  }
  return {
    kind,
    actionPlan,
    actionPlanTitle: text('actionPlanTitle') ?? actionPlan,
    round,
    institution,
    institutionName: text('institutionName') ?? institution,
    deadline,
  };
}
