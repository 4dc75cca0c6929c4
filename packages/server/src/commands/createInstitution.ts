import { AppError, InstitutionSchema, fieldIssueFromZod, type Institution } from '@ariadne/domain';
import { recordAudit, textIssues, type AuditActor, type Database, type Schema } from '@ariadne/db';
import type { Transaction } from 'kysely';

export type CreateInstitutionInput = {
  /** The Participant's code, e.g. `DL`. */
  participant: string;
  /** The institution as plan packages show it: `id` is its code in plans. */
  institution: Institution;
  actor: AuditActor;
};

/** An institution of the register: its code and version (1 when new). */
export type RegisteredInstitution = { code: string; version: number };

/** Checks an institution's fields with the plan package's schema; issues name the field (`name`, `type`). */
export function checkInstitution(input: unknown): Institution {
  const parsed = InstitutionSchema.safeParse(input, { reportInput: true });
  const issues = parsed.success
    ? textIssues(parsed.data).map((issue) => ({ ...issue, path: issue.path.replace(/^\$\.?/, '') }))
    : parsed.error.issues.flatMap((issue) => fieldIssueFromZod(issue));
  if (!parsed.success || issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the institution is not valid' });
  return parsed.data;
}

/** The Participant's key, or NOT_FOUND. */
export async function participantKey(trx: Transaction<Schema>, participant: string): Promise<number> {
  const row = await trx.selectFrom('participants').select('id').where('code', '=', participant).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `no Participant ${participant}` });
  return row.id;
}

/**
 * Adds an institution to a Participant's register, audited (`institution.created`). Its code must
 * be free in the register (ALREADY_EXISTS naming `id` otherwise). It joins a strategy's list when
 * an element of the strategy names it. Given a transaction of the caller's (`options.trx`), it
 * runs in it: the Excel import creates the institutions a sheet names and imports the rows at once.
 */
export async function createInstitution(
  database: Database,
  input: CreateInstitutionInput,
  options: { trx?: Transaction<Schema> } = {},
): Promise<RegisteredInstitution> {
  const institution = checkInstitution(input.institution);
  const run = async (trx: Transaction<Schema>): Promise<RegisteredInstitution> => {
    const participantId = await participantKey(trx, input.participant);
    const inserted = await trx
      .insertInto('institutions')
      .values({
        participant_id: participantId,
        code: institution.id,
        name: institution.name,
        type: institution.type,
        level: institution.level,
        area: institution.area ?? null,
      })
      .onConflict((conflict) => conflict.columns(['participant_id', 'code']).doNothing())
      .returning(['id', 'version'])
      .executeTakeFirst();
    if (!inserted) {
      throw new AppError('ALREADY_EXISTS', {
        issues: [{ path: 'id', key: 'institution_exists', params: { id: institution.id } }],
        detail: `${input.participant} already has an institution ${institution.id}`,
      });
    }
    await recordAudit(trx, {
      actor: input.actor,
      participantId,
      action: 'institution.created',
      entity: 'institution',
      entityId: institution.id,
      after: institution,
    });
    return { code: institution.id, version: inserted.version };
  };
  return options.trx ? run(options.trx) : database.db.transaction().execute(run);
}
