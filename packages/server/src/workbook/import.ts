import { AppError, isAppError, type ActivityField, type ActivityRowsResult, type FieldIssue, type PlanEdit } from '@ariadne/domain';
import { recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { applyPlanEdits } from '../commands/applyPlanEdits.ts';
import { createInstitution } from '../commands/createInstitution.ts';

export type ImportActivitiesInput = {
  participant: string;
  strategy: string;
  planId: string;
  /** The rows of the sheet mapped to activities (`mapActivityRows`), on the strategy as it is now. */
  result: ActivityRowsResult;
  actor: AuditActor & { userId: number; email: string };
  /** For the audit entry: where the rows came from. */
  source?: { sheet: string };
};

export type ImportedActivities = { activities: string[]; indicators: number; institutions: string[] };

/** The edits that create the activities at the end of the plan, each followed by its indicators. */
export function activityEdits(planId: string, result: ActivityRowsResult): { edits: PlanEdit[]; rows: number[] } {
  const edits: PlanEdit[] = [];
  const rows: number[] = [];
  for (const row of result.rows) {
    if (!row.activity) continue;
    const { indicators, ...data } = row.activity;
    edits.push({ op: 'create', kind: 'activity', parent: planId, data });
    rows.push(row.row);
    for (const indicator of indicators ?? []) {
      edits.push({ op: 'create', kind: 'indicator', parent: row.activity.id, data: indicator });
      rows.push(row.row);
    }
  }
  return { edits, rows };
}

/** The field of a sheet row that an edit's data path names (`edits[3].data.costs[0].amount` → cost). */
function fieldOfDataPath(path: string, kind: 'activity' | 'indicator'): ActivityField {
  const head = /^edits\[\d+\]\.data\.?([A-Za-z]*)/.exec(path)?.[1] ?? '';
  if (kind === 'indicator') return head === 'baseline' || head === 'target' ? head : 'indicator';
  const fields: Record<string, ActivityField> = { id: 'code', costs: 'cost', indicators: 'indicator' };
  return (
    fields[head] ??
    ((['objective', 'title', 'lead', 'partners', 'start', 'end', 'level', 'tags', 'recommendations'] as string[]).includes(head)
      ? (head as ActivityField)
      : 'code')
  );
}

/**
 * Imports the activities of a mapped sheet into a draft action plan (or one with an open
 * amendment), in one transaction: the institutions the matches create join the register first,
 * then the activities and their indicators are created through the plan's editing command, with
 * its audit entries, and one entry records the import itself. A row with any problem refuses the
 * whole import, listing every problem by row and column.
 */
export async function importActivities(database: Database, input: ImportActivitiesInput): Promise<ImportedActivities> {
  const { result } = input;
  const issues: FieldIssue[] = [...result.issues, ...result.rows.flatMap((row) => row.issues)];
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', { issues, detail: `${result.summary.withErrors} row(s) of the sheet have problems` });
  }
  if (result.activities.length === 0) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'sheet', key: 'import_nothing' }], detail: 'no activity in the sheet' });
  }
  const { edits, rows } = activityEdits(input.planId, result);

  return database.db.transaction().execute(async (trx) => {
    for (const institution of result.newInstitutions) {
      await createInstitution(database, { participant: input.participant, institution, actor: input.actor }, { trx });
    }
    try {
      await applyPlanEdits(database, { participant: input.participant, strategy: input.strategy, edits, actor: input.actor }, { trx });
    } catch (error) {
      // The domain's checks name the edit (`edits[3].data.title`); the user knows the sheet's rows.
      if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
        throw new AppError('VALIDATION_FAILED', {
          issues: error.issues.map((issue) => {
            const index = Number(/^edits\[(\d+)\]/.exec(issue.path)?.[1] ?? -1);
            const edit = edits[index];
            const row = rows[index];
            if (edit === undefined || row === undefined) return issue;
            return { ...issue, path: `row ${row}, ${fieldOfDataPath(issue.path, edit.kind === 'indicator' ? 'indicator' : 'activity')}` };
          }),
          detail: error.detail ?? 'the edits were refused',
          cause: error,
        });
      }
      throw error;
    }
    const participant = await trx.selectFrom('participants').select('id').where('code', '=', input.participant).executeTakeFirstOrThrow();
    const activities = result.activities.map((activity) => activity.id);
    const indicators = result.activities.reduce((sum, activity) => sum + (activity.indicators?.length ?? 0), 0);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: participant.id,
      action: 'plan.excel_import',
      entity: 'action_plan',
      entityId: input.planId,
      after: {
        ...(input.source ? { sheet: input.source.sheet } : {}),
        activities,
        indicators,
        institutions: result.newInstitutions.map((institution) => institution.id),
      },
    });
    return { activities, indicators, institutions: result.newInstitutions.map((institution) => institution.id) };
  });
}
