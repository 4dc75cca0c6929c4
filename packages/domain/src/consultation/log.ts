import type { Translate } from '../i18n/catalogs.ts';
import type { ElementKind } from '../plan/edit.ts';
import {
  decisionCounts,
  type CommentPart,
  type CommentTarget,
  type ConsultationDecision,
  type ConsultationState,
  type DecisionCounts,
} from './consultation.ts';

// The resolution log of a consultation: who proposed what, what was decided and why, and the change
// it led to, in the order of the document. The same content makes the Word file, the page on the
// public portal and the consultation's page in Ariadne.

/** A comment as stored, with its resolution. */
export type ConsultationComment = {
  id: number;
  parentId: number | null;
  element: string | null;
  part: CommentPart | null;
  text: string;
  authorId: number | null;
  author: string;
  institution: string | null;
  createdAt: string;
  decision: ConsultationDecision | null;
  reason: string | null;
  changeElement: string | null;
  changeVersion: number | null;
  changeAmendment: number | null;
  resolvedAt: string | null;
};

/** A consultation's facts that the log states. */
export type ConsultationFacts = {
  id: number;
  title: string;
  document: string;
  documentTitle: string;
  openedAt: string;
  closesOn: string;
  closedAt: string | null;
  state: ConsultationState;
  invitees: string[];
};

export type LogReply = { author: string; institution: string | null; text: string; createdAt: string };

export type LogEntry = {
  id: number;
  /** What the comment is about; null: the document as a whole. */
  target: { kind: ElementKind; code: string; title: string; part: CommentPart | null } | null;
  author: string;
  institution: string | null;
  text: string;
  createdAt: string;
  replies: LogReply[];
  decision: ConsultationDecision | null;
  reason: string | null;
  change: { element: { code: string; title: string } | null; version: number | null; amendment: number | null } | null;
};

export type ResolutionLog = {
  consultation: ConsultationFacts;
  counts: DecisionCounts;
  entries: LogEntry[];
};

/**
 * The resolution log: the comments on the whole document first, then those on each element in the
 * document's order (an element's costs after it), each with its replies in the order written and
 * its decision. Comments on elements no longer in the document come last, with their codes.
 */
export function resolutionLog(
  consultation: ConsultationFacts,
  targets: readonly CommentTarget[],
  comments: readonly ConsultationComment[],
): ResolutionLog {
  const order = new Map<string, number>();
  targets.forEach((target, index) => {
    const key = `${target.code}|${target.part ?? ''}`;
    if (!order.has(key)) order.set(key, index);
  });
  const titles = new Map<string, CommentTarget>();
  for (const target of targets) if (target.part === null && !titles.has(target.code)) titles.set(target.code, target);
  const rank = (comment: ConsultationComment) =>
    comment.element === null ? -1 : (order.get(`${comment.element}|${comment.part ?? ''}`) ?? targets.length);
  const byTime = (a: { createdAt: string; id: number }, b: { createdAt: string; id: number }) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id;
  const replies = new Map<number, ConsultationComment[]>();
  const rootOf = new Map<number, number>();
  const sorted = [...comments].sort(byTime);
  for (const comment of sorted) {
    if (comment.parentId === null) {
      rootOf.set(comment.id, comment.id);
      continue;
    }
    const root = rootOf.get(comment.parentId) ?? comment.parentId;
    rootOf.set(comment.id, root);
    replies.set(root, [...(replies.get(root) ?? []), comment]);
  }
  const roots = sorted.filter((comment) => comment.parentId === null).sort((a, b) => rank(a) - rank(b) || byTime(a, b));
  const entries = roots.map((comment): LogEntry => {
    const target = comment.element === null ? undefined : titles.get(comment.element);
    const changed = comment.changeElement === null ? null : titles.get(comment.changeElement);
    const hasChange = comment.changeElement !== null || comment.changeVersion !== null || comment.changeAmendment !== null;
    return {
      id: comment.id,
      target:
        comment.element === null
          ? null
          : { kind: target?.kind ?? 'strategy', code: comment.element, title: target?.title ?? '', part: comment.part },
      author: comment.author,
      institution: comment.institution,
      text: comment.text,
      createdAt: comment.createdAt,
      replies: (replies.get(comment.id) ?? []).map((reply) => ({
        author: reply.author,
        institution: reply.institution,
        text: reply.text,
        createdAt: reply.createdAt,
      })),
      decision: comment.decision,
      reason: comment.reason,
      change: hasChange
        ? {
            element: comment.changeElement === null ? null : { code: comment.changeElement, title: changed?.title ?? '' },
            version: comment.changeVersion,
            amendment: comment.changeAmendment,
          }
        : null,
    };
  });
  return { consultation, counts: decisionCounts(comments), entries };
}

