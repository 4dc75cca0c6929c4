import { describe, expect, it } from 'vitest';
import { ACTIONS, abilitiesFor, can, roleGrants, type Action, type Actor } from './policies.ts';
import { ROLES, type Role } from './roles.ts';

// The whole role × action map, written out so that any change to access is a visible change here.
// Rows: actions. Columns: coordinator, editor, focal_point, observer, donor, rapporteur, regional.
const TABLE: Record<Action, string> = {
  'participant.view': 'C E F O D R G',
  'institution.view': 'C E F O D R .',
  'institution.manage': 'C E . . . . .',
  'user.view': 'C . . . . R .',
  'user.manage': 'C . . . . . .',
  'audit.view': 'C . . . . . .',
  'plan.view': 'C E F O D R .',
  'plan.edit': 'C E . . . . .',
  'plan.adopt': 'C . . . . . .',
  'finance.view': 'C E . O D R .',
  'progress.view': 'C E F O D R .',
  'round.manage': 'C . . . . . .',
  'report.view_all': 'C . . . . R .',
  'report.submit': '. . F . . . .',
  'report.review': 'C . . . . . .',
  'comment.create': 'C E F O . . .',
  'pledge.record': 'C . . . D . .',
  'evaluation.write': 'C . . . . R .',
  'publication.manage': 'C . . . . . .',
  'regional.view': 'C . . . . R G',
};

function expected(action: Action, role: Role): boolean {
  const column = ROLES.indexOf(role);
  return TABLE[action].split(' ')[column] !== '.';
}

describe('policies: the role × action table', () => {
  it('covers every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    for (const action of ACTIONS) {
      it(`${role} ${expected(action, role) ? 'may' : 'may not'} ${action}`, () => {
        expect(roleGrants(role, action)).toBe(expected(action, role));
        const institution = role === 'focal_point' ? 'MOI' : null;
        const actor: Actor = { userId: 1, memberships: [{ participant: 'DL', role, institution }] };
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
});
