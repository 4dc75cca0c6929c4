import { AppError, plansWhere, type Actor } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { loadActionPlan } from './loadActionPlan.ts';

/**
 * A local coordinator reviews the reports about their own plan only: a report in a round of their
 * plan that names an activity of another plan is the national coordinator's to review (FORBIDDEN).
 * Those who review reports of the whole Participant pass.
 */
export async function requireReportWithinPlan(
  database: Database,
  actor: Actor,
  report: { participant: string; plan: string; round: string; institution: string },
): Promise<void> {
  const where = plansWhere(actor, 'report.review', report.participant);
  if (where === 'all') return;
  const loaded = await loadActionPlan(database, report.participant, report.plan);
  const ownActivities = new Set(
    loaded.plan.actionPlans.find((candidate) => candidate.id === report.plan)?.activities.map((activity) => activity.id),
  );
  const found = loaded.plan.monitoring?.rounds
    .find((candidate) => candidate.id === report.round)
    ?.reports.find((candidate) => candidate.institution === report.institution);
  // A missing round or report is answered by the review itself (NOT_FOUND).
  if (!found) return;
  const outside = found.activities.some((entry) => !ownActivities.has(entry.activity));
  if (!where.includes(report.plan) || outside || found.activities.length === 0) {
    throw new AppError('FORBIDDEN', {
      issues: [{ path: 'institution', key: 'report_outside_local_plan', params: { plan: report.plan } }],
      detail: `report of ${report.institution} in ${report.round} covers more than ${report.plan}`,
    });
  }
}
