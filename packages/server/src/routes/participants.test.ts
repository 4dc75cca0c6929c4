import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type TestServer } from '../testing.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('a Participant at a glance', () => {
  it('gives its counts and the estimated cost of the strategy in force, in minor units', async () => {
    const observer = await signInAs(server.app, demoEmail('observer'));
    const response = await observer.request('GET', '/api/participants/DL');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      code: 'DL',
      name: 'Demoland',
      currency: 'EUR',
      locale: 'en',
      institutionCount: 16,
      // One account per demo role, the local coordinator included.
      userCount: 9,
      estimatedTotalCost: 215_000_000,
    });
  });

  it('leaves the cost out where no strategy is adopted, and lists institutions by code', async () => {
    const regional = await signInAs(server.app, demoEmail('regional'));
    const westmark = (await regional.request('GET', '/api/participants/WM')).json() as Record<string, unknown>;
    expect(westmark.estimatedTotalCost).toBeUndefined();
    const coordinator = await signInAs(server.app, demoEmail('coordinator'));
    const institutions = (await coordinator.request('GET', '/api/participants/DL/institutions')).json() as { items: { code: string }[] };
    const codes = institutions.items.map((item) => item.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toContain('NGO-SH');
  });
});
