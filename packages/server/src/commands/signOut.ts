import { recordAudit, type Database } from '@ariadne/db';
import { closeSession, type ActiveSession } from '../auth/sessions.ts';

/** Ends the current session; the cookie is cleared by the route. */
export async function signOut(database: Database, session: ActiveSession): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await closeSession(trx, session.id);
    await recordAudit(trx, {
      actor: { userId: session.user.id, email: session.user.email },
      participantId: null,
      action: 'session.sign_out',
      entity: 'user',
      entityId: session.user.id,
    });
  });
}
