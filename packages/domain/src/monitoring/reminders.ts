import { formatDate } from '../format.ts';
import type { Translate } from '../i18n/catalogs.ts';
import type { Language } from '../i18n/languages.ts';
import type { PlanPackage, Round } from '../plan/package.ts';

/** `due`: the deadline is near; `overdue`: it has passed and the report is still not in. */
export type ReminderKind = 'due' | 'overdue';

/** A report that calls for a reminder. */
export type ReminderDue = {
  kind: ReminderKind;
  /** The action plan the round reports on. */
  actionPlan: string;
  actionPlanTitle: string;
  round: string;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  institution: string;
  institutionName: string;
  status: 'draft' | 'returned';
  /** Calendar days to the deadline (`due`, 0 on the day itself) or past it (`overdue`). */
  days: number;
};

/** Which reports to look at: one action plan, and within it possibly one round. */
export type ReminderScope = { actionPlan?: string | undefined; round?: string | undefined };

const DAY_MS = 86_400_000;

/** Calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function overlaps(round: Pick<Round, 'periodStart' | 'periodEnd'>, plan: { start: string; end: string }): boolean {
  return round.periodStart <= plan.end && round.periodEnd >= plan.start;
}

/**
 * The reports to remind institutions of, as of `today`: in each round of the plans in scope (the
 * adopted action plans, or the one named), every report neither submitted nor accepted (a draft
 * or a returned report) is `overdue` once its deadline has passed, and `due` when the deadline is
 * at most `daysBefore` calendar days away. A round belongs to the first action plan its period
 * overlaps. Sorted by deadline, round, then institution.
 */
export function remindersDue(plan: PlanPackage, today: string, daysBefore: number, scope: ReminderScope = {}): ReminderDue[] {
  const plans = plan.actionPlans.filter((candidate) =>
    scope.actionPlan === undefined ? candidate.status === 'adopted' : candidate.id === scope.actionPlan,
  );
  const names = new Map(plan.institutions.map((institution) => [institution.id, institution.name]));
  const found: ReminderDue[] = [];
  for (const round of plan.monitoring?.rounds ?? []) {
    if (scope.round !== undefined && round.id !== scope.round) continue;
    const owner = plans.find((candidate) => overlaps(round, candidate));
    if (owner === undefined) continue;
    const left = daysBetween(today, round.deadline);
    const kind: ReminderKind | null = left < 0 ? 'overdue' : left <= daysBefore ? 'due' : null;
    if (kind === null) continue;
    for (const report of round.reports) {
      if (report.status !== 'draft' && report.status !== 'returned') continue;
      found.push({
        kind,
        actionPlan: owner.id,
        actionPlanTitle: owner.title,
        round: round.id,
        periodStart: round.periodStart,
        periodEnd: round.periodEnd,
        deadline: round.deadline,
        institution: report.institution,
        institutionName: names.get(report.institution) ?? report.institution,
        status: report.status,
        days: Math.abs(left),
      });
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return found.sort((a, b) => order(a.deadline, b.deadline) || order(a.round, b.round) || order(a.institution, b.institution));
}

/** A reminder written out for one reader: the subject and the plain text of a message. */
export type ReminderMessage = { subject: string; body: string };

/**
 * The reminder of one report in the reader's language: plan, round, period, deadline, how many
 * days are left or late, and the address of the report when Ariadne's public address is known.
 */
export function reminderMessage(
  t: Translate,
  language: Language,
  reminder: ReminderDue,
  options: { recipient?: string | undefined; link?: string | undefined } = {},
): ReminderMessage {
  const params = {
    plan: reminder.actionPlanTitle,
    planId: reminder.actionPlan,
    round: reminder.round,
    institution: reminder.institutionName,
    start: formatDate(reminder.periodStart, language),
    end: formatDate(reminder.periodEnd, language),
    deadline: formatDate(reminder.deadline, language),
    days: reminder.days,
  };
  const subject = reminder.kind === 'overdue' ? t('app.reminders.mail.subjectOverdue', params) : t('app.reminders.mail.subjectDue', params);
  const lines = [
    options.recipient === undefined ? t('app.reminders.mail.greetingAll') : t('app.reminders.mail.greeting', { name: options.recipient }),
    '',
    reminder.kind === 'overdue' ? t('app.reminders.mail.overdue', params) : t('app.reminders.mail.due', params),
    '',
    t('app.reminders.mail.plan', params),
    t('app.reminders.mail.round', params),
    t('app.reminders.mail.period', params),
    t('app.reminders.mail.deadline', params),
    '',
    options.link === undefined ? t('app.reminders.mail.noLink') : t('app.reminders.mail.link', { link: options.link }),
    '',
    t('app.reminders.mail.signature'),
  ];
  return { subject, body: lines.join('\n') };
}
