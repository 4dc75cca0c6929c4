import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../commands/createUser.ts';
import { DEMO_PASSWORD } from '../commands/loadDemo.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

const STRATEGY = '/api/participants/DL/strategies/NS-2021-2024';
const BASE = `${STRATEGY}/evaluations`;

type Detail = {
  id: number;
  kind: string;
  authorRole: string;
  editable: boolean;
  version: number;
  content: {
    type: string | null;
    title: string;
    year: number | null;
    terms: { purpose: string; methods: string[]; timeline: string };
    criteria: Record<string, { questions: string[]; rating: number | null; justification: string }>;
    findings: string;
    conclusions: string;
  };
  recommendations: { link: number; code: string; source: string; text: string; state: string; overdue: boolean; version: number }[];
};

let server: TestServer;
let coordinator: Client;
let rapporteur: Client;
let otherRapporteur: Client;
let observer: Client;
let editor: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  rapporteur = await signInAs(server.app, demoEmail('rapporteur'));
  observer = await signInAs(server.app, demoEmail('observer'));
  editor = await signInAs(server.app, demoEmail('editor'));
  await createUser(server.database, {
    participant: 'DL',
    email: 'second.rapporteur@demoland.example',
    displayName: 'Second Rapporteur',
    role: 'rapporteur',
    actor: { system: 'test' },
    password: DEMO_PASSWORD,
  });
  otherRapporteur = await signInAs(server.app, 'second.rapporteur@demoland.example');
});
afterAll(async () => server?.close());

async function create(client: Client, body: unknown): Promise<number> {
  const response = await client.request('POST', BASE, body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: number }).id;
}

