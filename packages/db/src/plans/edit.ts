import {
  elementOf,
  fromMinorUnits,
  toMinorUnits,
  type ActionPlanData,
  type ActivityData,
  type ElementData,
  type ElementKind,
  type FieldIssue,
  type GoalData,
  type Indicator,
  type ObjectiveData,
  type PlanEdit,
  type PlanPackage,
  type Recommendation,
  type Risk,
  type StrategyData,
} from '@ariadne/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';
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
import { MAX_AMOUNT, textIssues } from './storable.ts';

// Writing one edit of a plan into the tables of migration 0002, keeping every element's key: an
// update changes the row in place (monitoring reports and other rows refer to it by key), a move
// changes its parent and position. Positions keep the order of a list, not necessarily without
// gaps: a delete leaves one, and a list is numbered again from 0 when something is put between. Child lists that nothing refers to (partners, cost lines,
// recommendations answered, milestones, evaluations, scenarios, minimum services) are written
// again whole. The edit was checked by the domain (`applyPlanEdit`) on the package first.

type Executor = Kysely<Schema> | Transaction<Schema>;

/** The table of each kind of element. */
const TABLES = {
  strategy: 'strategies',
  action_plan: 'action_plans',
  goal: 'goals',
  objective: 'objectives',
  activity: 'activities',
  indicator: 'indicators',
  risk: 'risks',
  recommendation: 'recommendations',
} as const satisfies Record<ElementKind, keyof Schema>;

/**
 * Positions are unique per parent and never negative, and the unique keys are checked row by row:
 * a list is reordered by moving it out of the way (above this offset) first, then writing the
 * final positions in one statement.
 */
const POSITION_OFFSET = 1_000_000;

/** What the database cannot keep exactly of an element's data, by field (like `storageIssues` for a package). */
export function elementStorageIssues(kind: ElementKind, data: ElementData): FieldIssue[] {
  const issues = textIssues(data).map((issue) => ({ ...issue, path: issue.path.replace(/^\$\.?/, '') }));
  const amount = (value: number | undefined, path: string) => {
    if (value === undefined) return;
    if (value > MAX_AMOUNT) issues.push({ path, key: 'amount_too_large', params: { maximum: MAX_AMOUNT } });
    else if (fromMinorUnits(toMinorUnits(value)) !== value) issues.push({ path, key: 'money_decimals' });
  };
  const date = (value: string | undefined, path: string) => {
    if (value?.startsWith('0000')) issues.push({ path, key: 'year_zero' });
  };
  if (kind === 'strategy') {
    const strategy = data as StrategyData;
    amount(strategy.estimatedTotalCost, 'estimatedTotalCost');
    amount(strategy.contingency?.reserveFunds, 'contingency.reserveFunds');
  } else if (kind === 'action_plan' || kind === 'activity') {
    const document = data as { start?: string; end?: string };
    date(document.start, 'start');
    date(document.end, 'end');
    if (kind === 'activity') (data as ActivityData).costs?.forEach((cost, c) => amount(cost.amount, `costs[${c}].amount`));
  }
  return issues;
}

/** The strategy row an edit works on, locked until the end of the transaction: edits of one strategy run one after the other. */
export type LockedStrategy = { id: number; participantId: number; revision: number; currency: string };

/** Finds a strategy by its address and locks its row (`FOR UPDATE`); `undefined` when there is none. */
export async function lockStrategy(trx: Transaction<Schema>, participant: string, strategy: string): Promise<LockedStrategy | undefined> {
  const row = await trx
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select(['strategies.id', 'strategies.participant_id', 'strategies.revision', 'participants.currency'])
    .where('participants.code', '=', participant)
    .where('strategies.code', '=', strategy)
    .forUpdate('strategies')
    .executeTakeFirst();
  return row ? { id: row.id, participantId: row.participant_id, revision: row.revision, currency: row.currency } : undefined;
}

/** A strategy's revision (see migration 0003): one cheap query to tell whether a copy of its package is current. */
export async function strategyRevision(
  executor: Executor,
  participant: string,
  strategy: string,
): Promise<{ id: number; participantId: number; revision: number; currency: string } | undefined> {
  const row = await executor
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select(['strategies.id', 'strategies.participant_id', 'strategies.revision', 'participants.currency'])
    .where('participants.code', '=', participant)
    .where('strategies.code', '=', strategy)
    .executeTakeFirst();
  return row ? { id: row.id, participantId: row.participant_id, revision: row.revision, currency: row.currency } : undefined;
}

