import { readFileSync } from 'node:fs';
import { validatePlanPackage, type PlanPackage } from '@ariadne/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../commands/createUser.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

const DEMOLAND = JSON.parse(readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;
const BASE = '/api/participants/DL/strategies/NS-2021-2024';

type ErrorBody = {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    current?: { code: string; kind: string; version: number; data: Record<string, unknown> };
  };
};
type Outline = {
  strategy: { id: string; status: string; version: number; editable: boolean; amendment: { number: number; reason: string } | null };
  goals: { id: string; version: number; objectives: { id: string; indicators: { id: string }[] }[] }[];
  actionPlans: {
    id: string;
    status: string;
    version: number;
    editable: boolean;
    amendment: unknown;
    activities: { id: string; title: string; version: number; total: number; indicatorCount: number; lead?: string }[];
  }[];
  institutions: { id: string; inStrategy: boolean; version: number }[];
  recommendations: { id: string }[];
  risks: { id: string }[];
  currency: string;
};
type Element = {
  kind: string;
  code: string;
  version: number;
  parent?: string;
  position: number;
  data: Record<string, unknown>;
  editable: boolean;
  references: string[];
};

let server: TestServer;
let coordinator: Client;
let editor: Client;
let observer: Client;
let donor: Client;
let westmark: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
  observer = await signInAs(server.app, demoEmail('observer'));
  donor = await signInAs(server.app, demoEmail('donor'));
  const password = 'westmark coordination passphrase';
  await createUser(server.database, {
    participant: 'WM',
    email: 'coordinator@westmark.example',
    role: 'coordinator',
    password,
    actor: { system: 'test' },
  });
  westmark = await signInAs(server.app, 'coordinator@westmark.example', password);
});
afterAll(async () => server?.close());

async function outline(client: Client = observer): Promise<Outline> {
  const response = await client.request('GET', `${BASE}/outline`);
  expect(response.statusCode).toBe(200);
  return response.json() as Outline;
}

async function element(code: string, client: Client = observer): Promise<Element> {
  const response = await client.request('GET', `${BASE}/elements/${encodeURIComponent(code)}`);
  expect(response.statusCode).toBe(200);
  return response.json() as Element;
}

const edits = (client: Client, list: unknown[]) => client.request('POST', `${BASE}/edits`, { edits: list });
const errorOf = (response: { json(): unknown }) => (response.json() as ErrorBody).error;

async function exported(): Promise<PlanPackage> {
  const response = await observer.request('GET', `${BASE}/package`);
  expect(response.statusCode).toBe(200);
  return response.json() as PlanPackage;
}

describe('the outline and elements of a strategy', () => {
  it('gives the tree with versions, documents’ life cycle and the register', async () => {
    const tree = await outline();
    expect(tree.strategy).toMatchObject({ id: 'NS-2021-2024', status: 'adopted', version: 1, editable: false, amendment: null });
    expect(tree.goals.map((goal) => goal.id)).toEqual(DEMOLAND.strategy.goals.map((goal) => goal.id));
    expect(tree.actionPlans.map((plan) => [plan.id, plan.status, plan.editable])).toEqual([
      ['AP-2021-2022', 'adopted', false],
      ['AP-2023-2024', 'draft', true],
      // Velmora's local plan, which the demo adds.
      ['LAP-VEL-2022', 'draft', true],
    ]);
    const activity = tree.actionPlans[1]!.activities.find((item) => item.id === 'A2.1.5')!;
    const source = DEMOLAND.actionPlans[1]!.activities.find((item) => item.id === 'A2.1.5')!;
    expect(activity).toMatchObject({ title: source.title, lead: 'NGO-HL', version: 1, indicatorCount: 1 });
    expect(activity.total).toBe((source.costs ?? []).reduce((sum, cost) => sum + cost.amount, 0));
    expect(tree.institutions).toHaveLength(16);
    expect(tree.institutions.every((institution) => institution.inStrategy && institution.version === 1)).toBe(true);
    expect(tree.currency).toBe('EUR');
  });

  it('gives one element with what refers to it', async () => {
    const objective = await element('O1.2');
    expect(objective).toMatchObject({ kind: 'objective', code: 'O1.2', parent: 'G1', position: 1, version: 1, editable: false });
    expect(objective.references).toContain('A1.2.1');
    const activity = await element('A1.1.4');
    expect(activity).toMatchObject({ kind: 'activity', parent: 'AP-2023-2024', editable: true, references: [] });
    expect(activity.data.indicators).toBeUndefined();
    expect((activity as unknown as { indicators: unknown[] }).indicators).toHaveLength(1);
    const missing = await observer.request('GET', `${BASE}/elements/NOPE`);
    expect(missing.statusCode).toBe(404);
  });
});

