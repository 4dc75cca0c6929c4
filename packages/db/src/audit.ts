import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.ts';

/** Who did something: a signed-in user, or the system (the command line, the demo loader). */
export type AuditActor = { userId: number; email: string } | { system: string };

export type AuditEntry = {
  actor: AuditActor;
  participantId: number | null;
  /** What happened, as a verb in the domain's words: `user.create`, `session.revoke`, `plan.import`. */
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
};

/**
 * Records a change in the audit trail. Call it with the transaction that makes the change, so the
 * change and its record are written together or not at all.
 */
export async function recordAudit(trx: Transaction<Schema> | Kysely<Schema>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_entries')
    .values({
      user_id: 'userId' in entry.actor ? entry.actor.userId : null,
      actor: 'userId' in entry.actor ? entry.actor.email : entry.actor.system,
      participant_id: entry.participantId,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
