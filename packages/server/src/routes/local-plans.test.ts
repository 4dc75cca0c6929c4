import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOCAL_PLAN } from '../commands/loadDemo.ts';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };
type Glance = {
  plan: string;
  strategy: string;
  status: string;
  level: string;
  body: { code: string; area: string | null };
  activities: number;
  shares: { completed: number | null; ongoing: number | null; delayed: number | null };
  latestRound: { id: string; expected: number; received: number; overdue: number } | null;
  implements: string[];
};
type List = { plans: Glance[]; candidates: { plans: { code: string }[]; bodies: { code: string }[] } };
type RollUp = {
  byLevel: { level: string; total: number; byStatus: Record<string, number> }[];
  byArea: { level: string; area: string; plans: string[]; total: number; byStatus: Record<string, number> }[];
};
type Progress = { activities: { total: number; byStatus: Record<string, number>; items: { id: string; status: string }[] } };

const DL = '/api/participants/DL';
const STRATEGY = `${DL}/strategies/NS-2021-2024`;
const LOCAL = DEMO_LOCAL_PLAN.actionPlan.id;

let server: TestServer;
let coordinator: Client;
let local: Client;
let observer: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  local = await signInAs(server.app, demoEmail('local_coordinator'));
  observer = await signInAs(server.app, demoEmail('observer'));
});
afterAll(async () => server?.close());

async function auditActions(action: string): Promise<{ entity_id: string; actor: string | null }[]> {
  return server.database.db.selectFrom('audit_entries').select(['entity_id', 'actor']).where('action', '=', action).orderBy('id').execute();
}

