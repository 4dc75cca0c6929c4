import { AppError } from '@ariadne/domain';
import { recordAudit, type Database } from '@ariadne/db';
import { DECOY_HASH, verifyPassword } from '../auth/passwords.ts';
import { openSession, type OpenedSession } from '../auth/sessions.ts';
import { acceptSecondFactor } from './secondFactor.ts';

/** Failed sign-ins allowed before the account locks; each further failure doubles the wait. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MINUTES = 1;
const LONGEST_LOCK_MINUTES = 60;

export type SignInOptions = {
  email: string;
  password: string;
  /** The second step, for an account with two-step sign-in: a code from the app or a recovery code. */
  code?: string | undefined;
  client: { ip: string | null; userAgent: string | null };
  now?: Date;
};

/** The length of the lock-out after a given number of consecutive failures (exponential back-off). */
export function lockMinutes(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** (failures - FREE_ATTEMPTS));
}

/**
 * Checks an e-mail and password and opens a new session (a fresh token: sessions rotate at
 * sign-in). Unknown e-mails, wrong passwords and disabled accounts give the same answer; repeated
 * failures lock the account with growing waits.
 */
export async function signIn(database: Database, options: SignInOptions): Promise<{ session: OpenedSession; userId: number }> {
  const now = options.now ?? new Date();
  const email = options.email.trim().toLowerCase();
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash', 'disabled_at', 'failed_sign_ins', 'locked_until', 'totp_secret', 'totp_last_step'])
    .where('email', '=', email)
    .executeTakeFirst();

  if (!user) {
    await verifyPassword(DECOY_HASH, options.password);
    throw new AppError('INVALID_CREDENTIALS', { detail: 'unknown e-mail' });
  }
  if (user.locked_until && user.locked_until.getTime() > now.getTime()) {
    const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
    throw new AppError('ACCOUNT_LOCKED', { params: { minutes }, detail: `locked until ${user.locked_until.toISOString()}` });
  }
  const matches = await verifyPassword(user.password_hash, options.password);
  // With two-step sign-in, a right password without a code opens nothing and asks for the code.
  if (matches && user.disabled_at === null && user.totp_secret !== null && !options.code) {
    throw new AppError('SECOND_FACTOR_REQUIRED', { detail: 'password right, code missing' });
  }
  const secondStep =
    matches && user.disabled_at === null && user.totp_secret !== null && options.code
      ? await database.db
          .transaction()
          .execute((trx) =>
            acceptSecondFactor(
              trx,
              { id: user.id, totp_secret: user.totp_secret ?? '', totp_last_step: user.totp_last_step },
              options.code ?? '',
              now,
            ),
          )
      : null;
  const codeRefused = user.totp_secret !== null && secondStep === null;
  if (!matches || user.disabled_at !== null || codeRefused) {
    const failures = user.failed_sign_ins + 1;
    const minutes = lockMinutes(failures);
    await database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_sign_ins: failures, locked_until: minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null })
        .where('id', '=', user.id)
        .execute();
      if (minutes > 0) {
        await recordAudit(trx, {
          actor: { system: 'sign-in' },
          participantId: null,
          action: 'user.lock',
          entity: 'user',
          entityId: user.id,
          after: { failedSignIns: failures, lockedMinutes: minutes },
        });
      }
    });
    if (matches && user.disabled_at === null && codeRefused) {
      throw new AppError('SECOND_FACTOR_INVALID', { detail: 'wrong or used code' });
    }
    throw new AppError('INVALID_CREDENTIALS', { detail: user.disabled_at ? 'account disabled' : 'wrong password' });
  }

  return database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now })
      .where('id', '=', user.id)
      .execute();
    const session = await openSession(trx, user.id, options.client, now);
    await recordAudit(trx, {
      actor: { userId: user.id, email: user.email },
      participantId: null,
      action: 'session.sign_in',
      entity: 'user',
      entityId: user.id,
      after: { ip: options.client.ip, ...(secondStep ? { secondStep } : {}) },
    });
    return { session, userId: user.id };
  });
}
