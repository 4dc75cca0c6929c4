import type { FieldIssue } from '../errors.ts';
import { documentItems, scopeOf, type DocumentRef } from '../plan/lifecycle.ts';
import type { ElementKind } from '../plan/edit.ts';
import type { PlanPackage } from '../plan/package.ts';

// A consultation on a draft strategy or action plan: open to the invited institutions and people
// until its closing date (that day included) or until the coordinator closes it, whichever comes
// first; then its comments are frozen. Each comment (not the replies to it) is resolved as
// accepted, partly accepted or not accepted, with a reason and the change it led to.

export const CONSULTATION_DECISIONS = ['accepted', 'partly_accepted', 'not_accepted'] as const;
export type ConsultationDecision = (typeof CONSULTATION_DECISIONS)[number];

export const CONSULTATION_STATES = ['open', 'closed'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

/** The part of an element a comment can be about besides the element itself: an activity's costs. */
export const COMMENT_PARTS = ['costs'] as const;
export type CommentPart = (typeof COMMENT_PARTS)[number];

/** Open until the coordinator closes it or the closing date has passed (comments are taken on the closing date itself). */
export function consultationState(consultation: { closesOn: string; closedAt: string | null }, today: string): ConsultationState {
  if (consultation.closedAt !== null) return 'closed';
  return today > consultation.closesOn ? 'closed' : 'open';
}

/** One invitation: a person, or an institution whose members are invited with it. */
export type Invitation = { userId: number | null; institutionId: number | null };

/** Who wants to comment: the user and the institutions they belong to in the Participant. */
export type Commenter = { userId: number; institutionIds: readonly number[] };

/** Tells whether the commenter is invited, personally or through one of their institutions. */
export function isInvited(invitations: readonly Invitation[], commenter: Commenter): boolean {
  return invitations.some(
    (invitation) =>
      (invitation.userId !== null && invitation.userId === commenter.userId) ||
      (invitation.institutionId !== null && commenter.institutionIds.includes(invitation.institutionId)),
  );
}

/** Why a comment is refused, the frozen consultation first: `closed`, `not_invited`, or null when it is taken. */
export function commentRefusal(input: { state: ConsultationState; invited: boolean }): 'closed' | 'not_invited' | null {
  if (input.state === 'closed') return 'closed';
  if (!input.invited) return 'not_invited';
  return null;
}

/** The elements a comment can be about, in the document's order: each element, and the costs of each activity. */
export type CommentTarget = { kind: ElementKind; code: string; parent?: string; title: string; part: CommentPart | null };

export function commentTargets(plan: PlanPackage, document: DocumentRef): CommentTarget[] {
  const targets: CommentTarget[] = [];
  for (const item of documentItems(plan, scopeOf(document))) {
    const base = { kind: item.kind, code: item.code, title: item.title, ...(item.parent !== undefined ? { parent: item.parent } : {}) };
    targets.push({ ...base, part: null });
    if (item.kind === 'activity') targets.push({ ...base, part: 'costs' });
  }
  return targets;
}

/** The issues of a comment's target: an element of the document, costs only of an activity. */
export function targetIssues(targets: readonly CommentTarget[], element: string | null, part: CommentPart | null): FieldIssue[] {
  if (element === null) return part === null ? [] : [{ path: 'part', key: 'invalid_value' }];
  const found = targets.find((target) => target.code === element && target.part === part);
  if (!found) return [{ path: part === null ? 'element' : 'part', key: 'consultation_unknown_element', params: { id: element } }];
  return [];
}

/** A resolution as the coordinator gives it. */
export type Resolution = {
  decision: ConsultationDecision;
  reason: string;
  changeElement: string | null;
  changeVersion: number | null;
  changeAmendment: number | null;
};

/**
 * The issues of a resolution: a reason is required unless the comment is accepted; a comment not
 * accepted led to no change, so it links none.
 */
export function resolutionIssues(resolution: Resolution): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (resolution.decision !== 'accepted' && resolution.reason.trim() === '') issues.push({ path: 'reason', key: 'required' });
  if (resolution.decision === 'not_accepted') {
    if (resolution.changeElement !== null) issues.push({ path: 'changeElement', key: 'consultation_no_change_when_not_accepted' });
    if (resolution.changeVersion !== null) issues.push({ path: 'changeVersion', key: 'consultation_no_change_when_not_accepted' });
    if (resolution.changeAmendment !== null) issues.push({ path: 'changeAmendment', key: 'consultation_no_change_when_not_accepted' });
  }
  return issues;
}

/** The counts of a consultation's comments (not their replies) by decision, and those not yet resolved. */
export type DecisionCounts = Record<ConsultationDecision | 'unresolved', number> & { total: number };

export function decisionCounts(comments: readonly { parentId: number | null; decision: ConsultationDecision | null }[]): DecisionCounts {
  const counts: DecisionCounts = { accepted: 0, partly_accepted: 0, not_accepted: 0, unresolved: 0, total: 0 };
  for (const comment of comments) {
    if (comment.parentId !== null) continue;
    counts.total += 1;
    counts[comment.decision ?? 'unresolved'] += 1;
  }
  return counts;
}