/** The revision of a strategy by its key. */
export async function revisionOf(executor: Executor, strategyId: number): Promise<number> {
  const row = await executor.selectFrom('strategies').select('revision').where('id', '=', strategyId).executeTakeFirstOrThrow();
  return row.revision;
}

/** The version of every element of a strategy that has one, by code (the strategy's own under its code). */
export async function readElementVersions(executor: Executor, strategyId: number): Promise<Map<string, number>> {
  const { rows } = await sql<{ code: string; version: number }>`
    SELECT code, version FROM strategies WHERE id = ${strategyId}
    UNION ALL SELECT code, version FROM action_plans WHERE strategy_id = ${strategyId}
    UNION ALL SELECT code, version FROM goals WHERE strategy_id = ${strategyId}
    UNION ALL SELECT code, version FROM objectives WHERE strategy_id = ${strategyId}
    UNION ALL SELECT code, version FROM activities WHERE strategy_id = ${strategyId}
    UNION ALL SELECT code, version FROM indicators WHERE strategy_id = ${strategyId}
    UNION ALL SELECT code, version FROM risks WHERE strategy_id = ${strategyId}
    UNION ALL SELECT code, version FROM recommendations WHERE strategy_id = ${strategyId}`.execute(executor);
  return new Map(rows.map((row) => [row.code, row.version]));
}

/**
 * Adds institutions of the Participant's register to the end of a strategy's list, by code
 * (those it lists already are left alone). Returns the codes added.
 */
export async function listInstitutionsInStrategy(
  trx: Transaction<Schema>,
  strategy: { id: number; participantId: number },
  codes: readonly string[],
): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await trx
    .selectFrom('institutions')
    .leftJoin('strategy_institutions', (join) =>
      join.onRef('strategy_institutions.institution_id', '=', 'institutions.id').on('strategy_institutions.strategy_id', '=', strategy.id),
    )
    .select(['institutions.id', 'institutions.code', 'strategy_institutions.position'])
    .where('institutions.participant_id', '=', strategy.participantId)
    .where('institutions.code', 'in', [...codes])
    .execute();
  const missing = codes.flatMap((code) => rows.filter((row) => row.code === code && row.position === null));
  if (missing.length === 0) return [];
  const last = await trx
    .selectFrom('strategy_institutions')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('strategy_id', '=', strategy.id)
    .executeTakeFirst();
  const start = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  await insertRows(
    trx,
    'strategy_institutions',
    missing.map((row, index) => ({
      strategy_id: strategy.id,
      participant_id: strategy.participantId,
      institution_id: row.id,
      position: start + index,
    })),
  );
  return missing.map((row) => row.code);
}

export type PlanEditWrite = {
  strategyId: number;
  participantId: number;
  /** The package before and after the edit, as `applyPlanEdit` gave it. */
  before: PlanPackage;
  after: PlanPackage;
  edit: PlanEdit;
  /** The element's code after the edit (a new one when an update renamed it). */
  code: string;
};

/**
 * Writes one edit, already applied to the package by the domain, into the tables: the element's
 * row (its key kept), its child lists, and the positions of its siblings. Returns the element's
 * version after the edit (a new element is at 1, an update raises it, a move keeps it).
 */
export async function writePlanEdit(trx: Transaction<Schema>, write: PlanEditWrite): Promise<{ version: number }> {
  const { edit } = write;
  const writer = new EditWriter(trx, write);
  switch (edit.op) {
    case 'create':
      return writer.create();
    case 'update':
      return writer.update();
    case 'delete':
      return writer.delete();
    case 'move':
      return writer.move();
  }
}

/** A parent's list of elements of one kind: the strategy's top-level lists, or under a goal, action plan, objective or activity. */
type ParentRef = { kind: 'strategy' } | { kind: 'goal' | 'action_plan' | 'objective' | 'activity'; code: string };

class EditWriter {
  private readonly institutionIds = new Map<string, number>();

  constructor(
    private readonly trx: Transaction<Schema>,
    private readonly write: PlanEditWrite,
  ) {}

  private get strategyId(): number {
    return this.write.strategyId;
  }

