import { z } from 'zod';
import { INSTITUTION_TYPES, LEVELS } from '../institutions.ts';
import {
  ACTIVITY_STATUSES,
  AREAS,
  DISAGGREGATIONS,
  DOCUMENT_STATUSES,
  EVALUATION_TYPES,
  FREQUENCIES,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INDICATOR_LEVELS,
  MEASURES,
  PRINCIPLES,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STRENGTHS,
  REPORT_STATUSES,
  RISK_CATEGORIES,
  SCENARIO_TYPES,
  TAGS,
} from './vocabulary.ts';

// The plan package of plan-package.md as one zod schema: the TypeScript types, the validation of
// imports and the JSON Schema all come from here. Objects are strict: a field the format does not
// define is rejected, since it is most often a typo.

/** An ISO calendar date `YYYY-MM-DD` that exists (no 31 April). */
export const IsoDate = z.string().refine(
  (value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  },
  { params: { key: 'invalid_date' } },
);

const Year = z.number().int().min(1900).max(2200);

/** Money in the package's currency: finite, never negative, at most two decimals. */
export const Money = z
  .number()
  .min(0)
  .refine((value) => Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6, {
    params: { key: 'money_decimals' },
  });

/** An id chosen by the author (`G1`, `A1.2.3`): no spaces around it. */
const Code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^\S(.*\S)?$/);
/** A text that says something: not empty, not only spaces. */
const Text = z.string().refine((value) => value.trim().length > 0, { params: { key: 'required' } });

export const ParticipantSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
  name: Text,
  currency: z.string().regex(/^[A-Z]{3}$/),
  locale: z.string().min(2).max(35).optional(),
});

export const InstitutionSchema = z.strictObject({
  id: Code,
  name: Text,
  type: z.enum(INSTITUTION_TYPES),
  level: z.enum(LEVELS),
  area: z.string().optional(),
});

export const IndicatorSchema = z.strictObject({
  id: Code,
  name: Text,
  level: z.enum(INDICATOR_LEVELS),
  measure: z.enum(MEASURES),
  unit: z.string().optional(),
  scale: z.array(Text).optional(),
  baseline: z.strictObject({ value: z.number(), year: Year, source: z.string().optional() }).optional(),
  target: z.strictObject({ value: z.number(), year: Year }).optional(),
  milestones: z.array(z.strictObject({ value: z.number(), year: Year })).optional(),
  meansOfVerification: z.string().optional(),
  disaggregation: z.array(z.enum(DISAGGREGATIONS)).optional(),
});

export const ObjectiveSchema = z.strictObject({
  id: Code,
  title: Text,
  indicators: z.array(IndicatorSchema).optional(),
});

export const GoalSchema = z.strictObject({
  id: Code,
  area: z.enum(AREAS),
  label: z.string().optional(),
  title: Text,
  objectives: z.array(ObjectiveSchema),
});

export const RiskSchema = z.strictObject({
  id: Code,
  description: Text,
  category: z.enum(RISK_CATEGORIES),
  likelihood: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  impact: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  mitigation: z.string().optional(),
  owner: Code.optional(),
});

export const ContingencyPlanSchema = z.strictObject({
  scenarios: z.array(z.strictObject({ type: z.enum(SCENARIO_TYPES), description: Text })),
  minimumServices: z.array(Text),
  reserveFunds: Money.optional(),
});

export const MonitoringArrangementsSchema = z.strictObject({
  body: Code.optional(),
  reportingFrequency: z.enum(FREQUENCIES).optional(),
  reportsTo: z.string().optional(),
  evaluations: z.array(z.strictObject({ type: z.enum(EVALUATION_TYPES), year: Year })).optional(),
});