async function read(client: Client, id: number): Promise<Detail> {
  const response = await client.request('GET', `${BASE}/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Detail;
}

async function auditActions(): Promise<{ action: string; entity: string; entity_id: string; actor: string | null }[]> {
  return server.database.db
    .selectFrom('audit_entries')
    .select(['action', 'entity', 'entity_id', 'actor'])
    .where('action', 'like', 'evaluation.%')
    .orderBy('id')
    .execute();
}

describe('an evaluation of the strategy', () => {
  it('starts filled in from the plan, in the reader’s language', async () => {
    const id = await create(coordinator, { kind: 'evaluation', type: 'final' });
    const detail = await read(coordinator, id);
    expect(detail.kind).toBe('evaluation');
    expect(detail.authorRole).toBe('coordinator');
    expect(detail.editable).toBe(true);
    expect(detail.content.type).toBe('final');
    expect(detail.content.title).toMatch(/^Final evaluation: /);
    expect(detail.content.criteria.relevance?.questions[0]).toBe('Is the intervention doing the right things?');
    expect(detail.content.terms.methods).toContain('focus_groups');

    const inAlbanian = await coordinator.request('POST', BASE, { kind: 'evaluation', type: 'mid_term' }, { 'accept-language': 'sq' });
    const albanian = await read(coordinator, (inAlbanian.json() as { id: number }).id);
    expect(albanian.content.criteria.impact?.questions[0]).toBe('Çfarë ndryshimi sjell ndërhyrja?');
  });

  it('saves ratings on the 1–4 scale with their justification, and refuses a rating off the scale naming the field', async () => {
    const id = await create(coordinator, { kind: 'evaluation', type: 'final' });
    const detail = await read(coordinator, id);
    const content = structuredClone(detail.content);
    content.criteria.effectiveness = { ...content.criteria.effectiveness!, rating: 3, justification: 'Most targets were met.' };
    content.findings = 'Identification improved.';
    const saved = await coordinator.request('PUT', `${BASE}/${id}`, { version: detail.version, content });
    expect(saved.statusCode, saved.body).toBe(200);
    const again = await read(observer, id);
    expect(again.content.criteria.effectiveness).toMatchObject({ rating: 3, justification: 'Most targets were met.' });
    expect(again.content.findings).toBe('Identification improved.');
    expect(again.editable).toBe(false);

    const stale = await coordinator.request('PUT', `${BASE}/${id}`, { version: detail.version, content });
    expect(stale.statusCode).toBe(409);

    content.criteria.impact = { ...content.criteria.impact!, rating: 5 };
    const wrong = await coordinator.request('PUT', `${BASE}/${id}`, { version: again.version, content });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json())).toContain('content.criteria.impact.rating');
  });

  it('writes the terms of reference as a Word document with the criteria, the plan’s title and the scale', async () => {
    const id = await create(coordinator, { kind: 'evaluation', type: 'final' });
    const response = await coordinator.request('GET', `${BASE}/${id}/terms-of-reference.docx?language=mk`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const xml = (await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    const plan = (await coordinator.request('GET', `/api/participants/DL/strategies/NS-2021-2024/package`)).json() as {
      strategy: { title: string };
    };
    expect(xml).toContain('Проектна задача');
    for (const name of ['Релевантност', 'Кохерентност', 'Ефективност', 'Ефикасност', 'Влијание', 'Одржливост']) expect(xml).toContain(name);
    expect(xml).toContain('Многу задоволително');
    expect(xml).toContain(plan.strategy.title.replace(/&/g, '&amp;'));
  });
});

describe('recommendations of an evaluation and the management response', () => {
  it('enter the register of the adopted strategy with the source evaluation, and are answered and tracked', async () => {
    const id = await create(coordinator, { kind: 'evaluation', type: 'final' });
    const added = await coordinator.request('POST', `${BASE}/${id}/recommendations`, {
      text: 'Fund the shelters from the state budget.',
      strength: 'urges',
    });
    expect(added.statusCode, added.body).toBe(201);
    const { code } = added.json() as { code: string };

    const register = (await observer.request('GET', `${STRATEGY}/package`)).json() as {
      recommendations: { id: string; source: string; text: string; reference?: string }[];
    };
    expect(register.recommendations.find((item) => item.id === code)).toMatchObject({
      source: 'evaluation',
      text: 'Fund the shelters from the state budget.',
    });
    const followUp = (await observer.request('GET', `${STRATEGY}/recommendations/follow-up`)).json() as {
      recommendations: { id: string; status: string }[];
    };
    expect(followUp.recommendations.find((item) => item.id === code)?.status).toBe('not_addressed');

    const detail = await read(coordinator, id);
    const [item] = detail.recommendations;
    expect(item).toMatchObject({ code, state: 'awaiting_response', overdue: false });

    const response = {
      version: item!.version,
      response: 'agree',
      action: 'Include shelter funding in the 2025 budget.',
      responsible: 'MLSP',
      dueDate: '2020-12-31',
      actionStatus: 'in_progress',
    };
    const asRapporteur = await rapporteur.request('PUT', `${BASE}/${id}/recommendations/${item!.link}/response`, response);
    expect(asRapporteur.statusCode).toBe(403);
    const unknown = await coordinator.request('PUT', `${BASE}/${id}/recommendations/${item!.link}/response`, {
      ...response,
      responsible: 'NOPE',
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('responsible');
    const answered = await coordinator.request('PUT', `${BASE}/${id}/recommendations/${item!.link}/response`, response);
    expect(answered.statusCode, answered.body).toBe(200);
    const tracked = (await read(observer, id)).recommendations[0];
    expect(tracked).toMatchObject({ response: 'agree', responsible: 'MLSP', state: 'in_progress', overdue: true });

    const list = (await observer.request('GET', BASE)).json() as {
      evaluations: { id: number; recommendations: number; overdue: number }[];
    };
    expect(list.evaluations.find((evaluation) => evaluation.id === id)).toMatchObject({ recommendations: 1, overdue: 1 });

    const actions = (await auditActions()).filter(
      (entry) => entry.entity_id === String(id) || entry.entity === 'evaluation_recommendation',
    );
    expect(actions.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['evaluation.created', 'evaluation.recommendation_added', 'evaluation.responded']),
    );
  });
});

describe('the rapporteur’s records', () => {
  it('are theirs alone to change: the coordinator and another rapporteur are refused with a clear error, every write audited', async () => {
    const id = await create(rapporteur, { kind: 'independent_report' });
    const detail = await read(rapporteur, id);
    expect(detail).toMatchObject({ kind: 'independent_report', authorRole: 'rapporteur', editable: true });
    expect((await read(coordinator, id)).editable).toBe(false);

    const content = { ...detail.content, findings: 'Victims wait too long for a residence permit.' };
    const saved = await rapporteur.request('PUT', `${BASE}/${id}`, { version: detail.version, content });
    expect(saved.statusCode, saved.body).toBe(200);

    for (const client of [coordinator, otherRapporteur]) {
      const refused = await client.request('PUT', `${BASE}/${id}`, {
        version: detail.version + 1,
        content: { ...content, findings: 'Changed' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        error: { code: 'EVALUATION_AUTHOR_ONLY', message: 'This record was written by Amra Hadžić and only they can change it.' },
      });
      const noRecommendation = await client.request('POST', `${BASE}/${id}/recommendations`, { text: 'Something else' });
      expect(noRecommendation.statusCode).toBe(403);
    }
    expect((await read(observer, id)).content.findings).toBe('Victims wait too long for a residence permit.');

    const added = await rapporteur.request('POST', `${BASE}/${id}/recommendations`, { text: 'Issue residence permits within 30 days.' });
    expect(added.statusCode, added.body).toBe(201);
    const register = (await observer.request('GET', `${STRATEGY}/package`)).json() as { recommendations: { id: string; source: string }[] };
    expect(register.recommendations.find((item) => item.id === (added.json() as { code: string }).code)?.source).toBe(
      'national_rapporteur',
    );

    const entries = (await auditActions()).filter((entry) => entry.entity_id === String(id));
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ['evaluation.created', demoEmail('rapporteur')],
      ['evaluation.updated', demoEmail('rapporteur')],
      ['evaluation.recommendation_added', demoEmail('rapporteur')],
    ]);
  });

  it('leaves a coordinator’s own evaluation to the coordinators, not to the rapporteur', async () => {
    const id = await create(coordinator, { kind: 'evaluation', type: 'mid_term' });
    const detail = await read(rapporteur, id);
    expect(detail.editable).toBe(false);
    const refused = await rapporteur.request('PUT', `${BASE}/${id}`, { version: detail.version, content: detail.content });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { error: { code: string } }).error.code).toBe('EVALUATION_AUTHOR_ONLY');
  });
});

describe('who may do what', () => {
  it('lets the roles read, and only coordinators and rapporteurs write', async () => {
    expect((await observer.request('GET', BASE)).statusCode).toBe(200);
    expect((await observer.request('POST', BASE, { kind: 'evaluation', type: 'final' })).statusCode).toBe(403);
    expect((await editor.request('POST', BASE, { kind: 'evaluation', type: 'final' })).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/participants/WM/strategies/NS-2021-2024/evaluations')).statusCode).toBe(404);
  });
});

describe('the evidence pack', () => {
  it('is one workbook with the progress, finance, cost lines and monitoring reports, figures from the measures', async () => {
    const response = await rapporteur.request('GET', `${BASE}/evidence.xlsx?asOf=2022-12-31`);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About', 'Progress', 'Finance', 'Cost lines', 'Monitoring reports']);

    const measures = (
      await rapporteur.request('GET', '/api/participants/DL/action-plans/AP-2021-2022/progress?asOf=2022-12-31')
    ).json() as {
      activities: { total: number; implementationRate: number | null };
    };
    const progress = workbook.getWorksheet('Progress')!;
    const values: unknown[][] = [];
    progress.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(['All activities', measures.activities.total]);
    expect(values).toContainEqual(['Implementation rate', measures.activities.implementationRate]);
    const reports = workbook.getWorksheet('Monitoring reports')!;
    expect(reports.rowCount).toBeGreaterThan(1);
    expect(reports.getRow(2).getCell(5).value).toBe('Accepted');
  });
});