  async create(): Promise<{ version: number }> {
    const { edit, after, code } = this.write;
    const element = elementOf(after, code);
    if (!element || edit.op !== 'create') throw new Error(`the created element ${code} is not in the package`);
    const parent = this.parentRef(element.kind, element.parent);
    const parentKey = await this.parentKey(parent);
    const last = element.position === listCodes(after, element.kind, parent).length - 1;
    let id: number;
    if (last) {
      // Added at the end (the usual case): after the last position, whatever gaps deletes left.
      id = await this.insertElement(element.kind, element.data, parentKey, await this.nextPosition(element.kind, parent));
    } else {
      await this.moveAside(element.kind, parent);
      id = await this.insertElement(element.kind, element.data, parentKey, element.position);
      await this.renumber(element.kind, parent, after);
    }
    await this.writeChildren(element.kind, id, element.data);
    return { version: 1 };
  }

  async update(): Promise<{ version: number }> {
    const { edit, after, code } = this.write;
    if (edit.op !== 'update') throw new Error('not an update');
    const element = elementOf(after, code);
    if (!element) throw new Error(`the updated element ${code} is not in the package`);
    const version = await this.updateElement(element.kind, edit.code, element.data);
    return { version };
  }

  async delete(): Promise<{ version: number }> {
    const { edit, before } = this.write;
    if (edit.op !== 'delete') throw new Error('not a delete');
    const element = elementOf(before, edit.code);
    if (!element) throw new Error(`the deleted element ${edit.code} is not in the package`);
    // The rows after it keep their positions: a gap keeps the order as well.
    const { rows } = await sql<{ version: number }>`
      DELETE FROM ${sql.table(TABLES[element.kind])} WHERE strategy_id = ${this.strategyId} AND code = ${edit.code} RETURNING version`.execute(
      this.trx,
    );
    return { version: rows[0]?.version ?? edit.version };
  }

  async move(): Promise<{ version: number }> {
    const { edit, before, after } = this.write;
    if (edit.op !== 'move') throw new Error('not a move');
    const was = elementOf(before, edit.code);
    const now = elementOf(after, edit.code);
    if (!was || !now) throw new Error(`the moved element ${edit.code} is not in the package`);
    const from = this.parentRef(was.kind, was.parent);
    const to = this.parentRef(now.kind, now.parent);
    await this.moveAside(was.kind, from);
    const sameParent = JSON.stringify(from) === JSON.stringify(to);
    if (!sameParent) {
      // Further up than the first list, so that the moving row meets none of its new siblings.
      await this.moveAside(now.kind, to, 2 * POSITION_OFFSET);
      const key = await this.parentKey(to);
      const table = TABLES[now.kind];
      if (now.kind === 'objective') {
        await this.trx
          .updateTable('objectives')
          .set({ goal_id: key ?? 0 })
          .where('strategy_id', '=', this.strategyId)
          .where('code', '=', edit.code)
          .execute();
      } else if (now.kind === 'activity') {
        await this.trx
          .updateTable('activities')
          .set({ action_plan_id: key ?? 0 })
          .where('strategy_id', '=', this.strategyId)
          .where('code', '=', edit.code)
          .execute();
      } else if (now.kind === 'indicator' && to.kind !== 'strategy') {
        await this.trx
          .updateTable('indicators')
          .set(to.kind === 'objective' ? { objective_id: key, activity_id: null } : { objective_id: null, activity_id: key })
          .where('strategy_id', '=', this.strategyId)
          .where('code', '=', edit.code)
          .execute();
      } else {
        throw new Error(`a ${table} row has no parent to change`);
      }
    }
    await this.renumber(was.kind, from, after);
    if (!sameParent) await this.renumber(now.kind, to, after);
    const { rows } = await sql<{ version: number }>`
      SELECT version FROM ${sql.table(TABLES[now.kind])} WHERE strategy_id = ${this.strategyId} AND code = ${edit.code}`.execute(this.trx);
    return { version: rows[0]?.version ?? 1 };
  }

  /** The list an element sits in. */
  private parentRef(kind: ElementKind, parent: string | undefined): ParentRef {
    if (parent === undefined) return { kind: 'strategy' };
    if (kind === 'objective') return { kind: 'goal', code: parent };
    if (kind === 'activity') return { kind: 'action_plan', code: parent };
    const owner = elementOf(this.write.after, parent) ?? elementOf(this.write.before, parent);
    return { kind: owner?.kind === 'activity' ? 'activity' : 'objective', code: parent };
  }

  /** The key of a parent element; `null` for the strategy's top-level lists. */
  private async parentKey(parent: ParentRef): Promise<number | null> {
    if (parent.kind === 'strategy') return null;
    return this.keyOf(parent.kind, parent.code);
  }

