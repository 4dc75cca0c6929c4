import {
  activityReports,
  ACTIVITY_STATUSES,
  FUNDING_SOURCES,
  INDICATOR_STATUSES,
  indicatorSeries,
  IsoDate,
  MEASURES,
  REPORT_STATUSES,
} from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';

// The results of one indicator and of one activity of an action plan, round by round (measures.md §2).

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const IndicatorParams = PlanParams.extend({ indicator: z.string().min(1).max(64).describe('Indicator id, e.g. `O3.1-I1`') });
const ActivityParams = PlanParams.extend({ activity: z.string().min(1).max(64).describe('Activity id, e.g. `A3.1.3`') });
const AsOfQuery = z.object({
  asOf: IsoDate.optional().describe('The date the status is given for (YYYY-MM-DD); today when left out. Every round is listed.'),
});

const RoundFields = { id: z.string(), periodStart: z.string(), periodEnd: z.string() };
const YearValue = z.object({ value: z.number(), year: z.number() });
const Institution = z.object({ id: z.string(), name: z.string().nullable() });

const IndicatorSeriesSchema = z
  .object({
    plan: z.string(),
    strategy: z.string(),
    asOf: z.string(),
    indicator: z.object({
      id: z.string(),
      name: z.string(),
      level: z.string(),
      measure: z.enum(MEASURES),
      unit: z.string().nullable(),
      scale: z.array(z.string()),
      baseline: YearValue.nullable(),
      target: YearValue.nullable(),
      milestones: z.array(YearValue),
      disaggregation: z.array(z.string()),
    }),
    owner: z.object({ kind: z.enum(['objective', 'activity']), id: z.string() }),
    rounds: z.array(
      z.object({
        ...RoundFields,
        value: z.number().nullable().describe('From accepted reports: sum of numbers, mean of percentages, maximum otherwise'),
        reports: z.number().int().describe('Accepted reports giving the value'),
        milestone: z.number().nullable().describe("The milestone of the year of the round's period end"),
        breakdown: z.array(
          z.object({
            dimension: z.string(),
            categories: z.array(z.object({ category: z.string(), value: z.number(), reports: z.number().int() })),
          }),
        ),
      }),
    ),
    actual: z.number().nullable(),
    actualRound: z.string().nullable(),
    progress: z.number().nullable(),
    expected: z.number().nullable(),
    status: z.enum(INDICATOR_STATUSES),
  })
  .meta({ id: 'IndicatorSeries' });

const ActivityReportsSchema = z
  .object({
    plan: z.string(),
    strategy: z.string(),
    currency: z.string(),
    activity: z.object({
      id: z.string(),
      title: z.string(),
      objective: z.string(),
      lead: Institution.nullable(),
      partners: z.array(Institution),
      start: z.string().nullable(),
      end: z.string().nullable(),
    }),
    planned: z.array(z.object({ year: z.number(), amount: z.number() })),
    plannedTotal: z.number(),
    spentTotal: z.number(),
    rounds: z.array(
      z.object({
        ...RoundFields,
        reports: z.array(
          z.object({
            institution: z.string(),
            institutionName: z.string().nullable(),
            reportStatus: z.enum(REPORT_STATUSES),
            counted: z.boolean().describe('Accepted: only these count in the figures'),
            status: z.enum(ACTIVITY_STATUSES),
            spent: z.array(z.object({ source: z.enum(FUNDING_SOURCES), amount: z.number() })),
            spentTotal: z.number(),
            narrative: z.string().nullable(),
            obstacles: z.string().nullable(),
          }),
        ),
        spent: z.number(),
        cumulativeSpent: z.number(),
        cumulativePlanned: z.number(),
      }),
    ),
  })
  .meta({ id: 'ActivityReports' });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** An indicator's values and an activity's reports, round by round. */
export const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/action-plans/:plan/indicators/:indicator/series',
    {
      config: { access: { action: 'progress.view' } },
      schema: {
        tags: ['measures'],
        summary: "An indicator's value in each round of the plan, with milestones, target, breakdowns and status (measures.md §2)",
        params: IndicatorParams,
        querystring: AsOfQuery,
        response: { 200: IndicatorSeriesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      return indicatorSeries(loaded.plan, loaded.planId, request.params.indicator, request.query.asOf ?? today());
    },
  );

  app.get(
    '/api/participants/:participant/action-plans/:plan/activities/:activity/reports',
    {
      config: { access: { action: 'progress.view' } },
      schema: {
        tags: ['measures'],
        summary: 'Every report on an activity, round by round, with money planned and spent to date (measures.md §2)',
        params: ActivityParams,
        response: { 200: ActivityReportsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      return activityReports(loaded.plan, loaded.planId, request.params.activity);
    },
  );
};
