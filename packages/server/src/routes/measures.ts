import {
  ACTIVITY_STATUSES,
  AppError,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INDICATOR_STATUSES,
  AREAS,
  IsoDate,
  MEASURES,
  planFinance,
  planProgress,
  regionalPicture,
  reviewPlan,
  SEVERITIES,
  sharedIndicator,
  sharedIndicatorList,
  thematicStructures,
  translator,
} from '@ariadne/domain';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from '@ariadne/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { loadPublishedIndicatorSets, loadRegionalPackages, participantsSeenWhole } from '../commands/loadRegionalView.ts';
import { requestLanguage } from '../http/language.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';

// The figures of measures.md in the shapes of cli.md, for one action plan or for the region. The
// region is read as far as the reader may see it: what each Participant published, and all of the
// Participants whose plans the reader may read.

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const AsOfQuery = z.object({
  asOf: IsoDate.optional().describe('The date of the picture (YYYY-MM-DD); today when left out'),
});

const amountsOf = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), z.number());
const StatusCounts = amountsOf(ACTIVITY_STATUSES);

const ReviewSchema = z
  .object({
    plan: z.string(),
    findings: z.array(
      z.object({
        rule: z.string().describe('R01 … R28'),
        severity: z.enum(SEVERITIES),
        subject: z.string().nullable(),
        message: z.string().describe('In the language of the request'),
      }),
    ),
    summary: z.object({ error: z.number(), warning: z.number(), info: z.number(), byRule: z.record(z.string(), z.number()) }),
  })
  .meta({ id: 'PlanReview' });

const FinanceSchema = z
  .object({
    plan: z.string(),
    currency: z.string(),
    total: z.number(),
    byYear: z.record(z.string(), z.number()),
    byArea: z.record(z.string(), z.number()),
    bySource: amountsOf(FUNDING_SOURCES),
    byStatus: amountsOf(FUNDING_STATUSES),
    stateShare: z.number().nullable(),
    fundingGap: z.number(),
    ngoShare: z.number().nullable(),
    unfundedActivities: z.array(z.string()),
  })
  .meta({ id: 'PlanFinance' });

const ProgressSchema = z
  .object({
    plan: z.string(),
    asOf: z.string(),
    activities: z.object({
      total: z.number(),
      byStatus: StatusCounts,
      implementationRate: z.number().nullable(),
      byArea: z.record(z.string(), StatusCounts),
      items: z.array(z.object({ id: z.string(), status: z.string() })),
    }),
    indicators: z.array(
      z.object({
        id: z.string(),
        baseline: z.number().nullable(),
        target: z.number().nullable(),
        actual: z.number().nullable(),
        progress: z.number().nullable(),
        expected: z.number().nullable(),
        status: z.enum(INDICATOR_STATUSES),
      }),
    ),
    budget: z.object({ plannedToDate: z.number(), spent: z.number(), execution: z.number().nullable() }),
  })
  .meta({ id: 'PlanProgress' });

const RegionalStrategySchema = z.object({ id: z.string(), title: z.string(), periodStart: z.number(), periodEnd: z.number() });
const RegionalSchema = z
  .object({
    asOf: z.string(),
    participants: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        validStrategies: z.array(RegionalStrategySchema),
        validActionPlans: z.array(z.object({ id: z.string(), title: z.string(), start: z.string(), end: z.string() })),
        expiredStrategy: RegionalStrategySchema.nullable(),
        principles: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'RegionalPicture' });

const SharedSummarySchema = z.object({
  key: z.string().describe('Names the shared indicator in `/api/regional/indicator?key=`'),
  name: z.string(),
  measure: z.enum(MEASURES),
  unit: z.string().nullable(),
  participants: z.array(z.object({ code: z.string(), name: z.string() })),
});

const SharedIndicatorSchema = SharedSummarySchema.extend({
  years: z.array(z.number()),
  participants: z.array(
    z.object({
      participant: z.object({ code: z.string(), name: z.string() }),
      plan: z.string(),
      indicator: z.string(),
      threshold: z.number().describe('Values below it are hidden as small counts (0: none are)'),
      baseline: z.object({ value: z.number().nullable(), year: z.number(), small: z.boolean() }).nullable(),
      target: z.object({ value: z.number(), year: z.number() }).nullable(),
      values: z.array(z.object({ year: z.number(), round: z.string(), value: z.number().nullable(), small: z.boolean() })),
    }),
  ),
}).meta({ id: 'SharedIndicator' });

