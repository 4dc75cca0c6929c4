import { readFileSync } from 'node:fs';
import type { PlanPackage } from '@ariadne/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../app.ts';
import { createUser } from '../commands/createUser.ts';
import { withDemoLocalPlan } from '../commands/loadDemo.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8');
const demoland = (): PlanPackage => JSON.parse(DEMOLAND_TEXT) as PlanPackage;

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
type StrategyItem = { id: string; title: string; actionPlans: { id: string }[] };

let server: TestServer;
let coordinator: Client;
let editor: Client;
let observer: Client;
let westmarkCoordinator: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
  observer = await signInAs(server.app, demoEmail('observer'));
  const password = 'westmark coordination passphrase';
  await createUser(server.database, {
    participant: 'WM',
    email: 'coordinator@westmark.example',
    role: 'coordinator',
    password,
    actor: { system: 'test' },
  });
  westmarkCoordinator = await signInAs(server.app, 'coordinator@westmark.example', password);
});
afterAll(async () => server?.close());

/** Demoland's package as another strategy of Demoland, with ids of its own. */
function anotherStrategy(suffix: string): PlanPackage {
  const plan = demoland();
  plan.strategy.id = `NS-2025-2028-${suffix}`;
  plan.strategy.title = `National Strategy 2025-2028 (${suffix})`;
  plan.actionPlans.forEach((actionPlan, index) => (actionPlan.id = `AP-${suffix}-${index + 1}`));
  return plan;
}

async function rowCount(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(server.database.db);
  return rows[0]?.n ?? -1;
}

