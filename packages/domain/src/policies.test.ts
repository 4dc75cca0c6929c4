import { describe, expect, it } from 'vitest';
import { ACTIONS, abilitiesFor, can, planAbilitiesFor, planScoped, plansWhere, roleGrants, type Action, type Actor } from './policies.ts';
import { ROLES, type Role } from './roles.ts';

// The whole role × action map, written out so that any change to access is a visible change here.
// Rows: actions. Columns: coordinator, editor, focal_point, observer, donor, rapporteur, regional,
// local_coordinator. `P`: granted in the role's own action plan only (the target must name it).
const TABLE: Record<Action, string> = {
  'participant.view': 'C E F O D R G L',
  'institution.view': 'C E F O D R . L',
  'institution.manage': 'C E . . . . . .',
  'user.view': 'C . . . . R . .',
  'user.manage': 'C . . . . . . .',
  'audit.view': 'C . . . . . . .',
  'plan.view': 'C E F O D R . L',
  'plan.edit': 'C E . . . . . P',
  'plan.adopt': 'C . . . . . . P',
  'finance.view': 'C E . O D R . L',
  'progress.view': 'C E F O D R . L',
  'round.manage': 'C . . . . . . .',
  'report.view_all': 'C . . . . R . P',
  'report.submit': '. . F . . . . .',
  'report.review': 'C . . . . . . P',
  'comment.create': 'C E F O . . . P',
  'pledge.record': 'C . . . D . . .',
  'evaluation.write': 'C . . . . R . .',
  'evaluation.respond': 'C . . . . . . .',
  'consultation.manage': 'C . . . . . . .',
  'publication.manage': 'C . . . . . . .',
  'regional.view': 'C . . . . R G .',
};

function cell(action: Action, role: Role): string {
  return TABLE[action].split(' ')[ROLES.indexOf(role)] ?? '.';
}

/** Allowed for the Participant as a whole. */
function expected(action: Action, role: Role): boolean {
  return cell(action, role) !== '.' && cell(action, role) !== 'P';
}

