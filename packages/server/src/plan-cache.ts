import { AppError, type PlanPackage } from '@ariadne/domain';
import {
  lockStrategy,
  readElementVersions,
  readOpenAmendments,
  readPlanPackage,
  revisionOf,
  strategyRevision,
  type Database,
  type OpenAmendment,
  type Schema,
} from '@ariadne/db';
import type { Transaction } from 'kysely';

/**
 * A strategy as the editor works on it: its package (with its monitoring history), the version of
 * each element, and the open amendments of its documents, all as of one revision of the strategy.
 */
export type StrategyState = {
  strategyId: number;
  participantId: number;
  participant: string;
  currency: string;
  revision: number;
  plan: PlanPackage;
  /** Each element's version, by code (the strategy's own under its code). */
  versions: ReadonlyMap<string, number>;
  /** The open amendments, by document (`strategy` or an action plan's code). */
  amendments: ReadonlyMap<string, OpenAmendment>;
};

// Reading a national-scale package takes about a second; checking a revision, a millisecond. Each
// database keeps the latest states of a few strategies; a state is used only while its revision is
// the stored one, which every write to the strategy raises (migration 0003), whoever writes.
export const CAPACITY = 8;
const caches = new WeakMap<Database, Map<number, StrategyState>>();
const loading = new WeakMap<Database, Map<string, Promise<StrategyState>>>();

function cacheOf(database: Database): Map<number, StrategyState> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  return cache;
}

/** Keeps a state as the latest of its strategy (the least recently used goes when the cache is full). */
export function rememberStrategyState(database: Database, state: StrategyState): void {
  const cache = cacheOf(database);
  const held = cache.get(state.strategyId);
  if (held && held.revision > state.revision) return;
  cache.delete(state.strategyId);
  cache.set(state.strategyId, state);
  while (cache.size > CAPACITY) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

/** The held state of a strategy at this revision, if any (and marks it as recently used). */
function heldState(database: Database, strategyId: number, revision: number): StrategyState | undefined {
  const cache = cacheOf(database);
  const state = cache.get(strategyId);
  if (!state || state.revision !== revision) return undefined;
  cache.delete(strategyId);
  cache.set(strategyId, state);
  return state;
}

export function strategyNotFound(participant: string, strategy: string): AppError {
  return new AppError('NOT_FOUND', {
    issues: [{ path: `${participant}/${strategy}`, key: 'strategy_not_found', params: { participant, id: strategy } }],
    detail: `no strategy ${participant}/${strategy}`,
  });
}

type Located = { id: number; participantId: number; revision: number; currency: string };

/** Reads a strategy's state from its tables within a transaction that sees one snapshot. */
async function loadState(
  trx: Transaction<Schema>,
  participant: string,
  located: Located,
  options: { monitoring?: boolean } = {},
): Promise<StrategyState> {
  const plan = await readPlanPackage(trx, located.id, options);
  const versions = await readElementVersions(trx, located.id);
  const amendments = await readOpenAmendments(trx, located.id);
  return {
    strategyId: located.id,
    participantId: located.participantId,
    participant,
    currency: located.currency,
    revision: located.revision,
    plan,
    versions,
    amendments: new Map(amendments.map((amendment) => [amendment.document, amendment])),
  };
}

/**
 * The current state of a strategy, for reading: the held one when its revision is the stored one
 * (one query), otherwise read again in one repeatable-read snapshot and held. NOT_FOUND when the
 * Participant has no such strategy.
 */
export async function currentStrategyState(database: Database, participant: string, strategy: string): Promise<StrategyState> {
  const located = await strategyRevision(database.db, participant, strategy);
  if (!located) throw strategyNotFound(participant, strategy);
  const held = heldState(database, located.id, located.revision);
  if (held) return held;
  // Requests arriving together for the same revision share one read.
  let pending = loading.get(database);
  if (!pending) {
    pending = new Map();
    loading.set(database, pending);
  }
  const key = `${located.id}:${located.revision}`;
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const read = database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const now = await strategyRevision(trx, participant, strategy);
      if (!now) throw strategyNotFound(participant, strategy);
      return loadState(trx, participant, now);
    })
    .then((state) => {
      rememberStrategyState(database, state);
      return state;
    })
    .finally(() => pending.delete(key));
  pending.set(key, read);
  return read;
}

/**
 * The current state of a strategy for a reader that keeps what it needs of it elsewhere (the
 * regional comparison, the editor's outline): the held state when it is current, otherwise one read
 * in a repeatable-read snapshot that is not held, so that reading many strategies once does not push
 * out of the cache the few that people are working on. `monitoring: false` leaves the monitoring
 * history unread (most of a national plan's rows); the package may then lack `monitoring`.
 */
export async function strategyStateUnheld(
  database: Database,
  participant: string,
  strategy: string,
  options: { monitoring?: boolean } = {},
): Promise<StrategyState> {
  const located = await strategyRevision(database.db, participant, strategy);
  if (!located) throw strategyNotFound(participant, strategy);
  const held = heldState(database, located.id, located.revision);
  if (held) return held;
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const now = await strategyRevision(trx, participant, strategy);
      if (!now) throw strategyNotFound(participant, strategy);
      return loadState(trx, participant, now, options);
    });
}

