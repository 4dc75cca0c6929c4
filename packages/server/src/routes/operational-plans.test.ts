import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const BASE = `${PLAN}/operational-plans`;

let server: TestServer;
let coordinator: Client;
let editor: Client;
let observer: Client;
let focalPoint: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
  observer = await signInAs(server.app, demoEmail('observer'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
});
afterAll(async () => server?.close());

type Included = { activity: string; kind: string; reason: string | null; reportedStatus: string | null; reportedRound: string | null };
type Cost = { activity: string; amount: number; source: string; funder: string | null; status: string };
type OperationalPlan = {
  year: number;
  status: string;
  version: number;
  content: { activities: Included[]; costs: Cost[]; recommendations: { recommendation: string; action: string }[] };
  candidates: { id: string }[];
  report: {
    asOf: string;
    due: { activity: string; status: string; cost: number }[];
    carriedOver: { activity: string; reason: string | null; status: string }[];
    finance: { total: number };
    progress: { activities: { total: number }; budget: { plannedToDate: number; spent: number } };
    recommendations: { id: string; action: string; activities: string[] }[];
  };
};

async function auditActions(): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`SELECT action FROM audit_entries
    WHERE entity = 'operational_plan' AND entity_id = 'AP-2021-2022/2022' ORDER BY id`.execute(server.database.db);
  return rows.map((row) => row.action);
}

/** The change that leaves a plan as it is, for tests to adjust one thing. */
function unchanged(plan: OperationalPlan) {
  return {
    version: plan.version,
    activities: plan.content.activities.map(({ activity, reason }) => ({ activity, reason })),
    costs: plan.content.costs,
    recommendations: plan.content.recommendations,
  };
}