describe('policies: the role × action table', () => {
  it('covers every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    for (const action of ACTIONS) {
      it(`${role} ${expected(action, role) ? 'may' : cell(action, role) === 'P' ? 'in their plan only may' : 'may not'} ${action}`, () => {
        expect(roleGrants(role, action)).toBe(cell(action, role) !== '.');
        expect(planScoped(role, action)).toBe(cell(action, role) === 'P');
        const institution = role === 'focal_point' ? 'MOI' : null;
        const plan = role === 'local_coordinator' ? 'LAP-VEL' : null;
        const actor: Actor = { userId: 1, memberships: [{ participant: 'DL', role, institution, plan }] };
        // In their own plan, the plan-scoped actions too; in another plan, only what the Participant as a whole allows.
        expect(can(actor, action, { participant: 'DL', institution: 'MOI', plan: 'LAP-VEL' })).toBe(cell(action, role) !== '.');
        expect(can(actor, action, { participant: 'DL', institution: 'MOI', plan: 'AP-2021-2022' })).toBe(expected(action, role));
        // In their own Participant the table decides (a focal point acting for their institution).
        expect(can(actor, action, { participant: 'DL', institution: 'MOI' })).toBe(expected(action, role));
        // In another Participant, nothing.
        expect(can(actor, action, { participant: 'XK', institution: 'MOI' })).toBe(false);
      });
    }
  }

  it('lets no one act when signed out', () => {
    for (const action of ACTIONS) expect(can(null, action, { participant: 'DL' })).toBe(false);
    expect(abilitiesFor(null)).toEqual({});
  });

  it('lets a focal point submit only for their own institution', () => {
    const actor: Actor = { userId: 7, memberships: [{ participant: 'DL', role: 'focal_point', institution: 'POL' }] };
    expect(can(actor, 'report.submit', { participant: 'DL', institution: 'POL' })).toBe(true);
    expect(can(actor, 'report.submit', { participant: 'DL', institution: 'MOI' })).toBe(false);
    expect(can(actor, 'report.submit', { participant: 'DL' })).toBe(false);
  });

  it('joins the abilities of several roles and keeps Participants apart', () => {
    const actor: Actor = {
      userId: 3,
      memberships: [
        { participant: 'DL', role: 'observer' },
        { participant: 'DL', role: 'donor' },
        { participant: 'WM', role: 'regional' },
      ],
    };
    const abilities = abilitiesFor(actor);
    expect(abilities.DL).toContain('pledge.record');
    expect(abilities.DL).toContain('comment.create');
    expect(abilities.DL).not.toContain('plan.edit');
    expect(abilities.WM).toEqual(['participant.view', 'regional.view']);
  });

  it('gives a local coordinator the coordinator’s rights on their own plan only', () => {
    const actor: Actor = { userId: 9, memberships: [{ participant: 'DL', role: 'local_coordinator', plan: 'LAP-VEL' }] };
    expect(can(actor, 'plan.edit', { participant: 'DL', plan: 'LAP-VEL' })).toBe(true);
    expect(can(actor, 'report.review', { participant: 'DL', plan: 'LAP-VEL' })).toBe(true);
    expect(can(actor, 'plan.edit', { participant: 'DL', plan: 'AP-2021-2022' })).toBe(false);
    // The strategy, or the Participant as a whole, is not their plan.
    expect(can(actor, 'plan.edit', { participant: 'DL' })).toBe(false);
    expect(can(actor, 'plan.edit', { participant: 'DL', plan: null })).toBe(false);
    // The same plan code in another Participant is someone else's.
    expect(can(actor, 'plan.edit', { participant: 'WM', plan: 'LAP-VEL' })).toBe(false);
    // Never the national coordinator's own work.
    for (const action of ['round.manage', 'user.manage', 'publication.manage', 'institution.manage'] as const) {
      expect(can(actor, action, { participant: 'DL', plan: 'LAP-VEL' })).toBe(false);
    }
    // A membership without a plan gives none of the plan-scoped rights.
    const unscoped: Actor = { userId: 9, memberships: [{ participant: 'DL', role: 'local_coordinator' }] };
    expect(can(unscoped, 'plan.edit', { participant: 'DL', plan: 'LAP-VEL' })).toBe(false);
  });

  it('tells where in a Participant an actor may act', () => {
    const local: Actor = { userId: 9, memberships: [{ participant: 'DL', role: 'local_coordinator', plan: 'LAP-VEL' }] };
    expect(plansWhere(local, 'plan.edit', 'DL')).toEqual(['LAP-VEL']);
    expect(plansWhere(local, 'plan.view', 'DL')).toBe('all');
    expect(plansWhere(local, 'round.manage', 'DL')).toEqual([]);
    expect(plansWhere(local, 'plan.edit', 'WM')).toEqual([]);
    const coordinator: Actor = { userId: 1, memberships: [{ participant: 'DL', role: 'coordinator' }] };
    expect(plansWhere(coordinator, 'plan.edit', 'DL')).toBe('all');
    expect(plansWhere(null, 'plan.view', 'DL')).toEqual([]);
  });

  it('sends the web application the plan-scoped rights apart', () => {
    const actor: Actor = {
      userId: 9,
      memberships: [
        { participant: 'DL', role: 'local_coordinator', plan: 'LAP-VEL' },
        { participant: 'DL', role: 'observer' },
      ],
    };
    expect(abilitiesFor(actor).DL).not.toContain('plan.edit');
    expect(abilitiesFor(actor).DL).toContain('comment.create');
    expect(planAbilitiesFor(actor)).toEqual({
      DL: { 'LAP-VEL': ['plan.edit', 'plan.adopt', 'report.view_all', 'report.review', 'comment.create'] },
    });
    expect(planAbilitiesFor({ userId: 1, memberships: [{ participant: 'DL', role: 'coordinator' }] })).toEqual({});
  });
});
