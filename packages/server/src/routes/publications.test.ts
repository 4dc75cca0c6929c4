import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
let editor: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
});
afterAll(async () => server?.close());

const API = '/api/participants/DL/publications';

type Publication = {
  id: number;
  kind: string;
  strategy: string | null;
  plan: string | null;
  title: string;
  publicPath: string;
  withdrawnAt: string | null;
};
type Publications = {
  publications: Publication[];
  strategies: { code: string; title: string; plans: { code: string; title: string }[] }[];
  smallCountThreshold: number;
  portalPath: string;
};

/** Demoland's audit entries of an action (the demo publishes the MARRI Participants' plans itself). */
async function auditCount(action: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries
    WHERE action = ${action} AND participant_id = (SELECT id FROM participants WHERE code = 'DL')`.execute(server.database.db);
  return rows[0]?.n ?? 0;
}

describe('publications', () => {
  it('lists what can be published, and nothing published at first', async () => {
    const response = await coordinator.request('GET', API);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Publications;
    expect(body.publications).toEqual([]);
    expect(body.smallCountThreshold).toBe(5);
    expect(body.portalPath).toBe('/public/DL');
    expect(body.strategies.map((strategy) => strategy.code)).toContain('NS-2021-2024');
    expect(body.strategies.flatMap((strategy) => strategy.plans.map((plan) => plan.code))).toEqual(
      expect.arrayContaining(['AP-2021-2022', 'AP-2023-2024']),
    );
  });

  it('publishes once, with an audit entry, and withdraws', async () => {
    const first = await coordinator.request('POST', API, { kind: 'action_plan', plan: 'AP-2021-2022' });
    expect(first.statusCode).toBe(200);
    const published = first.json() as Publication;
    expect(published).toMatchObject({
      kind: 'action_plan',
      plan: 'AP-2021-2022',
      strategy: 'NS-2021-2024',
      publicPath: '/public/DL/plans/AP-2021-2022',
    });
    const again = await coordinator.request('POST', API, { kind: 'action_plan', plan: 'AP-2021-2022' });
    expect((again.json() as Publication).id).toBe(published.id);
    expect(await auditCount('publication.published')).toBe(1);

    const strategy = await coordinator.request('POST', API, { kind: 'strategy', strategy: 'NS-2021-2024' });
    expect((strategy.json() as Publication).publicPath).toBe('/public/DL/strategies/NS-2021-2024');
    const indicators = await coordinator.request('POST', API, { kind: 'indicator_set', plan: 'AP-2021-2022' });
    expect((indicators.json() as Publication).publicPath).toBe('/public/DL/plans/AP-2021-2022/indicators');
    expect(((await coordinator.request('GET', API)).json() as Publications).publications).toHaveLength(3);

    const withdrawn = await coordinator.request('DELETE', `${API}/${(strategy.json() as Publication).id}`);
    expect(withdrawn.statusCode).toBe(200);
    expect((withdrawn.json() as Publication).withdrawnAt).not.toBeNull();
    expect(await auditCount('publication.withdrawn')).toBe(1);
    expect((await coordinator.request('DELETE', `${API}/${(strategy.json() as Publication).id}`)).statusCode).toBe(404);
    expect(((await coordinator.request('GET', API)).json() as Publications).publications).toHaveLength(2);
    expect(((await coordinator.request('GET', `${API}?withdrawn=true`)).json() as Publications).publications).toHaveLength(3);
  });

  it('refuses unknown items, reports that are not finished PDFs, and other roles', async () => {
    const unknown = await coordinator.request('POST', API, { kind: 'action_plan', plan: 'AP-1999' });
    expect(unknown.statusCode).toBe(404);
    expect((await coordinator.request('POST', API, { kind: 'strategy', strategy: 'NOPE' })).statusCode).toBe(404);
    expect((await coordinator.request('POST', API, { kind: 'implementation_report', documentRun: 424242 })).statusCode).toBe(404);
    expect((await coordinator.request('POST', API, { kind: 'indicator_set' })).statusCode).toBe(400);
    expect((await editor.request('POST', API, { kind: 'action_plan', plan: 'AP-2021-2022' })).statusCode).toBe(403);
    expect((await editor.request('GET', API)).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: API })).statusCode).toBe(401);
  });

  it('sets the small-count threshold, audited, coordinators only', async () => {
    const url = `${API}/small-count-threshold`;
    const changed = await coordinator.request('PUT', url, { smallCountThreshold: 10 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ smallCountThreshold: 10 });
    expect(((await coordinator.request('GET', API)).json() as Publications).smallCountThreshold).toBe(10);
    expect(await auditCount('publication.threshold_changed')).toBe(1);
    expect((await coordinator.request('PUT', url, { smallCountThreshold: 101 })).statusCode).toBe(400);
    expect((await editor.request('PUT', url, { smallCountThreshold: 3 })).statusCode).toBe(403);
    await coordinator.request('PUT', url, { smallCountThreshold: 5 });
    // The reporting calendar is left as it was.
    const settings = await coordinator.request('GET', '/api/participants/DL/monitoring-settings');
    expect((settings.json() as { deadlineWorkingDays: number }).deadlineWorkingDays).toBe(5);
  });
});
