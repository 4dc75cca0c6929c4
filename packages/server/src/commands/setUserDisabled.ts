import { AppError } from '@ariadne/domain';
import { recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { closeUserSessions } from '../auth/sessions.ts';
import { memberOf } from './members.ts';

export type SetUserDisabledOptions = {
  participant: string;
  userId: number;
  disabled: boolean;
  actor: AuditActor & { userId: number };
};

/**
 * Disables or re-enables an account that holds a role in the coordinator's Participant. Disabling
 * ends all of the account's sessions at once. Coordinators cannot disable themselves.
 */
export async function setUserDisabled(database: Database, options: SetUserDisabledOptions): Promise<void> {
  if (options.disabled && options.userId === options.actor.userId) {
    throw new AppError('FORBIDDEN', { detail: 'a coordinator cannot disable their own account' });
  }
  await database.db.transaction().execute(async (trx) => {
    const target = await memberOf(trx, options.participant, options.userId);
    const wasDisabled = target.disabledAt !== null;
    if (wasDisabled === options.disabled) return;
    await trx
      .updateTable('users')
      .set({ disabled_at: options.disabled ? new Date() : null, updated_at: new Date(), failed_sign_ins: 0, locked_until: null })
      .where('id', '=', options.userId)
      .execute();
    if (options.disabled) await closeUserSessions(trx, options.userId);
    await recordAudit(trx, {
      actor: options.actor,
      participantId: target.participantId,
      action: options.disabled ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: options.userId,
      before: { disabled: wasDisabled },
      after: { disabled: options.disabled },
    });
  });
}
