import { DOCUMENT_STATUSES, PRINCIPLES, type PlanPackage } from '@ariadne/domain';
import type { Database } from '@ariadne/db';

/**
 * The strategies and action plans of every Participant, as plan packages that carry only what the
 * regional picture (measures.md §4) looks at: the Participant, each strategy's status, period and
 * principles, and its action plans' status and dates. Goals, activities and monitoring are left
 * out, so the whole region is read in two queries however large its plans are.
 */
export async function loadRegionalOutline(database: Database): Promise<PlanPackage[]> {
  const strategies = await database.db
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
    .execute();
  const plans = await database.db
    .selectFrom('action_plans')
    .select(['strategy_id', 'code', 'title', 'start_date', 'end_date', 'status', 'position'])
    .orderBy('strategy_id')
    .orderBy('position')
    .execute();
  return strategies.map((row) => ({
    format: 'ariadne.plan-package',
    version: 1,
    participant: { code: row.participant_code, name: row.participant_name, currency: row.currency },
    institutions: [],
    strategy: {
      id: row.code,
      title: row.title,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      status: documentStatus(row.status),
      principles: row.principles.filter((p): p is (typeof PRINCIPLES)[number] => (PRINCIPLES as readonly string[]).includes(p)),
      goals: [],
    },
    actionPlans: plans
      .filter((plan) => plan.strategy_id === row.id)
      .map((plan) => ({
        id: plan.code,
        title: plan.title,
        start: plan.start_date,
        end: plan.end_date,
        status: documentStatus(plan.status),
        activities: [],
      })),
  }));
}

function documentStatus(value: string): (typeof DOCUMENT_STATUSES)[number] {
  const found = DOCUMENT_STATUSES.find((status) => status === value);
  if (!found) throw new Error(`unknown document status ${value}`);
  return found;
}