describe('edits', () => {
  it('updates an activity of a draft plan, raising its version, audited', async () => {
    const before = await element('A1.1.4', editor);
    const response = await edits(editor, [
      {
        op: 'update',
        kind: 'activity',
        code: 'A1.1.4',
        version: before.version,
        data: { ...before.data, title: 'Train the referral network' },
      },
    ]);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { results: unknown[]; outlineVersion: number };
    expect(body.results).toEqual([{ code: 'A1.1.4', kind: 'activity', version: 2 }]);
    expect(body.outlineVersion).toBeGreaterThan(1);
    const tree = await outline();
    expect(tree.actionPlans[1]!.activities.find((item) => item.id === 'A1.1.4')).toMatchObject({
      title: 'Train the referral network',
      version: 2,
    });
    const audit = await server.database.db
      .selectFrom('audit_entries')
      .select(['action', 'entity', 'entity_id', 'before', 'after'])
      .where('action', '=', 'plan.element.updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'activity', entity_id: 'A1.1.4' });
    const parse = (value: unknown) =>
      typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown>);
    expect(parse(audit[0]!.before)).toMatchObject({ version: 1, data: { title: before.data.title } });
    expect(parse(audit[0]!.after)).toMatchObject({ version: 2, data: { title: 'Train the referral network' } });
    const plan = await exported();
    expect(validatePlanPackage(plan).ok).toBe(true);
    expect(plan.actionPlans[1]!.activities[0]!.title).toBe('Train the referral network');
  });

  it('refuses invalid data with 400 naming each field of each edit', async () => {
    const activity = await element('A1.1.5', editor);
    const costs = [{ year: 2023, amount: -5, source: 'state_budget', status: 'secured' }];
    const response = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.1.5', version: activity.version, data: { ...activity.data, title: ' ', costs } },
      { op: 'create', kind: 'activity', parent: 'AP-2023-2024', data: { id: 'A9.9.9', objective: 'NOPE', title: 'New', lead: 'NOBODY' } },
    ]);
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues?.map((issue) => issue.path)).toEqual([
      'edits[0].data.title',
      'edits[0].data.costs[0].amount',
      'edits[1].data.objective',
      'edits[1].data.lead',
    ]);
    expect(error.issues?.[3]?.message).toContain('NOBODY');
    // Nothing was written.
    expect((await element('A1.1.5')).version).toBe(1);
  });

  it('answers a stale version with 409 and the stored element', async () => {
    const activity = await element('A1.1.6', editor);
    const first = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.1.6', version: activity.version, data: { ...activity.data, title: 'First' } },
    ]);
    expect(first.statusCode).toBe(200);
    const second = await edits(coordinator, [
      { op: 'update', kind: 'activity', code: 'A1.1.6', version: activity.version, data: { ...activity.data, title: 'Second' } },
    ]);
    expect(second.statusCode).toBe(409);
    const error = errorOf(second);
    expect(error.code).toBe('EDIT_CONFLICT');
    expect(error.current).toMatchObject({ code: 'A1.1.6', kind: 'activity', version: 2, data: { title: 'First' } });
    const deleting = await edits(coordinator, [{ op: 'delete', kind: 'activity', code: 'A1.1.6', version: 1 }]);
    expect(errorOf(deleting).code).toBe('EDIT_CONFLICT');
  });

  it('refuses edits of a frozen document with 409', async () => {
    const goal = await element('G1', editor);
    const response = await edits(editor, [
      { op: 'update', kind: 'goal', code: 'G1', version: goal.version, data: { ...goal.data, title: 'Changed' } },
    ]);
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('DOCUMENT_FROZEN');
    const adopted = await element('A1.2.1', editor);
    const activity = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.2.1', version: 1, data: { ...adopted.data, title: 'Changed' } },
    ]);
    expect(errorOf(activity).code).toBe('DOCUMENT_FROZEN');
    const moving = await edits(editor, [{ op: 'move', kind: 'activity', code: 'A1.1.4', parent: 'AP-2021-2022', position: 0 }]);
    expect(errorOf(moving).code).toBe('DOCUMENT_FROZEN');
  });

  it('creates, moves and deletes elements of a draft plan, keeping positions in order', async () => {
    const created = await edits(editor, [
      {
        op: 'create',
        kind: 'activity',
        parent: 'AP-2023-2024',
        position: 0,
        data: { id: 'A9.1', objective: 'O1.1', title: 'First new', lead: 'MOI' },
      },
      {
        op: 'create',
        kind: 'indicator',
        parent: 'A9.1',
        data: { id: 'A9.1-I1', name: 'Trainings held', level: 'output', measure: 'number', milestones: [{ value: 1, year: 2023 }] },
      },
      { op: 'move', kind: 'activity', code: 'A9.1', position: 2 },
    ]);
    expect(created.statusCode).toBe(200);
    expect((created.json() as { results: unknown[] }).results).toEqual([
      { code: 'A9.1', kind: 'activity', version: 1 },
      { code: 'A9.1-I1', kind: 'indicator', version: 1 },
      { code: 'A9.1', kind: 'activity', version: 1 },
    ]);
    let plan = await exported();
    expect(plan.actionPlans[1]!.activities.map((activity) => activity.id).slice(0, 3)).toEqual(['A1.1.4', 'A1.1.5', 'A9.1']);
    expect(plan.actionPlans[1]!.activities[2]!.indicators?.[0]).toMatchObject({ id: 'A9.1-I1', milestones: [{ value: 1, year: 2023 }] });
    const deleted = await edits(editor, [{ op: 'delete', kind: 'activity', code: 'A9.1', version: 1 }]);
    expect(deleted.statusCode).toBe(200);
    plan = await exported();
    expect(plan.actionPlans[1]!.activities.map((activity) => activity.id)).toEqual(
      DEMOLAND.actionPlans[1]!.activities.map((activity) => activity.id),
    );
    expect(validatePlanPackage(plan).ok).toBe(true);
  });

  it('brings an institution of the register into the strategy when an element names it', async () => {
    const created = await coordinator.request('POST', '/api/participants/DL/institutions', {
      id: 'MUN-NEW',
      name: 'Municipality of Newtown',
      type: 'local_government',
      level: 'local',
      area: 'Newtown',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      code: 'MUN-NEW',
      name: 'Municipality of Newtown',
      type: 'local_government',
      level: 'local',
      area: 'Newtown',
      version: 1,
    });
    const activity = await element('A1.1.5', editor);
    const response = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.1.5', version: activity.version, data: { ...activity.data, partners: ['MUN-NEW'] } },
    ]);
    expect(response.statusCode).toBe(200);
    const plan = await exported();
    expect(plan.institutions.at(-1)?.id).toBe('MUN-NEW');
    expect((await outline()).institutions.find((institution) => institution.id === 'MUN-NEW')?.inStrategy).toBe(true);
  });

  it('refuses observers and donors (403) and another Participant (404)', async () => {
    const edit = [{ op: 'create', kind: 'risk', data: { id: 'RSK-X', description: 'x', category: 'other', likelihood: 1, impact: 1 } }];
    expect((await edits(observer, edit)).statusCode).toBe(403);
    expect((await edits(donor, edit)).statusCode).toBe(403);
    expect((await edits(westmark, edit)).statusCode).toBe(404);
    expect((await westmark.request('GET', `${BASE}/outline`)).statusCode).toBe(404);
  });
});

