import { describe, expect, it } from 'vitest';
import { makePackage } from '../measures/test-factories.ts';
import {
  commentRefusal,
  commentTargets,
  consultationState,
  decisionCounts,
  isInvited,
  resolutionIssues,
  targetIssues,
} from './consultation.ts';
import { resolutionLog, type ConsultationComment, type ConsultationFacts } from './log.ts';

describe('the state of a consultation', () => {
  it('is open through its closing date and closed the day after', () => {
    expect(consultationState({ closesOn: '2026-03-31', closedAt: null }, '2026-03-31')).toBe('open');
    expect(consultationState({ closesOn: '2026-03-31', closedAt: null }, '2026-04-01')).toBe('closed');
  });

  it('is closed once the coordinator closes it, before its closing date', () => {
    expect(consultationState({ closesOn: '2026-03-31', closedAt: '2026-03-10T09:00:00.000Z' }, '2026-03-11')).toBe('closed');
  });
});

describe('who may comment', () => {
  const invitations = [
    { userId: 7, institutionId: null },
    { userId: null, institutionId: 3 },
  ];

  it('is a person invited personally or a member of an invited institution', () => {
    expect(isInvited(invitations, { userId: 7, institutionIds: [] })).toBe(true);
    expect(isInvited(invitations, { userId: 9, institutionIds: [3] })).toBe(true);
    expect(isInvited(invitations, { userId: 9, institutionIds: [4] })).toBe(false);
  });

  it('refuses a closed consultation before asking for the invitation', () => {
    expect(commentRefusal({ state: 'closed', invited: false })).toBe('closed');
    expect(commentRefusal({ state: 'open', invited: false })).toBe('not_invited');
    expect(commentRefusal({ state: 'open', invited: true })).toBeNull();
  });
});

describe('what a comment can be about', () => {
  const plan = makePackage();

  it('lists the action plan, each activity with its costs and its indicators, in order', () => {
    const targets = commentTargets(plan, 'AP1');
    expect(targets.slice(0, 3).map((target) => [target.code, target.part])).toEqual([
      ['AP1', null],
      ['A1', null],
      ['A1', 'costs'],
    ]);
    expect(targetIssues(targets, 'A3', 'costs')).toEqual([]);
    expect(targetIssues(targets, 'AP1', 'costs')).toEqual([{ path: 'part', key: 'consultation_unknown_element', params: { id: 'AP1' } }]);
    expect(targetIssues(targets, 'G1', null)[0]?.path).toBe('element');
    expect(targetIssues(targets, null, null)).toEqual([]);
  });

  it('lists the strategy with its goals and objectives for the strategy document', () => {
    const kinds = new Set(commentTargets(plan, 'strategy').map((target) => target.kind));
    expect(kinds.has('goal')).toBe(true);
    expect(kinds.has('objective')).toBe(true);
    expect(kinds.has('activity')).toBe(false);
  });
});

describe('a resolution', () => {
  const base = { reason: '', changeElement: null, changeVersion: null, changeAmendment: null };

  it('needs a reason unless accepted', () => {
    expect(resolutionIssues({ ...base, decision: 'accepted', changeElement: 'A1' })).toEqual([]);
    expect(resolutionIssues({ ...base, decision: 'partly_accepted' })).toEqual([{ path: 'reason', key: 'required' }]);
    expect(resolutionIssues({ ...base, decision: 'not_accepted', reason: '  ' })).toEqual([{ path: 'reason', key: 'required' }]);
  });

  it('links no change when not accepted', () => {
    expect(resolutionIssues({ ...base, decision: 'not_accepted', reason: 'Out of scope', changeElement: 'A1' })).toEqual([
      { path: 'changeElement', key: 'consultation_no_change_when_not_accepted' },
    ]);
  });
});

function comment(overrides: Partial<ConsultationComment> & { id: number }): ConsultationComment {
  return {
    parentId: null,
    element: null,
    part: null,
    text: `Comment ${overrides.id}`,
    authorId: 1,
    author: 'Elena',
    institution: null,
    createdAt: `2026-03-0${overrides.id}T10:00:00.000Z`,
    decision: null,
    reason: null,
    changeElement: null,
    changeVersion: null,
    changeAmendment: null,
    resolvedAt: null,
    ...overrides,
  };
}

describe('the resolution log', () => {
  const plan = makePackage();
  const facts: ConsultationFacts = {
    id: 1,
    title: 'Consultation on AP1',
    document: 'AP1',
    documentTitle: 'Action plan',
    openedAt: '2026-03-01T08:00:00.000Z',
    closesOn: '2026-03-31',
    closedAt: null,
    state: 'open',
    invitees: ['Shelter'],
  };
  const comments = [
    comment({ id: 1, element: 'A3', part: 'costs', decision: 'not_accepted', reason: 'Budget fixed' }),
    comment({ id: 2, element: 'A1', decision: 'accepted', changeElement: 'A1', changeVersion: 2 }),
    comment({ id: 3, parentId: 2, author: 'Dragan', institution: 'Police', text: 'Agreed' }),
    comment({ id: 4, parentId: 3, author: 'Elena', text: 'Thanks' }),
    comment({ id: 5 }),
  ];

  it('puts comments in the order of the document, the whole document first, with their replies', () => {
    const log = resolutionLog(facts, commentTargets(plan, 'AP1'), comments);
    expect(log.entries.map((entry) => entry.id)).toEqual([5, 2, 1]);
    expect(log.entries[1]?.replies.map((reply) => reply.text)).toEqual(['Agreed', 'Thanks']);
    expect(log.entries[1]?.change).toEqual({ element: { code: 'A1', title: expect.any(String) as string }, version: 2, amendment: null });
    expect(log.entries[2]?.target?.part).toBe('costs');
    expect(log.entries[0]?.change).toBeNull();
  });

  it('counts the comments by decision, not their replies', () => {
    expect(decisionCounts(comments)).toEqual({ accepted: 1, partly_accepted: 0, not_accepted: 1, unresolved: 1, total: 3 });
  });
});
