import { AppError, InstitutionSchema, type Institution, type PlanPackage } from '@ariadne/domain';
import { recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { patchStrategyStates } from '../plan-cache.ts';
import { checkInstitution, participantKey, type RegisteredInstitution } from './createInstitution.ts';

export type UpdateInstitutionInput = {
  participant: string;
  /** The institution's code now. */
  code: string;
  /** Its fields after the change; a different `id` gives it a new code. */
  institution: Institution;
  /** The version the editor saw. */
  version: number;
  actor: AuditActor;
};

/**
 * Changes an institution of a Participant's register, audited (`institution.updated`, before and
 * after). Plans refer to institutions by their key, so a new code follows everywhere. Refusals:
 * NOT_FOUND for an unknown code; EDIT_CONFLICT (with the stored institution as `current`) when it
 * changed since it was read; ALREADY_EXISTS when the new code is another institution's.
 */
export async function updateInstitution(database: Database, input: UpdateInstitutionInput): Promise<RegisteredInstitution> {
  const institution = checkInstitution(input.institution);
  const { result, strategies } = await database.db.transaction().execute(async (trx) => {
    const participantId = await participantKey(trx, input.participant);
    const row = await trx
      .selectFrom('institutions')
      .select(['id', 'code', 'name', 'type', 'level', 'area', 'version'])
      .where('participant_id', '=', participantId)
      .where('code', '=', input.code)
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', {
        issues: [{ path: 'code', key: 'institution_not_registered', params: { id: input.code } }],
        detail: `no institution ${input.participant}/${input.code}`,
      });
    }
    const stored: Institution = InstitutionSchema.parse({
      id: row.code,
      name: row.name,
      type: row.type,
      level: row.level,
      ...(row.area !== null ? { area: row.area } : {}),
    });
    if (row.version !== input.version) {
      throw new AppError('EDIT_CONFLICT', {
        params: { code: row.code },
        current: { code: row.code, kind: 'institution', version: row.version, data: stored },
        detail: `${row.code} is at version ${row.version}, the change was made on ${input.version}`,
      });
    }
    if (institution.id !== row.code) {
      const taken = await trx
        .selectFrom('institutions')
        .select('id')
        .where('participant_id', '=', participantId)
        .where('code', '=', institution.id)
        .executeTakeFirst();
      if (taken) {
        throw new AppError('ALREADY_EXISTS', {
          issues: [{ path: 'id', key: 'institution_exists', params: { id: institution.id } }],
          detail: `${input.participant} already has an institution ${institution.id}`,
        });
      }
    }
    // The strategies that show it: their packages change with it (their revisions are raised by trigger).
    const listing = await trx
      .selectFrom('strategies')
      .innerJoin('strategy_institutions', 'strategy_institutions.strategy_id', 'strategies.id')
      .select(['strategies.id', 'strategies.revision'])
      .where('strategy_institutions.institution_id', '=', row.id)
      .forUpdate('strategies')
      .execute();
    const updated = await trx
      .updateTable('institutions')
      .set((eb) => ({
        code: institution.id,
        name: institution.name,
        type: institution.type,
        level: institution.level,
        area: institution.area ?? null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', row.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    const after = await trx
      .selectFrom('strategies')
      .select(['id', 'revision'])
      .where('id', 'in', listing.map((strategy) => strategy.id).concat([0]))
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      participantId,
      action: 'institution.updated',
      entity: 'institution',
      entityId: institution.id,
      before: { ...stored, version: row.version },
      after: { ...institution, version: updated.version },
    });
    const revisions = new Map(after.map((strategy) => [strategy.id, strategy.revision]));
    return {
      result: { code: institution.id, version: updated.version },
      strategies: listing.map((strategy) => ({ strategyId: strategy.id, from: strategy.revision, to: revisions.get(strategy.id) ?? 0 })),
    };
  });
  // The held packages that showed the institution: the same change, without reading them again.
  // A new code is left to a fresh read, since every reference to the institution changes with it.
  if (institution.id === input.code) {
    patchStrategyStates(database, strategies, (plan: PlanPackage) => ({
      ...plan,
      institutions: plan.institutions.map((listed) => (listed.id === input.code ? institution : listed)),
    }));
  }
  return result;
}
