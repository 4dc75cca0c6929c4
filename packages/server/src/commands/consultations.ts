import {
  AppError,
  STRATEGY_DOCUMENT,
  commentRefusal,
  commentTargets,
  consultationState,
  documentStatus,
  isInvited,
  resolutionIssues,
  resolutionLog,
  targetIssues,
  type CommentPart,
  type CommentTarget,
  type ConsultationDecision,
  type ConsultationState,
  type FieldIssue,
  type PlanPackage,
  type ResolutionLog,
} from '@ariadne/domain';
import {
  closeConsultationRow,
  findConsultation,
  findDocument,
  insertComment,
  insertConsultation,
  insertInvitees,
  listComments,
  listInvitees,
  readDocumentVersions,
  recordAudit,
  setConsultationPublished,
  writeResolution,
  type Database,
  type StoredComment,
  type StoredConsultation,
  type StoredInvitee,
} from '@ariadne/db';
import { currentStrategyState } from '../plan-cache.ts';
import { changeDocumentStatus } from './changeDocumentStatus.ts';

// Consultations on a draft strategy or action plan: opening one (which puts a draft document in
// consultation through its life cycle), inviting, commenting and replying, resolving, closing and
// publishing the resolution log. Each write is one transaction with its audit entry.

export type Actor = { userId: number; email: string };

/** Today in UTC: the closing date is a calendar day. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function notFound(id: number | string, what = 'consultation'): AppError {
  return new AppError('NOT_FOUND', { detail: `no ${what} ${id}` });
}

/** The consultation of the strategy, or NOT_FOUND. */
export async function consultationOf(database: Database, participant: string, strategy: string, id: number): Promise<StoredConsultation> {
  const found = await findConsultation(database.db, participant, id);
  if (!found || found.strategy !== strategy) throw notFound(id);
  return found;
}

export function stateOf(consultation: StoredConsultation): ConsultationState {
  return consultationState(consultation, today());
}

/** A document's title: the strategy's or the action plan's. */
export function documentTitle(plan: PlanPackage, document: string): string {
  if (document === STRATEGY_DOCUMENT) return plan.strategy.title;
  return plan.actionPlans.find((actionPlan) => actionPlan.id === document)?.title ?? document;
}

export type OpenConsultationInput = {
  participant: string;
  strategy: string;
  document: string;
  title: string;
  closesOn: string;
  users: number[];
  institutions: string[];
  actor: Actor;
};

/** The ids of the invitees: users who are members of the Participant, institutions of the Participant by code. */
async function inviteeIds(
  database: Database,
  participantId: number,
  users: readonly number[],
  institutions: readonly string[],
): Promise<{ userId: number | null; institutionId: number | null }[]> {
  const issues: FieldIssue[] = [];
  const members =
    users.length === 0
      ? []
      : await database.db
          .selectFrom('memberships')
          .select('user_id')
          .where('participant_id', '=', participantId)
          .where('user_id', 'in', [...users])
          .execute();
  users.forEach((user, index) => {
    if (!members.some((member) => member.user_id === user))
      issues.push({ path: `users[${index}]`, key: 'consultation_unknown_user', params: { id: user } });
  });
  const found =
    institutions.length === 0
      ? []
      : await database.db
          .selectFrom('institutions')
          .select(['id', 'code'])
          .where('participant_id', '=', participantId)
          .where('code', 'in', [...institutions])
          .execute();
  institutions.forEach((code, index) => {
    if (!found.some((institution) => institution.code === code))
      issues.push({ path: `institutions[${index}]`, key: 'unknown_institution', params: { id: code } });
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'unknown invitees' });
  return [
    ...users.map((userId) => ({ userId, institutionId: null })),
    ...found.map((institution) => ({ userId: null, institutionId: institution.id })),
  ];
}

/**
 * Opens a consultation on a draft (or already in consultation) document until its closing date,
 * with its first invitees. A draft document is put in consultation through its life cycle
 * (`changeDocumentStatus`) once everything else has been checked. Refusals: VALIDATION_FAILED
 * (closing date in the past, no invitee, unknown invitee); TRANSITION_NOT_ALLOWED for an adopted,
 * expired or superseded document, or while another consultation on it is open.
 */
