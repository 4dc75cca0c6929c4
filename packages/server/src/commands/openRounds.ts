import { AppError, deadlineAfter, responsibleInstitutions, type FieldIssue, type PlanPackage, type Round } from '@ariadne/domain';
import { insertRounds, readMonitoringSettings, recordAudit, type AuditActor, type Database, type NewRound } from '@ariadne/db';
import { withLockedStrategy } from '../plan-cache.ts';

export function actionPlanNotFound(participant: string, planId: string): AppError {
  return new AppError('NOT_FOUND', {
    issues: [{ path: `${participant}/${planId}`, key: 'action_plan_not_found', params: { participant, id: planId } }],
    detail: `no action plan ${participant}/${planId}`,
  });
}

/** The code of the strategy an action plan of a Participant belongs to; NOT_FOUND when there is none. */
export async function strategyOfActionPlan(database: Database, participant: string, planId: string): Promise<string> {
  const found = await database.db
    .selectFrom('action_plans')
    .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
    .innerJoin('strategies', 'strategies.id', 'action_plans.strategy_id')
    .select('strategies.code as strategy')
    .where('participants.code', '=', participant)
    .where('action_plans.code', '=', planId)
    .executeTakeFirst();
  if (!found) throw actionPlanNotFound(participant, planId);
  return found.strategy;
}

/** Tells whether a round's period overlaps an action plan's: the rounds that plan reports in. */
export function roundOfPlan(plan: PlanPackage, planId: string, round: Pick<Round, 'periodStart' | 'periodEnd'>): boolean {
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === planId);
  return actionPlan !== undefined && round.periodStart <= actionPlan.end && round.periodEnd >= actionPlan.start;
}

export type RoundToOpen = { id: string; periodStart: string; periodEnd: string; deadline?: string | undefined };

export type OpenRoundsInput = {
  participant: string;
  /** The action plan's id. */
  plan: string;
  rounds: readonly RoundToOpen[];
  actor: AuditActor;
};

export type OpenedRounds = { opened: { id: string; reports: number }[] };

/**
 * Opens monitoring rounds for an adopted action plan: each with its period (within the plan's) and
 * deadline (by default the Participant's number of working days after the period ends), and one
 * empty draft report for each institution responsible for an activity of the plan active in the
 * period. One transaction with one audit entry per round. Refusals: NOT_FOUND for an unknown plan;
 * DOCUMENT_NOT_ADOPTED when the plan is not adopted; VALIDATION_FAILED for a period outside the
 * plan or reversed, or an id given twice; ALREADY_EXISTS for an id the strategy already has.
 */
export async function openRounds(database: Database, input: OpenRoundsInput): Promise<OpenedRounds> {
  const strategy = await strategyOfActionPlan(database, input.participant, input.plan);
  const { result } = await withLockedStrategy(database, { participant: input.participant, strategy }, async (trx, state) => {
    const actionPlan = state.plan.actionPlans.find((candidate) => candidate.id === input.plan);
    if (!actionPlan) throw actionPlanNotFound(input.participant, input.plan);
    if (actionPlan.status !== 'adopted') {
      throw new AppError('DOCUMENT_NOT_ADOPTED', { detail: `${input.plan} is ${actionPlan.status}` });
    }

    const issues: FieldIssue[] = [];
    const seen = new Map<string, number>();
    input.rounds.forEach((round, i) => {
      if (round.periodStart > round.periodEnd) {
        issues.push({ path: `rounds[${i}].periodEnd`, key: 'end_before_start', params: { start: round.periodStart } });
      } else if (round.periodStart < actionPlan.start || round.periodEnd > actionPlan.end) {
        issues.push({
          path: round.periodStart < actionPlan.start ? `rounds[${i}].periodStart` : `rounds[${i}].periodEnd`,
          key: 'period_outside_plan',
          params: { start: actionPlan.start, end: actionPlan.end },
        });
      }
      if (round.deadline !== undefined && round.deadline < round.periodEnd) {
        issues.push({ path: `rounds[${i}].deadline`, key: 'end_before_start', params: { start: round.periodEnd } });
      }
      const first = seen.get(round.id);
      if (first !== undefined)
        issues.push({ path: `rounds[${i}].id`, key: 'duplicate_id', params: { id: round.id, first: `rounds[${first}].id` } });
      else seen.set(round.id, i);
    });
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the rounds are not valid' });

    const existing = new Set((state.plan.monitoring?.rounds ?? []).map((round) => round.id));
    const taken = input.rounds.flatMap((round, i): FieldIssue[] =>
      existing.has(round.id) ? [{ path: `rounds[${i}].id`, key: 'round_taken', params: { id: round.id } }] : [],
    );
    if (taken.length > 0) throw new AppError('ALREADY_EXISTS', { issues: taken, detail: 'a round id is already used' });

    const settings = await readMonitoringSettings(trx, state.participantId);
    const holidays = settings.holidays.map((holiday) => holiday.day);
    const planned = input.rounds.map((round) => ({
      id: round.id,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      deadline: round.deadline ?? deadlineAfter(round.periodEnd, settings.deadlineWorkingDays, holidays),
      institutions: responsibleInstitutions(state.plan, input.plan, { start: round.periodStart, end: round.periodEnd }).map(
        (responsible) => responsible.institution,
      ),
    }));

    const codes = [...new Set(planned.flatMap((round) => round.institutions))];
    const rows =
      codes.length === 0
        ? []
        : await trx
            .selectFrom('institutions')
            .select(['id', 'code'])
            .where('participant_id', '=', state.participantId)
            .where('code', 'in', codes)
            .execute();
    const ids = new Map(rows.map((row) => [row.code, row.id]));
    const idOf = (code: string): number => {
      const id = ids.get(code);
      if (id === undefined) throw new Error(`institution ${code} of ${input.plan} is not in the register`);
      return id;
    };
    const stored: NewRound[] = planned.map((round) => ({
      code: round.id,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      deadline: round.deadline,
      institutionIds: round.institutions.map(idOf),
    }));
    await insertRounds(trx, state.strategyId, stored);

    for (const round of planned) {
      await recordAudit(trx, {
        actor: input.actor,
        participantId: state.participantId,
        action: 'round.opened',
        entity: 'monitoring_round',
        entityId: round.id,
        after: {
          actionPlan: input.plan,
          periodStart: round.periodStart,
          periodEnd: round.periodEnd,
          deadline: round.deadline,
          institutions: round.institutions,
        },
      });
    }

    const opened: Round[] = planned.map((round) => ({
      id: round.id,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      deadline: round.deadline,
      reports: round.institutions.map((institution) => ({ institution, status: 'draft', activities: [] })),
    }));
    const plan: PlanPackage = { ...state.plan, monitoring: { rounds: [...(state.plan.monitoring?.rounds ?? []), ...opened] } };
    return {
      result: { opened: planned.map((round) => ({ id: round.id, reports: round.institutions.length })) },
      state: { ...state, plan },
    };
  });
  return result;
}
