import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
});
afterAll(async () => server?.close());

const COSTS = '/api/participants/DL/action-plans/AP-2021-2022/costs';

type Costs = {
  plan: string;
  currency: string;
  items: { activity: string; area: string; year: number; status: string; amount: number; leadName: string | null }[];
  resourcePlan: { years: number[]; areas: string[]; cells: { area: string; year: number; amount: number }[]; total: number };
  donorView: { currency: string; items: { activity: string; unfunded: number }[]; totalUnfunded: number };
};

describe('the costs of an action plan', () => {
  it('gives the cost lines, the resource plan and the donor view of Demoland’s plan', async () => {
    const response = await coordinator.request('GET', COSTS);
    expect(response.statusCode).toBe(200);
    const costs = response.json() as Costs;
    expect(costs.plan).toBe('DL/AP-2021-2022');
    expect(costs.currency).toBe('EUR');
    expect(costs.items).toHaveLength(65);
    expect(costs.items[0]).toMatchObject({ activity: 'A1.1.1', area: 'supporting_framework', year: 2021, amount: 14500 });
    expect(costs.resourcePlan.years).toEqual([2021, 2022]);
    expect(costs.resourcePlan.total).toBe(1181500);
    expect(costs.resourcePlan.cells).toContainEqual({ area: 'protection', year: 2022, amount: 275000 });
    expect(costs.donorView.totalUnfunded).toBe(175000);
    expect(costs.donorView.items).toHaveLength(11);
    expect(costs.donorView.items[0]).toMatchObject({ activity: 'A1.3.1', unfunded: 15000 });
  });

  it('agrees with the financial plan', async () => {
    const costs = (await coordinator.request('GET', COSTS)).json() as Costs;
    const finance = (await coordinator.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/finance')).json() as {
      total: number;
      fundingGap: number;
      unfundedActivities: string[];
    };
    expect(costs.resourcePlan.total).toBe(finance.total);
    expect(costs.donorView.totalUnfunded).toBe(finance.fundingGap);
    expect(costs.donorView.items.map((item) => item.activity)).toEqual(finance.unfundedActivities);
  });

  it('is open to donors, closed to focal points, and unknown elsewhere', async () => {
    const donor = await signInAs(server.app, demoEmail('donor'));
    expect((await donor.request('GET', COSTS)).statusCode).toBe(200);
    const focalPoint = await signInAs(server.app, demoEmail('focal_point'));
    expect((await focalPoint.request('GET', COSTS)).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/participants/WM/action-plans/AP-2021-2022/costs')).statusCode).toBe(404);
    const unknown = await coordinator.request('GET', '/api/participants/DL/action-plans/AP-1999/costs');
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await server.app.inject({ method: 'GET', url: COSTS })).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.paths['/api/participants/{participant}/action-plans/{plan}/costs']).toBeDefined();
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['PlanCosts', 'CostItem', 'ResourcePlan', 'DonorView']),
    );
  });
});
