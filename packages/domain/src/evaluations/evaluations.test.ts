import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalogs.ts';
import { makePackage } from '../measures/test-factories.ts';
import type { Actor } from '../policies.ts';
import { authorRoleOf, mayEditEvaluation } from './authorship.ts';
import { CriteriaSchema, EVALUATION_CRITERIA, EvaluationContentSchema, RATING_SCALE } from './criteria.ts';
import { defaultEvaluation, defaultIndependentReport, termsOfReference, type TermsBlock } from './terms.ts';
import { responseSummary, trackResponse } from './tracking.ts';

const t = translator('en');

function textOf(blocks: readonly TermsBlock[]): string {
  return blocks
    .map((block) =>
      block.kind === 'bullets'
        ? block.items.join('\n')
        : block.kind === 'table'
          ? [block.head, ...block.rows].flat().join('\n')
          : block.text,
    )
    .join('\n');
}

describe('a new evaluation filled in from the plan', () => {
  // The clean strategy plans a mid-term evaluation in 2022 and a final one in 2024.
  const plan = makePackage();

  it('takes its year from the planned evaluation of its type, its period and scope from the strategy', () => {
    const evaluation = defaultEvaluation(plan, 'final', t);
    expect(EvaluationContentSchema.parse(evaluation)).toEqual(evaluation);
    expect(evaluation.title).toBe(`Final evaluation: ${plan.strategy.title}`);
    expect(evaluation.year).toBe(2024);
    expect([evaluation.periodStart, evaluation.periodEnd]).toEqual([
      `${plan.strategy.periodStart}-01-01`,
      `${plan.strategy.periodEnd}-12-31`,
    ]);
    expect(evaluation.terms.scope).toContain('G2 Prevention (Prevention)');
    expect(evaluation.terms.timeline).toContain('2024');
    expect(evaluation.terms.methods).toEqual(['document_review', 'report_analysis', 'interviews', 'focus_groups', 'observation']);
  });

  it('asks the OECD’s guiding question and two questions about the strategy under each criterion, unrated', () => {
    const { criteria } = defaultEvaluation(plan, 'mid_term', t);
    expect(Object.keys(criteria)).toEqual([...EVALUATION_CRITERIA]);
    expect(criteria.relevance.questions[0]).toBe('Is the intervention doing the right things?');
    expect(criteria.sustainability.questions[0]).toBe('Will the benefits last?');
    for (const criterion of EVALUATION_CRITERIA) {
      expect(criteria[criterion].questions).toHaveLength(3);
      expect(criteria[criterion].rating).toBeNull();
    }
    expect(criteria.effectiveness.questions[1]).toContain(plan.strategy.title);
  });

  it('has no year when no evaluation of its type is planned, and an independent report has no questions', () => {
    expect(defaultEvaluation(plan, 'thematic', t).year).toBeNull();
    const report = defaultIndependentReport(plan, t);
    expect(report.type).toBeNull();
    expect(report.criteria.impact.questions).toEqual([]);
  });
});

describe('the terms of reference', () => {
  const plan = makePackage();

  it('state the criteria with their definitions and questions, the scale, methods and independence, in the reader’s language', () => {
    const evaluation = defaultEvaluation(plan, 'final', t);
    evaluation.terms.methods = ['interviews'];
    evaluation.criteria.coherence.questions = ['Does the plan fit the new law?'];
    const text = textOf(termsOfReference(plan, evaluation, t));
    for (const criterion of ['Relevance', 'Coherence', 'Effectiveness', 'Efficiency', 'Impact', 'Sustainability'])
      expect(text).toContain(criterion);
    expect(text).toContain('Does the plan fit the new law?');
    expect(text).toContain('The compatibility of the intervention');
    expect(text).toContain('Highly unsatisfactory');
    expect(text).toContain('Highly satisfactory');
    expect(text).toContain('In-depth interviews');
    expect(text).not.toContain('Focus groups');
    expect(text).toContain(plan.strategy.title);
    expect(text).toContain('Evaluator: Independent');

    const macedonian = textOf(termsOfReference(plan, evaluation, translator('mk')));
    expect(macedonian).toContain('Проектна задача');
    expect(macedonian).toContain('Кохерентност');
  });

  it('turn lines starting with a bullet into lists and leave empty sections out', () => {
    const evaluation = defaultEvaluation(plan, 'final', t);
    evaluation.terms.deliverables = '• One\n• Two\nClosing words';
    evaluation.terms.timeline = '  ';
    const blocks = termsOfReference(plan, evaluation, t);
    expect(blocks).toContainEqual({ kind: 'bullets', items: ['One', 'Two'] });
    expect(blocks).toContainEqual({ kind: 'paragraph', text: 'Closing words' });
    expect(blocks.some((block) => block.kind === 'heading' && block.text === 'Timeline')).toBe(false);
  });
});

