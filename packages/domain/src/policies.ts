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
  'evaluation.respond',
  'consultation.manage',
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
    'evaluation.respond',
    'consultation.manage',
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
  local_coordinator: [
    'participant.view',
    'institution.view',
    'plan.view',
    'finance.view',
    'progress.view',
    'plan.edit',
    'plan.adopt',
    'report.view_all',
    'report.review',
    'comment.create',
  ],
};

/**
 * The coordinator's rights a local coordinator holds on their own local plan only: they are granted
 * when the target names that plan, never for the Participant as a whole. Monitoring rounds are the
 * national coordinator's: a round spans every action plan of the strategy, local plans included.
 */
export const PLAN_SCOPED_ACTIONS: readonly Action[] = ['plan.edit', 'plan.adopt', 'report.view_all', 'report.review', 'comment.create'];

/** Tells whether a role holds an action only within the action plan its membership names. */
export function planScoped(role: Role, action: Action): boolean {
  return role === 'local_coordinator' && PLAN_SCOPED_ACTIONS.includes(action);
}

/**
 * One role a user holds in one Participant; a focal point is tied to one institution, a local
 * coordinator to one action plan (its code).
 */
export type Membership = {
  participant: string;
  role: Role;
  institution?: string | null;
  plan?: string | null;
};

/** Who is acting: a signed-in user and the roles they hold, or no one (public). */
export type Actor = { userId: number; memberships: readonly Membership[] } | null;

/**
 * What an action is done to: always a Participant, sometimes one institution's record, sometimes
 * one action plan (its code) — the Participant as a whole when no plan is named.
 */
export type Target = { participant: string; institution?: string | null; plan?: string | null };

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
    // A local coordinator coordinates their own plan only.
    if (planScoped(membership.role, action)) {
      return target.plan != null && membership.plan != null && membership.plan === target.plan;
    }
    return true;
  });
}

/**
 * Where in a Participant the actor may do an action: everywhere (`'all'`), or only in the action
 * plans listed (none: nowhere). Routes about several elements of a strategy at once check each
 * element's plan against this.
 */
export function plansWhere(actor: Actor, action: Action, participant: string): 'all' | string[] {
  if (can(actor, action, { participant })) return 'all';
  const plans = new Set<string>();
  for (const membership of actor?.memberships ?? []) {
    if (membership.participant !== participant || membership.plan == null) continue;
    if (can(actor, action, { participant, plan: membership.plan })) plans.add(membership.plan);
  }
  return [...plans].sort();
}

/**
 * The actions the actor may do in each Participant where they hold a role, for the web application;
 * the actions held in one action plan only are in `planAbilitiesFor`.
 */
export function abilitiesFor(actor: Actor): Record<string, Action[]> {
  const abilities: Record<string, Action[]> = {};
  if (actor === null) return abilities;
  for (const membership of actor.memberships) {
    const granted = new Set(abilities[membership.participant] ?? []);
    for (const action of GRANTS[membership.role]) if (!planScoped(membership.role, action)) granted.add(action);
    abilities[membership.participant] = ACTIONS.filter((action) => granted.has(action));
  }
  return abilities;
}

/** The actions the actor may do only within one action plan, per Participant and plan code, for the web application. */
export function planAbilitiesFor(actor: Actor): Record<string, Record<string, Action[]>> {
  const abilities: Record<string, Record<string, Action[]>> = {};
  if (actor === null) return abilities;
  for (const membership of actor.memberships) {
    if (membership.plan == null) continue;
    const plans = (abilities[membership.participant] ??= {});
    const granted = new Set(plans[membership.plan] ?? []);
    for (const action of GRANTS[membership.role]) if (planScoped(membership.role, action)) granted.add(action);
    if (granted.size > 0) plans[membership.plan] = ACTIONS.filter((action) => granted.has(action));
  }
  return abilities;
}
