import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '@ariadne/db';

/** How long a session lasts at most, and how long it may sit unused. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_TIMEOUT_MS = 60 * 60 * 1000;
/** last_seen_at is written at most this often, so that reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export const SESSION_COOKIE = 'ariadne_session';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random token, safe to put in a cookie or a header. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export type OpenedSession = { token: string; id: string; csrfToken: string; expiresAt: Date };

/** Starts a session for a user; the cookie gets the token, the database only its digest. */
export async function openSession(
  db: Kysely<Schema> | Transaction<Schema>,
  userId: number,
  client: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<OpenedSession> {
  const token = newToken();
  const session = {
    token,
    id: digest(token),
    csrfToken: newToken(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  };
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: userId,
      csrf_token: session.csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: session.expiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return session;
}

export type ActiveSession = {
  id: string;
  csrfToken: string;
  user: { id: number; email: string; displayName: string; language: string; mustChangePassword: boolean };
};

/** Finds the live session of a token, ending it if it expired or sat idle too long. */
export async function findSession(db: Kysely<Schema>, token: string, now = new Date()): Promise<ActiveSession | null> {
  return findSessionById(db, digest(token), now);
}

/** Finds a live session by its stored id (the digest of its token). */
export async function findSessionById(db: Kysely<Schema>, id: string, now = new Date()): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.language',
      'users.disabled_at',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleFor = now.getTime() - row.last_seen_at.getTime();
  if (row.expires_at.getTime() <= now.getTime() || idleFor > SESSION_IDLE_TIMEOUT_MS || row.disabled_at !== null) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (idleFor > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      language: row.language,
      mustChangePassword: row.must_change_password,
    },
  };
}

/** Ends one session. */
export async function closeSession(db: Kysely<Schema> | Transaction<Schema>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (sign-out everywhere, a disabled account, a changed password). */
export async function closeUserSessions(db: Kysely<Schema> | Transaction<Schema>, userId: number, except?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('id', '!=', except);
  return (await query.returning('id').execute()).length;
}
