import { AppError } from '@ariadne/domain';
import { recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { planKeys } from './runs.ts';

// The introduction and conclusions a coordinator writes for an implementation report, one pair
// per action plan and scope, versioned: a save names the version it was made on, and a save made
// on an older version than the stored one is a CONFLICT (someone else saved in the meantime).

export type ReportTextsRecord = { introduction: string; conclusions: string; version: number; updatedAt: string | null };

type Reader = Pick<Database, 'db'>['db'];

/** The texts of a report; empty at version 0 when none were written. */
export async function readReportTexts(
  database: Pick<Database, 'db'>,
  strategyId: number,
  plan: string,
  scope: string,
): Promise<ReportTextsRecord> {
  return readTexts(database.db, strategyId, plan, scope);
}

async function readTexts(db: Reader, strategyId: number, plan: string, scope: string): Promise<ReportTextsRecord> {
  const row = await db
    .selectFrom('document_texts')
    .select(['introduction', 'conclusions', 'version', 'updated_at'])
    .where('strategy_id', '=', strategyId)
    .where('plan_code', '=', plan)
    .where('scope', '=', scope)
    .executeTakeFirst();
  if (!row) return { introduction: '', conclusions: '', version: 0, updatedAt: null };
  return {
    introduction: row.introduction,
    conclusions: row.conclusions,
    version: row.version,
    updatedAt: typeof row.updated_at === 'string' ? row.updated_at : new Date(row.updated_at).toISOString(),
  };
}

/** Saves the texts of a report made on `version`, in one transaction with its audit entry. */
export async function saveReportTexts(
  database: Database,
  input: {
    participant: string;
    plan: string;
    scope: string;
    introduction: string;
    conclusions: string;
    version: number;
    actor: AuditActor & { userId: number };
  },
): Promise<ReportTextsRecord> {
  const keys = await planKeys(database, input.participant, input.plan);
  return database.db.transaction().execute(async (trx) => {
    const before = await readTexts(trx, keys.strategyId, input.plan, input.scope);
    if (before.version !== input.version) {
      throw new AppError('CONFLICT', {
        detail: `texts of ${input.plan}/${input.scope} are at version ${before.version}, not ${input.version}`,
      });
    }
    if (before.introduction === input.introduction && before.conclusions === input.conclusions) return before;
    if (before.version === 0) {
      await trx
        .insertInto('document_texts')
        .values({
          strategy_id: keys.strategyId,
          plan_code: input.plan,
          scope: input.scope,
          introduction: input.introduction,
          conclusions: input.conclusions,
          version: 1,
          updated_by: input.actor.userId,
        })
        .execute();
    } else {
      await trx
        .updateTable('document_texts')
        .set({
          introduction: input.introduction,
          conclusions: input.conclusions,
          version: before.version + 1,
          updated_by: input.actor.userId,
          updated_at: new Date(),
        })
        .where('strategy_id', '=', keys.strategyId)
        .where('plan_code', '=', input.plan)
        .where('scope', '=', input.scope)
        .execute();
    }
    const after = await readTexts(trx, keys.strategyId, input.plan, input.scope);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: keys.participantId,
      action: 'plan.report_texts_changed',
      entity: 'action_plan',
      entityId: `${input.plan}/${input.scope}`,
      before: { introduction: before.introduction, conclusions: before.conclusions, version: before.version },
      after: { introduction: after.introduction, conclusions: after.conclusions, version: after.version },
    });
    return after;
  });
}
