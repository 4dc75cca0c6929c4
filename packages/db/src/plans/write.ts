import { toMinorUnits, type Indicator, type PlanPackage, type Report } from '@ariadne/domain';
import type { Insertable, Transaction } from 'kysely';
import type { IndicatorTable, Schema } from '../schema.ts';
import { insertRows } from './batch.ts';
import {
  actionPlanColumns,
  activityColumns,
  goalColumns,
  indicatorColumns,
  objectiveColumns,
  recommendationColumns,
  riskColumns,
} from './columns.ts';

/** How many elements of each kind a strategy holds: for summaries, audit entries and the command line. */
export type PlanCounts = {
  goals: number;
  objectives: number;
  actionPlans: number;
  activities: number;
  indicators: number;
  costLines: number;
  recommendations: number;
  risks: number;
  rounds: number;
  reports: number;
};

export type WriteStrategyOptions = {
  participantId: number;
  /** The database key of every institution the package lists, by its id in the package. */
  institutionIds: ReadonlyMap<string, number>;
  /** A package that passed `validatePlanPackage` and `storageIssues`: its references all resolve. */
  plan: PlanPackage;
};

export type WrittenStrategy = { strategyId: number; counts: PlanCounts };

/**
 * Writes a package's strategy and everything under it into the tables of migration 0002, with a
 * few batched statements per table. Call it inside the transaction that also checks and audits
 * the import: it assumes the strategy's code and its action plans' codes are free.
 */
