import { AppError } from '@ariadne/domain';
import { recordAudit, type Database, type Schema } from '@ariadne/db';
import type { Transaction } from 'kysely';
import { verifyPassword } from '../auth/passwords.ts';
import {
  codeStep,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newSecret,
  otpauthUri,
  qrCodeSvg,
  recoveryCodeDigest,
} from '../auth/second-factor.ts';
import { memberOf } from './members.ts';

type Actor = { userId: number; email: string };

export type SecondFactorState = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };

/** Whether an account has two-step sign-in on, and how many recovery codes it has left. */
export async function secondFactorState(database: Database, userId: number): Promise<SecondFactorState> {
  const user = await database.db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const left = await database.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    enabled: user.totp_secret !== null,
    enabledAt: user.totp_enabled_at ? new Date(user.totp_enabled_at).toISOString() : null,
    recoveryCodesLeft: user.totp_secret === null ? 0 : Number(left.n),
  };
}

/** Starts setting up two-step sign-in: a new secret waits for its first code. */
export async function startSecondFactor(database: Database, actor: Actor): Promise<{ secret: string; uri: string; qrCode: string }> {
  const secret = newSecret();
  await database.db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', actor.userId).execute();
  const uri = otpauthUri(secret, actor.email);
  return { secret, uri, qrCode: await qrCodeSvg(uri) };
}

/** Turns two-step sign-in on once the app gives a right code; returns the recovery codes, shown once. */
export async function confirmSecondFactor(database: Database, actor: Actor, code: string, now = new Date()): Promise<string[]> {
  return database.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['totp_pending_secret']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (user.totp_pending_secret === null) {
      throw new AppError('CONFLICT', { detail: 'no second factor being set up' });
    }
    const step = codeStep(user.totp_pending_secret, code, now);
    if (step === null) {
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'code', key: 'second_factor_code' }], detail: 'wrong set-up code' });
    }
    await trx
      .updateTable('users')
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
        updated_at: now,
      })
      .where('id', '=', actor.userId)
      .execute();
    const codes = await replaceRecoveryCodes(trx, actor.userId);
    await recordAudit(trx, { actor, participantId: null, action: 'user.second_factor_enable', entity: 'user', entityId: actor.userId });
    return codes;
  });
}

async function replaceRecoveryCodes(trx: Transaction<Schema>, userId: number): Promise<string[]> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const codes = newRecoveryCodes();
  await trx
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ user_id: userId, code_hash: recoveryCodeDigest(code) })))
    .execute();
  return codes;
}

/** New recovery codes in place of the old ones (after using some, or losing the paper). */
export async function renewRecoveryCodes(database: Database, actor: Actor): Promise<string[]> {
  return database.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['totp_secret']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (user.totp_secret === null) throw new AppError('CONFLICT', { detail: 'two-step sign-in is off' });
    const codes = await replaceRecoveryCodes(trx, actor.userId);
    await recordAudit(trx, { actor, participantId: null, action: 'user.recovery_codes_renew', entity: 'user', entityId: actor.userId });
    return codes;
  });
}

/** Turns two-step sign-in off; the person confirms with their password. */
export async function disableSecondFactor(database: Database, actor: Actor, password: string): Promise<void> {
  const user = await database.db.selectFrom('users').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'password', key: 'password_wrong' }], detail: 'wrong password' });
  }
  await database.db.transaction().execute(async (trx) => {
    await clearSecondFactor(trx, actor.userId);
    await recordAudit(trx, { actor, participantId: null, action: 'user.second_factor_disable', entity: 'user', entityId: actor.userId });
  });
}

async function clearSecondFactor(trx: Transaction<Schema>, userId: number): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/**
 * A coordinator turns off the two-step sign-in of someone in their Participant who lost their
 * phone and their recovery codes; the person signs in with the password alone and sets it up again.
 */
export async function resetSecondFactor(database: Database, options: { participant: string; userId: number; actor: Actor }): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const target = await memberOf(trx, options.participant, options.userId);
    await clearSecondFactor(trx, options.userId);
    await recordAudit(trx, {
      actor: options.actor,
      participantId: target.participantId,
      action: 'user.second_factor_reset',
      entity: 'user',
      entityId: options.userId,
    });
  });
}

/**
 * Checks the second step of a sign-in: a code from the app (not older than the last one accepted)
 * or an unused recovery code, which is used up. Records what it uses, inside the caller's transaction.
 */
export async function acceptSecondFactor(
  trx: Transaction<Schema>,
  user: { id: number; totp_secret: string; totp_last_step: number | null },
  code: string,
  now: Date,
): Promise<'app' | 'recovery' | null> {
  if (looksLikeRecoveryCode(code)) {
    const used = await trx
      .updateTable('recovery_codes')
      .set({ used_at: now })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', recoveryCodeDigest(code))
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return used ? 'recovery' : null;
  }
  const step = codeStep(user.totp_secret, code, now);
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) return null;
  // Only a later step moves the mark: two sign-ins racing with one code cannot both pass.
  const moved = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return moved ? 'app' : null;
}
