import { readFileSync } from 'node:fs';
import type { PlanPackage } from '@ariadne/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { IDEMPOTENCY_TTL_MS, forgetExpiredKeys } from './idempotency.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8');
const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const REPORT = `${PLAN}/rounds/2022-H2/reports/POL`;

type ErrorBody = { error: { code: string; issues?: { path: string }[] } };

let server: TestServer;
let coordinator: Client;
let focalPoint: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
    rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2023-01-09' }],
  });
  expect(opened.statusCode).toBe(201);
});
afterAll(async () => server?.close());

/** Demoland's package as another strategy of Demoland, with ids of its own. */
function anotherStrategy(suffix: string): PlanPackage {
  const plan = JSON.parse(DEMOLAND_TEXT) as PlanPackage;
  plan.strategy.id = `NS-2025-2028-${suffix}`;
  plan.strategy.title = `National Strategy 2025-2028 (${suffix})`;
  plan.actionPlans.forEach((actionPlan, index) => (actionPlan.id = `AP-${suffix}-${index + 1}`));
  return plan;
}

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(server.database.db);
  return rows[0]?.n ?? -1;
}
const audited = (action: string) => count(sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries WHERE action = ${action}`);
const strategies = () => count(sql<{ n: number }>`SELECT count(*)::int AS n FROM strategies`);
const keys = () => count(sql<{ n: number }>`SELECT count(*)::int AS n FROM idempotency_keys`);

describe('submitting a report with an Idempotency-Key', () => {
  it('submits once: the retry gets the same receipt and changes nothing; another body with the key is refused', async () => {
    const content = {
      activities: [
        { activity: 'A5.2.3', status: 'ongoing', narrative: 'Interview room furnished.' },
        { activity: 'A4.1.3', status: 'ongoing' },
      ],
      indicatorValues: [{ indicator: 'A1.3.2-I1', value: 9 }],
    };
    const form = (await focalPoint.request('GET', `${REPORT}/form`)).json() as { version: number };
    const saved = await focalPoint.request('PUT', `${REPORT}/content`, { version: form.version, content });
    expect(saved.statusCode).toBe(200);
    const { version, flags } = saved.json() as { version: number; flags: { key: string }[] };
    const body = { version, content, confirmedFlags: flags.map((flag) => flag.key) };
    const key = { 'idempotency-key': 'submit-2022-H2-POL-1' };

    const first = await focalPoint.request('POST', `${REPORT}/submit`, body, key);
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.json()).toMatchObject({ status: 'submitted', version: version + 1 });

    const retried = await focalPoint.request('POST', `${REPORT}/submit`, body, key);
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(first.json());
    expect(await audited('report.submitted')).toBe(1);
    const after = (await focalPoint.request('GET', `${REPORT}/form`)).json() as { version: number; status: string };
    expect(after).toMatchObject({ status: 'submitted', version: version + 1 });

    // Without the key, the same request is a second submission, which a submitted report refuses.
    expect((await focalPoint.request('POST', `${REPORT}/submit`, body)).statusCode).toBe(409);

    const other = await focalPoint.request('POST', `${REPORT}/submit`, { ...body, version: version + 1 }, key);
    expect(other.statusCode).toBe(422);
    expect((other.json() as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const translated = await focalPoint.request(
      'POST',
      `${REPORT}/submit`,
      { ...body, version: 1 },
      { ...key, 'accept-language': 'sr-Cyrl' },
    );
    expect((translated.json() as { error: { message: string } }).error.message).toMatch(/[\u0400-\u04ff]/);
  });

  it('refuses a malformed key rather than ignoring it', async () => {
    const body = { version: 1, content: { activities: [], indicatorValues: [] } };
    for (const sent of ['with space', 'k'.repeat(201), 'ključ']) {
      const response = await focalPoint.request('POST', `${REPORT}/submit`, body, { 'idempotency-key': sent });
      expect(response.statusCode).toBe(400);
      expect((response.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['Idempotency-Key']);
    }
  });
});

describe('importing a plan package with an Idempotency-Key', () => {
  it('imports once: the retry gets the same answer and imports nothing; another package with the key is refused', async () => {
    const before = await strategies();
    const imports = await audited('plan.import');
    const key = { 'idempotency-key': 'import-I' };
    const first = await coordinator.request('POST', '/api/plan-packages', anotherStrategy('I'), key);
    expect(first.statusCode).toBe(201);
    const retried = await coordinator.request('POST', '/api/plan-packages', anotherStrategy('I'), key);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(first.json());
    expect(await strategies()).toBe(before + 1);
    expect(await audited('plan.import')).toBe(imports + 1);

    const other = await coordinator.request('POST', '/api/plan-packages', anotherStrategy('J'), key);
    expect(other.statusCode).toBe(422);
    expect((other.json() as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The query is part of the request: the same package with `replace` is another request.
    const replacing = await coordinator.request('POST', '/api/plan-packages?replace=true', anotherStrategy('I'), key);
    expect(replacing.statusCode).toBe(422);
    expect(await strategies()).toBe(before + 1);
  });

  it('answers a retry racing the original with the original’s answer, importing once', async () => {
    const before = await strategies();
    const key = { 'idempotency-key': 'import-K' };
    const answers = await Promise.all([1, 2, 3].map(() => coordinator.request('POST', '/api/plan-packages', anotherStrategy('K'), key)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await strategies()).toBe(before + 1);
  });

  it('keeps nothing when the request fails, so that a corrected retry is performed', async () => {
    const key = { 'idempotency-key': 'import-twice-L' };
    const stored = await keys();
    const refused = await coordinator.request('POST', '/api/plan-packages', anotherStrategy('I'), key);
    expect(refused.statusCode).toBe(409);
    expect(await keys()).toBe(stored);
  });

  it('keeps keys for 24 hours, each user’s apart', async () => {
    // The focal point's key of the same name is another key: it does not see the coordinator's.
    const mine = await focalPoint.request('POST', '/api/plan-packages', anotherStrategy('M'), { 'idempotency-key': 'import-I' });
    expect(mine.statusCode).toBe(403);
    expect(await keys()).toBeGreaterThan(0);
    expect(await forgetExpiredKeys(server.database.db, new Date(Date.now() + IDEMPOTENCY_TTL_MS - 60_000))).toBe(0);
    expect(await forgetExpiredKeys(server.database.db, new Date(Date.now() + IDEMPOTENCY_TTL_MS + 60_000))).toBeGreaterThan(0);
    expect(await keys()).toBe(0);
  });
});
