import { recordAudit, type Database } from '@ariadne/db';
import type { ActiveSession } from '../auth/sessions.ts';

export type UpdateAccountOptions = {
  session: ActiveSession;
  language?: string;
  displayName?: string;
};

/** Saves the signed-in user's own preferences: their name and interface language. */
export async function updateAccount(database: Database, options: UpdateAccountOptions): Promise<void> {
  const { session } = options;
  const before = { language: session.user.language, displayName: session.user.displayName };
  const after = {
    language: options.language ?? before.language,
    displayName: options.displayName?.trim() || before.displayName,
  };
  if (after.language === before.language && after.displayName === before.displayName) return;
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ language: after.language, display_name: after.displayName, updated_at: new Date() })
      .where('id', '=', session.user.id)
      .execute();
    await recordAudit(trx, {
      actor: { userId: session.user.id, email: session.user.email },
      participantId: null,
      action: 'user.update',
      entity: 'user',
      entityId: session.user.id,
      before,
      after,
    });
  });
}