export async function openConsultation(database: Database, input: OpenConsultationInput): Promise<number> {
  const state = await currentStrategyState(database, input.participant, input.strategy);
  const status = documentStatus(state.plan, input.document);
  if (status === undefined) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: 'document', key: 'document_not_found', params: { id: input.document } }],
      detail: `no document ${input.document}`,
    });
  }
  const issues: FieldIssue[] = [];
  if (input.closesOn < today()) issues.push({ path: 'closesOn', key: 'consultation_closes_in_past' });
  if (input.users.length + input.institutions.length === 0) issues.push({ path: 'invitees', key: 'consultation_no_invitees' });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the consultation is incomplete' });
  if (status !== 'draft' && status !== 'consultation') {
    throw new AppError('TRANSITION_NOT_ALLOWED', {
      issues: [{ path: 'document', key: 'consultation_document_not_draft', params: { status } }],
      detail: `${input.document} is ${status}`,
    });
  }
  const others = await database.db
    .selectFrom('consultations')
    .select(['closes_on', 'closed_at'])
    .where('strategy_id', '=', state.strategyId)
    .where('document', '=', input.document)
    .where('closed_at', 'is', null)
    .execute();
  if (others.some((other) => consultationState({ closesOn: String(other.closes_on).slice(0, 10), closedAt: null }, today()) === 'open')) {
    throw new AppError('TRANSITION_NOT_ALLOWED', {
      issues: [{ path: 'document', key: 'consultation_already_open' }],
      detail: `${input.document} already has an open consultation`,
    });
  }
  const invitees = await inviteeIds(database, state.participantId, input.users, input.institutions);
  if (status === 'draft') {
    const row = await findDocument(database.db, state.strategyId, input.document);
    await changeDocumentStatus(database, {
      participant: input.participant,
      strategy: input.strategy,
      document: input.document,
      status: 'consultation',
      version: row?.version ?? 0,
      actor: input.actor,
    });
  }
  return database.db.transaction().execute(async (trx) => {
    const id = await insertConsultation(trx, {
      participantId: state.participantId,
      strategyId: state.strategyId,
      document: input.document,
      title: input.title.trim(),
      closesOn: input.closesOn,
      openedBy: input.actor.userId,
    });
    await insertInvitees(trx, id, invitees);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: state.participantId,
      action: 'consultation.opened',
      entity: 'consultation',
      entityId: id,
      after: {
        strategy: input.strategy,
        document: input.document,
        title: input.title.trim(),
        closesOn: input.closesOn,
        users: input.users,
        institutions: input.institutions,
      },
    });
    return id;
  });
}

/** Invites more people and institutions to an open consultation. */
export async function inviteToConsultation(
  database: Database,
  input: { participant: string; strategy: string; id: number; users: number[]; institutions: string[]; actor: Actor },
): Promise<number> {
  const consultation = await consultationOf(database, input.participant, input.strategy, input.id);
  if (stateOf(consultation) === 'closed') throw new AppError('CONSULTATION_CLOSED', { detail: `consultation ${input.id} is closed` });
  if (input.users.length + input.institutions.length === 0) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'invitees', key: 'consultation_no_invitees' }] });
  }
  const invitees = await inviteeIds(database, consultation.participantId, input.users, input.institutions);
  return database.db.transaction().execute(async (trx) => {
    const added = await insertInvitees(trx, consultation.id, invitees);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: consultation.participantId,
      action: 'consultation.invited',
      entity: 'consultation',
      entityId: consultation.id,
      after: { users: input.users, institutions: input.institutions, added },
    });
    return added;
  });
}

/** The commenter's institutions in the Participant (a focal point's), by id and name. */
async function institutionsOf(database: Database, participantId: number, userId: number) {
  return database.db
    .selectFrom('memberships')
    .innerJoin('institutions', 'institutions.id', 'memberships.institution_id')
    .select(['institutions.id', 'institutions.name'])
    .where('memberships.participant_id', '=', participantId)
    .where('memberships.user_id', '=', userId)
    .execute();
}

/** Whether the user is invited to the consultation, personally or through an institution. */
export async function invitedUser(
  database: Database,
  consultation: StoredConsultation,
  invitees: readonly StoredInvitee[],
  userId: number,
) {
  const institutions = await institutionsOf(database, consultation.participantId, userId);
  return { invited: isInvited(invitees, { userId, institutionIds: institutions.map((institution) => institution.id) }), institutions };
}

export type CommentInput = {
  participant: string;
  strategy: string;
  id: number;
  element: string | null;
  part: CommentPart | null;
  parent: number | null;
  text: string;
  actor: Actor;
};

/**
 * Adds a comment on the document, one of its elements or an activity's costs, or a reply to a
 * comment (which is then about the same element). Refusals: CONSULTATION_CLOSED once closed or past
 * its closing date; NOT_INVITED for whoever is not invited (nor their institution); VALIDATION_FAILED
 * for an element not in the document or an unknown comment replied to.
 */
