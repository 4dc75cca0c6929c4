import { createHash } from 'node:crypto';
import { AppError } from '@ariadne/domain';
import type { Schema } from '@ariadne/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';

/** The header a client names a retryable request with. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** How long an answer is kept for a retry. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** 1–200 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** A request sent with an `Idempotency-Key`: whose, on which route, and the digest of what it asks. */
export type IdempotentRequest = { key: string; userId: number; route: string; digest: string };

/** What a command calls inside its transaction, once it has written, with its result. */
export type AfterWrite<R> = (trx: Transaction<Schema>, result: R) => Promise<void>;

/**
 * The request's idempotency key with what identifies the request, or `null` without one.
 * A malformed key is refused (400) rather than ignored: the client means to retry safely.
 */
export function idempotentRequest(request: FastifyRequest, userId: number): IdempotentRequest | null {
  const sent = request.headers[IDEMPOTENCY_HEADER];
  if (sent === undefined) return null;
  if (typeof sent !== 'string' || !KEY.test(sent)) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'Idempotency-Key', key: 'invalid_format' }],
      detail: 'the Idempotency-Key header must be 1 to 200 visible ASCII characters',
    });
  }
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const digest = createHash('sha256')
    .update(route)
    .update('\0')
    .update(JSON.stringify({ params: request.params ?? null, query: request.query ?? null, body: request.body ?? null }))
    .digest('hex');
  return { key: sent, userId, route, digest };
}

type StoredAnswer = { status: number; body: unknown };

/**
 * The answer stored for the key, if it is still kept; the same key with another request is
 * refused with IDEMPOTENCY_KEY_REUSED.
 */
export async function storedAnswer(db: Kysely<Schema>, request: IdempotentRequest, now = new Date()): Promise<StoredAnswer | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['route', 'request_digest', 'response_status', 'response_body'])
    .where('user_id', '=', request.userId)
    .where('key', '=', request.key)
    .where('created_at', '>', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .executeTakeFirst();
  if (!row) return null;
  if (row.route !== request.route || row.request_digest !== request.digest) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { detail: `key used before for another request (${row.route})` });
  }
  return { status: row.response_status, body: row.response_body };
}

/**
 * Keeps the answer under the key, in the transaction of the change it answers: both are written or
 * neither. A request with the same key done meanwhile makes this insert fail, and so the change.
 */
export async function storeAnswer(
  trx: Transaction<Schema>,
  request: IdempotentRequest,
  answer: StoredAnswer,
  now = new Date(),
): Promise<void> {
  await trx
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', request.userId)
    .where('key', '=', request.key)
    .where('created_at', '<=', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .execute();
  await trx
    .insertInto('idempotency_keys')
    .values({
      user_id: request.userId,
      key: request.key,
      route: request.route,
      request_digest: request.digest,
      response_status: answer.status,
      response_body: JSON.stringify(answer.body),
      created_at: now,
    })
    .execute();
}

/** Deletes the keys older than 24 hours; returns how many. */
export async function forgetExpiredKeys(db: Kysely<Schema>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<=', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** When each database last had its expired keys deleted: at most once a minute, on the way. */
const lastSweep = new WeakMap<Kysely<Schema>, number>();
const SWEEP_EVERY_MS = 60_000;

async function sweepNowAndThen(db: Kysely<Schema>): Promise<void> {
  const now = Date.now();
  if (now - (lastSweep.get(db) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(db, now);
  await forgetExpiredKeys(db).catch(() => undefined);
}

/**
 * Performs a state-changing request at most once per `Idempotency-Key`. Without the header it just
 * performs it. With one: a stored answer for the same request is sent again (with
 * `Idempotent-Replayed: true`) and nothing is done; otherwise `perform` runs the command, handing it
 * the `afterWrite` it must call inside its transaction, which stores the answer (`present` of the
 * result, with `status`) next to the change. When the command fails because the same request got
 * through meanwhile (a retry racing the original), that one's answer is sent.
 */
export async function idempotently<R, B>(
  db: Kysely<Schema>,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    userId: number;
    status: number;
    perform: (afterWrite: AfterWrite<R> | undefined) => Promise<R>;
    present: (db: Kysely<Schema>, result: NoInfer<R>) => Promise<B>;
  },
): Promise<FastifyReply> {
  const idempotent = idempotentRequest(request, options.userId);
  if (idempotent === null) {
    const result = await options.perform(undefined);
    return reply.status(options.status).send(await options.present(db, result));
  }
  await sweepNowAndThen(db);
  const replay = (answer: StoredAnswer) => reply.status(answer.status).header('idempotent-replayed', 'true').send(answer.body);
  const before = await storedAnswer(db, idempotent);
  if (before) return replay(before);
  let body: B | undefined;
  let stored = false;
  try {
    await options.perform(async (trx, result) => {
      body = await options.present(trx, result);
      await storeAnswer(trx, idempotent, { status: options.status, body });
      stored = true;
    });
  } catch (error) {
    const meanwhile = await storedAnswer(db, idempotent).catch((refusal: unknown) => {
      throw refusal instanceof AppError ? refusal : error;
    });
    if (meanwhile) return replay(meanwhile);
    throw error;
  }
  if (!stored) throw new Error(`${idempotent.route} did not call afterWrite in its transaction`);
  return reply.status(options.status).send(body);
}