/**
 * A strategy's state for views of the plan itself, such as the editor's outline: the held state when
 * it is current; otherwise one read without the monitoring history (most of a national plan's rows,
 * so a fraction of the time), not held. The package it gives may lack `monitoring`. Call
 * {@link warmStrategyState} once the answer is sent, so that what usually follows (an element, an
 * edit, the measures) finds the whole state held.
 */
export async function currentPlanState(database: Database, participant: string, strategy: string): Promise<StrategyState> {
  return strategyStateUnheld(database, participant, strategy, { monitoring: false });
}

/**
 * Reads and holds a strategy's whole state unless it is held already. A courtesy done after an
 * answer has gone out (the embedded database runs on the server's own thread, so an answer must not
 * wait behind it): a failure here is met again, and reported, by the request that needs the state.
 */
export function warmStrategyState(database: Database, participant: string, strategy: string): void {
  currentStrategyState(database, participant, strategy).catch(() => undefined);
}

/**
 * Reads and holds the strategies people are most likely to open first: those in force or being
 * prepared, most recently changed first, as many as the cache holds. Run at start-up, before the
 * server listens, so that the first requests do not each wait for a whole package to be read.
 * Returns how many were read.
 */
export async function warmRecentStrategies(database: Database, limit = CAPACITY): Promise<number> {
  const recent = await database.db
    .selectFrom('strategies')
    .innerJoin('participants', 'participants.id', 'strategies.participant_id')
    .select(['participants.code as participant', 'strategies.code as strategy'])
    .where('strategies.status', 'in', ['draft', 'consultation', 'adopted'])
    .orderBy('strategies.updated_at', 'desc')
    .orderBy('strategies.id', 'desc')
    .limit(limit)
    .execute();
  // Oldest first, so that the most recent is the last one the cache would let go.
  for (const { participant, strategy } of recent.reverse()) await currentStrategyState(database, participant, strategy);
  return recent.length;
}

/** What a command run on a locked strategy gives back: its result and, when it wrote, the strategy's new state. */
export type LockedWork<T> = { result: T; state?: Omit<StrategyState, 'revision'> };

/**
 * Runs a command on a strategy whose row is locked for the rest of the transaction (the commands of
 * one strategy run one after the other), starting from its current state. After the commit, the
 * new state the command gives is held at the strategy's new revision. With a transaction of the
 * caller's, the command runs in it and nothing is held (the commit is the caller's).
 */
export async function withLockedStrategy<T>(
  database: Database,
  address: { participant: string; strategy: string; trx?: Transaction<Schema> | undefined },
  work: (trx: Transaction<Schema>, state: StrategyState) => Promise<LockedWork<T>>,
): Promise<{ result: T; revision: number }> {
  const run = async (trx: Transaction<Schema>) => {
    const located = await lockStrategy(trx, address.participant, address.strategy);
    if (!located) throw strategyNotFound(address.participant, address.strategy);
    const held = heldState(database, located.id, located.revision);
    const state = held ?? (await loadState(trx, address.participant, located));
    const done = await work(trx, state);
    const revision = done.state ? await revisionOf(trx, located.id) : located.revision;
    // A state read here and left unchanged is worth holding too.
    const next = done.state ? { ...done.state, revision } : held ? undefined : state;
    return { result: done.result, revision, next };
  };
  if (address.trx) {
    const { result, revision } = await run(address.trx);
    return { result, revision };
  }
  // The database lock orders the writers of every process. Within this one, writers also wait for
  // each other here, so that the next one starts from the state the last one left in memory (the
  // database lets it in at the commit, before that state is kept) rather than reading it again.
  return inTurn(database, `${address.participant}/${address.strategy}`, async () => {
    const { result, revision, next } = await database.db.transaction().execute(run);
    if (next) rememberStrategyState(database, next);
    return { result, revision };
  });
}

const turns = new WeakMap<Database, Map<string, Promise<unknown>>>();

/** Runs `work` after the work queued before it under the same key, in this process. */
async function inTurn<T>(database: Database, key: string, work: () => Promise<T>): Promise<T> {
  let queues = turns.get(database);
  if (!queues) {
    queues = new Map();
    turns.set(database, queues);
  }
  const before = queues.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await mine;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

/**
 * Carries a change that a command made to several strategies at once (an institution they show)
 * over to their held states, for those held at the revision the change started from.
 */
export function patchStrategyStates(
  database: Database,
  strategies: readonly { strategyId: number; from: number; to: number }[],
  change: (plan: PlanPackage) => PlanPackage,
): void {
  const cache = cacheOf(database);
  for (const { strategyId, from, to } of strategies) {
    const state = cache.get(strategyId);
    if (state && state.revision === from && to > from) cache.set(strategyId, { ...state, plan: change(state.plan), revision: to });
  }
}