export async function addComment(database: Database, input: CommentInput): Promise<number> {
  const consultation = await consultationOf(database, input.participant, input.strategy, input.id);
  const invitees = await listInvitees(database.db, consultation.id);
  const { invited, institutions } = await invitedUser(database, consultation, invitees, input.actor.userId);
  const refusal = commentRefusal({ state: stateOf(consultation), invited });
  if (refusal === 'closed') throw new AppError('CONSULTATION_CLOSED', { detail: `consultation ${consultation.id} is closed` });
  if (refusal === 'not_invited')
    throw new AppError('NOT_INVITED', { detail: `user ${input.actor.userId} is not invited to ${consultation.id}` });
  let element = input.element;
  let part = input.part;
  if (input.parent !== null) {
    const parent = await database.db
      .selectFrom('consultation_comments')
      .select(['element_code', 'part'])
      .where('id', '=', input.parent)
      .where('consultation_id', '=', consultation.id)
      .executeTakeFirst();
    if (!parent)
      throw new AppError('VALIDATION_FAILED', {
        issues: [{ path: 'parent', key: 'consultation_unknown_comment', params: { id: input.parent } }],
      });
    element = parent.element_code;
    part = parent.part;
  } else {
    const { plan } = await currentStrategyState(database, input.participant, input.strategy);
    const issues = targetIssues(commentTargets(plan, consultation.document), element, part);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'unknown element' });
  }
  const author = await database.db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', input.actor.userId)
    .executeTakeFirstOrThrow();
  return database.db.transaction().execute(async (trx) => {
    const id = await insertComment(trx, {
      consultationId: consultation.id,
      parentId: input.parent,
      element,
      part,
      text: input.text.trim(),
      authorId: input.actor.userId,
      author: author.display_name,
      institution: institutions[0]?.name ?? null,
    });
    await recordAudit(trx, {
      actor: input.actor,
      participantId: consultation.participantId,
      action: 'consultation.commented',
      entity: 'consultation_comment',
      entityId: id,
      after: { consultation: consultation.id, parent: input.parent, element, part, text: input.text.trim() },
    });
    return id;
  });
}

export type ResolveInput = {
  participant: string;
  strategy: string;
  id: number;
  comment: number;
  decision: ConsultationDecision;
  reason: string;
  changeElement: string | null;
  changeVersion: number | null;
  changeAmendment: number | null;
  actor: Actor;
};

/**
 * Resolves a comment (not a reply): accepted, partly accepted or not accepted, with a reason
 * (required unless accepted), and the change it led to: an element of the strategy and/or a
 * version (by number) or an amendment of the document. Resolving again replaces the resolution;
 * a consultation is resolved during and after the consultation period.
 */
export async function resolveComment(database: Database, input: ResolveInput): Promise<void> {
  const consultation = await consultationOf(database, input.participant, input.strategy, input.id);
  const comment = await database.db
    .selectFrom('consultation_comments')
    .select(['id', 'parent_id', 'decision', 'reason', 'change_element'])
    .where('id', '=', input.comment)
    .where('consultation_id', '=', consultation.id)
    .executeTakeFirst();
  if (!comment) throw notFound(input.comment, 'comment');
  const issues: FieldIssue[] = [];
  if (comment.parent_id !== null) issues.push({ path: 'comment', key: 'consultation_reply_not_resolved' });
  issues.push(...resolutionIssues(input));
  const { plan, strategyId } = await currentStrategyState(database, input.participant, input.strategy);
  if (
    input.changeElement !== null &&
    !commentTargets(plan, STRATEGY_DOCUMENT)
      .concat(plan.actionPlans.flatMap((actionPlan) => commentTargets(plan, actionPlan.id)))
      .some((target) => target.code === input.changeElement)
  ) {
    issues.push({ path: 'changeElement', key: 'consultation_unknown_element', params: { id: input.changeElement } });
  }
  const document = await findDocument(database.db, strategyId, consultation.document);
  let versionId: number | null = null;
  if (input.changeVersion !== null) {
    const versions = await readDocumentVersions(database.db, strategyId, document?.actionPlanId ?? null);
    versionId = versions.find((version) => version.number === input.changeVersion)?.id ?? null;
    if (versionId === null)
      issues.push({ path: 'changeVersion', key: 'consultation_unknown_version', params: { number: input.changeVersion } });
  }
  if (input.changeAmendment !== null) {
    const amendment = await amendmentsQuery(database, strategyId, document?.actionPlanId ?? null)
      .where('id', '=', input.changeAmendment)
      .executeTakeFirst();
    if (!amendment) issues.push({ path: 'changeAmendment', key: 'consultation_unknown_amendment', params: { id: input.changeAmendment } });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'the resolution is not valid' });
  const reason = input.reason.trim() === '' ? null : input.reason.trim();
  await database.db.transaction().execute(async (trx) => {
    await writeResolution(trx, comment.id, {
      decision: input.decision,
      reason,
      changeElement: input.changeElement,
      changeVersionId: versionId,
      changeAmendmentId: input.changeAmendment,
      resolvedBy: input.actor.userId,
    });
    await recordAudit(trx, {
      actor: input.actor,
      participantId: consultation.participantId,
      action: 'consultation.resolved',
      entity: 'consultation_comment',
      entityId: comment.id,
      before: { decision: comment.decision, reason: comment.reason, changeElement: comment.change_element },
      after: {
        decision: input.decision,
        reason,
        changeElement: input.changeElement,
        changeVersion: input.changeVersion,
        changeAmendment: input.changeAmendment,
      },
    });
  });
}

