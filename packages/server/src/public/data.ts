import {
  PORTAL_COLUMN_TEXTS,
  fromMinorUnits,
  indicatorSeries,
  isSmallCount,
  planProgress,
  toMinorUnits,
  type Indicator,
  type PlanPackage,
} from '@ariadne/domain';

// The open data of a published action plan: its activities, its indicators' values round by
// round, and the plan package. The columns below are the files' schema: their names and order are
// stable, new columns are only ever added at the end.

/** The licence every published dataset is under. */
export const LICENCE = { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

export type Cell = string | number | null;
export type DatasetKind = 'activities' | 'indicators';

/** One column of a dataset: its name in the files and the catalogue key of what it means. */
export type Column = { name: string; text: string };

export const ACTIVITY_COLUMNS: readonly Column[] = [
  { name: 'plan', text: PORTAL_COLUMN_TEXTS.plan },
  { name: 'goal', text: PORTAL_COLUMN_TEXTS.goal },
  { name: 'objective', text: PORTAL_COLUMN_TEXTS.objective },
  { name: 'activity', text: PORTAL_COLUMN_TEXTS.activity },
  { name: 'title', text: PORTAL_COLUMN_TEXTS.title },
  { name: 'lead', text: PORTAL_COLUMN_TEXTS.lead },
  { name: 'lead_name', text: PORTAL_COLUMN_TEXTS.leadName },
  { name: 'start', text: PORTAL_COLUMN_TEXTS.start },
  { name: 'end', text: PORTAL_COLUMN_TEXTS.end },
  { name: 'status', text: PORTAL_COLUMN_TEXTS.status },
  { name: 'planned_cost', text: PORTAL_COLUMN_TEXTS.plannedCost },
  { name: 'currency', text: PORTAL_COLUMN_TEXTS.currency },
];

export const INDICATOR_COLUMNS: readonly Column[] = [
  { name: 'plan', text: PORTAL_COLUMN_TEXTS.plan },
  { name: 'indicator', text: PORTAL_COLUMN_TEXTS.indicator },
  { name: 'name', text: PORTAL_COLUMN_TEXTS.name },
  { name: 'measure', text: PORTAL_COLUMN_TEXTS.measure },
  { name: 'unit', text: PORTAL_COLUMN_TEXTS.unit },
  { name: 'kind', text: PORTAL_COLUMN_TEXTS.kind },
  { name: 'round', text: PORTAL_COLUMN_TEXTS.round },
  { name: 'year', text: PORTAL_COLUMN_TEXTS.year },
  { name: 'dimension', text: PORTAL_COLUMN_TEXTS.dimension },
  { name: 'category', text: PORTAL_COLUMN_TEXTS.categoryCol },
  { name: 'value', text: PORTAL_COLUMN_TEXTS.valueCol },
];

export function columnsOf(kind: DatasetKind): readonly Column[] {
  return kind === 'activities' ? ACTIVITY_COLUMNS : INDICATOR_COLUMNS;
}

/** A value as published: the number, or "< threshold" for a small count. */
export function publicCell(indicator: Pick<Indicator, 'measure'>, value: number, threshold: number): Cell {
  return isSmallCount(indicator.measure, value, threshold) ? `< ${threshold}` : value;
}

/** Rows of the activities of an action plan, in plan order, statuses as of `asOf`. */
export function activityRows(pkg: PlanPackage, planId: string, asOf: string): Cell[][] {
  const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (!plan) return [];
  const goalOf = new Map<string, string>();
  for (const goal of pkg.strategy.goals) for (const objective of goal.objectives) goalOf.set(objective.id, goal.id);
  const names = new Map(pkg.institutions.map((institution) => [institution.id, institution.name]));
  const status = new Map(planProgress(pkg, planId, asOf, planId).activities.items.map((item) => [item.id, item.status]));
  return plan.activities.map((activity) => {
    let cost = 0;
    for (const line of activity.costs ?? []) cost += toMinorUnits(line.amount);
    return [
      plan.id,
      goalOf.get(activity.objective) ?? null,
      activity.objective,
      activity.id,
      activity.title,
      activity.lead ?? null,
      activity.lead === undefined ? null : (names.get(activity.lead) ?? null),
      activity.start ?? null,
      activity.end ?? null,
      status.get(activity.id) ?? 'not_started',
      fromMinorUnits(cost),
      pkg.participant.currency,
    ];
  });
}

/** The indicators in the scope of an action plan (measures.md), in package order. */
export function planIndicators(pkg: PlanPackage, planId: string): Indicator[] {
  const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (!plan) return [];
  const indicators: Indicator[] = [];
  for (const goal of pkg.strategy.goals) for (const objective of goal.objectives) indicators.push(...(objective.indicators ?? []));
  for (const activity of plan.activities) indicators.push(...(activity.indicators ?? []));
  return indicators;
}

/** Rows of the indicators of an action plan: the baseline, each round's value and breakdown, the target. */
export function indicatorRows(pkg: PlanPackage, planId: string, threshold: number): Cell[][] {
  const rows: Cell[][] = [];
  for (const indicator of planIndicators(pkg, planId)) {
    const head: Cell[] = [planId, indicator.id, indicator.name, indicator.measure, indicator.unit ?? null];
    if (indicator.baseline) {
      rows.push([
        ...head,
        'baseline',
        null,
        indicator.baseline.year,
        null,
        null,
        publicCell(indicator, indicator.baseline.value, threshold),
      ]);
    }
    const series = indicatorSeries(pkg, planId, indicator.id);
    for (const round of series.rounds) {
      if (round.value === null) continue;
      const year = Number(round.periodEnd.slice(0, 4));
      rows.push([...head, 'value', round.id, year, null, null, publicCell(indicator, round.value, threshold)]);
      for (const dimension of round.breakdown) {
        for (const category of dimension.categories) {
          rows.push([
            ...head,
            'value',
            round.id,
            year,
            dimension.dimension,
            category.category,
            publicCell(indicator, category.value, threshold),
          ]);
        }
      }
    }
    if (indicator.target) rows.push([...head, 'target', null, indicator.target.year, null, null, indicator.target.value]);
  }
  return rows;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  let text = String(cell);
  // A text a spreadsheet would take for a formula is written as text.
  if (typeof cell === 'string' && /^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row, lines ended by CRLF. */
export function toCsv(columns: readonly Column[], rows: readonly Cell[][]): string {
  const lines = [columns.map((column) => column.name).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON form of a dataset: what it is, its licence and update, its columns, one object per row. */
export function toJson(input: {
  dataset: string;
  title: string;
  updated: string;
  columns: readonly Column[];
  describe: (key: string) => string;
  rows: readonly Cell[][];
  threshold: number;
}): unknown {
  return {
    dataset: input.dataset,
    title: input.title,
    licence: LICENCE,
    updated: input.updated,
    smallCountThreshold: input.threshold,
    columns: input.columns.map((column) => ({ name: column.name, description: input.describe(column.text) })),
    rows: input.rows.map((row) => Object.fromEntries(input.columns.map((column, index) => [column.name, row[index] ?? null]))),
  };
}

/**
 * The plan package of a published action plan: the strategy and that plan alone, without the
 * monitoring reports (they hold exact counts and the focal points' words), baselines that are
 * small counts left out.
 */
export function publicPackage(pkg: PlanPackage, planId: string, threshold: number): PlanPackage {
  const strip = (indicator: Indicator): Indicator => {
    if (!indicator.baseline || !isSmallCount(indicator.measure, indicator.baseline.value, threshold)) return indicator;
    const { baseline: _baseline, ...rest } = indicator;
    return rest;
  };
  const { monitoring: _monitoring, ...rest } = pkg;
  return {
    ...rest,
    strategy: {
      ...pkg.strategy,
      goals: pkg.strategy.goals.map((goal) => ({
        ...goal,
        objectives: goal.objectives.map((objective) =>
          objective.indicators ? { ...objective, indicators: objective.indicators.map(strip) } : objective,
        ),
      })),
    },
    actionPlans: pkg.actionPlans
      .filter((plan) => plan.id === planId)
      .map((plan) => ({
        ...plan,
        activities: plan.activities.map((activity) =>
          activity.indicators ? { ...activity, indicators: activity.indicators.map(strip) } : activity,
        ),
      })),
  };
}
