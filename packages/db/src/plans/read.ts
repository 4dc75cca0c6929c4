import {
  ACTIVITY_STATUSES,
  AREAS,
  DISAGGREGATIONS,
  DOCUMENT_STATUSES,
  EVALUATION_TYPES,
  FREQUENCIES,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INDICATOR_LEVELS,
  INSTITUTION_TYPES,
  LEVELS,
  MEASURES,
  PRINCIPLES,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STRENGTHS,
  REPORT_STATUSES,
  RISK_CATEGORIES,
  SCENARIO_TYPES,
  TAGS,
  fromMinorUnits,
  type ActionPlan,
  type Activity,
  type Indicator,
  type PlanPackage,
  type Report,
  type Round,
  type Strategy,
} from '@ariadne/domain';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { IndicatorTable, Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/**
 * Finds a strategy and reads its package in one repeatable-read transaction, so that a replacement
 * running at the same time is seen entirely or not at all. `undefined` when nothing is found.
 */
export async function readPlanPackageSnapshot(
  db: Kysely<Schema>,
  locate: (trx: Transaction<Schema>) => Promise<number | undefined>,
): Promise<PlanPackage | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const strategyId = await locate(trx);
      return strategyId === undefined ? undefined : readPlanPackage(trx, strategyId);
    });
}

/**
 * Rebuilds the package of a strategy from its tables: the package that was imported, apart from
 * key order and from optional lists of elements given empty, which come back absent. Strings and
 * numbers come back exactly, money through integer minor units, every list in its order. The
 * Participant and the institutions are as the register has them now (it is shared by all the
 * Participant's strategies). Run it in one transaction so that a concurrent replacement cannot
 * tear it (the server's `exportPlanPackage` does).
 *
 * With `monitoring: false` the monitoring history is left out (most of a national plan's rows): for
 * views of the plan itself, such as the editor's outline.
 */
