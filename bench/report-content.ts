// A focal point's report as the benchmarks fill it: the form the server answers, and a complete
// report for it that passes the domain's checks.
import { checkReport, flagKey, type ReportContent, type ReportForm } from '@ariadne/domain';

export type FormAnswer = Omit<ReportForm, 'report' | 'plan' | 'institution'> & {
  plan: { id: string };
  institution: { id: string };
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  version: number;
  content: ReportContent;
};

/** The domain's form of a report, from the server's answer, to check it as the browser does. */
export function formOf(answer: FormAnswer): ReportForm {
  return {
    plan: answer.plan.id,
    round: answer.round,
    institution: answer.institution.id,
    activities: answer.activities,
    indicators: answer.indicators,
    report: { institution: answer.institution.id, status: answer.status, activities: answer.content.activities },
  };
}

/** A complete report: every status, a word on every obstacle, every owed value with breakdowns that add up. */
export function filled(answer: FormAnswer): { content: ReportContent; confirmedFlags: string[] } {
  const activities = answer.activities
    .filter((activity) => activity.lead || answer.content.activities.some((entry) => entry.activity === activity.id))
    .map((activity) => {
      const status = answer.content.activities.find((entry) => entry.activity === activity.id)?.status ?? 'ongoing';
      return {
        activity: activity.id,
        status,
        narrative: 'Work went on as planned in the period.',
        ...(status === 'delayed' || status === 'cancelled' ? { obstacles: 'Staff were moved to other duties.' } : {}),
      };
    });
  const indicatorValues = answer.indicators
    .filter((indicator) => indicator.required)
    .map((indicator) => {
      const value =
        indicator.measure === 'yes_no' || indicator.measure === 'qualitative' ? 1 : Math.max(1, Math.round(indicator.previousValue ?? 10));
      const breakdown =
        indicator.measure === 'number'
          ? indicator.disaggregation.flatMap((dimension) =>
              (indicator.categories[dimension] ?? []).map((category, index) => ({ dimension, category, value: index === 0 ? value : 0 })),
            )
          : [];
      return {
        indicator: indicator.id,
        value: Math.min(value, indicator.measure === 'qualitative' ? (indicator.scale?.length ?? 1) - 1 : value),
        ...(breakdown.length > 0 ? { breakdown } : {}),
      };
    });
  const content = { activities, indicatorValues };
  const { problems, flags } = checkReport(formOf(answer), content, 'submit');
  if (problems.length > 0)
    throw new Error(`the filled report of ${answer.institution.id} has problems: ${JSON.stringify(problems.slice(0, 3))}`);
  return { content, confirmedFlags: flags.map(flagKey) };
}