  private async keyOf(kind: ElementKind, code: string): Promise<number> {
    const { rows } = await sql<{ id: number }>`
      SELECT id FROM ${sql.table(TABLES[kind])} WHERE strategy_id = ${this.strategyId} AND code = ${code}`.execute(this.trx);
    const id = rows[0]?.id;
    if (id === undefined) throw new Error(`no ${kind} ${code} in the strategy ${this.strategyId}`);
    return id;
  }

  /** The SQL condition that selects a parent's list of elements of a kind. */
  private async listCondition(kind: ElementKind, parent: ParentRef) {
    const key = await this.parentKey(parent);
    const column =
      parent.kind === 'strategy'
        ? null
        : kind === 'objective'
          ? 'goal_id'
          : kind === 'activity'
            ? 'action_plan_id'
            : parent.kind === 'objective'
              ? 'objective_id'
              : 'activity_id';
    return column === null ? sql`strategy_id = ${this.strategyId}` : sql`strategy_id = ${this.strategyId} AND ${sql.ref(column)} = ${key}`;
  }

  /** The position after the last of a list. */
  private async nextPosition(kind: ElementKind, parent: ParentRef): Promise<number> {
    const condition = await this.listCondition(kind, parent);
    const { rows } = await sql<{ next: number | null }>`
      SELECT max(position) + 1 AS next FROM ${sql.table(TABLES[kind])} WHERE ${condition}`.execute(this.trx);
    return Number(rows[0]?.next ?? 0);
  }

  /** Moves a list above the offset, out of the way of the final positions. */
  private async moveAside(kind: ElementKind, parent: ParentRef, offset = POSITION_OFFSET): Promise<void> {
    const condition = await this.listCondition(kind, parent);
    await sql`UPDATE ${sql.table(TABLES[kind])} SET position = position + ${offset} WHERE ${condition} AND position < ${POSITION_OFFSET}`.execute(
      this.trx,
    );
  }

  /** Writes the positions the package gives a list, in one statement. */
  private async renumber(kind: ElementKind, parent: ParentRef, plan: PlanPackage): Promise<void> {
    const codes = listCodes(plan, kind, parent);
    if (codes.length === 0) return;
    const values = sql.join(codes.map((code, position) => sql`(${code}::text, ${position}::integer)`));
    await sql`
      UPDATE ${sql.table(TABLES[kind])} AS t SET position = v.position
      FROM (VALUES ${values}) AS v (code, position)
      WHERE t.strategy_id = ${this.strategyId} AND t.code = v.code`.execute(this.trx);
  }

