import { AREAS, DOCUMENT_STATUSES, PRINCIPLES, type Area, type DocumentStatus, type Institution, type Principle } from '@ariadne/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';
import { insertRows } from './batch.ts';
import type { PlanCounts } from './write.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** A strategy's database key and its Participant's, found by the codes people use. */
export type StrategyKey = { id: number; participantId: number };

/** Finds a strategy by its address, `PARTICIPANT/STRATEGY_ID`. */
export async function findStrategy(executor: Executor, participant: string, strategy: string): Promise<StrategyKey | undefined> {
  const row = await executor
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select(['strategies.id', 'strategies.participant_id'])
    .where('participants.code', '=', participant)
    .where('strategies.code', '=', strategy)
    .executeTakeFirst();
  return row ? { id: row.id, participantId: row.participant_id } : undefined;
}

/** A strategy in a Participant's list, with its action plans. */
export type StrategyListItem = {
  id: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  status: DocumentStatus;
  actionPlans: { id: string; title: string; start: string; end: string; status: DocumentStatus }[];
};

/** A strategy with its Participant and principles: what lists of strategies and the regional picture need. */
export type StrategyOutline = StrategyListItem & {
  participant: { code: string; name: string; currency: string };
  principles: Principle[];
};

/**
 * Lists strategies, of one Participant or of all, by Participant code, first year, then id, each
 * with its action plans in order: two queries however many strategies there are.
 */
export async function listStrategyOutlines(executor: Executor, participant?: string): Promise<StrategyOutline[]> {
  let query = executor
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select([
      'strategies.id',
      'strategies.code',
      'strategies.title',
      'strategies.period_start',
      'strategies.period_end',
      'strategies.status',
      'strategies.principles',
      'participants.code as participant_code',
      'participants.name as participant_name',
      'participants.currency',
    ])
    .orderBy('participants.code')
    .orderBy('strategies.period_start')
    .orderBy('strategies.code');
  if (participant !== undefined) query = query.where('participants.code', '=', participant);
  const strategies = await query.execute();
  if (strategies.length === 0) return [];
  const plans = await executor
    .selectFrom('action_plans')
    .select(['strategy_id', 'code', 'title', 'start_date', 'end_date', 'status'])
    .where(
      'strategy_id',
      'in',
      strategies.map((strategy) => strategy.id),
    )
    .orderBy('strategy_id')
    .orderBy('position')
    .execute();
  return strategies.map((strategy) => ({
    participant: { code: strategy.participant_code, name: strategy.participant_name, currency: strategy.currency },
    id: strategy.code,
    title: strategy.title,
    periodStart: strategy.period_start,
    periodEnd: strategy.period_end,
    status: documentStatus(strategy.status),
    principles: strategy.principles.map(principle),
    actionPlans: plans
      .filter((plan) => plan.strategy_id === strategy.id)
      .map((plan) => ({
        id: plan.code,
        title: plan.title,
        start: plan.start_date,
        end: plan.end_date,
        status: documentStatus(plan.status),
      })),
  }));
}

/** A goal as the thematic comparison of strategies needs it: no objectives. */
export type GoalOutline = { id: string; area: Area; label?: string; title: string; objectives: [] };

/**
 * The goals of strategies named by Participant and strategy code, in their order, keyed
 * `participant/strategy`: one query however many strategies are asked for.
 */
export async function listGoalOutlines(
  executor: Executor,
  strategies: readonly { participant: string; strategy: string }[],
): Promise<Map<string, GoalOutline[]>> {
  const found = new Map<string, GoalOutline[]>();
  if (strategies.length === 0) return found;
  const wanted = new Set(strategies.map((key) => `${key.participant}/${key.strategy}`));
  const rows = await executor
    .selectFrom('goals')
    .innerJoin('strategies', 'strategies.id', 'goals.strategy_id')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select(['participants.code as participant', 'strategies.code as strategy', 'goals.code', 'goals.area', 'goals.label', 'goals.title'])
    .where(
      'strategies.code',
      'in',
      strategies.map((key) => key.strategy),
    )
    .orderBy('goals.strategy_id')
    .orderBy('goals.position')
    .execute();
  for (const row of rows) {
    const key = `${row.participant}/${row.strategy}`;
    if (!wanted.has(key)) continue;
    const list = found.get(key) ?? [];
    list.push({
      id: row.code,
      area: area(row.area),
      ...(row.label === null ? {} : { label: row.label }),
      title: row.title,
      objectives: [],
    });
    found.set(key, list);
  }
  return found;
}

/** Lists a Participant's strategies by first year, then id, each with its action plans in order. */
export async function listStrategies(executor: Executor, participant: string): Promise<StrategyListItem[]> {
  const outlines = await listStrategyOutlines(executor, participant);
  return outlines.map(({ participant: _participant, principles: _principles, ...item }) => item);
}

/** Deletes a strategy and, through the cascades, everything under it. */
export async function deleteStrategy(trx: Transaction<Schema>, strategyId: number): Promise<void> {
  await trx.deleteFrom('strategies').where('id', '=', strategyId).execute();
}

/** What the audit trail keeps of a strategy: its identity, its action plans and how much it holds. */
export type StrategySummary = {
  id: string;
  title: string;
  status: DocumentStatus;
  periodStart: number;
  periodEnd: number;
  actionPlans: string[];
  counts: PlanCounts;
};

