import type { Role } from './roles.ts';

/**
 * Everything a user can be allowed to do within a Participant. This module is the only
 * place that decides access: the server asks `can` before every action and sends
 * `abilitiesFor` to the web application, which shows only what the user may do.
 */
export const ACTIONS = [
  'participant.view',
  'institution.view',
  'institution.manage',
  'user.view',
  'user.manage',
  'audit.view',
  'plan.view',
  'plan.edit',
  'plan.adopt',
  'finance.view',
  'progress.view',
  'round.manage',
  'report.view_all',
  'report.submit',
  'report.review',
  'comment.create',
  'pledge.record',
  'evaluation.write',
  'publication.manage',
  'regional.view',
] as const;

export type Action = (typeof ACTIONS)[number];

/** The role × action map of PRODUCT.md. */
const GRANTS: Record<Role, readonly Action[]> = {
  coordinator: [
    'participant.view',
    'institution.view',
    'institution.manage',
    'user.view',
    'user.manage',
    'audit.view',
    'plan.view',
    'plan.edit',
    'plan.adopt',
    'finance.view',
    'progress.view',
    'round.manage',
    'report.view_all',
    'report.review',
    'comment.create',
    'pledge.record',
    'evaluation.write',
    'publication.manage',
    'regional.view',
  ],
  editor: [
    'participant.view',
    'institution.view',
    'institution.manage',
    'plan.view',
    'plan.edit',
    'finance.view',
    'progress.view',
    'comment.create',
  ],
  focal_point: ['participant.view', 'institution.view', 'plan.view', 'progress.view', 'report.submit', 'comment.create'],
  observer: ['participant.view', 'institution.view', 'plan.view', 'finance.view', 'progress.view', 'comment.create'],
  donor: ['participant.view', 'institution.view', 'plan.view', 'finance.view', 'progress.view', 'pledge.record'],
  rapporteur: [
    'participant.view',
    'institution.view',
    'user.view',
    'plan.view',
    'finance.view',
    'progress.view',
    'report.view_all',
    'evaluation.write',
    'regional.view',
  ],
  regional: ['participant.view', 'regional.view'],
};

/** One role a user holds in one Participant; a focal point is tied to one institution. */
export type Membership = {
  participant: string;
  role: Role;
  institution?: string | null;
};

/** Who is acting: a signed-in user and the roles they hold, or no one (public). */
export type Actor = { userId: number; memberships: readonly Membership[] } | null;

/** What an action is done to: always a Participant, sometimes one institution's record. */
export type Target = { participant: string; institution?: string | null };

/** Tells whether a role, by itself, grants an action (the table the tests assert). */
export function roleGrants(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** Decides whether the actor may do the action to the target. */
export function can(actor: Actor, action: Action, target: Target): boolean {
  if (actor === null) return false;
  return actor.memberships.some((membership) => {
    if (membership.participant !== target.participant) return false;
    if (!roleGrants(membership.role, action)) return false;
    // A focal point acts only for their own institution's records.
    if (membership.role === 'focal_point' && action === 'report.submit') {
      return target.institution != null && membership.institution === target.institution;
    }
    return true;
  });
}

/** The actions the actor may do in each Participant where they hold a role, for the web application. */
export function abilitiesFor(actor: Actor): Record<string, Action[]> {
  const abilities: Record<string, Action[]> = {};
  if (actor === null) return abilities;
  for (const membership of actor.memberships) {
    const granted = new Set(abilities[membership.participant] ?? []);
    for (const action of GRANTS[membership.role]) granted.add(action);
    abilities[membership.participant] = ACTIONS.filter((action) => granted.has(action));
  }
  return abilities;
}