export async function writeStrategy(trx: Transaction<Schema>, options: WriteStrategyOptions): Promise<WrittenStrategy> {
  const { plan, participantId } = options;
  const strategy = plan.strategy;
  const institution = (code: string): number => resolve(options.institutionIds, code, 'institution');
  const optionalInstitution = (code: string | undefined): number | null => (code === undefined ? null : institution(code));

  const [created] = await insertRows(
    trx,
    'strategies',
    [
      {
        participant_id: participantId,
        code: strategy.id,
        title: strategy.title,
        period_start: strategy.periodStart,
        period_end: strategy.periodEnd,
        status: strategy.status,
        adopted_by: strategy.adoptedBy ?? null,
        adopted_on: strategy.adoptedOn ?? null,
        situation_analysis: strategy.situationAnalysis ?? null,
        principles: strategy.principles,
        estimated_total_cost: minorOrNull(strategy.estimatedTotalCost),
        has_monitoring_history: plan.monitoring !== undefined,
      },
    ],
    ['id'],
  );
  if (!created) throw new Error('the strategy row was not returned');
  const strategyId = created.id;

  await insertRows(
    trx,
    'strategy_institutions',
    plan.institutions.map((listed, position) => ({
      strategy_id: strategyId,
      participant_id: participantId,
      institution_id: institution(listed.id),
      position,
    })),
  );

  if (strategy.monitoring) {
    const monitoring = strategy.monitoring;
    await insertRows(trx, 'monitoring_arrangements', [
      {
        strategy_id: strategyId,
        body_institution_id: optionalInstitution(monitoring.body),
        reporting_frequency: monitoring.reportingFrequency ?? null,
        reports_to: monitoring.reportsTo ?? null,
      },
    ]);
    await insertRows(
      trx,
      'planned_evaluations',
      (monitoring.evaluations ?? []).map((evaluation, position) => ({
        strategy_id: strategyId,
        position,
        type: evaluation.type,
        year: evaluation.year,
      })),
    );
  }

  if (strategy.contingency) {
    const contingency = strategy.contingency;
    await insertRows(trx, 'contingency_plans', [{ strategy_id: strategyId, reserve_funds: minorOrNull(contingency.reserveFunds) }]);
    await insertRows(
      trx,
      'contingency_scenarios',
      contingency.scenarios.map((scenario, position) => ({
        strategy_id: strategyId,
        position,
        type: scenario.type,
        description: scenario.description,
      })),
    );
    await insertRows(
      trx,
      'minimum_services',
      contingency.minimumServices.map((description, position) => ({ strategy_id: strategyId, position, description })),
    );
  }

  const goalIds = byCode(
    await insertRows(
      trx,
      'goals',
      strategy.goals.map((goal, position) => ({
        strategy_id: strategyId,
        position,
        ...goalColumns(goal),
      })),
      ['id', 'code'],
    ),
  );

  const objectiveIds = byCode(
    await insertRows(
      trx,
      'objectives',
      strategy.goals.flatMap((goal) =>
        goal.objectives.map((objective, position) => ({
          strategy_id: strategyId,
          goal_id: resolve(goalIds, goal.id, 'goal'),
          position,
          ...objectiveColumns(objective),
        })),
      ),
      ['id', 'code'],
    ),
  );

  const recommendations = plan.recommendations ?? [];
  const recommendationIds = byCode(
    await insertRows(
      trx,
      'recommendations',
      recommendations.map((recommendation, position) => ({
        strategy_id: strategyId,
        position,
        ...recommendationColumns(recommendation),
      })),
      ['id', 'code'],
    ),
  );

  const risks = strategy.risks ?? [];
  await insertRows(
    trx,
    'risks',
    risks.map((risk, position) => ({
      strategy_id: strategyId,
      position,
      ...riskColumns(risk, optionalInstitution(risk.owner)),
    })),
  );

  const actionPlanIds = byCode(
    await insertRows(
      trx,
      'action_plans',
      plan.actionPlans.map((actionPlan, position) => ({
        strategy_id: strategyId,
        participant_id: participantId,
        position,
        ...actionPlanColumns(actionPlan),
        status: actionPlan.status,
        adopted_on: actionPlan.adoptedOn ?? null,
      })),
      ['id', 'code'],
    ),
  );

  const activities = plan.actionPlans.flatMap((actionPlan) =>
    actionPlan.activities.map((activity, position) => ({ actionPlanCode: actionPlan.id, activity, position })),
  );
  const activityIds = byCode(
    await insertRows(
      trx,
      'activities',
      activities.map(({ actionPlanCode, activity, position }) => ({
        strategy_id: strategyId,
        action_plan_id: resolve(actionPlanIds, actionPlanCode, 'action plan'),
        position,
        ...activityColumns(activity, {
          objective: resolve(objectiveIds, activity.objective, 'objective'),
          lead: optionalInstitution(activity.lead),
        }),
      })),
      ['id', 'code'],
    ),
  );

  await insertRows(
    trx,
    'activity_partners',
    activities.flatMap(({ activity }) =>
      (activity.partners ?? []).map((partner, position) => ({
        strategy_id: strategyId,
        activity_id: resolve(activityIds, activity.id, 'activity'),
        position,
        institution_id: institution(partner),
      })),
    ),
  );
  await insertRows(
    trx,
    'activity_recommendations',
    activities.flatMap(({ activity }) =>
      (activity.recommendations ?? []).map((recommendation, position) => ({
        strategy_id: strategyId,
        activity_id: resolve(activityIds, activity.id, 'activity'),
        position,
        recommendation_id: resolve(recommendationIds, recommendation, 'recommendation'),
      })),
    ),
  );
  const costLines = activities.flatMap(({ activity }) =>
    (activity.costs ?? []).map((cost, position) => ({
      strategy_id: strategyId,
      activity_id: resolve(activityIds, activity.id, 'activity'),
      position,
      year: cost.year,
      amount: toMinorUnits(cost.amount),
      source: cost.source,
      funder_institution_id: optionalInstitution(cost.funder),
      status: cost.status,
    })),
  );
  await insertRows(trx, 'cost_lines', costLines);

  // Objective and activity indicators share one table (and one namespace of ids).
  const indicators: { indicator: Indicator; row: Insertable<IndicatorTable> }[] = [];
  for (const goal of strategy.goals) {
    for (const objective of goal.objectives) {
      const objectiveId = resolve(objectiveIds, objective.id, 'objective');
      (objective.indicators ?? []).forEach((indicator, position) =>
        indicators.push({
          indicator,
          row: indicatorRow(strategyId, { objective_id: objectiveId, activity_id: null }, position, indicator),
        }),
      );
    }
  }
  for (const { activity } of activities) {
    const activityId = resolve(activityIds, activity.id, 'activity');
    (activity.indicators ?? []).forEach((indicator, position) =>
      indicators.push({ indicator, row: indicatorRow(strategyId, { objective_id: null, activity_id: activityId }, position, indicator) }),
    );
  }
  const indicatorIds = byCode(
    await insertRows(
      trx,
      'indicators',
      indicators.map(({ row }) => row),
      ['id', 'code'],
    ),
  );
  await insertRows(
    trx,
    'indicator_milestones',
    indicators.flatMap(({ indicator }) =>
      (indicator.milestones ?? []).map((milestone, position) => ({
        strategy_id: strategyId,
        indicator_id: resolve(indicatorIds, indicator.id, 'indicator'),
        position,
        value: milestone.value,
        year: milestone.year,
      })),
    ),
  );

  const rounds = plan.monitoring?.rounds ?? [];
  const reportCount = await writeMonitoringHistory(trx, strategyId, plan, { institution, activityIds, indicatorIds });

  return {
    strategyId,
    counts: {
      goals: strategy.goals.length,
      objectives: objectiveIds.size,
      actionPlans: plan.actionPlans.length,
      activities: activities.length,
      indicators: indicators.length,
      costLines: costLines.length,
      recommendations: recommendations.length,
      risks: risks.length,
      rounds: rounds.length,
      reports: reportCount,
    },
  };
}