describe('operational plans through the API', () => {
  let created: OperationalPlan;

  it('drafts next year’s plan with the activities due and the one not done in 2021, with the reason from its last report', async () => {
    const refused = await editor.request('POST', BASE, { year: 2023 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', issues: [{ path: 'year' }] } });

    const response = await editor.request('POST', BASE, { year: 2022 });
    expect(response.statusCode).toBe(201);
    created = response.json() as OperationalPlan;
    expect(created).toMatchObject({ year: 2022, status: 'draft', version: 1 });
    const carried = created.content.activities.filter((item) => item.kind === 'carried_over');
    // A5.2.1 ended in 2021, delayed in the accepted 2021-H2 report of the MLSP; A2.2.2's last counted word is 2021-H1's (SLI's 2021-H2 report was returned).
    expect(carried.map((item) => [item.activity, item.reportedStatus, item.reportedRound])).toEqual([
      ['A2.2.2', 'ongoing', '2021-H1'],
      ['A5.2.1', 'delayed', '2021-H2'],
    ]);
    expect(carried[1]?.reason).toMatch(/^Disagreement with the Ministry of Interior on guardianship/);
    expect(created.content.activities.filter((item) => item.kind === 'due')).toHaveLength(27);
    // A1.1.1's 2022 cost line: 14,500.
    expect(created.content.costs.filter((line) => line.activity === 'A1.1.1').map((line) => line.amount)).toEqual([14500]);
    expect(created.report.carriedOver.map((row) => row.activity)).toEqual(['A2.2.2', 'A5.2.1']);

    const again = await coordinator.request('POST', BASE, { year: 2022 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'ALREADY_EXISTS' } });
    expect(await auditActions()).toEqual(['operational_plan.create']);
  });

  it('lists the plan’s years and its operational plans for every reader', async () => {
    const response = await observer.request('GET', BASE);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      years: [2021, 2022],
      operationalPlans: [{ year: 2022, status: 'draft', due: 27, carriedOver: 2 }],
    });
  });

  it('saves a changed reason, cost and planned action, naming bad input without saving it', async () => {
    const change = unchanged(created);
    const bad = await editor.request('PUT', `${BASE}/2022`, {
      ...change,
      costs: [...change.costs, { activity: 'A1.2.1', amount: 100, source: 'donor', status: 'pledged' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', issues: [{ path: `costs[${change.costs.length}].activity` }] },
    });

    const response = await editor.request('PUT', `${BASE}/2022`, {
      ...change,
      activities: change.activities.map((item) =>
        item.activity === 'A5.2.1' ? { ...item, reason: 'Inter-ministerial decision taken in March.' } : item,
      ),
      costs: change.costs.map((line) => (line.activity === 'A1.1.1' ? { ...line, amount: 16000.5 } : line)),
      recommendations: change.recommendations.map((item) =>
        item.recommendation === 'REC-01' ? { ...item, action: 'Adopt the amendments to the Criminal Code.' } : item,
      ),
    });
    expect(response.statusCode).toBe(200);
    const saved = response.json() as OperationalPlan;
    expect(saved.version).toBe(2);
    expect(saved.content.activities.find((item) => item.activity === 'A5.2.1')).toMatchObject({
      reason: 'Inter-ministerial decision taken in March.',
      reportedStatus: 'delayed',
    });
    expect(saved.content.costs.find((line) => line.activity === 'A1.1.1')?.amount).toBe(16000.5);
    expect(saved.report.finance.total - created.report.finance.total).toBe(1500.5);
    expect(saved.report.recommendations.find((item) => item.id === 'REC-01')?.action).toBe('Adopt the amendments to the Criminal Code.');

    const stale = await editor.request('PUT', `${BASE}/2022`, change);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'EDIT_CONFLICT' } });
    created = saved;
  });

  it('lets only those who may adopt adopt it, then refuses every change', async () => {
    const byEditor = await editor.request('POST', `${BASE}/2022/adopt`, { version: created.version });
    expect(byEditor.statusCode).toBe(403);
    const byFocalPoint = await focalPoint.request('PUT', `${BASE}/2022`, unchanged(created));
    expect(byFocalPoint.statusCode).toBe(403);

    const adopted = await coordinator.request('POST', `${BASE}/2022/adopt`, { version: created.version });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted', version: 3 });

    const edit = await editor.request('PUT', `${BASE}/2022`, { ...unchanged(created), version: 3 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ error: { code: 'TRANSITION_NOT_ALLOWED' } });
    const twice = await coordinator.request('POST', `${BASE}/2022/adopt`, { version: 3 });
    expect(twice.statusCode).toBe(409);
    expect(await auditActions()).toEqual(['operational_plan.create', 'operational_plan.edit', 'operational_plan.adopt']);
  });

  it('reports progress as of a date on its own activities, and downloads the report as Word', async () => {
    const response = await observer.request('GET', `${BASE}/2022?asOf=2022-12-31`);
    expect(response.statusCode).toBe(200);
    const plan = response.json() as OperationalPlan;
    expect(plan.report.asOf).toBe('2022-12-31');
    expect(plan.report.progress.activities.total).toBe(29);
    expect(plan.report.carriedOver.find((row) => row.activity === 'A5.2.1')?.status).toBe('completed');
    expect(plan.report.progress.budget.plannedToDate).toBe(plan.report.finance.total);

    const docx = await observer.request('GET', `${BASE}/2022/report.docx?asOf=2022-12-31&language=en`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Inter-ministerial decision taken in March.');
    expect(xml).toContain('Adopt the amendments to the Criminal Code.');
    expect(xml).toContain('A5.2.1');
    expect((await observer.request('GET', `${BASE}/2021`)).statusCode).toBe(404);
  });

  it('gives the carry-over report per year, and as Word', async () => {
    const response = await observer.request('GET', `${PLAN}/carry-over?asOf=2023-01-31`);
    expect(response.statusCode).toBe(200);
    const report = response.json() as {
      years: { year: number; entries: { activity: string; fate: string; fateRound: string | null }[] }[];
    };
    expect(report.years.map((year) => year.year)).toEqual([2021, 2022]);
    expect(report.years[0]?.entries.map((entry) => [entry.activity, entry.fate])).toEqual([
      ['A2.2.2', 'completed'],
      ['A5.2.1', 'completed'],
    ]);
    const docx = await observer.request('GET', `${PLAN}/carry-over.docx?asOf=2023-01-31&language=en`);
    expect(docx.statusCode).toBe(200);
    const xml = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('A5.2.1');
  });
});