describe('the rating scale', () => {
  it('runs from 1 to 4 and refuses anything else', () => {
    expect([...RATING_SCALE]).toEqual([1, 2, 3, 4]);
    const criteria = defaultEvaluation(makePackage(), 'final', t).criteria;
    expect(CriteriaSchema.safeParse({ ...criteria, impact: { ...criteria.impact, rating: 5 } }).success).toBe(false);
    expect(CriteriaSchema.safeParse({ ...criteria, impact: { ...criteria.impact, rating: 4 } }).success).toBe(true);
  });
});

describe('the follow-up of management responses', () => {
  it('is awaiting a response until answered, then follows the action and is overdue past its date unless done', () => {
    expect(trackResponse({ response: null, actionStatus: 'planned', dueDate: '2020-01-01' }, '2024-06-01')).toEqual({
      state: 'awaiting_response',
      overdue: false,
    });
    expect(trackResponse({ response: 'agree', actionStatus: 'in_progress', dueDate: '2024-05-31' }, '2024-06-01')).toEqual({
      state: 'in_progress',
      overdue: true,
    });
    expect(trackResponse({ response: 'agree', actionStatus: 'planned', dueDate: '2024-06-01' }, '2024-06-01').overdue).toBe(false);
    expect(trackResponse({ response: 'partly_agree', actionStatus: 'done', dueDate: '2024-01-01' }, '2024-06-01').overdue).toBe(false);
    expect(trackResponse({ response: 'agree', actionStatus: 'planned', dueDate: null }, '2024-06-01').overdue).toBe(false);
  });

  it('counts the responses by state', () => {
    const summary = responseSummary(
      [
        { response: null, actionStatus: 'planned', dueDate: null },
        { response: 'agree', actionStatus: 'planned', dueDate: '2024-01-01' },
        { response: 'disagree', actionStatus: 'done', dueDate: null },
      ],
      '2024-06-01',
    );
    expect(summary).toEqual({ total: 3, awaiting_response: 1, planned: 1, in_progress: 0, done: 1, overdue: 1 });
  });
});

describe('who may change an evaluation record', () => {
  const coordinator: Actor = { userId: 1, memberships: [{ participant: 'DL', role: 'coordinator' }] };
  const otherCoordinator: Actor = { userId: 2, memberships: [{ participant: 'DL', role: 'coordinator' }] };
  const rapporteur: Actor = { userId: 3, memberships: [{ participant: 'DL', role: 'rapporteur' }] };
  const otherRapporteur: Actor = { userId: 4, memberships: [{ participant: 'DL', role: 'rapporteur' }] };
  const observer: Actor = { userId: 5, memberships: [{ participant: 'DL', role: 'observer' }] };

  it('writes as a coordinator or as a rapporteur, never as anyone else', () => {
    expect(authorRoleOf(coordinator, 'DL')).toBe('coordinator');
    expect(authorRoleOf(rapporteur, 'DL')).toBe('rapporteur');
    expect(authorRoleOf(observer, 'DL')).toBeNull();
    expect(authorRoleOf(rapporteur, 'WM')).toBeNull();
  });

  it('lets only the author change a rapporteur’s record, and any coordinator the office’s own', () => {
    const rapporteurs = { authorRole: 'rapporteur', authorUserId: 3 } as const;
    const office = { authorRole: 'coordinator', authorUserId: 1 } as const;
    expect([rapporteur, otherRapporteur, coordinator, observer].map((actor) => mayEditEvaluation(actor, 'DL', rapporteurs))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([coordinator, otherCoordinator, rapporteur, observer].map((actor) => mayEditEvaluation(actor, 'DL', office))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(mayEditEvaluation(rapporteur, 'WM', rapporteurs)).toBe(false);
  });
});
