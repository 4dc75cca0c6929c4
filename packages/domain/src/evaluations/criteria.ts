import { z } from 'zod';
import { IsoDate } from '../plan/package.ts';
import { EVALUATION_TYPES, type EvaluationType } from '../plan/vocabulary.ts';
import { EVALUATION_KEYS } from './keys.ts';

// The vocabulary of evaluations (DOMAIN.md §1 "Evaluation design", §2 the OECD-DAC criteria of 2019):
// the six criteria, the rating scale stated on the page and in the terms of reference, who evaluates,
// the methods, and the management response to each recommendation.

/** The six OECD-DAC evaluation criteria (2019), in the order the OECD lists them. */
export const EVALUATION_CRITERIA = ['relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability'] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

/** The rating scale of every criterion: 1 highly unsatisfactory … 4 highly satisfactory. */
export const RATING_SCALE = [1, 2, 3, 4] as const;
export type Rating = (typeof RATING_SCALE)[number];

/** What each rating means, as interface keys. */
export const RATING_KEYS: Record<Rating, string> = EVALUATION_KEYS.rating;

/** An evaluation proper, or an independent report of a national rapporteur. */
export const EVALUATION_RECORD_KINDS = ['evaluation', 'independent_report'] as const;
export type EvaluationRecordKind = (typeof EVALUATION_RECORD_KINDS)[number];

/** Who evaluates: the coordination office itself, an independent evaluator, or both together. */
export const EVALUATOR_KINDS = ['internal', 'independent', 'joint'] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

/** The methods an evaluation may combine (DOMAIN.md: Montenegro's method). */
export const EVALUATION_METHODS = ['document_review', 'report_analysis', 'interviews', 'focus_groups', 'observation', 'survey'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/** The coordination office's answer to a recommendation. */
export const MANAGEMENT_RESPONSES = ['agree', 'partly_agree', 'disagree'] as const;
export type ManagementResponse = (typeof MANAGEMENT_RESPONSES)[number];

/** Where the action promised in a management response stands. */
export const RESPONSE_ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ResponseActionStatus = (typeof RESPONSE_ACTION_STATUSES)[number];

/** The interface keys of each criterion: its name, the OECD's guiding question and definition. */
export function criterionKeys(criterion: EvaluationCriterion): { name: string; question: string; definition: string } {
  const { name, question, definition } = EVALUATION_KEYS.criteria[criterion];
  return { name, question, definition };
}

/** How many default evaluation questions each criterion has beside the OECD's guiding one. */
export const DEFAULT_QUESTION_COUNT = 2;

/** The keys of a criterion's default evaluation questions (`{strategy}` is the strategy's title). */
export function defaultQuestionKeys(criterion: EvaluationCriterion): string[] {
  const keys = EVALUATION_KEYS.criteria[criterion];
  return [keys.default1, keys.default2].slice(0, DEFAULT_QUESTION_COUNT);
}

const Line = z.string().max(4000);
const LongText = z.string().max(50000);

/** One criterion of an evaluation: its questions, its rating (none yet) and why. */
export const CriterionAssessmentSchema = z.strictObject({
  questions: z.array(z.string().trim().min(1).max(1000)).max(20),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
  justification: LongText,
});
export type CriterionAssessment = z.infer<typeof CriterionAssessmentSchema>;

/** The six criteria of an evaluation. */
export const CriteriaSchema = z.strictObject(
  Object.fromEntries(EVALUATION_CRITERIA.map((criterion) => [criterion, CriterionAssessmentSchema])) as Record<
    EvaluationCriterion,
    typeof CriterionAssessmentSchema
  >,
);
export type Criteria = z.infer<typeof CriteriaSchema>;

/** The terms of reference of an evaluation as the coordinator edits them before generating the document. */
export const TermsSchema = z.strictObject({
  purpose: LongText,
  scope: LongText,
  methods: z.array(z.enum(EVALUATION_METHODS)).max(EVALUATION_METHODS.length),
  methodsNote: Line,
  timeline: LongText,
  deliverables: LongText,
  independence: LongText,
});
export type Terms = z.infer<typeof TermsSchema>;

/** What the author of a record writes: everything but its kind, which is set when it is created. */
export const EvaluationContentSchema = z.strictObject({
  type: z.enum(EVALUATION_TYPES).nullable(),
  title: z.string().trim().min(1).max(300),
  year: z.number().int().min(1900).max(2200).nullable(),
  periodStart: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
  evaluatorKind: z.enum(EVALUATOR_KINDS).nullable(),
  evaluatorName: z.string().trim().max(300).nullable(),
  terms: TermsSchema,
  criteria: CriteriaSchema,
  text: LongText,
  findings: LongText,
  conclusions: LongText,
});
export type EvaluationContent = z.infer<typeof EvaluationContentSchema>;

/** The management response to one recommendation of an evaluation. */
export const ManagementResponseSchema = z.strictObject({
  response: z.enum(MANAGEMENT_RESPONSES),
  action: z.string().trim().max(4000),
  responsible: z.string().trim().max(64).nullable(),
  dueDate: IsoDate.nullable(),
  actionStatus: z.enum(RESPONSE_ACTION_STATUSES),
});
export type ManagementResponseInput = z.infer<typeof ManagementResponseSchema>;

/** The type an evaluation is given when none is chosen: final once the strategy's period is over, else mid-term. */
export function suggestedEvaluationType(periodEnd: number, today: string): EvaluationType {
  return Number(today.slice(0, 4)) > periodEnd ? 'final' : 'mid_term';
}
