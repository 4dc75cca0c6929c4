import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

type Executor = Kysely<Schema> | Transaction<Schema>;

// The consultations of a strategy's documents: who is invited, the comments with their replies and
// resolutions, closing and publishing the resolution log.

/** A consultation as stored; its state (open or closed) follows from `closedAt` and `closesOn` and today. */
export type StoredConsultation = {
  id: number;
  participantId: number;
  participant: string;
  strategyId: number;
  strategy: string;
  document: string;
  title: string;
  closesOn: string;
  openedBy: string | null;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  publishedAt: string | null;
};

/** An invitation with the name of who is invited. */
export type StoredInvitee = {
  id: number;
  userId: number | null;
  institutionId: number | null;
  /** The institution's code, for an institution. */
  institution: string | null;
  name: string;
};

/** A comment or a reply as stored, with its resolution. */
export type StoredComment = {
  id: number;
  parentId: number | null;
  element: string | null;
  part: 'costs' | null;
  text: string;
  authorId: number | null;
  author: string;
  institution: string | null;
  createdAt: string;
  decision: 'accepted' | 'partly_accepted' | 'not_accepted' | null;
  reason: string | null;
  changeElement: string | null;
  changeVersion: number | null;
  changeAmendment: number | null;
  resolvedAt: string | null;
};

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function day(value: Date | string): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

function consultationQuery(executor: Executor) {
  return executor
    .selectFrom('consultations')
    .innerJoin('participants', 'participants.id', 'consultations.participant_id')
    .innerJoin('strategies', 'strategies.id', 'consultations.strategy_id')
    .leftJoin('users as opener', 'opener.id', 'consultations.opened_by')
    .leftJoin('users as closer', 'closer.id', 'consultations.closed_by')
    .select([
      'consultations.id',
      'consultations.participant_id as participantId',
      'participants.code as participant',
      'consultations.strategy_id as strategyId',
      'strategies.code as strategy',
      'consultations.document',
      'consultations.title',
      'consultations.closes_on as closesOn',
      'opener.display_name as openedBy',
      'consultations.opened_at as openedAt',
      'closer.display_name as closedBy',
      'consultations.closed_at as closedAt',
      'consultations.published_at as publishedAt',
    ]);
}

type ConsultationRow = Omit<StoredConsultation, 'closesOn' | 'openedAt' | 'closedAt' | 'publishedAt'> & {
  closesOn: Date | string;
  openedAt: Date | string;
  closedAt: Date | string | null;
  publishedAt: Date | string | null;
};

function toConsultation(row: ConsultationRow): StoredConsultation {
  return {
    ...row,
    closesOn: day(row.closesOn),
    openedAt: iso(row.openedAt) ?? '',
    closedAt: iso(row.closedAt),
    publishedAt: iso(row.publishedAt),
  };
}

/** A Participant's consultation by its id; undefined when there is none (or it is another Participant's). */
export async function findConsultation(executor: Executor, participant: string, id: number): Promise<StoredConsultation | undefined> {
  const row = await consultationQuery(executor)
    .where('participants.code', '=', participant)
    .where('consultations.id', '=', id)
    .executeTakeFirst();
  return row ? toConsultation(row) : undefined;
}

/** A Participant's consultations whose resolution log is published, the most recently published first. */
export async function listPublishedConsultations(executor: Executor, participant: string): Promise<StoredConsultation[]> {
  const rows = await consultationQuery(executor)
    .where('participants.code', '=', participant)
    .where('consultations.published_at', 'is not', null)
    .orderBy('consultations.published_at', 'desc')
    .orderBy('consultations.id', 'desc')
    .execute();
  return rows.map(toConsultation);
}

/** The consultations of a strategy's documents, the newest first. */
export async function listConsultations(executor: Executor, strategyId: number): Promise<StoredConsultation[]> {
  const rows = await consultationQuery(executor)
    .where('consultations.strategy_id', '=', strategyId)
    .orderBy('consultations.opened_at', 'desc')
    .orderBy('consultations.id', 'desc')
    .execute();
  return rows.map(toConsultation);
}

export type NewConsultation = {
  participantId: number;
  strategyId: number;
  document: string;
  title: string;
  closesOn: string;
  openedBy: number | null;
};

