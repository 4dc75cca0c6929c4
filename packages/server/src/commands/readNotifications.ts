import { AppError } from '@ariadne/domain';
import { markAllNotificationsRead, markNotificationRead, recordAudit, type AuditActor, type Database } from '@ariadne/db';

/**
 * Marks one of the user's notifications read (`id`), or all of them (`id` left out), in one
 * transaction with its audit entry. NOT_FOUND for a notification that is not the user's.
 * Gives how many were marked.
 */
export async function readNotifications(
  database: Database,
  input: { userId: number; actor: AuditActor; id?: number | undefined },
): Promise<{ marked: number }> {
  return database.db.transaction().execute(async (trx) => {
    let marked: number;
    if (input.id === undefined) {
      marked = await markAllNotificationsRead(trx, input.userId);
    } else {
      if (!(await markNotificationRead(trx, input.userId, input.id))) {
        throw new AppError('NOT_FOUND', { detail: `no notification ${input.id} of user ${input.userId}` });
      }
      marked = 1;
    }
    await recordAudit(trx, {
      actor: input.actor,
      participantId: null,
      action: 'user.notifications_read',
      entity: 'user',
      entityId: input.userId,
      after: input.id === undefined ? { all: true, marked } : { notification: input.id },
    });
    return { marked };
  });
}