export async function readPlanPackage(
  executor: Executor,
  strategyId: number,
  options: { monitoring?: boolean } = {},
): Promise<PlanPackage> {
  const strategy = await executor
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .selectAll('strategies')
    .select([
      'participants.code as participant_code',
      'participants.name as participant_name',
      'participants.currency',
      'participants.locale',
    ])
    .where('strategies.id', '=', strategyId)
    .executeTakeFirst();
  if (!strategy) throw new Error(`no strategy with the key ${strategyId}`);

  const listed = await executor
    .selectFrom('strategy_institutions')
    .innerJoin('institutions', 'institutions.id', 'strategy_institutions.institution_id')
    .select(['institutions.id', 'institutions.code', 'institutions.name', 'institutions.type', 'institutions.level', 'institutions.area'])
    .where('strategy_institutions.strategy_id', '=', strategyId)
    .orderBy('strategy_institutions.position')
    .execute();
  const institutionCodes = new Map(listed.map((row) => [row.id, row.code]));
  const institution = (id: number): string => lookup(institutionCodes, id, 'institution');

  const arrangements = await executor
    .selectFrom('monitoring_arrangements')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .executeTakeFirst();
  const evaluations = await executor
    .selectFrom('planned_evaluations')
    .select(['type', 'year'])
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  const contingency = await executor.selectFrom('contingency_plans').selectAll().where('strategy_id', '=', strategyId).executeTakeFirst();
  const scenarios = await executor
    .selectFrom('contingency_scenarios')
    .select(['type', 'description'])
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  const services = await executor
    .selectFrom('minimum_services')
    .select('description')
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  const goals = await executor.selectFrom('goals').selectAll().where('strategy_id', '=', strategyId).orderBy('position').execute();
  const objectives = await executor
    .selectFrom('objectives')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('goal_id')
    .orderBy('position')
    .execute();
  const indicators = await executor
    .selectFrom('indicators')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('objective_id')
    .orderBy('activity_id')
    .orderBy('position')
    .execute();
  const milestones = await executor
    .selectFrom('indicator_milestones')
    .select(['indicator_id', 'value', 'year'])
    .where('strategy_id', '=', strategyId)
    .orderBy('indicator_id')
    .orderBy('position')
    .execute();
  const recommendations = await executor
    .selectFrom('recommendations')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  const risks = await executor.selectFrom('risks').selectAll().where('strategy_id', '=', strategyId).orderBy('position').execute();
  const actionPlans = await executor
    .selectFrom('action_plans')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  const activities = await executor
    .selectFrom('activities')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('action_plan_id')
    .orderBy('position')
    .execute();
  const partners = await executor
    .selectFrom('activity_partners')
    .select(['activity_id', 'institution_id'])
    .where('strategy_id', '=', strategyId)
    .orderBy('activity_id')
    .orderBy('position')
    .execute();
  const answered = await executor
    .selectFrom('activity_recommendations')
    .select(['activity_id', 'recommendation_id'])
    .where('strategy_id', '=', strategyId)
    .orderBy('activity_id')
    .orderBy('position')
    .execute();
  const costs = await executor
    .selectFrom('cost_lines')
    .select(['activity_id', 'year', 'amount', 'source', 'funder_institution_id', 'status'])
    .where('strategy_id', '=', strategyId)
    .orderBy('activity_id')
    .orderBy('position')
    .execute();

  const recommendationCodes = new Map(recommendations.map((row) => [row.id, row.code]));
  const objectiveCodes = new Map(objectives.map((row) => [row.id, row.code]));
  const activityCodes = new Map(activities.map((row) => [row.id, row.code]));
  const indicatorCodes = new Map(indicators.map((row) => [row.id, row.code]));

  const milestonesOf = groupBy(milestones, (row) => row.indicator_id);
  const toIndicator = (row: Selectable<IndicatorTable>): Indicator => ({
    id: row.code,
    name: row.name,
    level: member(INDICATOR_LEVELS, row.level),
    measure: member(MEASURES, row.measure),
    ...present('unit', row.unit),
    ...present('scale', row.scale),
    ...(row.baseline_value !== null && row.baseline_year !== null
      ? {
          baseline: {
            value: row.baseline_value,
            year: row.baseline_year,
            ...present('source', row.baseline_source),
          },
        }
      : {}),
    ...(row.target_value !== null && row.target_year !== null ? { target: { value: row.target_value, year: row.target_year } } : {}),
    ...nonEmpty(
      'milestones',
      (milestonesOf.get(row.id) ?? []).map((milestone) => ({ value: milestone.value, year: milestone.year })),
    ),
    ...present('meansOfVerification', row.means_of_verification),
    ...present('disaggregation', row.disaggregation?.map((value) => member(DISAGGREGATIONS, value)) ?? null),
  });
  const objectiveIndicators = groupBy(
    indicators.filter((row) => row.objective_id !== null),
    (row) => row.objective_id ?? 0,
  );
  const activityIndicators = groupBy(
    indicators.filter((row) => row.activity_id !== null),
    (row) => row.activity_id ?? 0,
  );

  const objectivesOf = groupBy(objectives, (row) => row.goal_id);
  const partnersOf = groupBy(partners, (row) => row.activity_id);
  const answeredOf = groupBy(answered, (row) => row.activity_id);
  const costsOf = groupBy(costs, (row) => row.activity_id);
  const activitiesOf = groupBy(activities, (row) => row.action_plan_id);

  const toActivity = (row: (typeof activities)[number]): Activity => ({
    id: row.code,
    objective: lookup(objectiveCodes, row.objective_id, 'objective'),
    title: row.title,
    ...present('lead', row.lead_institution_id === null ? null : institution(row.lead_institution_id)),
    ...nonEmpty(
      'partners',
      (partnersOf.get(row.id) ?? []).map((partner) => institution(partner.institution_id)),
    ),
    ...present('start', row.start_date),
    ...present('end', row.end_date),
    ...present('level', row.level === null ? null : member(LEVELS, row.level)),
    ...present('tags', row.tags?.map((tag) => member(TAGS, tag)) ?? null),
    ...nonEmpty(
      'costs',
      (costsOf.get(row.id) ?? []).map((cost) => ({
        year: cost.year,
        amount: fromMinorUnits(cost.amount),
        source: member(FUNDING_SOURCES, cost.source),
        ...present('funder', cost.funder_institution_id === null ? null : institution(cost.funder_institution_id)),
        status: member(FUNDING_STATUSES, cost.status),
      })),
    ),
    ...nonEmpty('indicators', (activityIndicators.get(row.id) ?? []).map(toIndicator)),
    ...nonEmpty(
      'recommendations',
      (answeredOf.get(row.id) ?? []).map((entry) => lookup(recommendationCodes, entry.recommendation_id, 'recommendation')),
    ),
  });

  const planStrategy: Strategy = {
    id: strategy.code,
    title: strategy.title,
    periodStart: strategy.period_start,
    periodEnd: strategy.period_end,
    status: member(DOCUMENT_STATUSES, strategy.status),
    ...present('adoptedBy', strategy.adopted_by),
    ...present('adoptedOn', strategy.adopted_on),
    ...present('situationAnalysis', strategy.situation_analysis),
    principles: strategy.principles.map((principle) => member(PRINCIPLES, principle)),
    ...(arrangements
      ? {
          monitoring: {
            ...present('body', arrangements.body_institution_id === null ? null : institution(arrangements.body_institution_id)),
            ...present(
              'reportingFrequency',
              arrangements.reporting_frequency === null ? null : member(FREQUENCIES, arrangements.reporting_frequency),
            ),
            ...present('reportsTo', arrangements.reports_to),
            ...nonEmpty(
              'evaluations',
              evaluations.map((evaluation) => ({ type: member(EVALUATION_TYPES, evaluation.type), year: evaluation.year })),
            ),
          },
        }
      : {}),
    ...present('estimatedTotalCost', strategy.estimated_total_cost === null ? null : fromMinorUnits(strategy.estimated_total_cost)),
    goals: goals.map((goal) => ({
      id: goal.code,
      area: member(AREAS, goal.area),
      ...present('label', goal.label),
      title: goal.title,
      objectives: (objectivesOf.get(goal.id) ?? []).map((objective) => ({
        id: objective.code,
        title: objective.title,
        ...nonEmpty('indicators', (objectiveIndicators.get(objective.id) ?? []).map(toIndicator)),
      })),
    })),
    ...nonEmpty(
      'risks',
      risks.map((risk) => ({
        id: risk.code,
        description: risk.description,
        category: member(RISK_CATEGORIES, risk.category),
        likelihood: member(SCORES, risk.likelihood),
        impact: member(SCORES, risk.impact),
        ...present('mitigation', risk.mitigation),
        ...present('owner', risk.owner_institution_id === null ? null : institution(risk.owner_institution_id)),
      })),
    ),
    ...(contingency
      ? {
          contingency: {
            scenarios: scenarios.map((scenario) => ({ type: member(SCENARIO_TYPES, scenario.type), description: scenario.description })),
            minimumServices: services.map((service) => service.description),
            ...present('reserveFunds', contingency.reserve_funds === null ? null : fromMinorUnits(contingency.reserve_funds)),
          },
        }
      : {}),
  };

  const plans: ActionPlan[] = actionPlans.map((actionPlan) => ({
    id: actionPlan.code,
    title: actionPlan.title,
    start: actionPlan.start_date,
    end: actionPlan.end_date,
    status: member(DOCUMENT_STATUSES, actionPlan.status),
    ...present('adoptedOn', actionPlan.adopted_on),
    activities: (activitiesOf.get(actionPlan.id) ?? []).map(toActivity),
  }));

  const withMonitoring = options.monitoring ?? true;
  const rounds = withMonitoring ? await readRounds(executor, strategyId, { institution, activityCodes, indicatorCodes }) : [];
  // A monitoring section with no round yet is kept too, so that it is exported as it came.
  const monitoring = withMonitoring && (strategy.has_monitoring_history || rounds.length > 0) ? { monitoring: { rounds } } : {};

  return {
    format: 'ariadne.plan-package',
    version: 1,
    participant: {
      code: strategy.participant_code,
      name: strategy.participant_name,
      currency: strategy.currency,
      ...present('locale', strategy.locale),
    },
    institutions: listed.map((row) => ({
      id: row.code,
      name: row.name,
      type: member(INSTITUTION_TYPES, row.type),
      level: member(LEVELS, row.level),
      ...present('area', row.area),
    })),
    strategy: planStrategy,
    actionPlans: plans,
    ...nonEmpty(
      'recommendations',
      recommendations.map((recommendation) => ({
        id: recommendation.code,
        source: member(RECOMMENDATION_SOURCES, recommendation.source),
        ...present('reference', recommendation.reference),
        year: recommendation.year,
        text: recommendation.text,
        ...present('strength', recommendation.strength === null ? null : member(RECOMMENDATION_STRENGTHS, recommendation.strength)),
      })),
    ),
    ...monitoring,
  };
}

