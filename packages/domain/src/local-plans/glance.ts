import { compareRounds, type ProgressResult } from '../measures/progress.ts';
import { shareOf } from '../measures/scope.ts';
import { boardStatus, responsibleInstitutions } from '../monitoring/board.ts';
import type { PlanPackage } from '../plan/package.ts';
import type { DocumentStatus } from '../plan/vocabulary.ts';

/** One activity of a local plan and the national activity it implements. */
export type ActivityLink = { activity: string; national: string; nationalPlan: string };

/** A local plan at a glance, for the national coordinator (seed §5.2). */
export type LocalPlanGlance = {
  plan: string;
  title: string;
  status: DocumentStatus;
  start: string;
  end: string;
  activities: number;
  /** Shares of the plan's activities completed, ongoing and delayed as of the date (measures.md §2); `null` without activities. */
  shares: { completed: number | null; ongoing: number | null; delayed: number | null };
  /**
   * The latest monitoring round that covers the plan's period: the institutions that owe a report
   * on the plan's activities, how many have sent it (submitted or accepted) and how many are late.
   */
  latestRound: { id: string; deadline: string; expected: number; received: number; overdue: number } | null;
  /** The national activities its activities implement, sorted, each once. */
  implements: string[];
};

/** Summarises a local plan of `pkg` from its progress figures and the reports of its latest round, as of `today`. */
export function localPlanGlance(
  pkg: PlanPackage,
  planId: string,
  progress: ProgressResult,
  links: readonly ActivityLink[],
  today: string,
): LocalPlanGlance {
  const actionPlan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (actionPlan === undefined) throw new Error(`no action plan ${planId}`);
  const total = progress.activities.total;
  const latest = (pkg.monitoring?.rounds ?? [])
    .filter((round) => round.periodStart <= actionPlan.end && round.periodEnd >= actionPlan.start)
    .sort(compareRounds)
    .at(-1);
  let latestRound: LocalPlanGlance['latestRound'] = null;
  if (latest !== undefined) {
    const owing = responsibleInstitutions(pkg, planId, { start: latest.periodStart, end: latest.periodEnd });
    let received = 0;
    let overdue = 0;
    for (const { institution } of owing) {
      const report = latest.reports.find((candidate) => candidate.institution === institution);
      // An institution without a report in the round owes one all the same.
      const status = report ? boardStatus(report, latest.deadline, today) : today > latest.deadline ? 'overdue' : 'not_started';
      if (status === 'submitted' || status === 'accepted') received += 1;
      else if (status === 'overdue') overdue += 1;
    }
    latestRound = { id: latest.id, deadline: latest.deadline, expected: owing.length, received, overdue };
  }
  const ownActivities = new Set(actionPlan.activities.map((activity) => activity.id));
  return {
    plan: planId,
    title: actionPlan.title,
    status: actionPlan.status,
    start: actionPlan.start,
    end: actionPlan.end,
    activities: total,
    shares: {
      completed: shareOf(progress.activities.byStatus.completed, total),
      ongoing: shareOf(progress.activities.byStatus.ongoing, total),
      delayed: shareOf(progress.activities.byStatus.delayed, total),
    },
    latestRound,
    implements: [...new Set(links.filter((link) => ownActivities.has(link.activity)).map((link) => link.national))].sort(),
  };
}