/** Summarises a stored strategy (one query for the counts). */
export async function summarizeStrategy(executor: Executor, strategyId: number): Promise<StrategySummary> {
  const { rows } = await sql<{
    code: string;
    title: string;
    status: string;
    period_start: number;
    period_end: number;
    goals: number;
    objectives: number;
    action_plans: number;
    activities: number;
    indicators: number;
    cost_lines: number;
    recommendations: number;
    risks: number;
    rounds: number;
    reports: number;
  }>`
    SELECT s.code, s.title, s.status, s.period_start, s.period_end,
      (SELECT count(*) FROM goals WHERE strategy_id = s.id) AS goals,
      (SELECT count(*) FROM objectives WHERE strategy_id = s.id) AS objectives,
      (SELECT count(*) FROM action_plans WHERE strategy_id = s.id) AS action_plans,
      (SELECT count(*) FROM activities WHERE strategy_id = s.id) AS activities,
      (SELECT count(*) FROM indicators WHERE strategy_id = s.id) AS indicators,
      (SELECT count(*) FROM cost_lines WHERE strategy_id = s.id) AS cost_lines,
      (SELECT count(*) FROM recommendations WHERE strategy_id = s.id) AS recommendations,
      (SELECT count(*) FROM risks WHERE strategy_id = s.id) AS risks,
      (SELECT count(*) FROM monitoring_rounds WHERE strategy_id = s.id) AS rounds,
      (SELECT count(*) FROM monitoring_reports WHERE strategy_id = s.id) AS reports
    FROM strategies s
    WHERE s.id = ${strategyId}`.execute(executor);
  const row = rows[0];
  if (!row) throw new Error(`no strategy with the key ${strategyId}`);
  const plans = await executor
    .selectFrom('action_plans')
    .select('code')
    .where('strategy_id', '=', strategyId)
    .orderBy('position')
    .execute();
  return {
    id: row.code,
    title: row.title,
    status: documentStatus(row.status),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    actionPlans: plans.map((plan) => plan.code),
    // count(*) is int8, which both connections parse into numbers (connection.ts).
    counts: {
      goals: row.goals,
      objectives: row.objectives,
      actionPlans: row.action_plans,
      activities: row.activities,
      indicators: row.indicators,
      costLines: row.cost_lines,
      recommendations: row.recommendations,
      risks: row.risks,
      rounds: row.rounds,
      reports: row.reports,
    },
  };
}

/** A code of the Participant's that is already a strategy's or an action plan's. */
export type TakenCode = { code: string; kind: 'strategy' | 'action_plan'; strategy: string };

/**
 * Which of the codes are already taken in the Participant, by a strategy or by an action plan:
 * both are addressed as `PARTICIPANT/ID`, so they share one namespace.
 */
export async function takenCodes(executor: Executor, participantId: number, codes: readonly string[]): Promise<TakenCode[]> {
  if (codes.length === 0) return [];
  const strategies = await executor
    .selectFrom('strategies')
    .select('code')
    .where('participant_id', '=', participantId)
    .where('code', 'in', [...codes])
    .execute();
  const plans = await executor
    .selectFrom('action_plans')
    .innerJoin('strategies', 'strategies.id', 'action_plans.strategy_id')
    .select(['action_plans.code', 'strategies.code as strategy'])
    .where('action_plans.participant_id', '=', participantId)
    .where('action_plans.code', 'in', [...codes])
    .execute();
  return [
    ...strategies.map((row): TakenCode => ({ code: row.code, kind: 'strategy', strategy: row.code })),
    ...plans.map((row): TakenCode => ({ code: row.code, kind: 'action_plan', strategy: row.strategy })),
  ];
}

/** The outcome of bringing a package's institutions into the Participant's register. */
export type UpsertedInstitutions = { ids: Map<string, number>; created: string[]; updated: string[] };

/**
 * Brings the institutions a package lists into the Participant's register, by code: new ones are
 * added, changed ones updated (their version raised), identical ones left alone.
 */
export async function upsertInstitutions(
  trx: Transaction<Schema>,
  participantId: number,
  institutions: readonly Institution[],
): Promise<UpsertedInstitutions> {
  if (institutions.length === 0) return { ids: new Map(), created: [], updated: [] };
  const codes = institutions.map((institution) => institution.id);
  const existing = await trx
    .selectFrom('institutions')
    .select(['id', 'code', 'name', 'type', 'level', 'area'])
    .where('participant_id', '=', participantId)
    .where('code', 'in', codes)
    .execute();
  const byCode = new Map(existing.map((row) => [row.code, row]));
  const created: Institution[] = [];
  const updated: string[] = [];
  for (const institution of institutions) {
    const row = byCode.get(institution.id);
    if (!row) {
      created.push(institution);
    } else if (
      row.name !== institution.name ||
      row.type !== institution.type ||
      row.level !== institution.level ||
      row.area !== (institution.area ?? null)
    ) {
      await trx
        .updateTable('institutions')
        .set((eb) => ({
          name: institution.name,
          type: institution.type,
          level: institution.level,
          area: institution.area ?? null,
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', row.id)
        .execute();
      updated.push(institution.id);
    }
  }
  const inserted = await insertRows(
    trx,
    'institutions',
    created.map((institution) => ({
      participant_id: participantId,
      code: institution.id,
      name: institution.name,
      type: institution.type,
      level: institution.level,
      area: institution.area ?? null,
    })),
    ['id', 'code'],
  );
  const ids = new Map(existing.map((row) => [row.code, row.id]));
  for (const row of inserted) ids.set(row.code, row.id);
  return { ids, created: created.map((institution) => institution.id), updated };
}

function principle(value: string): Principle {
  const found = PRINCIPLES.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`stored principle ${value} is not a principle`);
  return found;
}

function area(value: string): Area {
  const found = AREAS.find((candidate) => candidate === value);
  if (!found) throw new Error(`unknown area ${value}`);
  return found;
}

function documentStatus(value: string): DocumentStatus {
  const status = DOCUMENT_STATUSES.find((candidate) => candidate === value);
  if (status === undefined) throw new Error(`stored status ${value} is not a document status`);
  return status;
}
