import { AppError } from '@ariadne/domain';
import { recordAudit, type Database } from '@ariadne/db';
import { hashPassword, passwordIssues, verifyPassword } from '../auth/passwords.ts';
import { closeUserSessions, type ActiveSession } from '../auth/sessions.ts';

export type ChangePasswordOptions = {
  session: ActiveSession;
  currentPassword: string;
  newPassword: string;
};

/**
 * Changes the signed-in user's password after checking the current one, and ends their other
 * sessions (someone who knew the old password is signed out everywhere else).
 */
export async function changePassword(database: Database, options: ChangePasswordOptions): Promise<void> {
  const { session } = options;
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash'])
    .where('id', '=', session.user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, options.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'currentPassword', key: 'password_wrong' }] });
  }
  if (options.currentPassword === options.newPassword) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'newPassword', key: 'password_same' }] });
  }
  const issues = passwordIssues(options.newPassword, { email: user.email });
  if (issues.length > 0) throw new AppError('WEAK_PASSWORD', { issues });
  const passwordHash = await hashPassword(options.newPassword);
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: new Date(), must_change_password: false, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await closeUserSessions(trx, user.id, session.id);
    await recordAudit(trx, {
      actor: { userId: user.id, email: user.email },
      participantId: null,
      action: 'user.change_password',
      entity: 'user',
      entityId: user.id,
    });
  });
}
