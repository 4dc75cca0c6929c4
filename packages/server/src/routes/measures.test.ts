import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
});
afterAll(async () => server?.close());

type Review = { plan: string; findings: { rule: string; subject: string | null; message: string }[]; summary: Record<string, unknown> };

describe('measures of an action plan through the API', () => {
  it('reviews the Demoland plan, with messages in the reader’s language', async () => {
    const response = await coordinator.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/review');
    expect(response.statusCode).toBe(200);
    const review = response.json() as Review;
    expect(review.plan).toBe('DL/AP-2021-2022');
    expect(review.summary).toMatchObject({ error: 0, warning: 13, info: 1 });
    expect(review.findings.find((f) => f.rule === 'R28')?.subject).toBe('REC-05');

    const cyrillic = await coordinator.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/review', undefined, {
      'accept-language': 'sr-Cyrl',
    });
    expect((cyrillic.json() as Review).findings[0]?.message).toMatch(/[\u0400-\u04ff]/);
  });

  it('gives the financial plan', async () => {
    const response = await coordinator.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/finance');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      plan: 'DL/AP-2021-2022',
      currency: 'EUR',
      total: 1181500,
      byYear: { '2021': 501500, '2022': 680000 },
      bySource: { state_budget: 612500, local_budget: 51000, donor: 518000, other: 0 },
      byStatus: { secured: 735000, pledged: 271500, unfunded: 175000 },
      stateShare: 0.5184,
      ngoShare: 0.3644,
      fundingGap: 175000,
    });
  });

  it('gives progress as of a date', async () => {
    const response = await coordinator.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/progress?asOf=2022-12-31');
    expect(response.statusCode).toBe(200);
    const progress = response.json() as {
      asOf: string;
      activities: { implementationRate: number; byStatus: Record<string, number> };
      budget: unknown;
    };
    expect(progress.asOf).toBe('2022-12-31');
    expect(progress.activities.implementationRate).toBe(0.25);
    expect(progress.activities.byStatus).toEqual({ not_started: 0, ongoing: 13, completed: 8, delayed: 11, cancelled: 0 });
    expect(progress.budget).toEqual({ plannedToDate: 1181500, spent: 536561.5, execution: 0.4541 });

    const bad = await coordinator.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/progress?asOf=2022-13-01');
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('asOf');
  });

  it('answers an unknown plan with 404 and follows the policies', async () => {
    expect((await coordinator.request('GET', '/api/participants/DL/action-plans/AP-1999/review')).statusCode).toBe(404);
    const focalPoint = await signInAs(server.app, demoEmail('focal_point'));
    expect((await focalPoint.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/review')).statusCode).toBe(200);
    expect((await focalPoint.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/finance')).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/participants/WM/action-plans/AP-2021-2022/review')).statusCode).toBe(404);
  });
});

describe('the regional picture', () => {
  it('shows regional users what the Participants published, and a coordinator all of their own', async () => {
    const regional = await signInAs(server.app, demoEmail('regional'));
    const response = await regional.request('GET', '/api/regional?asOf=2022-06-30');
    expect(response.statusCode).toBe(200);
    type Picture = {
      participants: { code: string; validStrategies: { id: string }[]; validActionPlans: { id: string }[]; principles: string[] }[];
    };
    const picture = response.json() as Picture;
    // Demoland has published nothing; Westmark and the six MARRI Participants have.
    expect(picture.participants.map((p) => p.code)).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'WM', 'XK']);
    const westmark = picture.participants.find((p) => p.code === 'WM');
    expect(westmark?.validStrategies.map((s) => s.id)).toEqual(['WM-S-2021-2025']);

    const forCoordinator = (await coordinator.request('GET', '/api/regional?asOf=2022-06-30')).json() as Picture;
    const demoland = forCoordinator.participants.find((p) => p.code === 'DL');
    expect(demoland?.validStrategies.map((s) => s.id)).toEqual(['NS-2021-2024']);
    expect(demoland?.validActionPlans.map((a) => a.id)).toEqual(['AP-2021-2022']);
    expect(demoland?.principles[0]).toBe('government_ownership');
  });

  it('is closed to roles without the regional view', async () => {
    const editor = await signInAs(server.app, demoEmail('editor'));
    expect((await editor.request('GET', '/api/regional?asOf=2022-06-30')).statusCode).toBe(403);
  });
});
