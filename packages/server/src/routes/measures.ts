import {
  ACTIVITY_STATUSES,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INDICATOR_STATUSES,
  IsoDate,
  planFinance,
  planProgress,
  regionalPicture,
  reviewPlan,
  SEVERITIES,
  translator,
} from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { loadRegionalOutline } from '../commands/loadRegionalOutline.ts';
import { requestLanguage } from '../http/language.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';

// The figures of measures.md in the shapes of cli.md, for one action plan or for the region.

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
      return regionalPicture(await loadRegionalOutline(app.database), request.query.asOf ?? today());
    },
  );
};
