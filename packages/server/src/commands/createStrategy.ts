import { AppError, validatePlanPackage, type FieldIssue, type PlanPackage } from '@ariadne/domain';
import { recordAudit, storageIssues, takenCodes, writeStrategy, type AuditActor, type Database } from '@ariadne/db';

/** What a new strategy starts from: its id, title and period; everything else is added in the editor. */
export type NewStrategy = { id: string; title: string; periodStart: number; periodEnd: number };

export type CreateStrategyOptions = { participant: string; strategy: NewStrategy; actor: AuditActor };

export type CreatedStrategy = { participant: string; strategy: string; actionPlans: string[] };

/** `$.strategy.title` → `title`: the form knows its fields by their own names. */
function fieldOf(issue: FieldIssue): FieldIssue {
  return { ...issue, path: issue.path.replace(/^\$\.strategy\./, '') };
}

/**
 * Creates an empty draft strategy (no goals, no action plans yet) in one transaction, audited. It
 * is checked as the plan package it starts as, so a strategy made in the browser obeys the same
 * rules as an imported one; its id must be free among the Participant's strategies and action plans.
 */
export async function createStrategy(database: Database, options: CreateStrategyOptions): Promise<CreatedStrategy> {
  const { strategy, actor } = options;
  return database.db.transaction().execute(async (trx) => {
    const participant = await trx
      .selectFrom('participants')
      .select(['id', 'code', 'name', 'currency', 'locale'])
      .where('code', '=', options.participant)
      .forUpdate()
      .executeTakeFirst();
    if (!participant) throw new AppError('NOT_FOUND', { detail: `no Participant ${options.participant}` });

    const plan: PlanPackage = {
      format: 'ariadne.plan-package',
      version: 1,
      participant: {
        code: participant.code,
        name: participant.name,
        currency: participant.currency,
        ...(participant.locale ? { locale: participant.locale } : {}),
      },
      institutions: [],
      strategy: { ...strategy, status: 'draft', principles: [], goals: [] },
      actionPlans: [],
    };
    const checked = validatePlanPackage(plan);
    const issues = checked.ok ? storageIssues(checked.value) : checked.issues;
    if (!checked.ok || issues.length > 0) {
      throw new AppError('VALIDATION_FAILED', { issues: issues.map(fieldOf), detail: 'the new strategy is not valid' });
    }

    const taken = await takenCodes(trx, participant.id, [strategy.id]);
    if (taken.length > 0) {
      throw new AppError('ALREADY_EXISTS', {
        issues: [{ path: 'id', key: 'id_taken', params: { id: strategy.id, strategy: taken[0]!.strategy } }],
        detail: `${participant.code}/${strategy.id} is taken`,
      });
    }

    await writeStrategy(trx, { participantId: participant.id, institutionIds: new Map(), plan: checked.value });
    await recordAudit(trx, {
      actor,
      participantId: participant.id,
      action: 'strategy.create',
      entity: 'strategy',
      entityId: strategy.id,
      after: strategy,
    });
    return { participant: participant.code, strategy: strategy.id, actionPlans: [] };
  });
}