describe('the life cycle', () => {
  it('takes a new plan from draft to adopted, by the roles the policies name', async () => {
    const created = await edits(editor, [
      { op: 'create', kind: 'action_plan', data: { id: 'AP-2025', title: 'Action plan 2025', start: '2025-01-01', end: '2025-12-31' } },
    ]);
    expect(created.statusCode).toBe(200);
    const status = (client: Client, body: Record<string, unknown>) =>
      client.request('POST', `${BASE}/status`, { document: 'AP-2025', ...body });
    const consultation = await status(editor, { status: 'consultation', version: 1 });
    expect(consultation.statusCode).toBe(200);
    expect(consultation.json()).toEqual({ status: 'consultation', version: 2 });
    expect((await status(editor, { status: 'adopted', adoptedOn: '2024-12-20', version: 2 })).statusCode).toBe(403);
    const undated = await status(coordinator, { status: 'adopted', version: 2 });
    expect(undated.statusCode).toBe(400);
    expect(errorOf(undated).issues?.map((issue) => issue.path)).toEqual(['adoptedOn']);
    expect(errorOf(await status(coordinator, { status: 'expired', version: 2 })).code).toBe('TRANSITION_NOT_ALLOWED');
    const adopted = await status(coordinator, { status: 'adopted', adoptedOn: '2024-12-20', version: 2 });
    expect(adopted.json()).toEqual({ status: 'adopted', version: 3 });
    const history = await observer.request('GET', `${BASE}/history?document=AP-2025`);
    expect(history.json()).toMatchObject({
      versions: [{ number: 1, kind: 'adoption', adoptedOn: '2024-12-20', recordedBy: demoEmail('coordinator') }],
    });
    const frozen = await edits(editor, [
      { op: 'create', kind: 'activity', parent: 'AP-2025', data: { id: 'A25.1', objective: 'O1.1', title: 'Late' } },
    ]);
    expect(errorOf(frozen).code).toBe('DOCUMENT_FROZEN');
    const deleting = await edits(coordinator, [{ op: 'delete', kind: 'action_plan', code: 'AP-2025', version: 3 }]);
    expect(errorOf(deleting).code).toBe('DOCUMENT_FROZEN');
  });

  it('amends an adopted plan: a new version with its changes; a withdrawn amendment restores the content', async () => {
    const open = await coordinator.request('POST', `${BASE}/amendments`, { document: 'AP-2021-2022', reason: 'Mid-term review' });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ number: 2, reason: 'Mid-term review', openedBy: demoEmail('coordinator') });
    expect(errorOf(await coordinator.request('POST', `${BASE}/amendments`, { document: 'AP-2021-2022', reason: 'Again' })).code).toBe(
      'ALREADY_EXISTS',
    );
    expect((await observer.request('POST', `${BASE}/amendments`, { document: 'strategy', reason: 'x' })).statusCode).toBe(403);
    const plan = (await outline()).actionPlans[0]!;
    expect(plan).toMatchObject({ status: 'adopted', editable: true, amendment: { number: 2 } });

    // A lead that reported on the activity must stay responsible for it.
    const activity = await element('A1.2.1', editor);
    const lead = await edits(editor, [
      {
        op: 'update',
        kind: 'activity',
        code: 'A1.2.1',
        version: activity.version,
        data: { ...activity.data, lead: 'NATC', partners: ['MOI'] },
      },
    ]);
    expect(lead.statusCode).toBe(400);
    const issues = errorOf(lead).issues ?? [];
    expect(issues.map((issue) => issue.path)).toEqual(['edits[0].data.lead', 'edits[0].data.partners']);
    expect(issues[0]!.message).toContain('MOJ');
    expect(issues[0]!.message).toContain('2021-H1');
    expect(issues[1]!.message).toContain('PPO');

    const titled = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.2.1', version: activity.version, data: { ...activity.data, title: 'Amended title' } },
      {
        op: 'create',
        kind: 'activity',
        parent: 'AP-2021-2022',
        data: { id: 'A1.2.9', objective: 'O1.2', title: 'Added by the amendment' },
      },
    ]);
    expect(titled.statusCode).toBe(200);
    const current = await observer.request('GET', `${BASE}/history/current/changes?document=AP-2021-2022`);
    expect(current.statusCode).toBe(200);
    const diff = current.json() as { from: number; to: number; changes: { code: string; change: string; fields: { field: string }[] }[] };
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.changes.map((change) => [change.code, change.change])).toEqual([
      ['A1.2.1', 'changed'],
      ['A1.2.9', 'added'],
    ]);
    expect(diff.changes[0]!.fields.map((field) => field.field)).toEqual(['title']);

    const adopted = await coordinator.request('POST', `${BASE}/amendments/current/adopt`, {
      document: 'AP-2021-2022',
      adoptedOn: '2022-06-30',
    });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json()).toMatchObject({ number: 2, kind: 'amendment', reason: 'Mid-term review', adoptedOn: '2022-06-30' });
    const versions = (await observer.request('GET', `${BASE}/history?document=AP-2021-2022`)).json() as {
      versions: { number: number; kind: string }[];
    };
    expect(versions.versions.map((version) => [version.number, version.kind])).toEqual([
      [1, 'adoption'],
      [2, 'amendment'],
    ]);
    const second = (await observer.request('GET', `${BASE}/history/2/changes?document=AP-2021-2022`)).json() as {
      from: number;
      changes: { code: string }[];
    };
    expect(second.from).toBe(1);
    expect(second.changes.map((change) => change.code)).toEqual(['AP-2021-2022', 'A1.2.1', 'A1.2.9']);
    expect((await outline()).actionPlans[0]).toMatchObject({ editable: false, amendment: null });

    // Another amendment, withdrawn: the content of version 2 comes back.
    const before = await exported();
    await coordinator.request('POST', `${BASE}/amendments`, { document: 'AP-2021-2022', reason: 'Try something' });
    const added = await element('A1.2.9', editor);
    const changed = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.2.9', version: added.version, data: { ...added.data, title: 'Changed again' } },
      { op: 'move', kind: 'activity', code: 'A1.2.9', position: 0 },
      { op: 'delete', kind: 'activity', code: 'A5.2.3', version: 1 },
    ]);
    // A5.2.3 is in the monitoring history: it cannot go.
    expect(errorOf(changed).code).toBe('ELEMENT_IN_USE');
    expect(errorOf(changed).issues?.[0]).toMatchObject({ path: 'edits[2].code', message: expect.stringContaining('2022-H1') });
    const kept = await edits(editor, [
      { op: 'update', kind: 'activity', code: 'A1.2.9', version: added.version, data: { ...added.data, title: 'Changed again' } },
      { op: 'move', kind: 'activity', code: 'A1.2.9', position: 0 },
      {
        op: 'create',
        kind: 'activity',
        parent: 'AP-2021-2022',
        data: { id: 'A1.2.10', objective: 'O1.2', title: 'Only in the withdrawn amendment' },
      },
    ]);
    expect(kept.statusCode).toBe(200);
    const withdrawn = await coordinator.request('POST', `${BASE}/amendments/current/withdraw`, { document: 'AP-2021-2022' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ restored: 2 });
    expect(await exported()).toEqual(before);
    const actions = await server.database.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'like', 'plan.amendment.%')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'plan.amendment.opened',
      'plan.amendment.adopted',
      'plan.amendment.opened',
      'plan.amendment.withdrawn',
    ]);
  });

  it('refuses to delete what is in use, naming what refers to it', async () => {
    await coordinator.request('POST', `${BASE}/amendments`, { document: 'strategy', reason: 'New objective' });
    const objective = await element('O1.2', editor);
    const response = await edits(editor, [{ op: 'delete', kind: 'objective', code: 'O1.2', version: objective.version }]);
    expect(response.statusCode).toBe(409);
    const error = errorOf(response);
    expect(error.code).toBe('ELEMENT_IN_USE');
    expect(error.issues?.length).toBeGreaterThan(1);
    expect(error.issues?.[0]).toMatchObject({ path: 'edits[0].code', message: expect.stringContaining('A1.2.1') });
    const withdrawn = await coordinator.request('POST', `${BASE}/amendments/current/withdraw`, { document: 'strategy' });
    expect(withdrawn.statusCode).toBe(200);
  });
});