describe('plan packages through the API', () => {
  it('lists a Participant’s strategies with their action plans', async () => {
    const response = await observer.request('GET', '/api/participants/DL/strategies');
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: StrategyItem[] };
    // The demo adds Velmora's local plan to Demoland's package.
    const plan = withDemoLocalPlan(demoland());
    expect(items).toEqual([
      {
        id: plan.strategy.id,
        title: plan.strategy.title,
        periodStart: plan.strategy.periodStart,
        periodEnd: plan.strategy.periodEnd,
        status: plan.strategy.status,
        actionPlans: plan.actionPlans.map(({ id, title, start, end, status }) => ({ id, title, start, end, status })),
      },
    ]);
  });

  it('downloads a strategy as an attachment holding its package', async () => {
    const response = await observer.request('GET', '/api/participants/DL/strategies/NS-2021-2024/package');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="DL-NS-2021-2024.plan.json"');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(withDemoLocalPlan(demoland()));

    const missing = await observer.request('GET', '/api/participants/DL/strategies/NOPE/package');
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as ErrorBody).error.issues).toEqual([
      { path: 'DL/NOPE', message: 'No strategy with the id “NOPE” has been imported for DL.' },
    ]);
    // Another Participant's strategies are not even said to exist.
    expect((await westmarkCoordinator.request('GET', '/api/participants/DL/strategies/NS-2021-2024/package')).statusCode).toBe(404);
  });

  it('imports a package as a coordinator (201), refuses it again (409), and replaces it when asked', async () => {
    const plan = anotherStrategy('C');
    const created = await coordinator.request('POST', '/api/plan-packages', plan);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ participant: 'DL', strategy: plan.strategy.id, actionPlans: ['AP-C-1', 'AP-C-2'] });

    const again = await coordinator.request('POST', '/api/plan-packages', plan);
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error).toMatchObject({
      code: 'ALREADY_EXISTS',
      issues: [{ path: '$.strategy.id', message: expect.stringContaining(`DL/${plan.strategy.id}`) }],
    });

    plan.strategy.title = 'Replaced title';
    const replaced = await coordinator.request('POST', '/api/plan-packages?replace=true', plan);
    expect(replaced.statusCode).toBe(201);
    const download = await coordinator.request('GET', `/api/participants/DL/strategies/${plan.strategy.id}/package`);
    expect((download.json() as PlanPackage).strategy.title).toBe('Replaced title');

    const audit = await server.database.db
      .selectFrom('audit_entries')
      .select(['action', 'actor', 'entity_id'])
      .where('entity_id', '=', plan.strategy.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'plan.import', actor: demoEmail('coordinator'), entity_id: plan.strategy.id },
      { action: 'plan.replace', actor: demoEmail('coordinator'), entity_id: plan.strategy.id },
    ]);
    const listed = (await observer.request('GET', '/api/participants/DL/strategies')).json() as { items: StrategyItem[] };
    expect(listed.items.map((item) => item.id)).toContain(plan.strategy.id);
  });

  it('imports a new strategy as an editor (201)', async () => {
    const response = await editor.request('POST', '/api/plan-packages', anotherStrategy('E'));
    expect(response.statusCode).toBe(201);
  });

  it('refuses observers, coordinators of another Participant and new Participants (403), changing nothing', async () => {
    const before = await rowCount('strategies');
    const byObserver = await observer.request('POST', '/api/plan-packages', anotherStrategy('O'));
    expect(byObserver.statusCode).toBe(403);
    expect((byObserver.json() as ErrorBody).error.code).toBe('FORBIDDEN');
    expect((await westmarkCoordinator.request('POST', '/api/plan-packages', anotherStrategy('W'))).statusCode).toBe(403);

    const newcomer = anotherStrategy('N');
    newcomer.participant = { code: 'NEWP', name: 'Newland', currency: 'EUR' };
    expect((await coordinator.request('POST', '/api/plan-packages', newcomer)).statusCode).toBe(403);
    expect(await rowCount('strategies')).toBe(before);
    expect(await server.database.db.selectFrom('participants').select('id').where('code', '=', 'NEWP').execute()).toEqual([]);
  });

  it('refuses a broken package with 400 and every problem’s path, in the reader’s language', async () => {
    const plan = anotherStrategy('B');
    plan.actionPlans[0]!.activities[3]!.objective = 'NOPE';
    (plan.strategy as Record<string, unknown>).periodStart = 'soon';
    const response = await coordinator.request('POST', '/api/plan-packages', plan);
    expect(response.statusCode).toBe(400);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues).toEqual([{ path: '$.strategy.periodStart', message: 'Expected a number.' }]);

    plan.strategy.periodStart = demoland().strategy.periodStart;
    const referential = await coordinator.request('POST', '/api/plan-packages', plan, { 'accept-language': 'mk' });
    expect(referential.statusCode).toBe(400);
    const issues = (referential.json() as ErrorBody).error.issues ?? [];
    expect(issues.map((issue) => issue.path)).toEqual(['$.actionPlans[0].activities[3].objective']);
    expect(issues[0]!.message).toMatch(/[\u0400-\u04ff]/);
    expect(issues[0]!.message).toContain('NOPE');

    const empty = await coordinator.request('POST', '/api/plan-packages');
    expect(empty.statusCode).toBe(400);
    const badQuery = await coordinator.request('POST', '/api/plan-packages?replace=yes', anotherStrategy('Q'));
    expect(badQuery.statusCode).toBe(400);
    expect((badQuery.json() as ErrorBody).error.issues?.[0]?.path).toBe('replace');
  });

  it('refuses a body over 20 MB with 413 and a clear message', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/plan-packages',
      headers: { cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrfToken, 'content-type': 'application/json' },
      payload: `{"format":"${'x'.repeat(BODY_LIMIT)}"}`,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The file or the request is too large.' } });
  });

  it('asks to sign in first', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/plan-packages', payload: anotherStrategy('S') });
    expect(response.statusCode).toBe(401);
  });

  it('names the download after the address, safely, whatever the id holds', async () => {
    const plan = anotherStrategy('U');
    plan.strategy.id = 'Стратегија 2025/1';
    expect((await coordinator.request('POST', '/api/plan-packages', plan)).statusCode).toBe(201);
    const response = await observer.request('GET', `/api/participants/DL/strategies/${encodeURIComponent(plan.strategy.id)}/package`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="DL-___________2025_1.plan.json"; filename*=UTF-8''${encodeURIComponent('DL-Стратегија 2025/1.plan.json')}`,
    );
    expect((response.json() as PlanPackage).strategy.id).toBe(plan.strategy.id);
  });
});

describe('creating a strategy in the browser', () => {
  it('creates an empty draft strategy that exports as a valid package', async () => {
    const response = await editor.request('POST', '/api/participants/DL/strategies', {
      id: 'NS-2030-2033',
      title: 'National Strategy 2030-2033',
      periodStart: 2030,
      periodEnd: 2033,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ participant: 'DL', strategy: 'NS-2030-2033', actionPlans: [] });

    const exported = await observer.request('GET', '/api/participants/DL/strategies/NS-2030-2033/package');
    expect(exported.statusCode).toBe(200);
    const plan = exported.json() as PlanPackage;
    expect(plan.strategy).toEqual({
      id: 'NS-2030-2033',
      title: 'National Strategy 2030-2033',
      periodStart: 2030,
      periodEnd: 2033,
      status: 'draft',
      principles: [],
      goals: [],
    });
    expect(plan.actionPlans).toEqual([]);
    const audit = await server.database.db
      .selectFrom('audit_entries')
      .select(['action', 'entity_id'])
      .where('action', '=', 'strategy.create')
      .execute();
    expect(audit).toEqual([{ action: 'strategy.create', entity_id: 'NS-2030-2033' }]);
  });

  it('refuses a taken id (409) and a backwards period (400 naming the field), changing nothing', async () => {
    const before = await rowCount('strategies');
    const taken = await coordinator.request('POST', '/api/participants/DL/strategies', {
      id: 'AP-2021-2022',
      title: 'Clash',
      periodStart: 2030,
      periodEnd: 2031,
    });
    expect(taken.statusCode).toBe(409);
    expect((taken.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['id']);
    const backwards = await coordinator.request('POST', '/api/participants/DL/strategies', {
      id: 'NS-BACK',
      title: 'Backwards',
      periodStart: 2031,
      periodEnd: 2030,
    });
    expect(backwards.statusCode).toBe(400);
    expect((backwards.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toContain('periodEnd');
    expect(await rowCount('strategies')).toBe(before);
  });

  it('is for editors and coordinators of the Participant only', async () => {
    const body = { id: 'NS-X', title: 'X', periodStart: 2030, periodEnd: 2031 };
    expect((await observer.request('POST', '/api/participants/DL/strategies', body)).statusCode).toBe(403);
    expect((await westmarkCoordinator.request('POST', '/api/participants/DL/strategies', body)).statusCode).toBe(404);
  });
});
