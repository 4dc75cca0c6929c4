import { AppError } from '@ariadne/domain';
import type { Schema } from '@ariadne/db';
import type { Transaction } from 'kysely';

/**
 * An account that holds a role in the Participant, with the Participant's key; NOT_FOUND otherwise
 * (another Participant's people do not exist for its coordinators).
 */
export async function memberOf(
  trx: Transaction<Schema>,
  participant: string,
  userId: number,
): Promise<{ id: number; participantId: number; disabledAt: Date | null }> {
  const target = await trx
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .innerJoin('participants', 'participants.id', 'memberships.participant_id')
    .select(['users.id', 'participants.id as participantId', 'users.disabled_at as disabledAt'])
    .where('users.id', '=', userId)
    .where('participants.code', '=', participant)
    .executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND', { detail: `user ${userId} in ${participant}` });
  return target;
}
