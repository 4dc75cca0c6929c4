import { AppError } from '../errors.ts';
import type { PlanPackage, Report, Round } from '../plan/package.ts';

/** An institution that owes a report for a plan in a period, with what it reports on. */
export type ResponsibleInstitution = { institution: string; activities: string[]; indicators: string[] };

/**
 * The institutions that report on an action plan for a period: the lead or a partner of at least
 * one of its activities active in the period (dates overlap; an activity without dates is active
 * over the whole plan). `indicators` are those of the activities it leads. Sorted by institution id.
 */
export function responsibleInstitutions(
  plan: PlanPackage,
  planId: string,
  period: { start: string; end: string },
): ResponsibleInstitution[] {
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === planId);
  if (actionPlan === undefined) throw new AppError('NOT_FOUND', { detail: `no action plan ${planId}` });
  const byInstitution = new Map<string, ResponsibleInstitution>();
  const entry = (institution: string): ResponsibleInstitution => {
    let found = byInstitution.get(institution);
    if (found === undefined) {
      found = { institution, activities: [], indicators: [] };
      byInstitution.set(institution, found);
    }
    return found;
  };
  for (const activity of actionPlan.activities) {
    const start = activity.start ?? actionPlan.start;
    const end = activity.end ?? actionPlan.end;
    if (start > period.end || end < period.start) continue;
    if (activity.lead !== undefined) {
      const lead = entry(activity.lead);
      lead.activities.push(activity.id);
      for (const indicator of activity.indicators ?? []) lead.indicators.push(indicator.id);
    }
    for (const partner of activity.partners ?? []) {
      if (partner === activity.lead) continue;
      const owner = entry(partner);
      if (!owner.activities.includes(activity.id)) owner.activities.push(activity.id);
    }
  }
  return [...byInstitution.values()].sort((a, b) => (a.institution < b.institution ? -1 : a.institution > b.institution ? 1 : 0));
}

export const BOARD_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'accepted', 'overdue'] as const;
/** Where an institution stands in a round, as the who-has-reported board shows it. */
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export type TimelinessEntry = { round: string; deadline: string; submittedOn: string | null; onTime: boolean | null };

export type BoardRow = {
  institution: string;
  name: string;
  status: BoardStatus;
  submittedOn: string | null;
  onTime: boolean | null;
  history: TimelinessEntry[];
};

export type RoundBoard = {
  round: { id: string; periodStart: string; periodEnd: string; deadline: string };
  counts: Record<BoardStatus, number>;
  institutions: BoardRow[];
};

/** Tells whether nothing has been saved in a report yet. */
export function reportIsEmpty(report: Report): boolean {
  return report.activities.length === 0 && (report.indicatorValues ?? []).length === 0;
}

/**
 * A report's place on the board as of `today`: a draft with nothing in it is `not_started`; past
 * the deadline, a report neither submitted nor accepted is `overdue`.
 */
export function boardStatus(report: Report, deadline: string, today: string): BoardStatus {
  return boardStatusOf(report.status, reportIsEmpty(report), deadline, today);
}

/** The same, from a report's status and whether anything is saved in it. */
export function boardStatusOf(status: Report['status'], empty: boolean, deadline: string, today: string): BoardStatus {
  if (status === 'submitted' || status === 'accepted') return status;
  if (today > deadline) return 'overdue';
  if (status === 'draft' && empty) return 'not_started';
  return status;
}

/** On time: submitted by the deadline; late: submitted after it, or not at all once it has passed; unknown before. */
export function timeliness(submittedOn: string | null, deadline: string, today: string): boolean | null {
  if (submittedOn !== null) return submittedOn <= deadline;
  return today > deadline ? false : null;
}

/** Counts of each board status, every status present. */
export function emptyCounts(): Record<BoardStatus, number> {
  return { not_started: 0, draft: 0, submitted: 0, returned: 0, accepted: 0, overdue: 0 };
}

/** The counts of a round's board as of `today`. */
export function boardCounts(round: Round, today: string): Record<BoardStatus, number> {
  const counts = emptyCounts();
  for (const report of round.reports) counts[boardStatus(report, round.deadline, today)] += 1;
  return counts;
}

/**
 * Who has reported in a round, as of `today`: each institution's status, when it submitted and
 * whether on time, and its timeliness in this and the earlier rounds (by period end).
 */
export function roundBoard(plan: PlanPackage, roundId: string, today: string): RoundBoard {
  const rounds = plan.monitoring?.rounds ?? [];
  const round = rounds.find((candidate) => candidate.id === roundId);
  if (round === undefined) throw new AppError('NOT_FOUND', { detail: `no round ${roundId}` });
  const names = new Map(plan.institutions.map((institution) => [institution.id, institution.name]));
  const earlier = rounds
    .filter((candidate) => candidate.periodEnd <= round.periodEnd)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0));
  const institutions = round.reports
    .map((report): BoardRow => {
      const submittedOn = report.submittedOn ?? null;
      const history = earlier.flatMap((past): TimelinessEntry[] => {
        const pastReport = past.reports.find((candidate) => candidate.institution === report.institution);
        if (pastReport === undefined) return [];
        const pastSubmitted = pastReport.submittedOn ?? null;
        return [
          { round: past.id, deadline: past.deadline, submittedOn: pastSubmitted, onTime: timeliness(pastSubmitted, past.deadline, today) },
        ];
      });
      return {
        institution: report.institution,
        name: names.get(report.institution) ?? report.institution,
        status: boardStatus(report, round.deadline, today),
        submittedOn,
        onTime: timeliness(submittedOn, round.deadline, today),
        history,
      };
    })
    .sort((a, b) => (a.institution < b.institution ? -1 : a.institution > b.institution ? 1 : 0));
  return {
    round: { id: round.id, periodStart: round.periodStart, periodEnd: round.periodEnd, deadline: round.deadline },
    counts: boardCounts(round, today),
    institutions,
  };
}
