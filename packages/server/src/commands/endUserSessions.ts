import { recordAudit, type Database } from '@ariadne/db';
import { closeUserSessions } from '../auth/sessions.ts';
import { memberOf } from './members.ts';

export type EndUserSessionsOptions = {
  participant: string;
  userId: number;
  actor: { userId: number; email: string; sessionId: string };
};

/**
 * Ends every session of an account that holds a role in the coordinator's Participant (a lost
 * laptop, a shared computer, someone who left): the person must sign in again everywhere. A
 * coordinator ending their own keeps the session they are using. Returns how many were ended.
 */
export async function endUserSessions(database: Database, options: EndUserSessionsOptions): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const target = await memberOf(trx, options.participant, options.userId);
    const ended = await closeUserSessions(
      trx,
      options.userId,
      options.userId === options.actor.userId ? options.actor.sessionId : undefined,
    );
    await recordAudit(trx, {
      actor: { userId: options.actor.userId, email: options.actor.email },
      participantId: target.participantId,
      action: 'user.sessions_end',
      entity: 'user',
      entityId: options.userId,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}
