import type { PlanFinance, PlanProgress, PlanReview, StrategyItem } from '../api.ts';

/** Demoland's strategy with its two action plans, as the strategies list gives it. */
export const STRATEGIES: { items: StrategyItem[] } = {
  items: [
    {
      id: 'NS-2021-2024',
      title: 'National Strategy for Combating Trafficking in Human Beings 2021-2024',
      periodStart: 2021,
      periodEnd: 2024,
      status: 'adopted',
      actionPlans: [
        { id: 'AP-2021-2022', title: 'Action Plan 2021-2022', start: '2021-01-01', end: '2022-12-31', status: 'adopted' },
        { id: 'AP-2023-2024', title: 'Action Plan 2023-2024', start: '2023-01-01', end: '2024-12-31', status: 'draft' },
      ],
    },
  ],
};

/** A review with findings in three of the five groups. */
export const REVIEW: PlanReview = {
  plan: 'DL/AP-2021-2022',
  findings: [
    { rule: 'R05', severity: 'error', subject: 'A1.2.3', message: 'Activity A1.2.3 has no lead institution.' },
    { rule: 'R08', severity: 'warning', subject: 'A1.2.2', message: 'Activity A1.2.2 has no cost line.' },
    { rule: 'R08', severity: 'warning', subject: 'A4.1.1', message: 'Activity A4.1.1 has no cost line.' },
    { rule: 'R10', severity: 'warning', subject: 'O1.3-I1', message: 'Indicator O1.3-I1 has no baseline.' },
    { rule: 'R23', severity: 'info', subject: null, message: '175,000.00 EUR of the planned costs are unfunded, in 11 activities.' },
  ],
  summary: { error: 1, warning: 3, info: 1, byRule: { R05: 1, R08: 2, R10: 1, R23: 1 } },
};

/** Demoland's financial plan of AP-2021-2022. */
export const FINANCE: PlanFinance = {
  plan: 'DL/AP-2021-2022',
  currency: 'EUR',
  total: 1181500,
  byYear: { '2021': 501500, '2022': 680000 },
  byArea: { supporting_framework: 186500, prevention: 221500, protection: 527000, prosecution: 172000, children: 74500 },
  bySource: { state_budget: 612500, local_budget: 51000, donor: 518000, other: 0 },
  byStatus: { secured: 735000, pledged: 271500, unfunded: 175000 },
  stateShare: 0.5184,
  fundingGap: 175000,
  ngoShare: 0.3644,
  unfundedActivities: ['A1.3.1', 'A2.1.1'],
};

/** Progress as of a date, with one indicator past its target and one below its baseline. */
export function progressAsOf(asOf: string): PlanProgress {
  return {
    plan: 'DL/AP-2021-2022',
    asOf,
    activities: {
      total: 4,
      byStatus: { not_started: 1, ongoing: 1, completed: 1, delayed: 1, cancelled: 0 },
      implementationRate: 0.25,
      byArea: {
        prevention: { not_started: 1, ongoing: 0, completed: 1, delayed: 0, cancelled: 0 },
        protection: { not_started: 0, ongoing: 1, completed: 0, delayed: 1, cancelled: 0 },
      },
      items: [
        { id: 'A1.1.1', status: 'completed' },
        { id: 'A1.1.2', status: 'not_started' },
        { id: 'A2.1.1', status: 'ongoing' },
        { id: 'A2.1.2', status: 'delayed' },
      ],
    },
    indicators: [
      { id: 'A1.1.1-I1', baseline: 0, target: 20, actual: 27, progress: 1.35, expected: 0.5, status: 'achieved' },
      { id: 'A2.1.1-I1', baseline: 10, target: 20, actual: 8, progress: -0.2, expected: 0.5, status: 'off_track' },
      { id: 'A2.1.2-I1', baseline: null, target: 5, actual: null, progress: null, expected: null, status: 'not_measurable' },
    ],
    budget: { plannedToDate: 501500, spent: 250750.5, execution: 0.5 },
  };
}