/** The monitoring history: rounds with their reports, entries, spending and indicator values. */
async function readRounds(
  executor: Executor,
  strategyId: number,
  refs: { institution: (id: number) => string; activityCodes: ReadonlyMap<number, string>; indicatorCodes: ReadonlyMap<number, string> },
): Promise<Round[]> {
  const rounds = await executor
    .selectFrom('monitoring_rounds')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  const reports = await executor
    .selectFrom('monitoring_reports')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('round_id')
    .orderBy('position')
    .execute();
  const entries = await executor
    .selectFrom('report_activities')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('report_id')
    .orderBy('position')
    .execute();
  const spending = await executor
    .selectFrom('report_spending')
    .innerJoin('report_activities', 'report_activities.id', 'report_spending.report_activity_id')
    .select(['report_spending.report_activity_id', 'report_spending.source', 'report_spending.amount'])
    .where('report_activities.strategy_id', '=', strategyId)
    .orderBy('report_spending.report_activity_id')
    .orderBy('report_spending.position')
    .execute();
  const values = await executor
    .selectFrom('indicator_values')
    .selectAll()
    .where('strategy_id', '=', strategyId)
    .orderBy('report_id')
    .orderBy('position')
    .execute();
  const breakdowns = await executor
    .selectFrom('indicator_value_breakdowns')
    .innerJoin('indicator_values', 'indicator_values.id', 'indicator_value_breakdowns.indicator_value_id')
    .select([
      'indicator_value_breakdowns.indicator_value_id',
      'indicator_value_breakdowns.dimension',
      'indicator_value_breakdowns.category',
      'indicator_value_breakdowns.value',
    ])
    .where('indicator_values.strategy_id', '=', strategyId)
    .orderBy('indicator_value_breakdowns.indicator_value_id')
    .orderBy('indicator_value_breakdowns.position')
    .execute();

  const reportsOf = groupBy(reports, (row) => row.round_id);
  const entriesOf = groupBy(entries, (row) => row.report_id);
  const spendingOf = groupBy(spending, (row) => row.report_activity_id);
  const valuesOf = groupBy(values, (row) => row.report_id);
  const breakdownsOf = groupBy(breakdowns, (row) => row.indicator_value_id);

  const toReport = (report: (typeof reports)[number]): Report => ({
    institution: refs.institution(report.institution_id),
    status: member(REPORT_STATUSES, report.status),
    ...present('submittedOn', report.submitted_on),
    activities: (entriesOf.get(report.id) ?? []).map((entry) => ({
      activity: lookup(refs.activityCodes, entry.activity_id, 'activity'),
      status: member(ACTIVITY_STATUSES, entry.status),
      ...nonEmpty(
        'spent',
        (spendingOf.get(entry.id) ?? []).map((spent) => ({
          source: member(FUNDING_SOURCES, spent.source),
          amount: fromMinorUnits(spent.amount),
        })),
      ),
      ...present('narrative', entry.narrative),
      ...present('obstacles', entry.obstacles),
    })),
    ...nonEmpty(
      'indicatorValues',
      (valuesOf.get(report.id) ?? []).map((value) => ({
        indicator: lookup(refs.indicatorCodes, value.indicator_id, 'indicator'),
        value: value.value,
        ...nonEmpty(
          'breakdown',
          (breakdownsOf.get(value.id) ?? []).map((part) => ({ dimension: part.dimension, category: part.category, value: part.value })),
        ),
      })),
    ),
  });

  return rounds.map((round) => ({
    id: round.code,
    periodStart: round.period_start,
    periodEnd: round.period_end,
    deadline: round.deadline,
    reports: (reportsOf.get(round.id) ?? []).map(toReport),
  }));
}

const SCORES = [1, 2, 3, 4, 5] as const;

/** Narrows a stored value to its closed list; the table's CHECK constraint makes a miss a corruption. */
function member<T extends string | number>(values: readonly T[], value: string | number): T {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`stored value ${String(value)} is not one of ${values.join(', ')}`);
  return found;
}

/** `{ key: value }` for a value that was given, `{}` for NULL: optional fields are omitted, not null. */
function present<K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> {
  return value === null ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

/** `{ key: list }` for a list with elements, `{}` for none: an optional list given empty comes back absent. */
function nonEmpty<K extends string, V>(key: K, values: V[]): Partial<Record<K, V[]>> {
  return values.length === 0 ? {} : ({ [key]: values } as Partial<Record<K, V[]>>);
}

function groupBy<R>(rows: readonly R[], key: (row: R) => number): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function lookup(codes: ReadonlyMap<number, string>, id: number, kind: string): string {
  const code = codes.get(id);
  if (code === undefined) throw new Error(`the ${kind} with the key ${id} is referred to but not part of the strategy`);
  return code;
}