describe('the institutions register', () => {
  it('changes an institution with its version, and refuses a stale one with the stored institution', async () => {
    const list = (await coordinator.request('GET', '/api/participants/DL/institutions')).json() as {
      items: { code: string; version: number }[];
    };
    const moi = list.items.find((item) => item.code === 'MOI')!;
    const body = { id: 'MOI', name: 'Ministry of the Interior', type: 'government', level: 'national', version: moi.version };
    const changed = await editor.request('PUT', '/api/participants/DL/institutions/MOI', body);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ code: 'MOI', name: 'Ministry of the Interior', version: moi.version + 1 });
    const stale = await coordinator.request('PUT', '/api/participants/DL/institutions/MOI', { ...body, name: 'Other' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).current).toMatchObject({
      code: 'MOI',
      kind: 'institution',
      version: moi.version + 1,
      data: { name: 'Ministry of the Interior' },
    });
    // The packages that list it show the new name.
    expect((await exported()).institutions.find((institution) => institution.id === 'MOI')?.name).toBe('Ministry of the Interior');
    const taken = await coordinator.request('POST', '/api/participants/DL/institutions', {
      id: 'MOI',
      name: 'Again',
      type: 'government',
      level: 'national',
    });
    expect(errorOf(taken).code).toBe('ALREADY_EXISTS');
    const invalid = await coordinator.request('POST', '/api/participants/DL/institutions', {
      id: 'X',
      name: ' ',
      type: 'government',
      level: 'national',
      extra: 1,
    });
    expect(invalid.statusCode).toBe(400);
    expect(errorOf(invalid).issues?.map((issue) => issue.path)).toEqual(['name', 'extra']);
    expect(
      (await observer.request('POST', '/api/participants/DL/institutions', { id: 'Y', name: 'Y', type: 'ngo', level: 'local' })).statusCode,
    ).toBe(403);
  });
});
