import type { Actor } from '../policies.ts';
import { can } from '../policies.ts';

// Who may change an evaluation record. `evaluation.write` (policies.ts) says who may write
// evaluations at all; this says whose record it is. A rapporteur's record (an independent
// evaluation or report) is changed by its author alone, never by the coordination office whose work
// it judges; a coordinator's own evaluation is the office's, changed by any of its coordinators.

/** Who wrote a record and in which role. */
export type Authorship = { authorRole: 'coordinator' | 'rapporteur'; authorUserId: number | null };

/** The role a record is written in by this actor in this Participant: rapporteur when they hold that role, else coordinator. */
export function authorRoleOf(actor: Actor, participant: string): Authorship['authorRole'] | null {
  if (actor === null || !can(actor, 'evaluation.write', { participant })) return null;
  const roles = actor.memberships.filter((membership) => membership.participant === participant).map((membership) => membership.role);
  if (roles.includes('coordinator')) return 'coordinator';
  return roles.includes('rapporteur') ? 'rapporteur' : null;
}

/** Tells whether the actor may change the record: its author for a rapporteur's, a coordinator for the office's own. */
export function mayEditEvaluation(actor: Actor, participant: string, record: Authorship): boolean {
  if (actor === null || !can(actor, 'evaluation.write', { participant })) return false;
  if (record.authorRole === 'rapporteur') return record.authorUserId !== null && record.authorUserId === actor.userId;
  return actor.memberships.some((membership) => membership.participant === participant && membership.role === 'coordinator');
}