  private async institution(code: string | undefined): Promise<number | null> {
    if (code === undefined) return null;
    const known = this.institutionIds.get(code);
    if (known !== undefined) return known;
    const row = await this.trx
      .selectFrom('institutions')
      .select('id')
      .where('participant_id', '=', this.write.participantId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new Error(`no institution ${code} in the register`);
    this.institutionIds.set(code, row.id);
    return row.id;
  }

  private async insertElement(kind: ElementKind, data: ElementData, parentKey: number | null, position: number): Promise<number> {
    const base = { strategy_id: this.strategyId, position };
    let rows: { id: number }[];
    switch (kind) {
      case 'action_plan': {
        const plan = data as ActionPlanData;
        rows = await insertRows(
          this.trx,
          'action_plans',
          [
            {
              ...base,
              participant_id: this.write.participantId,
              ...actionPlanColumns(plan),
              status: 'draft',
            },
          ],
          ['id'],
        );
        break;
      }
      case 'goal': {
        const goal = data as GoalData;
        rows = await insertRows(this.trx, 'goals', [{ ...base, ...goalColumns(goal) }], ['id']);
        break;
      }
      case 'objective': {
        const objective = data as ObjectiveData;
        rows = await insertRows(this.trx, 'objectives', [{ ...base, goal_id: parentKey ?? 0, ...objectiveColumns(objective) }], ['id']);
        break;
      }
      case 'activity':
        rows = await insertRows(
          this.trx,
          'activities',
          [{ ...base, action_plan_id: parentKey ?? 0, ...(await this.activityColumns(data as ActivityData)) }],
          ['id'],
        );
        break;
      case 'indicator': {
        const ownerKind = this.parentRef('indicator', elementOf(this.write.after, (data as Indicator).id)?.parent).kind;
        rows = await insertRows(
          this.trx,
          'indicators',
          [
            {
              ...base,
              objective_id: ownerKind === 'objective' ? parentKey : null,
              activity_id: ownerKind === 'activity' ? parentKey : null,
              ...indicatorColumns(data as Indicator),
            },
          ],
          ['id'],
        );
        break;
      }
      case 'risk':
        rows = await insertRows(this.trx, 'risks', [{ ...base, ...(await this.riskColumns(data as Risk)) }], ['id']);
        break;
      case 'recommendation':
        rows = await insertRows(this.trx, 'recommendations', [{ ...base, ...recommendationColumns(data as Recommendation) }], ['id']);
        break;
      case 'strategy':
        throw new Error('a strategy is not created by an edit');
    }
    const id = rows[0]?.id;
    if (id === undefined) throw new Error(`the new ${kind} row was not returned`);
    return id;
  }

  /** Updates an element's row in place (by its old code), raising its version; returns the new version. */
  private async updateElement(kind: ElementKind, code: string, data: ElementData): Promise<number> {
    const where = { strategy: this.strategyId, code };
    let version: number | undefined;
    switch (kind) {
      case 'strategy': {
        const strategy = data as StrategyData;
        const row = await this.trx
          .updateTable('strategies')
          .set((eb) => ({
            title: strategy.title,
            period_start: strategy.periodStart,
            period_end: strategy.periodEnd,
            situation_analysis: strategy.situationAnalysis ?? null,
            principles: strategy.principles,
            estimated_total_cost: minorOrNull(strategy.estimatedTotalCost),
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('id', '=', this.strategyId)
          .returning('version')
          .executeTakeFirstOrThrow();
        await this.writeStrategyParts(strategy);
        return row.version;
      }
      case 'action_plan': {
        const plan = data as ActionPlanData;
        const row = await this.trx
          .updateTable('action_plans')
          .set((eb) => ({ ...actionPlanColumns(plan), version: eb('version', '+', 1), updated_at: new Date() }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning('version')
          .executeTakeFirst();
        version = row?.version;
        break;
      }
      case 'goal': {
        const goal = data as GoalData;
        const row = await this.trx
          .updateTable('goals')
          .set((eb) => ({ ...goalColumns(goal), version: eb('version', '+', 1) }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning('version')
          .executeTakeFirst();
        version = row?.version;
        break;
      }
      case 'objective': {
        const objective = data as ObjectiveData;
        const row = await this.trx
          .updateTable('objectives')
          .set((eb) => ({ ...objectiveColumns(objective), version: eb('version', '+', 1) }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning('version')
          .executeTakeFirst();
        version = row?.version;
        break;
      }
      case 'activity': {
        const activity = data as ActivityData;
        const columns = await this.activityColumns(activity);
        const row = await this.trx
          .updateTable('activities')
          .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning(['id', 'version'])
          .executeTakeFirst();
        if (row) await this.writeChildren('activity', row.id, activity, true);
        version = row?.version;
        break;
      }
      case 'indicator': {
        const indicator = data as Indicator;
        const row = await this.trx
          .updateTable('indicators')
          .set((eb) => ({ ...indicatorColumns(indicator), version: eb('version', '+', 1) }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning(['id', 'version'])
          .executeTakeFirst();
        if (row) await this.writeChildren('indicator', row.id, indicator, true);
        version = row?.version;
        break;
      }
      case 'risk': {
        const columns = await this.riskColumns(data as Risk);
        const row = await this.trx
          .updateTable('risks')
          .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning('version')
          .executeTakeFirst();
        version = row?.version;
        break;
      }
      case 'recommendation': {
        const row = await this.trx
          .updateTable('recommendations')
          .set((eb) => ({ ...recommendationColumns(data as Recommendation), version: eb('version', '+', 1) }))
          .where('strategy_id', '=', where.strategy)
          .where('code', '=', where.code)
          .returning('version')
          .executeTakeFirst();
        version = row?.version;
        break;
      }
    }
    if (version === undefined) throw new Error(`no ${kind} ${code} to update in the strategy ${this.strategyId}`);
    return version;
  }

  /** Writes the lists under an element that nothing refers to, whole (after deleting the old ones on an update). */
  private async writeChildren(kind: ElementKind, id: number, data: ElementData, replace = false): Promise<void> {
    const strategyId = this.strategyId;
    if (kind === 'activity') {
      const activity = data as ActivityData;
      if (replace) {
        await this.trx.deleteFrom('activity_partners').where('strategy_id', '=', strategyId).where('activity_id', '=', id).execute();
        await this.trx.deleteFrom('cost_lines').where('strategy_id', '=', strategyId).where('activity_id', '=', id).execute();
        await this.trx.deleteFrom('activity_recommendations').where('strategy_id', '=', strategyId).where('activity_id', '=', id).execute();
      }
      const partners = [];
      for (const [position, partner] of (activity.partners ?? []).entries()) {
        partners.push({ strategy_id: strategyId, activity_id: id, position, institution_id: (await this.institution(partner)) ?? 0 });
      }
      await insertRows(this.trx, 'activity_partners', partners);
      const costs = [];
      for (const [position, cost] of (activity.costs ?? []).entries()) {
        costs.push({
          strategy_id: strategyId,
          activity_id: id,
          position,
          year: cost.year,
          amount: toMinorUnits(cost.amount),
          source: cost.source,
          funder_institution_id: await this.institution(cost.funder),
          status: cost.status,
        });
      }
      await insertRows(this.trx, 'cost_lines', costs);
      const answered = activity.recommendations ?? [];
      if (answered.length > 0) {
        const rows = await this.trx
          .selectFrom('recommendations')
          .select(['id', 'code'])
          .where('strategy_id', '=', strategyId)
          .where('code', 'in', answered)
          .execute();
        const ids = new Map(rows.map((row) => [row.code, row.id]));
        await insertRows(
          this.trx,
          'activity_recommendations',
          answered.map((code, position) => {
            const recommendation = ids.get(code);
            if (recommendation === undefined) throw new Error(`no recommendation ${code} in the strategy ${strategyId}`);
            return { strategy_id: strategyId, activity_id: id, position, recommendation_id: recommendation };
          }),
        );
      }
    } else if (kind === 'indicator') {
      const indicator = data as Indicator;
      if (replace)
        await this.trx.deleteFrom('indicator_milestones').where('strategy_id', '=', strategyId).where('indicator_id', '=', id).execute();
      await insertRows(
        this.trx,
        'indicator_milestones',
        (indicator.milestones ?? []).map((milestone, position) => ({
          strategy_id: strategyId,
          indicator_id: id,
          position,
          value: milestone.value,
          year: milestone.year,
        })),
      );
    }
  }

  /** The monitoring arrangements and the contingency plan of a strategy, written again whole. */
  private async writeStrategyParts(strategy: StrategyData): Promise<void> {
    const strategyId = this.strategyId;
    // Evaluations, scenarios and minimum services go with their parent rows (ON DELETE CASCADE).
    await this.trx.deleteFrom('monitoring_arrangements').where('strategy_id', '=', strategyId).execute();
    await this.trx.deleteFrom('contingency_plans').where('strategy_id', '=', strategyId).execute();
    if (strategy.monitoring) {
      const monitoring = strategy.monitoring;
      await insertRows(this.trx, 'monitoring_arrangements', [
        {
          strategy_id: strategyId,
          body_institution_id: await this.institution(monitoring.body),
          reporting_frequency: monitoring.reportingFrequency ?? null,
          reports_to: monitoring.reportsTo ?? null,
        },
      ]);
      await insertRows(
        this.trx,
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
      await insertRows(this.trx, 'contingency_plans', [{ strategy_id: strategyId, reserve_funds: minorOrNull(contingency.reserveFunds) }]);
      await insertRows(
        this.trx,
        'contingency_scenarios',
        contingency.scenarios.map((scenario, position) => ({
          strategy_id: strategyId,
          position,
          type: scenario.type,
          description: scenario.description,
        })),
      );
      await insertRows(
        this.trx,
        'minimum_services',
        contingency.minimumServices.map((description, position) => ({ strategy_id: strategyId, position, description })),
      );
    }
  }

  private async activityColumns(activity: ActivityData) {
    return activityColumns(activity, {
      objective: await this.keyOf('objective', activity.objective),
      lead: await this.institution(activity.lead),
    });
  }

  private async riskColumns(risk: Risk) {
    return riskColumns(risk, await this.institution(risk.owner));
  }
}

/** The codes of a parent's list of elements of a kind, in the package's order. */
function listCodes(plan: PlanPackage, kind: ElementKind, parent: ParentRef): string[] {
  const ids = (items: readonly { id: string }[] | undefined) => (items ?? []).map((item) => item.id);
  switch (kind) {
    case 'goal':
      return ids(plan.strategy.goals);
    case 'risk':
      return ids(plan.strategy.risks);
    case 'recommendation':
      return ids(plan.recommendations);
    case 'action_plan':
      return ids(plan.actionPlans);
    case 'objective':
      return ids(plan.strategy.goals.find((goal) => parent.kind !== 'strategy' && goal.id === parent.code)?.objectives);
    case 'activity':
      return ids(plan.actionPlans.find((actionPlan) => parent.kind !== 'strategy' && actionPlan.id === parent.code)?.activities);
    case 'indicator': {
      if (parent.kind === 'strategy') return [];
      for (const goal of plan.strategy.goals) {
        const objective = goal.objectives.find((candidate) => candidate.id === parent.code);
        if (objective) return ids(objective.indicators);
      }
      for (const actionPlan of plan.actionPlans) {
        const activity = actionPlan.activities.find((candidate) => candidate.id === parent.code);
        if (activity) return ids(activity.indicators);
      }
      return [];
    }
    case 'strategy':
      return [];
  }
}

function minorOrNull(amount: number | undefined): number | null {
  return amount === undefined ? null : toMinorUnits(amount);
}

// The life cycle of documents: a strategy (action plan NULL) or one of its action plans.

/** A document's row: its key (NULL for the strategy itself), status and version. */
export type DocumentRow = { actionPlanId: number | null; code: string; status: string; version: number };

/** Finds a document of a strategy: `strategy`, or an action plan by code. */
export async function findDocument(executor: Executor, strategyId: number, document: string): Promise<DocumentRow | undefined> {
  if (document === 'strategy') {
    const row = await executor
      .selectFrom('strategies')
      .select(['code', 'status', 'version'])
      .where('id', '=', strategyId)
      .executeTakeFirst();
    return row ? { actionPlanId: null, ...row } : undefined;
  }
  const row = await executor
    .selectFrom('action_plans')
    .select(['id', 'code', 'status', 'version'])
    .where('strategy_id', '=', strategyId)
    .where('code', '=', document)
    .executeTakeFirst();
  return row ? { actionPlanId: row.id, code: row.code, status: row.status, version: row.version } : undefined;
}

/** Sets a document's status (and, when given, its adoption), raising its version; returns the new version. */
export async function setDocumentStatus(
  trx: Transaction<Schema>,
  strategyId: number,
  actionPlanId: number | null,
  change: { status: string; adoptedOn?: string; adoptedBy?: string },
): Promise<number> {
  if (actionPlanId === null) {
    const row = await trx
      .updateTable('strategies')
      .set((eb) => ({
        status: change.status,
        ...(change.adoptedOn !== undefined ? { adopted_on: change.adoptedOn } : {}),
        ...(change.adoptedBy !== undefined ? { adopted_by: change.adoptedBy } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', strategyId)
      .returning('version')
      .executeTakeFirstOrThrow();
    return row.version;
  }
  const row = await trx
    .updateTable('action_plans')
    .set((eb) => ({
      status: change.status,
      ...(change.adoptedOn !== undefined ? { adopted_on: change.adoptedOn } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', actionPlanId)
    .where('strategy_id', '=', strategyId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Who recorded something: a signed-in user or the system. */
export type Recorder = { userId: number; email: string } | { system: string };

const recorderColumns = (recorder: Recorder) =>
  'userId' in recorder ? { user: recorder.userId, name: recorder.email } : { user: null, name: recorder.system };

/** A recorded version of a document (its snapshot aside). */
export type DocumentVersion = {
  id: number;
  number: number;
  kind: 'adoption' | 'amendment';
  reason: string | null;
  adoptedOn: string;
  adoptedBy: string | null;
  recordedBy: string | null;
  recordedAt: Date;
};

function documentCondition(strategyId: number, actionPlanId: number | null) {
  return actionPlanId === null
    ? sql<boolean>`strategy_id = ${strategyId} AND action_plan_id IS NULL`
    : sql<boolean>`strategy_id = ${strategyId} AND action_plan_id = ${actionPlanId}`;
}

/** Records the next version of a document with its snapshot; returns its key and number. */
export async function recordDocumentVersion(
  trx: Transaction<Schema>,
  version: {
    strategyId: number;
    actionPlanId: number | null;
    kind: 'adoption' | 'amendment';
    reason?: string;
    adoptedOn: string;
    adoptedBy?: string;
    snapshot: PlanPackage;
    recorder: Recorder;
  },
): Promise<{ id: number; number: number }> {
  const last = await trx
    .selectFrom('document_versions')
    .select((eb) => eb.fn.max('number').as('number'))
    .where(documentCondition(version.strategyId, version.actionPlanId))
    .executeTakeFirst();
  const number = (last?.number === null || last?.number === undefined ? 0 : Number(last.number)) + 1;
  const recorder = recorderColumns(version.recorder);
  const row = await trx
    .insertInto('document_versions')
    .values({
      strategy_id: version.strategyId,
      action_plan_id: version.actionPlanId,
      number,
      kind: version.kind,
      reason: version.reason ?? null,
      adopted_on: version.adoptedOn,
      adopted_by: version.adoptedBy ?? null,
      snapshot: JSON.stringify(version.snapshot),
      recorded_by_user_id: recorder.user,
      recorded_by: recorder.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

/** The versions of a document, first first (without their snapshots). */
export async function readDocumentVersions(
  executor: Executor,
  strategyId: number,
  actionPlanId: number | null,
): Promise<DocumentVersion[]> {
  const rows = await executor
    .selectFrom('document_versions')
    .select(['id', 'number', 'kind', 'reason', 'adopted_on', 'adopted_by', 'recorded_by', 'recorded_at'])
    .where(documentCondition(strategyId, actionPlanId))
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    kind: row.kind === 'amendment' ? 'amendment' : 'adoption',
    reason: row.reason,
    adoptedOn: row.adopted_on,
    adoptedBy: row.adopted_by,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }));
}

/** The snapshot of a document's version: the last one when no number is given. */
export async function readDocumentSnapshot(
  executor: Executor,
  strategyId: number,
  actionPlanId: number | null,
  number?: number,
): Promise<{ number: number; snapshot: PlanPackage } | undefined> {
  let query = executor.selectFrom('document_versions').select(['number', 'snapshot']).where(documentCondition(strategyId, actionPlanId));
  query = number === undefined ? query.orderBy('number', 'desc').limit(1) : query.where('number', '=', number);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const snapshot = typeof row.snapshot === 'string' ? (JSON.parse(row.snapshot) as PlanPackage) : (row.snapshot as PlanPackage);
  return { number: row.number, snapshot };
}

/** An open amendment of a document, with the number of the version it would become. */
export type OpenAmendment = {
  id: number;
  /** `strategy`, or the action plan's code. */
  document: string;
  actionPlanId: number | null;
  reason: string;
  openedBy: string | null;
  openedAt: Date;
  number: number;
};

/** The open amendments of a strategy's documents. */
export async function readOpenAmendments(executor: Executor, strategyId: number): Promise<OpenAmendment[]> {
  const { rows } = await sql<{
    id: number;
    action_plan_id: number | null;
    code: string | null;
    reason: string;
    opened_by: string | null;
    opened_at: Date;
    last: number | null;
  }>`
    SELECT a.id, a.action_plan_id, p.code, a.reason, a.opened_by, a.opened_at,
      (SELECT max(v.number) FROM document_versions v
        WHERE v.strategy_id = a.strategy_id AND v.action_plan_id IS NOT DISTINCT FROM a.action_plan_id) AS last
    FROM amendments a LEFT JOIN action_plans p ON p.id = a.action_plan_id
    WHERE a.strategy_id = ${strategyId} AND a.status = 'open'
    ORDER BY a.id`.execute(executor);
  return rows.map((row) => ({
    id: row.id,
    document: row.action_plan_id === null ? 'strategy' : (row.code ?? ''),
    actionPlanId: row.action_plan_id,
    reason: row.reason,
    openedBy: row.opened_by,
    openedAt: new Date(row.opened_at),
    number: (row.last === null ? 0 : Number(row.last)) + 1,
  }));
}

/** Opens an amendment of a document; the caller checked that none is open (a unique index holds it too). */
export async function insertAmendment(
  trx: Transaction<Schema>,
  amendment: { strategyId: number; actionPlanId: number | null; reason: string; recorder: Recorder },
): Promise<{ id: number; openedAt: Date }> {
  const recorder = recorderColumns(amendment.recorder);
  const row = await trx
    .insertInto('amendments')
    .values({
      strategy_id: amendment.strategyId,
      action_plan_id: amendment.actionPlanId,
      reason: amendment.reason,
      status: 'open',
      opened_by_user_id: recorder.user,
      opened_by: recorder.name,
    })
    .returning(['id', 'opened_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, openedAt: new Date(row.opened_at) };
}

/** Closes an open amendment: adopted (with the version it became) or withdrawn. */
export async function closeAmendment(
  trx: Transaction<Schema>,
  id: number,
  close: { status: 'adopted' | 'withdrawn'; versionId?: number; recorder: Recorder },
): Promise<void> {
  const recorder = recorderColumns(close.recorder);
  await trx
    .updateTable('amendments')
    .set({
      status: close.status,
      closed_by_user_id: recorder.user,
      closed_by: recorder.name,
      closed_at: new Date(),
      version_id: close.versionId ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}
