import { INDICATOR_STATUSES } from '../measures/progress.ts';
import { ACTIVITY_STATUSES, AREAS, FUNDING_SOURCES, FUNDING_STATUSES } from '../plan/vocabulary.ts';
import { barChart, SEQUENCE_COLOURS, stackedBarChart, type ChartDefinition, type ChartTexts } from './options.ts';

// The charts of the financial plan and of progress, defined once for the page and for documents.
// They take the figures in the shapes the API gives (measures.md) and the names of things in the
// reader's language; the values are written in the reader's number format.

/** Names a key (an area, a source, a status) in the reader's language. */
export type Labeller = (key: string) => string;

/** The colour of each funding source. */
export const FUNDING_SOURCE_COLOURS: Readonly<Record<string, string>> = {
  state_budget: '#1d4ed8',
  local_budget: '#0f766e',
  donor: '#7c3aed',
  other: '#52606d',
};

/** The colour of each funding status: secured green, pledged amber, unfunded red (always with their names). */
export const FUNDING_STATUS_COLOURS: Readonly<Record<string, string>> = {
  secured: '#15803d',
  pledged: '#b45309',
  unfunded: '#b91c1c',
};

/** The colour of each activity status. */
export const ACTIVITY_STATUS_COLOURS: Readonly<Record<string, string>> = {
  not_started: '#52606d',
  ongoing: '#1d4ed8',
  completed: '#15803d',
  delayed: '#b91c1c',
  cancelled: '#7c3aed',
};

/** The colour of each indicator status, the same as its badge's on the page. */
export const INDICATOR_STATUS_COLOURS: Readonly<Record<string, string>> = {
  achieved: '#15803d',
  on_track: '#1d4ed8',
  at_risk: '#b45309',
  off_track: '#b91c1c',
  no_data: '#52606d',
  not_measurable: '#3e4c59',
};

function amount(record: Readonly<Record<string, number>>, key: string): number {
  return Object.hasOwn(record, key) ? (record[key] ?? 0) : 0;
}

/** The keys of a record in a known order, then any others it has, in their own order. */
function orderedKeys(known: readonly string[], record: Readonly<Record<string, unknown>>): string[] {
  const present = Object.keys(record);
  return [...known.filter((key) => present.includes(key)), ...present.filter((key) => !known.includes(key))];
}

/** The resource plan as a chart: one bar per area, split by year (measures.md §1, the resource plan). */
export function resourcePlanChart(
  plan: { areas: readonly string[]; years: readonly number[]; cells: readonly { area: string; year: number; amount: number }[] },
  texts: ChartTexts & { currency: string; area: Labeller },
): ChartDefinition {
  const cell = new Map(plan.cells.map((c) => [`${c.area}\u0000${c.year}`, c.amount]));
  return stackedBarChart({
    ...texts,
    categories: plan.areas.map((area) => ({ key: area, label: texts.area(area) })),
    series: plan.years.map((year, index) => ({
      key: String(year),
      label: String(year),
      colour: SEQUENCE_COLOURS[index % SEQUENCE_COLOURS.length] ?? '#1d4ed8',
      values: plan.areas.map((area) => cell.get(`${area}\u0000${year}`) ?? 0),
    })),
  });
}

/** Planned costs by funding source, the four sources always shown (measures.md §1 `bySource`). */
export function fundingBySourceChart(
  bySource: Readonly<Record<string, number>>,
  texts: ChartTexts & { currency: string; name: string; source: Labeller },
): ChartDefinition {
  return barChart({
    ...texts,
    categories: orderedKeys(FUNDING_SOURCES, bySource).map((source) => ({
      key: source,
      label: texts.source(source),
      value: amount(bySource, source),
      colour: FUNDING_SOURCE_COLOURS[source],
    })),
  });
}

/** Planned costs by funding status: secured, pledged, unfunded (measures.md §1 `byStatus`). */
export function fundingByStatusChart(
  byStatus: Readonly<Record<string, number>>,
  texts: ChartTexts & { currency: string; name: string; status: Labeller },
): ChartDefinition {
  return barChart({
    ...texts,
    categories: orderedKeys(FUNDING_STATUSES, byStatus).map((status) => ({
      key: status,
      label: texts.status(status),
      value: amount(byStatus, status),
      colour: FUNDING_STATUS_COLOURS[status],
    })),
  });
}

/** Activities by area, each bar split by status (measures.md §2 `byArea`), areas in the order of the plan package. */
export function activitiesByAreaChart(
  byArea: Readonly<Record<string, Readonly<Record<string, number>>>>,
  texts: ChartTexts & { area: Labeller; status: Labeller },
): ChartDefinition {
  const areas = orderedKeys(AREAS, byArea);
  return stackedBarChart({
    ...texts,
    currency: undefined,
    categories: areas.map((area) => ({ key: area, label: texts.area(area) })),
    series: ACTIVITY_STATUSES.map((status) => ({
      key: status,
      label: texts.status(status),
      colour: ACTIVITY_STATUS_COLOURS[status] ?? '#52606d',
      values: areas.map((area) => amount(byArea[area] ?? {}, status)),
    })),
  });
}

/** How many indicators stand in each status (measures.md §2), every status shown. */
export function indicatorStatusChart(
  indicators: readonly { status: string }[],
  texts: ChartTexts & { name: string; status: Labeller },
): ChartDefinition {
  const counts: Record<string, number> = Object.fromEntries(INDICATOR_STATUSES.map((status) => [status, 0]));
  for (const indicator of indicators) counts[indicator.status] = (counts[indicator.status] ?? 0) + 1;
  return barChart({
    ...texts,
    currency: undefined,
    categories: orderedKeys(INDICATOR_STATUSES, counts).map((status) => ({
      key: status,
      label: texts.status(status),
      value: counts[status] ?? 0,
      colour: INDICATOR_STATUS_COLOURS[status],
    })),
  });
}

/** Budget execution: what was planned up to the as-of year beside what the reports say was spent (measures.md §2). */
export function budgetExecutionChart(
  budget: { plannedToDate: number; spent: number },
  texts: ChartTexts & { currency: string; name: string; planned: string; spent: string },
): ChartDefinition {
  return barChart({
    ...texts,
    categories: [
      { key: 'plannedToDate', label: texts.planned, value: budget.plannedToDate, colour: '#1d4ed8' },
      { key: 'spent', label: texts.spent, value: budget.spent, colour: '#0f766e' },
    ],
  });
}