const IndicatorQuery = AsOfQuery.extend({
  key: z.string().min(1).max(2000).describe('The key of a shared indicator, from the comparison'),
});

const ComparisonSchema = z
  .object({
    asOf: z.string(),
    structures: z.object({
      areas: z.array(z.enum(AREAS)).describe('The 4P first, then the other areas some Participant uses'),
      participants: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          strategy: RegionalStrategySchema.nullable(),
          goals: z.array(
            z.object({ id: z.string(), position: z.number(), area: z.enum(AREAS), label: z.string().nullable(), title: z.string() }),
          ),
        }),
      ),
    }),
    indicators: z
      .array(SharedSummarySchema)
      .describe('The published indicators at least two Participants share, without their values, most shared first'),
  })
  .meta({ id: 'RegionalComparison' });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Review, finance and progress of an action plan; the regional picture. */
export const measureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/action-plans/:plan/review',
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['measures'],
        summary: 'The plan review: findings of rules R01–R28 (measures.md §3)',
        params: PlanParams,
        response: { 200: ReviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      return reviewPlan(loaded.plan, loaded.planId, loaded.address, translator(requestLanguage(request)));
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/finance',
    {
      config: { access: { action: 'finance.view' } },
      schema: {
        tags: ['measures'],
        summary: 'The financial plan: totals by year, area, source and status, shares and the funding gap (measures.md §1)',
        params: PlanParams,
        response: { 200: FinanceSchema, ...errorResponses },
      },
    },
    async (request) => {
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      return planFinance(loaded.plan, loaded.planId, loaded.address);
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/progress',
    {
      config: { access: { action: 'progress.view' } },
      schema: {
        tags: ['measures'],
        summary: 'Progress as of a date: activities, indicators and budget execution (measures.md §2)',
        params: PlanParams,
        querystring: AsOfQuery,
        response: { 200: ProgressSchema, ...errorResponses },
      },
    },
    async (request) => {
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      return planProgress(loaded.plan, loaded.planId, request.query.asOf ?? today(), loaded.address);
    },
  );

  app.get(
    '/api/regional',
    {
      config: { access: { action: 'regional.view', anywhere: true } },
      schema: {
        tags: ['measures'],
        summary: 'The regional picture as of a date: strategies and plans in force, principles (measures.md §4)',
        querystring: AsOfQuery,
        response: { 200: RegionalSchema, ...errorResponses },
      },
    },
    async (request) => {
      return regionalPicture(await loadRegionalPackages(app.database, participantsSeenWhole(request.actor)), request.query.asOf ?? today());
    },
  );

  app.get(
    '/api/regional/comparison',
    {
      config: { access: { action: 'regional.view', anywhere: true } },
      schema: {
        tags: ['measures'],
        summary:
          'The thematic structures of the Participants side by side and the published indicators several of them share, as of a date',
        querystring: AsOfQuery,
        response: { 200: ComparisonSchema, ...errorResponses },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? today();
      const packages = await loadRegionalPackages(app.database, participantsSeenWhole(request.actor));
      const { sources } = await loadPublishedIndicatorSets(app.database);
      const { asOf: _asOf, ...structures } = thematicStructures(packages, asOf);
      return { asOf, structures, indicators: sharedIndicatorList(sources, asOf) };
    },
  );

  app.get(
    '/api/regional/indicator',
    {
      config: { access: { action: 'regional.view', anywhere: true } },
      schema: {
        tags: ['measures'],
        summary: 'One published indicator several Participants share: each one’s baseline, values year by year and target',
        querystring: IndicatorQuery,
        response: { 200: SharedIndicatorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? today();
      const { sources, thresholds } = await loadPublishedIndicatorSets(app.database);
      const found = sharedIndicator(sources, request.query.key, {
        asOf,
        thresholdOf: (code) => thresholds.get(code) ?? DEFAULT_SMALL_COUNT_THRESHOLD,
      });
      if (!found) {
        throw new AppError('NOT_FOUND', {
          issues: [{ path: 'key', key: 'shared_indicator_not_found' }],
          detail: `no shared indicator ${request.query.key}`,
        });
      }
      return found;
    },
  );
};
