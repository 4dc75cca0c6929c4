import type { Translate } from '../i18n/catalogs.ts';
import type { PlanPackage } from '../plan/package.ts';
import type { EvaluationType } from '../plan/vocabulary.ts';
import {
  EVALUATION_CRITERIA,
  RATING_KEYS,
  RATING_SCALE,
  criterionKeys,
  defaultQuestionKeys,
  type Criteria,
  type EvaluationContent,
  type EvaluationMethod,
  type EvaluatorKind,
} from './criteria.ts';
import { EVALUATION_KEYS } from './keys.ts';

// The terms of reference of an evaluation: the defaults drawn from the plan, which the coordinator
// edits, and the content of the Word document generated from what they kept.

/** The interface key of an evaluation type's name. */
export function evaluationTypeKey(type: EvaluationType): string {
  return `app.editor.strategy.evaluationType.${type}`;
}

/** The interface key of a method's name. */
export function evaluationMethodKey(method: EvaluationMethod): string {
  return EVALUATION_KEYS.methods[method];
}

/** The interface key of a kind of evaluator. */
export function evaluatorKindKey(kind: EvaluatorKind): string {
  return EVALUATION_KEYS.evaluator[kind];
}

/** The methods proposed by default: the combination of Montenegro's evaluations. */
export const DEFAULT_METHODS: readonly EvaluationMethod[] = [
  'document_review',
  'report_analysis',
  'interviews',
  'focus_groups',
  'observation',
];

/** The planned evaluation of the plan that a new evaluation of this type carries out, if any. */
export function plannedEvaluation(plan: PlanPackage, type: EvaluationType): { type: EvaluationType; year: number } | undefined {
  return plan.strategy.monitoring?.evaluations?.find((planned) => planned.type === type);
}

/** The criteria with the OECD's guiding question and the default questions, not yet rated. */
export function defaultCriteria(plan: PlanPackage, t: Translate): Criteria {
  const strategy = plan.strategy.title;
  return Object.fromEntries(
    EVALUATION_CRITERIA.map((criterion) => [
      criterion,
      {
        questions: [t(criterionKeys(criterion).question), ...defaultQuestionKeys(criterion).map((key) => t(key, { strategy }))],
        rating: null,
        justification: '',
      },
    ]),
  ) as Criteria;
}

/** The goals of the strategy in scope, one line each with its area. */
function goalLines(plan: PlanPackage, t: Translate): string[] {
  return plan.strategy.goals.map((goal) => `${goal.id} ${goal.title} (${goal.label ?? t(`app.areas.${goal.area}`)})`);
}

/**
 * A new evaluation of a strategy, filled in from the plan: its title, the period and year (from the
 * planned evaluation of that type when there is one), the goals and action plans in scope, the
 * default questions of each criterion, the usual methods, timeline, deliverables and independence.
 */
export function defaultEvaluation(plan: PlanPackage, type: EvaluationType, t: Translate): EvaluationContent {
  const { strategy } = plan;
  const planned = plannedEvaluation(plan, type);
  const year = planned?.year ?? null;
  const end = type === 'mid_term' && year !== null && year < strategy.periodEnd ? year : strategy.periodEnd;
  const periods = { strategy: strategy.title, start: strategy.periodStart, end };
  const scope = [
    t('app.evaluations.defaults.scope', periods),
    ...goalLines(plan, t).map((line) => `• ${line}`),
    ...(plan.actionPlans.length > 0
      ? [
          t('app.evaluations.defaults.actionPlans', {
            plans: plan.actionPlans.map((actionPlan) => `${actionPlan.id} ${actionPlan.title}`).join('; '),
          }),
        ]
      : []),
  ].join('\n');
  return {
    type,
    title: t('app.evaluations.defaults.title', { type: t(evaluationTypeKey(type)), strategy: strategy.title }),
    year,
    periodStart: `${strategy.periodStart}-01-01`,
    periodEnd: `${end}-12-31`,
    evaluatorKind: 'independent',
    evaluatorName: null,
    terms: {
      purpose: t(EVALUATION_KEYS.defaults.purpose[type], periods),
      scope,
      methods: [...DEFAULT_METHODS],
      methodsNote: '',
      timeline: t('app.evaluations.defaults.timeline', { year: year ?? end + (type === 'final' ? 1 : 0) }),
      deliverables: t('app.evaluations.defaults.deliverables'),
      independence: t('app.evaluations.defaults.independence'),
    },
    criteria: defaultCriteria(plan, t),
    text: '',
    findings: '',
    conclusions: '',
  };
}

/** A new independent report of a rapporteur: only a title, the strategy's period and the criteria left empty. */
export function defaultIndependentReport(plan: PlanPackage, t: Translate): EvaluationContent {
  const { strategy } = plan;
  const empty: Criteria = Object.fromEntries(
    EVALUATION_CRITERIA.map((criterion) => [criterion, { questions: [] as string[], rating: null, justification: '' }]),
  ) as Criteria;
  return {
    type: null,
    title: t('app.evaluations.defaults.reportTitle', { strategy: strategy.title }),
    year: null,
    periodStart: `${strategy.periodStart}-01-01`,
    periodEnd: `${strategy.periodEnd}-12-31`,
    evaluatorKind: 'independent',
    evaluatorName: null,
    terms: { purpose: '', scope: '', methods: [], methodsNote: '', timeline: '', deliverables: '', independence: '' },
    criteria: empty,
    text: '',
    findings: '',
    conclusions: '',
  };
}