async function element(client: Client, code: string): Promise<{ version: number; data: Record<string, unknown> }> {
  const response = await client.request('GET', `${STRATEGY}/elements/${code}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { version: number; data: Record<string, unknown> };
}

async function retitle(client: Client, code: string, title: string) {
  const current = await element(client, code);
  return client.request('POST', `${STRATEGY}/edits`, {
    edits: [{ op: 'update', kind: 'activity', code, version: current.version, data: { ...current.data, title } }],
  });
}

describe('the local plans at a glance', () => {
  it('shows Velmora’s plan with its body, area, status, activities, latest round and the national activities it implements', async () => {
    const response = await observer.request('GET', `${DL}/local-plans?today=2022-07-20`);
    expect(response.statusCode).toBe(200);
    const list = response.json() as List;
    expect(list.plans).toHaveLength(1);
    const velmora = list.plans[0];
    expect(velmora).toMatchObject({
      plan: LOCAL,
      strategy: 'NS-2021-2024',
      status: 'draft',
      level: 'local',
      body: { code: 'MUN-VEL', area: 'Velmora' },
      activities: 2,
      implements: ['A1.1.2', 'A2.1.3'],
    });
    // LA-VEL-1 ended in June without a word from Velmora: delayed; LA-VEL-2 is not started.
    expect(velmora?.shares).toEqual({ completed: 0, ongoing: 0, delayed: 0.5 });
    // Velmora leads both activities and owes its report of the 2022-H1 round, the latest covering 2022.
    expect(velmora?.latestRound).toMatchObject({ id: '2022-H1', expected: 1 });
    expect(list.candidates.plans.map((plan) => plan.code)).toEqual(['AP-2021-2022', 'AP-2023-2024']);
    expect(list.candidates.bodies.map((body) => body.code)).toEqual(['MUN-DUN', 'MUN-VEL']);
  });

  it('is closed to those who do not see progress, and to other Participants', async () => {
    const regional = await signInAs(server.app, demoEmail('regional'));
    expect((await regional.request('GET', `${DL}/local-plans`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/participants/WM/local-plans')).statusCode).toBe(404);
  });
});

describe('the roll-up into the national progress overview', () => {
  it('counts the local plan’s activities at its level and in its area, with the statuses of its own progress', async () => {
    const asOf = '2022-07-20';
    const rollUp = (await observer.request('GET', `${DL}/action-plans/AP-2021-2022/local-roll-up?asOf=${asOf}`)).json() as RollUp;
    const national = (await observer.request('GET', `${DL}/action-plans/AP-2021-2022/progress?asOf=${asOf}`)).json() as Progress;
    const own = (await observer.request('GET', `${DL}/action-plans/${LOCAL}/progress?asOf=${asOf}`)).json() as Progress;
    expect(rollUp.byArea).toEqual([{ level: 'local', area: 'Velmora', plans: [LOCAL], ...groupOf(own) }]);
    const total = rollUp.byLevel.reduce((sum, group) => sum + group.total, 0);
    expect(total).toBe(national.activities.total + own.activities.total);
    const levels = rollUp.byLevel.map((group) => group.level);
    expect(levels[0]).toBe('national');
    expect(levels).toContain('local');
  });

  it('leaves out a plan no local plan implements', async () => {
    const rollUp = (await observer.request('GET', `${DL}/action-plans/AP-2023-2024/local-roll-up?asOf=2024-01-01`)).json() as RollUp;
    expect(rollUp.byArea).toEqual([]);
  });
});

function groupOf(progress: Progress) {
  const completed = progress.activities.byStatus.completed ?? 0;
  const cancelled = progress.activities.byStatus.cancelled ?? 0;
  const total = progress.activities.total;
  return {
    total,
    byStatus: progress.activities.byStatus,
    implementationRate: total - cancelled === 0 ? null : Math.round((completed / (total - cancelled)) * 10_000) / 10_000,
  };
}

describe('creating a local plan and linking its activities', () => {
  it('marks a new action plan as Dunbrek’s local plan, links its activity, audited, and rolls it up', async () => {
    const created = await coordinator.request('POST', `${STRATEGY}/edits`, {
      edits: [
        {
          op: 'create',
          kind: 'action_plan',
          data: { id: 'LAP-DUN-2022', title: 'Local Action Plan of Dunbrek 2022', start: '2022-01-01', end: '2022-12-31' },
        },
        {
          op: 'create',
          kind: 'activity',
          parent: 'LAP-DUN-2022',
          data: {
            id: 'LA-DUN-1',
            objective: 'O3.3',
            title: 'Reserve two social housing units for victims',
            lead: 'MUN-DUN',
            level: 'local',
            end: '2022-12-31',
          },
        },
      ],
    });
    expect(created.statusCode).toBe(200);

    const marked = await coordinator.request('POST', `${DL}/local-plans`, { plan: 'LAP-DUN-2022', body: 'MUN-DUN' });
    expect(marked.statusCode).toBe(201);
    const linked = await coordinator.request('PUT', `${DL}/local-plans/LAP-DUN-2022/activities/LA-DUN-1/link`, { national: 'A3.3.2' });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toEqual({ activity: 'LA-DUN-1', national: 'A3.3.2', nationalPlan: 'AP-2021-2022' });
    expect((await auditActions('plan.local_created')).map((entry) => [entry.entity_id, entry.actor])).toEqual([
      [LOCAL, 'demo'],
      ['LAP-DUN-2022', 'coordinator@demoland.example'],
    ]);
    expect((await auditActions('plan.local_activity_linked')).at(-1)).toEqual({
      entity_id: 'LA-DUN-1',
      actor: 'coordinator@demoland.example',
    });

    const detail = (await observer.request('GET', `${DL}/local-plans/LAP-DUN-2022`)).json() as {
      local: { level: string; body: { code: string } } | null;
      activities: { code: string; national: string | null }[];
      nationalActivities: { code: string; plan: string }[];
    };
    expect(detail.local).toMatchObject({ level: 'local', body: { code: 'MUN-DUN' } });
    expect(detail.activities).toEqual([{ code: 'LA-DUN-1', title: 'Reserve two social housing units for victims', national: 'A3.3.2' }]);
    // Only national activities can be implemented.
    expect(new Set(detail.nationalActivities.map((activity) => activity.plan))).toEqual(new Set(['AP-2021-2022', 'AP-2023-2024']));

    const rollUp = (await observer.request('GET', `${DL}/action-plans/AP-2021-2022/local-roll-up?asOf=2022-07-20`)).json() as RollUp;
    expect(rollUp.byArea.map((group) => [group.area, group.plans, group.total])).toEqual([
      ['Dunbrek', ['LAP-DUN-2022'], 1],
      ['Velmora', [LOCAL], 2],
    ]);
    const list = (await observer.request('GET', `${DL}/local-plans`)).json() as List;
    expect(list.plans.map((plan) => [plan.plan, plan.body.code, plan.implements])).toEqual([
      ['LAP-DUN-2022', 'MUN-DUN', ['A3.3.2']],
      [LOCAL, 'MUN-VEL', ['A1.1.2', 'A2.1.3']],
    ]);
  });

  it('refuses a national body, a plan already local, a national plan, an unknown plan, and changes nothing', async () => {
    const before = (await auditActions('plan.local_created')).length;
    const national = await coordinator.request('POST', `${DL}/local-plans`, { plan: 'AP-2023-2024', body: 'POL' });
    expect(national.statusCode).toBe(400);
    expect((national.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['body']);
    const again = await coordinator.request('POST', `${DL}/local-plans`, { plan: LOCAL, body: 'MUN-VEL' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['plan']);
    const implemented = await coordinator.request('POST', `${DL}/local-plans`, { plan: 'AP-2021-2022', body: 'MUN-VEL' });
    expect(implemented.statusCode).toBe(400);
    expect((implemented.json() as ErrorBody).error.issues?.[0]?.message).toBe(
      'Local plans implement activities of “AP-2021-2022”: it is a national plan.',
    );
    expect((await coordinator.request('POST', `${DL}/local-plans`, { plan: 'AP-1999', body: 'MUN-VEL' })).statusCode).toBe(404);
    expect((await auditActions('plan.local_created')).length).toBe(before);
  });

  it('links only to national activities, and only activities of the local plan', async () => {
    const toLocal = await coordinator.request('PUT', `${DL}/local-plans/${LOCAL}/activities/LA-VEL-1/link`, { national: 'LA-DUN-1' });
    expect(toLocal.statusCode).toBe(400);
    expect((toLocal.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['national']);
    const notOurs = await coordinator.request('PUT', `${DL}/local-plans/${LOCAL}/activities/A1.1.2/link`, { national: 'A1.1.3' });
    expect(notOurs.statusCode).toBe(404);
    expect((notOurs.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['activity']);
    const notLocal = await coordinator.request('PUT', `${DL}/local-plans/AP-2023-2024/activities/A1.1.5/link`, { national: 'A1.1.2' });
    expect(notLocal.statusCode).toBe(404);
  });

  it('is the national coordinator’s to mark a plan as local', async () => {
    expect((await local.request('POST', `${DL}/local-plans`, { plan: 'AP-2023-2024', body: 'MUN-VEL' })).statusCode).toBe(403);
    const editor = await signInAs(server.app, demoEmail('editor'));
    expect((await editor.request('POST', `${DL}/local-plans`, { plan: 'AP-2023-2024', body: 'MUN-VEL' })).statusCode).toBe(403);
  });
});

describe('the local coordinator', () => {
  it('edits the activities of their own plan', async () => {
    const response = await retitle(local, 'LA-VEL-1', 'Set up and train the local anti-trafficking team of Velmora');
    expect(response.statusCode).toBe(200);
    expect((await element(local, 'LA-VEL-1')).data.title).toBe('Set up and train the local anti-trafficking team of Velmora');
    const added = await local.request('POST', `${STRATEGY}/edits`, {
      edits: [
        {
          op: 'create',
          kind: 'activity',
          parent: LOCAL,
          data: { id: 'LA-VEL-3', objective: 'O5.1', title: 'Street outreach to children in Velmora', lead: 'MUN-VEL', level: 'local' },
        },
        {
          op: 'create',
          kind: 'indicator',
          parent: 'LA-VEL-3',
          data: { id: 'LA-VEL-3-I1', name: 'Children reached', level: 'output', measure: 'number' },
        },
      ],
    });
    expect(added.statusCode).toBe(200);
    const linked = await local.request('PUT', `${DL}/local-plans/${LOCAL}/activities/LA-VEL-3/link`, { national: 'A5.1.2' });
    expect(linked.statusCode).toBe(200);
  });

  it('cannot edit the national plan, the strategy’s own elements or another local plan, and nothing changes', async () => {
    const national = await retitle(local, 'A1.1.2', 'Changed by Velmora');
    expect(national.statusCode).toBe(403);
    expect((national.json() as ErrorBody).error.issues).toEqual([
      { path: 'edits[0]', message: `You may change only the activities of your local plan (${LOCAL}).` },
    ]);
    expect((await element(coordinator, 'A1.1.2')).data.title).not.toBe('Changed by Velmora');
    const goal = await element(local, 'G1');
    const strategyEdit = await local.request('POST', `${STRATEGY}/edits`, {
      edits: [{ op: 'update', kind: 'goal', code: 'G1', version: goal.version, data: { ...goal.data, title: 'Changed' } }],
    });
    expect(strategyEdit.statusCode).toBe(403);
    expect((await retitle(local, 'LA-DUN-1', 'Changed by Velmora')).statusCode).toBe(403);
    // A list mixing their own plan with the national one is refused as a whole.
    const own = await element(local, 'LA-VEL-2');
    const mixed = await local.request('POST', `${STRATEGY}/edits`, {
      edits: [
        { op: 'update', kind: 'activity', code: 'LA-VEL-2', version: own.version, data: { ...own.data, title: 'Mixed' } },
        {
          op: 'create',
          kind: 'activity',
          parent: 'AP-2023-2024',
          data: { id: 'A9.9.9', objective: 'O1.1', title: 'Sneaked in', lead: 'MUN-VEL' },
        },
      ],
    });
    expect(mixed.statusCode).toBe(403);
    expect((mixed.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['edits[1]']);
    expect((await element(local, 'LA-VEL-2')).data.title).not.toBe('Mixed');
    // Nor a new action plan of the strategy.
    const plan = await local.request('POST', `${STRATEGY}/edits`, {
      edits: [{ op: 'create', kind: 'action_plan', data: { id: 'LAP-X', title: 'X', start: '2022-01-01', end: '2022-12-31' } }],
    });
    expect(plan.statusCode).toBe(403);
    expect((await local.request('PUT', `${DL}/local-plans/AP-2021-2022/activities/A1.1.2/link`, { national: 'A1.1.3' })).statusCode).toBe(
      403,
    );
    expect((await local.request('PUT', `${DL}/local-plans/LAP-DUN-2022/activities/LA-DUN-1/link`, { national: null })).statusCode).toBe(
      403,
    );
  });

  it('moves their own plan along its life cycle up to its adoption, and no other document', async () => {
    const own = await local.request('POST', `${STRATEGY}/status`, {
      document: LOCAL,
      status: 'consultation',
      version: (await element(local, LOCAL)).version,
    });
    expect(own.statusCode, own.body).toBe(200);
    const adopted = await local.request('POST', `${STRATEGY}/status`, {
      document: LOCAL,
      status: 'adopted',
      adoptedOn: '2022-02-01',
      version: (own.json() as { version: number }).version,
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const other = await local.request('POST', `${STRATEGY}/status`, {
      document: 'AP-2023-2024',
      status: 'consultation',
      version: (await element(local, 'AP-2023-2024')).version,
    });
    expect(other.statusCode).toBe(403);
    expect((await local.request('POST', `${STRATEGY}/amendments`, { document: 'strategy', reason: 'Velmora' })).statusCode).toBe(403);
    expect((await local.request('POST', `${STRATEGY}/amendments`, { document: 'AP-2021-2022', reason: 'Velmora' })).statusCode).toBe(403);
  });

  it('sees the reports of their own plan’s rounds only, and reviews only reports about their plan', async () => {
    expect((await local.request('GET', `${DL}/action-plans/${LOCAL}/rounds/2022-H1/board`)).statusCode).toBe(200);
    expect((await local.request('GET', `${DL}/action-plans/AP-2021-2022/rounds/2022-H1/board`)).statusCode).toBe(403);
    // Velmora's report of 2022-H1 is about national activities too: the national coordinator's to review.
    const outside = await local.request('POST', `${DL}/action-plans/${LOCAL}/rounds/2022-H1/reports/MUN-VEL/accept`, { version: 1 });
    expect(outside.statusCode).toBe(403);
    expect((outside.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['institution']);
    expect(
      (await local.request('POST', `${DL}/action-plans/AP-2021-2022/rounds/2022-H1/reports/POL/accept`, { version: 1 })).statusCode,
    ).toBe(403);

    // A round of the local plan, reported on by Velmora (filled in on its behalf by the coordinator).
    const opened = await coordinator.request('POST', `${DL}/action-plans/${LOCAL}/rounds`, {
      rounds: [{ id: 'VEL-2022-Q3', periodStart: '2022-07-01', periodEnd: '2022-09-30', deadline: '2022-10-15' }],
    });
    expect(opened.statusCode).toBe(201);
    const report = `${DL}/action-plans/${LOCAL}/rounds/VEL-2022-Q3/reports/MUN-VEL`;
    const form = (await coordinator.request('GET', `${report}/form`)).json() as { version: number };
    const content = {
      // LA-VEL-1 ended in June, before the round's period.
      activities: [
        { activity: 'LA-VEL-2', status: 'ongoing' },
        { activity: 'LA-VEL-3', status: 'ongoing' },
      ],
      indicatorValues: [{ indicator: 'LA-VEL-3-I1', value: 12 }],
    };
    const submitted = await coordinator.request('POST', `${report}/submit`, { version: form.version, content, confirmed: [] });
    expect(submitted.statusCode).toBe(200);
    const version = (submitted.json() as { version: number }).version;
    const accepted = await local.request('POST', `${report}/accept`, { version });
    expect(accepted.statusCode).toBe(200);
    // Accepted, the report counts in the plan's progress and in the national roll-up.
    const progress = (await local.request('GET', `${DL}/action-plans/${LOCAL}/progress?asOf=2022-10-20`)).json() as Progress;
    expect(progress.activities.items.find((item) => item.id === 'LA-VEL-3')?.status).toBe('ongoing');
    const rollUp = (await local.request('GET', `${DL}/action-plans/AP-2021-2022/local-roll-up?asOf=2022-10-20`)).json() as RollUp;
    expect(rollUp.byArea.find((group) => group.area === 'Velmora')?.byStatus.ongoing).toBe(2);
  });
});

describe('giving the role of local coordinator', () => {
  it('names the local plan, which the session and the users list show', async () => {
    const created = await coordinator.request('POST', `${DL}/users`, {
      email: 'dunbrek.coordinator@example.org',
      displayName: 'Dunbrek Coordinator',
      role: 'local_coordinator',
      plan: 'LAP-DUN-2022',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json() as { user: { id: number; roles: unknown[] }; oneTimePassword: string };
    expect(body.user.roles).toEqual([{ role: 'local_coordinator', institution: null, plan: 'LAP-DUN-2022' }]);
    const audit = await server.database.db
      .selectFrom('audit_entries')
      .select('after')
      .where('action', '=', 'user.create')
      .where('entity_id', '=', String(body.user.id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ role: 'local_coordinator', plan: 'LAP-DUN-2022' });

    const session = (await local.request('GET', '/api/session')).json() as {
      memberships: { role: string; plan: string | null }[];
      abilities: Record<string, string[]>;
      planAbilities: Record<string, Record<string, string[]>>;
    };
    expect(session.memberships).toEqual([expect.objectContaining({ role: 'local_coordinator', plan: LOCAL })]);
    expect(session.abilities.DL).not.toContain('plan.edit');
    expect(session.planAbilities).toEqual({
      DL: { [LOCAL]: ['plan.edit', 'plan.adopt', 'report.view_all', 'report.review', 'comment.create'] },
    });
  });

  it('is refused without a plan, with a plan that is not local, and a plan is refused for another role', async () => {
    const cases = [{ role: 'local_coordinator' }, { role: 'local_coordinator', plan: 'AP-2021-2022' }, { role: 'observer', plan: LOCAL }];
    for (const [index, extra] of cases.entries()) {
      const response = await coordinator.request('POST', `${DL}/users`, {
        email: `refused.${index}@example.org`,
        displayName: 'Refused',
        ...extra,
      });
      expect(response.statusCode).toBe(400);
      expect((response.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['plan']);
    }
    const users = (await coordinator.request('GET', `${DL}/users`)).json() as { items: { email: string }[] };
    expect(users.items.filter((user) => user.email.startsWith('refused.'))).toEqual([]);
  });
});