export async function insertConsultation(trx: Transaction<Schema>, consultation: NewConsultation): Promise<number> {
  const row = await trx
    .insertInto('consultations')
    .values({
      participant_id: consultation.participantId,
      strategy_id: consultation.strategyId,
      document: consultation.document,
      title: consultation.title,
      closes_on: consultation.closesOn,
      opened_by: consultation.openedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Invites people and institutions; those already invited stay as they were. Returns how many were added. */
export async function insertInvitees(
  trx: Transaction<Schema>,
  consultationId: number,
  invitees: readonly { userId: number | null; institutionId: number | null }[],
): Promise<number> {
  const existing = await listInvitees(trx, consultationId);
  const fresh = invitees.filter(
    (invitee, index) =>
      !existing.some((known) => known.userId === invitee.userId && known.institutionId === invitee.institutionId) &&
      invitees.findIndex((other) => other.userId === invitee.userId && other.institutionId === invitee.institutionId) === index,
  );
  if (fresh.length === 0) return 0;
  await trx
    .insertInto('consultation_invitees')
    .values(fresh.map((invitee) => ({ consultation_id: consultationId, user_id: invitee.userId, institution_id: invitee.institutionId })))
    .execute();
  return fresh.length;
}

/** Who is invited, institutions first, each by name. */
export async function listInvitees(executor: Executor, consultationId: number): Promise<StoredInvitee[]> {
  const rows = await executor
    .selectFrom('consultation_invitees')
    .leftJoin('users', 'users.id', 'consultation_invitees.user_id')
    .leftJoin('institutions', 'institutions.id', 'consultation_invitees.institution_id')
    .select([
      'consultation_invitees.id',
      'consultation_invitees.user_id as userId',
      'consultation_invitees.institution_id as institutionId',
      'institutions.code as institution',
      'institutions.name as institutionName',
      'users.display_name as userName',
    ])
    .where('consultation_invitees.consultation_id', '=', consultationId)
    .orderBy('consultation_invitees.id')
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      userId: row.userId,
      institutionId: row.institutionId,
      institution: row.institution,
      name: row.institutionName ?? row.userName ?? '',
    }))
    .sort((a, b) => Number(a.institutionId === null) - Number(b.institutionId === null) || a.id - b.id);
}

export type NewComment = {
  consultationId: number;
  parentId: number | null;
  element: string | null;
  part: 'costs' | null;
  text: string;
  authorId: number;
  author: string;
  institution: string | null;
};

export async function insertComment(trx: Transaction<Schema>, comment: NewComment): Promise<number> {
  const row = await trx
    .insertInto('consultation_comments')
    .values({
      consultation_id: comment.consultationId,
      parent_id: comment.parentId,
      element_code: comment.element,
      part: comment.part,
      text: comment.text,
      author_id: comment.authorId,
      author_name: comment.author,
      author_institution: comment.institution,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The comments and replies of a consultation in the order they were written. */
export async function listComments(executor: Executor, consultationId: number): Promise<StoredComment[]> {
  const rows = await executor
    .selectFrom('consultation_comments')
    .leftJoin('document_versions', 'document_versions.id', 'consultation_comments.change_version_id')
    .select([
      'consultation_comments.id',
      'consultation_comments.parent_id as parentId',
      'consultation_comments.element_code as element',
      'consultation_comments.part',
      'consultation_comments.text',
      'consultation_comments.author_id as authorId',
      'consultation_comments.author_name as author',
      'consultation_comments.author_institution as institution',
      'consultation_comments.created_at as createdAt',
      'consultation_comments.decision',
      'consultation_comments.reason',
      'consultation_comments.change_element as changeElement',
      'document_versions.number as changeVersion',
      'consultation_comments.change_amendment_id as changeAmendment',
      'consultation_comments.resolved_at as resolvedAt',
    ])
    .where('consultation_comments.consultation_id', '=', consultationId)
    .orderBy('consultation_comments.created_at')
    .orderBy('consultation_comments.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    decision: row.decision as StoredComment['decision'],
    createdAt: iso(row.createdAt) ?? '',
    resolvedAt: iso(row.resolvedAt),
  }));
}

export type CommentResolution = {
  decision: 'accepted' | 'partly_accepted' | 'not_accepted';
  reason: string | null;
  changeElement: string | null;
  /** The id of the document version the comment led to. */
  changeVersionId: number | null;
  changeAmendmentId: number | null;
  resolvedBy: number;
};

/** Records (or replaces) a comment's resolution. */
export async function writeResolution(trx: Transaction<Schema>, commentId: number, resolution: CommentResolution): Promise<void> {
  await trx
    .updateTable('consultation_comments')
    .set({
      decision: resolution.decision,
      reason: resolution.reason,
      change_element: resolution.changeElement,
      change_version_id: resolution.changeVersionId,
      change_amendment_id: resolution.changeAmendmentId,
      resolved_by: resolution.resolvedBy,
      resolved_at: new Date(),
    })
    .where('id', '=', commentId)
    .execute();
}

export async function closeConsultationRow(trx: Transaction<Schema>, id: number, closedBy: number): Promise<void> {
  await trx.updateTable('consultations').set({ closed_at: new Date(), closed_by: closedBy }).where('id', '=', id).execute();
}

/** Publishes the resolution log (`publishedBy`), or withdraws it (null). */
export async function setConsultationPublished(trx: Transaction<Schema>, id: number, publishedBy: number | null): Promise<void> {
  await trx
    .updateTable('consultations')
    .set(publishedBy === null ? { published_at: null, published_by: null } : { published_at: new Date(), published_by: publishedBy })
    .where('id', '=', id)
    .execute();
}
