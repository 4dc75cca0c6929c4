import { AREAS, costItems, donorView, FUNDING_SOURCES, FUNDING_STATUSES, resourcePlan } from '@ariadne/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActionPlan } from '../commands/loadActionPlan.ts';
import { ParticipantParams, errorResponses } from '../http/schemas.ts';

// The cost lines of an action plan one by one, with the resource plan and the donor view built
// from them: what the financial plan's drill-down, tables and donor list show.

const PlanParams = ParticipantParams.extend({ plan: z.string().min(1).max(64).describe('Action plan id, e.g. `AP-2021-2022`') });
const AreaSchema = z.enum(AREAS);

const CostItemSchema = z
  .object({
    activity: z.string(),
    title: z.string(),
    objective: z.string(),
    goal: z.string().describe('The goal above the objective'),
    area: AreaSchema.describe('The area of that goal'),
    lead: z.string().nullable(),
    leadName: z.string().nullable(),
    year: z.number().int(),
    source: z.enum(FUNDING_SOURCES),
    funder: z.string().nullable(),
    status: z.enum(FUNDING_STATUSES),
    amount: z.number().describe('In the currency of the plan, 2 decimals'),
  })
  .meta({ id: 'CostItem' });

const ResourcePlanSchema = z
  .object({
    years: z.array(z.number().int()).describe('Years with at least one cost line, in order'),
    areas: z.array(AreaSchema).describe('Areas with at least one cost line, in the order of the plan package format'),
    cells: z
      .array(z.object({ area: AreaSchema, year: z.number().int(), amount: z.number() }))
      .describe('Every area × year, by area then year'),
    byArea: z.record(AreaSchema, z.number()).describe('Every area is a key'),
    byYear: z.record(z.string(), z.number()),
    total: z.number(),
  })
  .meta({ id: 'ResourcePlan' });

const DonorViewSchema = z
  .object({
    currency: z.string(),
    items: z.array(
      z.object({
        activity: z.string(),
        title: z.string(),
        area: AreaSchema,
        goal: z.string(),
        objective: z.string(),
        lead: z.string().nullable(),
        leadName: z.string().nullable(),
        totalCost: z.number(),
        unfunded: z.number(),
      }),
    ),
    totalUnfunded: z.number().describe('The funding gap'),
  })
  .meta({ id: 'DonorView' });

const CostsSchema = z
  .object({
    plan: z.string().describe('`PARTICIPANT/PLAN_ID`'),
    currency: z.string(),
    items: z.array(CostItemSchema).describe('Every cost line, by activity id and then in the activity’s order'),
    resourcePlan: ResourcePlanSchema,
    donorView: DonorViewSchema,
  })
  .meta({ id: 'PlanCosts' });

/** The costs of an action plan: its cost lines, the resource plan (area × year) and the donor view. */
export const costRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/participants/:participant/action-plans/:plan/costs',
    {
      config: { access: { action: 'finance.view' } },
      schema: {
        tags: ['measures'],
        summary: 'The cost lines of an action plan, its resource plan by area and year, and its unfunded activities (the donor view)',
        params: PlanParams,
        response: { 200: CostsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const loaded = await loadActionPlan(app.database, request.params.participant, request.params.plan);
      return {
        plan: loaded.address,
        currency: loaded.plan.participant.currency,
        items: costItems(loaded.plan, loaded.planId),
        resourcePlan: resourcePlan(loaded.plan, loaded.planId),
        donorView: donorView(loaded.plan, loaded.planId),
      };
    },
  );
};