export const StrategySchema = z.strictObject({
  id: Code,
  title: Text,
  periodStart: Year,
  periodEnd: Year,
  status: z.enum(DOCUMENT_STATUSES),
  adoptedBy: z.string().optional(),
  adoptedOn: IsoDate.optional(),
  situationAnalysis: z.string().optional(),
  principles: z.array(z.enum(PRINCIPLES)),
  monitoring: MonitoringArrangementsSchema.optional(),
  estimatedTotalCost: Money.optional(),
  goals: z.array(GoalSchema),
  risks: z.array(RiskSchema).optional(),
  contingency: ContingencyPlanSchema.optional(),
});

export const CostLineSchema = z.strictObject({
  year: Year,
  amount: Money,
  source: z.enum(FUNDING_SOURCES),
  funder: Code.optional(),
  status: z.enum(FUNDING_STATUSES),
});

export const ActivitySchema = z.strictObject({
  id: Code,
  objective: Code,
  title: Text,
  lead: Code.optional(),
  partners: z.array(Code).optional(),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  level: z.enum(LEVELS).optional(),
  tags: z.array(z.enum(TAGS)).optional(),
  costs: z.array(CostLineSchema).optional(),
  indicators: z.array(IndicatorSchema).optional(),
  recommendations: z.array(Code).optional(),
});

export const ActionPlanSchema = z.strictObject({
  id: Code,
  title: Text,
  start: IsoDate,
  end: IsoDate,
  status: z.enum(DOCUMENT_STATUSES),
  adoptedOn: IsoDate.optional(),
  activities: z.array(ActivitySchema),
});

export const RecommendationSchema = z.strictObject({
  id: Code,
  source: z.enum(RECOMMENDATION_SOURCES),
  reference: z.string().optional(),
  year: Year,
  text: Text,
  strength: z.enum(RECOMMENDATION_STRENGTHS).optional(),
});

export const ReportSchema = z.strictObject({
  institution: Code,
  status: z.enum(REPORT_STATUSES),
  submittedOn: IsoDate.optional(),
  activities: z.array(
    z.strictObject({
      activity: Code,
      status: z.enum(ACTIVITY_STATUSES),
      spent: z.array(z.strictObject({ source: z.enum(FUNDING_SOURCES), amount: Money })).optional(),
      narrative: z.string().optional(),
      obstacles: z.string().optional(),
    }),
  ),
  indicatorValues: z
    .array(
      z.strictObject({
        indicator: Code,
        value: z.number(),
        breakdown: z.array(z.strictObject({ dimension: Text, category: Text, value: z.number() })).optional(),
      }),
    )
    .optional(),
});

export const RoundSchema = z.strictObject({
  id: Code,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  deadline: IsoDate,
  reports: z.array(ReportSchema),
});

export const PlanPackageSchema = z
  .strictObject({
    format: z.literal('ariadne.plan-package'),
    version: z.literal(1),
    participant: ParticipantSchema,
    institutions: z.array(InstitutionSchema),
    strategy: StrategySchema,
    actionPlans: z.array(ActionPlanSchema),
    recommendations: z.array(RecommendationSchema).optional(),
    monitoring: z.strictObject({ rounds: z.array(RoundSchema) }).optional(),
  })
  .meta({ id: 'PlanPackage', description: 'One strategy of a Participant with its action plans (plan-package.md)' });

export type PlanPackage = z.infer<typeof PlanPackageSchema>;
export type Participant = PlanPackage['participant'];
export type Institution = z.infer<typeof InstitutionSchema>;
export type Strategy = z.infer<typeof StrategySchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type Objective = z.infer<typeof ObjectiveSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type ActionPlan = z.infer<typeof ActionPlanSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type CostLine = z.infer<typeof CostLineSchema>;
export type Risk = z.infer<typeof RiskSchema>;
export type ContingencyPlan = z.infer<typeof ContingencyPlanSchema>;
export type MonitoringArrangements = z.infer<typeof MonitoringArrangementsSchema>;
export type Recommendation = z.infer<typeof RecommendationSchema>;
export type Round = z.infer<typeof RoundSchema>;
export type Report = z.infer<typeof ReportSchema>;