/** The sections of the terms of reference, by their heading's key. */
type TermsSection =
  'background' | 'purpose' | 'scope' | 'criteria' | 'scale' | 'methods' | 'report' | 'timeline' | 'deliverables' | 'independence';

/** One block of a generated document. */
export type TermsBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] };

/** Splits an edited text into paragraphs, a line starting with "•" or "-" becoming a bullet. */
function textBlocks(value: string): TermsBlock[] {
  const blocks: TermsBlock[] = [];
  for (const line of value.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const bullet = /^[•\-*]\s*(.*)$/.exec(trimmed);
    const last = blocks[blocks.length - 1];
    if (bullet) {
      if (last?.kind === 'bullets') last.items.push(bullet[1] ?? '');
      else blocks.push({ kind: 'bullets', items: [bullet[1] ?? ''] });
    } else blocks.push({ kind: 'paragraph', text: trimmed });
  }
  return blocks;
}

/** The rating scale as a table of the scale's values and their meaning. */
export function ratingScaleRows(t: Translate): string[][] {
  return RATING_SCALE.map((rating) => [String(rating), t(RATING_KEYS[rating])]);
}

/**
 * The terms of reference of an evaluation as document blocks, in the reader's language: the
 * background from the plan, then purpose, scope, the criteria with their definitions and evaluation
 * questions, the rating scale, methods, the contents expected of the report, timeline,
 * deliverables and the evaluator's independence. Empty sections are left out.
 */
export function termsOfReference(plan: PlanPackage, evaluation: EvaluationContent, t: Translate): TermsBlock[] {
  const { strategy } = plan;
  const section = (key: TermsSection) => ({ kind: 'heading', text: t(EVALUATION_KEYS.terms[key]), level: 2 }) as const;
  const blocks: TermsBlock[] = [
    { kind: 'heading', text: t('app.evaluations.terms.documentTitle'), level: 1 },
    { kind: 'paragraph', text: evaluation.title },
    {
      kind: 'table',
      head: [t('app.evaluations.terms.fact'), t('app.evaluations.terms.value')],
      rows: [
        [t('app.evaluations.terms.participant'), plan.participant.name],
        [t('app.evaluations.terms.strategy'), `${strategy.title} (${strategy.periodStart}–${strategy.periodEnd})`],
        ...(evaluation.type ? [[t('app.evaluations.fields.type'), t(evaluationTypeKey(evaluation.type))]] : []),
        ...(evaluation.periodStart && evaluation.periodEnd
          ? [[t('app.evaluations.fields.period'), `${evaluation.periodStart} – ${evaluation.periodEnd}`]]
          : []),
        ...(evaluation.year !== null ? [[t('app.evaluations.fields.year'), String(evaluation.year)]] : []),
        ...(evaluation.evaluatorKind ? [[t('app.evaluations.fields.evaluatorKind'), t(evaluatorKindKey(evaluation.evaluatorKind))]] : []),
      ],
    },
    section('background'),
    {
      kind: 'paragraph',
      text: t('app.evaluations.terms.backgroundText', {
        strategy: strategy.title,
        start: strategy.periodStart,
        end: strategy.periodEnd,
        plans: plan.actionPlans.length,
      }),
    },
  ];
  if (strategy.goals.length > 0) {
    blocks.push({
      kind: 'table',
      head: [t('app.evaluations.terms.goal'), t('app.evaluations.terms.area')],
      rows: strategy.goals.map((goal) => [`${goal.id} ${goal.title}`, goal.label ?? t(`app.areas.${goal.area}`)]),
    });
  }
  const { terms } = evaluation;
  const add = (key: TermsSection, value: string) => {
    if (value.trim() === '') return;
    blocks.push(section(key), ...textBlocks(value));
  };
  add('purpose', terms.purpose);
  add('scope', terms.scope);

  blocks.push(section('criteria'), { kind: 'paragraph', text: t('app.evaluations.terms.criteriaIntro') });
  for (const criterion of EVALUATION_CRITERIA) {
    const keys = criterionKeys(criterion);
    blocks.push({ kind: 'heading', text: t(keys.name), level: 3 }, { kind: 'paragraph', text: t(keys.definition) });
    const questions = evaluation.criteria[criterion].questions;
    if (questions.length > 0) blocks.push({ kind: 'bullets', items: [...questions] });
  }
  blocks.push(
    section('scale'),
    { kind: 'paragraph', text: t('app.evaluations.scale.intro') },
    { kind: 'table', head: [t('app.evaluations.scale.rating'), t('app.evaluations.scale.meaning')], rows: ratingScaleRows(t) },
  );
  if (terms.methods.length > 0 || terms.methodsNote.trim() !== '') {
    blocks.push(section('methods'));
    if (terms.methods.length > 0) blocks.push({ kind: 'bullets', items: terms.methods.map((method) => t(evaluationMethodKey(method))) });
    blocks.push(...textBlocks(terms.methodsNote));
  }
  blocks.push(section('report'), {
    kind: 'bullets',
    items: Object.values(EVALUATION_KEYS.terms.reportContents).map((key) => t(key)),
  });
  add('timeline', terms.timeline);
  add('deliverables', terms.deliverables);
  if (terms.independence.trim() !== '' || evaluation.evaluatorKind !== null) {
    blocks.push(section('independence'));
    if (evaluation.evaluatorKind !== null) {
      blocks.push({
        kind: 'paragraph',
        text: `${t('app.evaluations.fields.evaluatorKind')}: ${t(evaluatorKindKey(evaluation.evaluatorKind))}`,
      });
    }
    blocks.push(...textBlocks(terms.independence));
  }
  return blocks;
}