/** The catalogue keys of the log's texts, for the Word file and the public page. */
export const CONSULTATION_LOG_TEXTS = {
  title: 'app.consultation.log.title',
  intro: 'app.consultation.log.intro',
  document: 'app.consultation.log.document',
  period: 'app.consultation.log.period',
  closedOn: 'app.consultation.log.closedOn',
  invitees: 'app.consultation.log.invitees',
  summary: 'app.consultation.log.summary',
  count: 'app.consultation.log.count',
  wholeDocument: 'app.consultation.log.wholeDocument',
  costsOf: 'app.consultation.log.costsOf',
  proposedBy: 'app.consultation.log.proposedBy',
  replies: 'app.consultation.log.replies',
  decision: 'app.consultation.log.decision',
  reason: 'app.consultation.log.reason',
  change: 'app.consultation.log.change',
  changeElement: 'app.consultation.log.changeElement',
  changeVersion: 'app.consultation.log.changeVersion',
  changeAmendment: 'app.consultation.log.changeAmendment',
  none: 'app.consultation.log.none',
  page: 'app.consultation.log.page',
} as const;

/** The catalogue keys of the decisions. */
export const CONSULTATION_DECISION_KEYS: Record<ConsultationDecision | 'unresolved', string> = {
  accepted: 'app.consultation.decision.accepted',
  partly_accepted: 'app.consultation.decision.partly_accepted',
  not_accepted: 'app.consultation.decision.not_accepted',
  unresolved: 'app.consultation.decision.unresolved',
};

/** The catalogue keys of the element kinds' names. */
export const CONSULTATION_KIND_KEYS: Record<ElementKind, string> = {
  strategy: 'app.consultation.kind.strategy',
  action_plan: 'app.consultation.kind.action_plan',
  goal: 'app.consultation.kind.goal',
  objective: 'app.consultation.kind.objective',
  activity: 'app.consultation.kind.activity',
  indicator: 'app.consultation.kind.indicator',
  risk: 'app.consultation.kind.risk',
  recommendation: 'app.consultation.kind.recommendation',
};

/** The catalogue key of an element kind's name. */
export function elementKindKey(kind: ElementKind): string {
  return CONSULTATION_KIND_KEYS[kind];
}

/** What a comment is about, as people read it: “the whole document”, “Activity A1 – Title”, “Costs of Activity A1 – Title”. */
export function targetLabel(target: LogEntry['target'], t: Translate): string {
  if (target === null) return t(CONSULTATION_LOG_TEXTS.wholeDocument);
  const element = `${t(elementKindKey(target.kind))} ${target.code}${target.title === '' ? '' : ` – ${target.title}`}`;
  return target.part === 'costs' ? t(CONSULTATION_LOG_TEXTS.costsOf, { element }) : element;
}

/** The change a comment led to, as people read it; empty when it led to none. */
export function changeLabel(change: LogEntry['change'], t: Translate): string {
  if (change === null) return '';
  const parts: string[] = [];
  if (change.element !== null) {
    parts.push(t(CONSULTATION_LOG_TEXTS.changeElement, { code: change.element.code, title: change.element.title }));
  }
  if (change.version !== null) parts.push(t(CONSULTATION_LOG_TEXTS.changeVersion, { number: change.version }));
  if (change.amendment !== null) parts.push(t(CONSULTATION_LOG_TEXTS.changeAmendment, { id: change.amendment }));
  return parts.join('; ');
}