function amendmentsQuery(database: Database, strategyId: number, actionPlanId: number | null) {
  const query = database.db.selectFrom('amendments').select(['id', 'reason', 'status']).where('strategy_id', '=', strategyId);
  return actionPlanId === null ? query.where('action_plan_id', 'is', null) : query.where('action_plan_id', '=', actionPlanId);
}

/** The versions and amendments of the consultation's document that a resolution can link to. */
export async function linkableChanges(database: Database, strategyId: number, document: string) {
  const row = await findDocument(database.db, strategyId, document);
  const actionPlanId = row?.actionPlanId ?? null;
  const versions = await readDocumentVersions(database.db, strategyId, actionPlanId);
  const amendments = await amendmentsQuery(database, strategyId, actionPlanId).orderBy('id').execute();
  return {
    versions: versions.map((version) => ({
      number: version.number,
      kind: version.kind,
      adoptedOn: String(version.adoptedOn).slice(0, 10),
    })),
    amendments: amendments.map((amendment) => ({ id: amendment.id, reason: amendment.reason, status: amendment.status })),
  };
}

/** Closes the consultation: its comments are frozen. Closing does not adopt the document. Closing a closed one changes nothing. */
export async function closeConsultation(
  database: Database,
  input: { participant: string; strategy: string; id: number; actor: Actor },
): Promise<void> {
  const consultation = await consultationOf(database, input.participant, input.strategy, input.id);
  if (consultation.closedAt !== null) return;
  await database.db.transaction().execute(async (trx) => {
    await closeConsultationRow(trx, consultation.id, input.actor.userId);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: consultation.participantId,
      action: 'consultation.closed',
      entity: 'consultation',
      entityId: consultation.id,
      before: { state: stateOf(consultation) },
      after: { state: 'closed' },
    });
  });
}

/** Publishes the resolution log on the public portal, or withdraws it. */
export async function publishConsultationLog(
  database: Database,
  input: { participant: string; strategy: string; id: number; published: boolean; actor: Actor },
): Promise<void> {
  const consultation = await consultationOf(database, input.participant, input.strategy, input.id);
  if ((consultation.publishedAt !== null) === input.published) return;
  await database.db.transaction().execute(async (trx) => {
    await setConsultationPublished(trx, consultation.id, input.published ? input.actor.userId : null);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: consultation.participantId,
      action: input.published ? 'consultation.published' : 'consultation.withdrawn',
      entity: 'consultation',
      entityId: consultation.id,
    });
  });
}

/** Everything about a consultation: its facts, invitees, the document's outline, the comments and the log. */
export type ConsultationView = {
  consultation: StoredConsultation;
  state: ConsultationState;
  invitees: StoredInvitee[];
  targets: CommentTarget[];
  comments: StoredComment[];
  log: ResolutionLog;
  documentTitle: string;
  strategyId: number;
};

export async function loadConsultation(database: Database, consultation: StoredConsultation): Promise<ConsultationView> {
  const { plan, strategyId } = await currentStrategyState(database, consultation.participant, consultation.strategy);
  const invitees = await listInvitees(database.db, consultation.id);
  const comments = await listComments(database.db, consultation.id);
  const targets = commentTargets(plan, consultation.document);
  const state = stateOf(consultation);
  const title = documentTitle(plan, consultation.document);
  const log = resolutionLog(
    {
      id: consultation.id,
      title: consultation.title,
      document: consultation.document,
      documentTitle: title,
      openedAt: consultation.openedAt,
      closesOn: consultation.closesOn,
      closedAt: consultation.closedAt,
      state,
      invitees: invitees.map((invitee) => invitee.name),
    },
    // Changes may be made anywhere in the strategy: the titles of every element are known to the log.
    [
      ...targets,
      ...commentTargets(plan, STRATEGY_DOCUMENT),
      ...plan.actionPlans.flatMap((actionPlan) => commentTargets(plan, actionPlan.id)),
    ],
    comments,
  );
  return { consultation, state, invitees, targets, comments, log, documentTitle: title, strategyId };
}

/** The published consultation of a Participant, by id; NOT_FOUND when there is none or it is not published. */
export async function publishedConsultation(database: Database, participant: string, id: number): Promise<ConsultationView> {
  const consultation = await findConsultation(database.db, participant, id);
  if (!consultation || consultation.publishedAt === null) throw notFound(id);
  return loadConsultation(database, consultation);
}