/** Writes the rounds, reports, activity entries, spending, indicator values and their breakdowns. */
async function writeMonitoringHistory(
  trx: Transaction<Schema>,
  strategyId: number,
  plan: PlanPackage,
  refs: { institution: (code: string) => number; activityIds: ReadonlyMap<string, number>; indicatorIds: ReadonlyMap<string, number> },
): Promise<number> {
  const rounds = plan.monitoring?.rounds ?? [];
  if (rounds.length === 0) return 0;
  const roundIds = byCode(
    await insertRows(
      trx,
      'monitoring_rounds',
      rounds.map((round, position) => ({
        strategy_id: strategyId,
        position,
        code: round.id,
        period_start: round.periodStart,
        period_end: round.periodEnd,
        deadline: round.deadline,
      })),
      ['id', 'code'],
    ),
  );

  // Reports, entries and values have no code of their own: the inserted rows are matched to the
  // package by their parent's key and their position, which the statement returns with the key.
  const reports = rounds.flatMap((round) =>
    round.reports.map((report, position) => ({ roundId: resolve(roundIds, round.id, 'round'), report, position })),
  );
  const reportIds = byParentPosition(
    await insertRows(
      trx,
      'monitoring_reports',
      reports.map(({ roundId, report, position }) => ({
        strategy_id: strategyId,
        round_id: roundId,
        position,
        institution_id: refs.institution(report.institution),
        status: report.status,
        submitted_on: report.submittedOn ?? null,
      })),
      ['id', 'round_id', 'position'],
    ),
    (row) => row.round_id,
  );
  const reportId = (roundId: number, position: number) => resolve(reportIds, `${roundId}:${position}`, 'report');

  await writeReportEntries(
    trx,
    strategyId,
    reports.map(({ roundId, report, position }) => ({ reportId: reportId(roundId, position), report })),
    refs,
  );
  return reports.length;
}

function indicatorRow(
  strategyId: number,
  owner: { objective_id: number; activity_id: null } | { objective_id: null; activity_id: number },
  position: number,
  indicator: Indicator,
): Insertable<IndicatorTable> {
  return {
    strategy_id: strategyId,
    ...owner,
    position,
    ...indicatorColumns(indicator),
  };
}

function minorOrNull(amount: number | undefined): number | null {
  return amount === undefined ? null : toMinorUnits(amount);
}

function byCode(rows: readonly { id: number; code: string }[]): Map<string, number> {
  return new Map(rows.map((row) => [row.code, row.id]));
}

function byParentPosition<R extends { id: number; position: number }>(rows: readonly R[], parent: (row: R) => number): Map<string, number> {
  return new Map(rows.map((row) => [`${parent(row)}:${row.position}`, row.id]));
}

/** Looks up the key of a referenced element; a miss means the package was not validated first. */
function resolve(ids: ReadonlyMap<string, number>, code: string, kind: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`the package refers to the ${kind} "${code}", which was not written (was it validated?)`);
  return id;
}

/**
 * Writes what reports say (activity entries with their spending, indicator values with their
 * breakdowns) under reports already stored; the import writes every report's so, and saving a
 * report replaces its own with them.
 */
export async function writeReportEntries(
  trx: Transaction<Schema>,
  strategyId: number,
  reports: readonly { reportId: number; report: Pick<Report, 'activities' | 'indicatorValues'> }[],
  refs: { activityIds: ReadonlyMap<string, number>; indicatorIds: ReadonlyMap<string, number> },
): Promise<void> {
  const entries = reports.flatMap(({ reportId, report }) =>
    report.activities.map((entry, index) => ({ reportId, entry, position: index })),
  );
  const entryIds = byParentPosition(
    await insertRows(
      trx,
      'report_activities',
      entries.map(({ reportId: parent, entry, position }) => ({
        strategy_id: strategyId,
        report_id: parent,
        position,
        activity_id: resolve(refs.activityIds, entry.activity, 'activity'),
        status: entry.status,
        narrative: entry.narrative ?? null,
        obstacles: entry.obstacles ?? null,
      })),
      ['id', 'report_id', 'position'],
    ),
    (row) => row.report_id,
  );
  await insertRows(
    trx,
    'report_spending',
    entries.flatMap(({ reportId: parent, entry, position }) =>
      (entry.spent ?? []).map((spent, index) => ({
        report_activity_id: resolve(entryIds, `${parent}:${position}`, 'report entry'),
        position: index,
        source: spent.source,
        amount: toMinorUnits(spent.amount),
      })),
    ),
  );

  const values = reports.flatMap(({ reportId, report }) =>
    (report.indicatorValues ?? []).map((value, index) => ({ reportId, value, position: index })),
  );
  const valueIds = byParentPosition(
    await insertRows(
      trx,
      'indicator_values',
      values.map(({ reportId: parent, value, position }) => ({
        strategy_id: strategyId,
        report_id: parent,
        position,
        indicator_id: resolve(refs.indicatorIds, value.indicator, 'indicator'),
        value: value.value,
      })),
      ['id', 'report_id', 'position'],
    ),
    (row) => row.report_id,
  );
  await insertRows(
    trx,
    'indicator_value_breakdowns',
    values.flatMap(({ reportId: parent, value, position }) =>
      (value.breakdown ?? []).map((part, index) => ({
        indicator_value_id: resolve(valueIds, `${parent}:${position}`, 'indicator value'),
        position: index,
        dimension: part.dimension,
        category: part.category,
        value: part.value,
      })),
    ),
  );
}
