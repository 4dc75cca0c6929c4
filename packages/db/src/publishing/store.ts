import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

/** What a Participant can publish: a strategy, an action plan, an implementation report, an action plan's indicators. */
export const PUBLICATION_KINDS = ['strategy', 'action_plan', 'implementation_report', 'indicator_set'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** One publication, as stored: `withdrawnAt` is null while it is readable signed out. */
export type Publication = {
  id: number;
  kind: PublicationKind;
  /** The strategy's code (for every kind but a report whose strategy was deleted). */
  strategy: string | null;
  /** The action plan's code, for an action plan, an indicator set or a report about one plan. */
  plan: string | null;
  /** The generated document of an implementation report. */
  documentRun: number | null;
  title: string;
  publishedBy: string | null;
  publishedAt: string;
  withdrawnAt: string | null;
};

/** What to publish: the item is named by its strategy, action plan or document run. */
export type NewPublication = {
  kind: PublicationKind;
  strategyId: number | null;
  plan: string | null;
  documentRunId: number | null;
  title: string;
  publishedBy: number | null;
};

/** The default below which counts of victims are shown as "< threshold" in public. */
export const DEFAULT_SMALL_COUNT_THRESHOLD = 5;

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function baseQuery(executor: Executor) {
  return executor
    .selectFrom('publications')
    .leftJoin('strategies', 'strategies.id', 'publications.strategy_id')
    .leftJoin('users', 'users.id', 'publications.published_by')
    .select([
      'publications.id',
      'publications.kind',
      'strategies.code as strategy',
      'publications.plan_code as plan',
      'publications.document_run_id as documentRun',
      'publications.title',
      'users.display_name as publishedBy',
      'publications.published_at as publishedAt',
      'publications.withdrawn_at as withdrawnAt',
    ]);
}

type Row = {
  id: number;
  kind: PublicationKind;
  strategy: string | null;
  plan: string | null;
  documentRun: number | null;
  title: string;
  publishedBy: string | null;
  publishedAt: Date | string;
  withdrawnAt: Date | string | null;
};

function toPublication(row: Row): Publication {
  return { ...row, publishedAt: iso(row.publishedAt) ?? '', withdrawnAt: iso(row.withdrawnAt) };
}

/** A Participant's publications, the newest first; withdrawn ones only when asked for. */
export async function listPublications(
  executor: Executor,
  participantId: number,
  options: { withdrawn?: boolean } = {},
): Promise<Publication[]> {
  let query = baseQuery(executor).where('publications.participant_id', '=', participantId);
  if (!options.withdrawn) query = query.where('publications.withdrawn_at', 'is', null);
  const rows = await query.orderBy('publications.published_at', 'desc').orderBy('publications.id', 'desc').execute();
  return rows.map(toPublication);
}

/** What a Participant has published and not withdrawn, by its code (the public pages' one query). */
export async function activePublications(executor: Executor, participant: string): Promise<Publication[]> {
  const rows = await baseQuery(executor)
    .innerJoin('participants', 'participants.id', 'publications.participant_id')
    .where('participants.code', '=', participant)
    .where('publications.withdrawn_at', 'is', null)
    .orderBy('publications.published_at', 'desc')
    .orderBy('publications.id', 'desc')
    .execute();
  return rows.map(toPublication);
}

/** What every Participant has published and not withdrawn, by Participant code (the regional pages' one query). */
export async function activePublicationsOfAll(executor: Executor): Promise<Map<string, Publication[]>> {
  const rows = await baseQuery(executor)
    .innerJoin('participants', 'participants.id', 'publications.participant_id')
    .select('participants.code as participant')
    .where('publications.withdrawn_at', 'is', null)
    .orderBy('participants.code')
    .orderBy('publications.id')
    .execute();
  const byParticipant = new Map<string, Publication[]>();
  for (const { participant, ...row } of rows) {
    const list = byParticipant.get(participant) ?? [];
    list.push(toPublication(row));
    byParticipant.set(participant, list);
  }
  return byParticipant;
}

/** The small-count thresholds of every Participant that set one (the others keep the default). */
export async function smallCountThresholds(executor: Executor): Promise<Map<string, number>> {
  const rows = await executor
    .selectFrom('participant_settings')
    .innerJoin('participants', 'participants.id', 'participant_settings.participant_id')
    .select(['participants.code', 'participant_settings.small_count_threshold as threshold'])
    .execute();
  return new Map(rows.map((row) => [row.code, row.threshold]));
}

/** One publication of a Participant, withdrawn or not. */
export async function findPublication(executor: Executor, participantId: number, id: number): Promise<Publication | undefined> {
  const row = await baseQuery(executor)
    .where('publications.participant_id', '=', participantId)
    .where('publications.id', '=', id)
    .executeTakeFirst();
  return row ? toPublication(row) : undefined;
}

/**
 * Publishes an item, or returns the publication that already makes it public (publishing twice
 * changes nothing). Returns the publication and whether it is new.
 */
export async function insertPublication(
  executor: Executor,
  participantId: number,
  item: NewPublication,
): Promise<{ publication: Publication; created: boolean }> {
  let existing = executor
    .selectFrom('publications')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('kind', '=', item.kind)
    .where('withdrawn_at', 'is', null);
  existing = item.strategyId === null ? existing.where('strategy_id', 'is', null) : existing.where('strategy_id', '=', item.strategyId);
  existing = item.plan === null ? existing.where('plan_code', 'is', null) : existing.where('plan_code', '=', item.plan);
  existing =
    item.documentRunId === null
      ? existing.where('document_run_id', 'is', null)
      : existing.where('document_run_id', '=', item.documentRunId);
  const found = await existing.executeTakeFirst();
  let id = found?.id;
  if (id === undefined) {
    const inserted = await executor
      .insertInto('publications')
      .values({
        participant_id: participantId,
        kind: item.kind,
        strategy_id: item.strategyId,
        plan_code: item.plan,
        document_run_id: item.documentRunId,
        title: item.title,
        published_by: item.publishedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  }
  const publication = await findPublication(executor, participantId, id);
  if (!publication) throw new Error(`publication ${id} vanished`);
  return { publication, created: found === undefined };
}

/** Withdraws a publication (the record stays); false when there is none of that id or it was withdrawn already. */
export async function withdrawPublication(executor: Executor, participantId: number, id: number): Promise<boolean> {
  const result = await executor
    .updateTable('publications')
    .set({ withdrawn_at: new Date() })
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The count below which figures about victims are shown as "< threshold" in public (0: none are). */
export async function readSmallCountThreshold(executor: Executor, participantId: number): Promise<number> {
  const row = await executor
    .selectFrom('participant_settings')
    .select('small_count_threshold')
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return row?.small_count_threshold ?? DEFAULT_SMALL_COUNT_THRESHOLD;
}

/** The threshold by the Participant's code, for the public pages. */
export async function smallCountThresholdOf(executor: Executor, participant: string): Promise<number> {
  const row = await executor
    .selectFrom('participants')
    .leftJoin('participant_settings', 'participant_settings.participant_id', 'participants.id')
    .select('participant_settings.small_count_threshold')
    .where('participants.code', '=', participant)
    .executeTakeFirst();
  return row?.small_count_threshold ?? DEFAULT_SMALL_COUNT_THRESHOLD;
}

/** Sets the small-count threshold, keeping the Participant's other settings. */
export async function writeSmallCountThreshold(executor: Executor, participantId: number, threshold: number): Promise<void> {
  await executor
    .insertInto('participant_settings')
    .values({ participant_id: participantId, small_count_threshold: threshold })
    .onConflict((conflict) => conflict.column('participant_id').doUpdateSet({ small_count_threshold: threshold }))
    .execute();
}
