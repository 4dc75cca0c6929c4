import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionData } from '../api.ts';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { LocalPlanPage, LocalPlansPage, type LocalPlanDetail, type LocalPlansList } from './LocalPlansPage.tsx';
import { LocalRollUpSection, type ProgressRollUp } from './plan/LocalRollUpSection.tsx';

const API = '/api/participants/DL';

afterEach(() => {
  vi.unstubAllGlobals();
});

function list(plans: LocalPlansList['plans'] = [VELMORA]): LocalPlansList {
  return {
    today: '2022-07-20',
    plans,
    candidates: {
      plans: [
        { code: 'AP-2023-2024', title: 'Action Plan 2023-2024', strategy: 'NS-2021-2024' },
        { code: 'LAP-DUN-2022', title: 'Local Action Plan of Dunbrek 2022', strategy: 'NS-2021-2024' },
        { code: 'AP-2018', title: 'Another strategy’s plan', strategy: 'NS-2015-2020' },
      ],
      bodies: [
        { code: 'MUN-DUN', name: 'Municipality of Dunbrek', level: 'local', area: 'Dunbrek' },
        { code: 'MUN-VEL', name: 'Municipality of Velmora', level: 'local', area: 'Velmora' },
      ],
    },
  };
}

const VELMORA: LocalPlansList['plans'][number] = {
  plan: 'LAP-VEL-2022',
  title: 'Local Action Plan of Velmora 2022',
  strategy: 'NS-2021-2024',
  status: 'draft',
  start: '2022-01-01',
  end: '2022-12-31',
  level: 'local',
  body: { code: 'MUN-VEL', name: 'Municipality of Velmora', level: 'local', area: 'Velmora' },
  activities: 2,
  shares: { completed: 0.5, ongoing: 0, delayed: 0.5 },
  latestRound: { id: '2022-H1', deadline: '2022-07-07', expected: 2, received: 1, overdue: 1 },
  implements: ['A1.1.2', 'A2.1.3'],
};

const DUNBREK: LocalPlansList['plans'][number] = {
  ...VELMORA,
  plan: 'LAP-DUN-2022',
  title: 'Local Action Plan of Dunbrek 2022',
  body: { code: 'MUN-DUN', name: 'Municipality of Dunbrek', level: 'local', area: 'Dunbrek' },
  activities: 0,
  shares: { completed: null, ongoing: null, delayed: null },
  latestRound: null,
  implements: [],
};

function localCoordinator(plan = 'LAP-VEL-2022'): SessionData {
  return {
    ...sessionFor([{ role: 'local_coordinator' }]),
    planAbilities: { DL: { [plan]: ['plan.edit', 'plan.adopt', 'report.view_all', 'report.review', 'comment.create'] } },
  };
}

describe('the local plans at a glance', () => {
  it('shows each local plan of the strategy with its body, area, status, progress, latest round and what it implements', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${API}/local-plans`]: { status: 200, body: list() },
    });
    await renderSignedIn(<LocalPlansPage />, {
      path: '/strategies/NS-2021-2024/local-plans',
      route: '/strategies/:strategyId/local-plans',
    });
    const table = await screen.findByRole('table', { name: 'Local plans as of 20 July 2022' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    const cells = within(rows[1]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      'Municipality of Velmora',
      'Velmora (Local)',
      'Draft',
      '2',
      '50%',
      '0%',
      '50%',
      '2022-H1: 1 of 2 received, 1 overdue',
      'A1.1.2, A2.1.3',
    ]);
    expect(within(rows[1]!).getByRole('link', { name: 'Local Action Plan of Velmora 2022' }).getAttribute('href')).toBe(
      '/strategies/NS-2021-2024/local-plans/LAP-VEL-2022',
    );
    // Only the national coordinator marks plans as local.
    expect(screen.queryByRole('region', { name: 'Mark an action plan as local' })).toBeNull();
  });

  it('says when the strategy has no local plan, and when a plan has no round or link yet', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${API}/local-plans`]: { status: 200, body: list([DUNBREK]) },
    });
    await renderSignedIn(<LocalPlansPage />, {
      path: '/strategies/NS-2015-2020/local-plans',
      route: '/strategies/:strategyId/local-plans',
    });
    expect(await screen.findByText('This strategy has no local plan yet.')).toBeDefined();
  });

  it('lets the national coordinator mark an action plan as local, naming the body', async () => {
    let created = false;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${API}/local-plans`]: () => ({ status: 200, body: list(created ? [DUNBREK, VELMORA] : [VELMORA]) }),
      [`POST ${API}/local-plans`]: () => {
        created = true;
        return { status: 201, body: { plan: 'LAP-DUN-2022', body: 'MUN-DUN' } };
      },
    });
    await renderSignedIn(<LocalPlansPage />, {
      path: '/strategies/NS-2021-2024/local-plans',
      route: '/strategies/:strategyId/local-plans',
    });
    const form = await screen.findByRole('region', { name: 'Mark an action plan as local' });
    // The plans of this strategy only.
    expect(
      within(form)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Choose an action plan',
      'AP-2023-2024 – Action Plan 2023-2024',
      'LAP-DUN-2022 – Local Action Plan of Dunbrek 2022',
      'Choose a body',
      'Municipality of Dunbrek (Dunbrek)',
      'Municipality of Velmora (Velmora)',
    ]);
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as local plan' }));
    expect(await within(form).findByRole('alert')).toBeDefined();
    expect(within(form).getByRole('combobox', { name: 'Action plan' }).getAttribute('aria-invalid')).toBe('true');
    expect(requests.filter((request) => request.method === 'POST')).toEqual([]);

    fireEvent.change(within(form).getByRole('combobox', { name: 'Action plan' }), { target: { value: 'LAP-DUN-2022' } });
    fireEvent.change(within(form).getByRole('combobox', { name: /Coordinating body/ }), { target: { value: 'MUN-DUN' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as local plan' }));
    expect(await within(form).findByText('LAP-DUN-2022 is now a local plan.')).toBeDefined();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({ plan: 'LAP-DUN-2022', body: 'MUN-DUN' });
    await waitFor(() => expect(screen.getAllByRole('link', { name: /Local Action Plan of/ })).toHaveLength(2));
  });

  it('shows the server’s refusal beside the body', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${API}/local-plans`]: { status: 200, body: list() },
      [`POST ${API}/local-plans`]: {
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
          { path: 'body', message: '“MUN-DUN” is a national institution.' },
        ]),
      },
    });
    await renderSignedIn(<LocalPlansPage />, {
      path: '/strategies/NS-2021-2024/local-plans',
      route: '/strategies/:strategyId/local-plans',
    });
    const form = await screen.findByRole('region', { name: 'Mark an action plan as local' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Action plan' }), { target: { value: 'AP-2023-2024' } });
    fireEvent.change(within(form).getByRole('combobox', { name: /Coordinating body/ }), { target: { value: 'MUN-DUN' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as local plan' }));
    expect(await within(form).findByText('“MUN-DUN” is a national institution.')).toBeDefined();
    expect(within(form).getByRole('alert').textContent).toContain('Some of the information is not valid.');
  });
});

const DETAIL: LocalPlanDetail = {
  plan: 'LAP-VEL-2022',
  title: 'Local Action Plan of Velmora 2022',
  strategy: 'NS-2021-2024',
  local: { level: 'local', body: VELMORA.body },
  activities: [
    { code: 'LA-VEL-1', title: 'Set up the local team', national: 'A1.1.2' },
    { code: 'LA-VEL-2', title: 'Awareness sessions in schools', national: null },
  ],
  nationalActivities: [
    { code: 'A1.1.2', title: 'Establish local teams', plan: 'AP-2021-2022' },
    { code: 'A2.1.3', title: 'Hold awareness sessions', plan: 'AP-2021-2022' },
  ],
};

describe('the national activities a local plan implements', () => {
  it('lets the local coordinator of the plan link an activity to a national one', async () => {
    let saved: string | null = null;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: localCoordinator() },
      [`GET ${API}/local-plans/LAP-VEL-2022`]: () => ({
        status: 200,
        body: {
          ...DETAIL,
          activities: DETAIL.activities.map((activity) => (activity.code === 'LA-VEL-2' ? { ...activity, national: saved } : activity)),
        },
      }),
      [`PUT ${API}/local-plans/LAP-VEL-2022/activities/LA-VEL-2/link`]: (request) => {
        saved = (request.body as { national: string | null }).national;
        return { status: 200, body: { activity: 'LA-VEL-2', national: saved, nationalPlan: 'AP-2021-2022' } };
      },
    });
    await renderSignedIn(<LocalPlanPage />, {
      path: '/strategies/NS-2021-2024/local-plans/LAP-VEL-2022',
      route: '/strategies/:strategyId/local-plans/:planId',
    });
    const section = await screen.findByRole('region', { name: 'National activities implemented' });
    const first = within(section).getByRole('combobox', { name: 'National activity that LA-VEL-1 implements' }) as HTMLSelectElement;
    expect(first.value).toBe('A1.1.2');
    const second = within(section).getByRole('combobox', { name: 'National activity that LA-VEL-2 implements' });
    fireEvent.change(second, { target: { value: 'A2.1.3' } });
    const row = second.closest('tr');
    if (!row) throw new Error('no row');
    fireEvent.click(within(row).getByRole('button', { name: 'Save the link' }));
    await waitFor(() =>
      expect(requests.filter((request) => request.method === 'PUT').map((request) => request.body)).toEqual([{ national: 'A2.1.3' }]),
    );
    await waitFor(() =>
      expect(
        (within(section).getByRole('combobox', { name: 'National activity that LA-VEL-2 implements' }) as HTMLSelectElement).value,
      ).toBe('A2.1.3'),
    );
    expect(screen.getByText('Velmora')).toBeDefined();
  });

  it('shows the links without changing them to someone who does not edit the plan', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: localCoordinator('LAP-DUN-2022') },
      [`GET ${API}/local-plans/LAP-VEL-2022`]: { status: 200, body: DETAIL },
    });
    await renderSignedIn(<LocalPlanPage />, {
      path: '/strategies/NS-2021-2024/local-plans/LAP-VEL-2022',
      route: '/strategies/:strategyId/local-plans/:planId',
    });
    const section = await screen.findByRole('region', { name: 'National activities implemented' });
    expect(within(section).queryByRole('combobox')).toBeNull();
    const rows = within(section).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'Local activityNational activity it implements',
      'LA-VEL-1 Set up the local teamA1.1.2 Establish local teams',
      'LA-VEL-2 Awareness sessions in schoolsNone',
    ]);
  });
});

describe('the progress per level and per area', () => {
  const ROLL_UP: ProgressRollUp = {
    plan: 'DL/AP-2021-2022',
    asOf: '2022-07-20',
    byLevel: [
      {
        level: 'national',
        total: 25,
        byStatus: { not_started: 1, ongoing: 10, completed: 12, delayed: 2, cancelled: 0 },
        implementationRate: 0.48,
      },
      {
        level: 'local',
        total: 9,
        byStatus: { not_started: 1, ongoing: 4, completed: 3, delayed: 1, cancelled: 0 },
        implementationRate: 0.3333,
      },
    ],
    byArea: [
      {
        level: 'local',
        area: 'Velmora',
        plans: ['LAP-VEL-2022'],
        total: 2,
        byStatus: { not_started: 1, ongoing: 0, completed: 0, delayed: 1, cancelled: 0 },
        implementationRate: 0,
      },
    ],
  };

  it('shows the activities per level and the local plans per area', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${API}/action-plans/AP-2021-2022/local-roll-up?asOf=2022-07-20`]: { status: 200, body: ROLL_UP },
    });
    await renderSignedIn(<LocalRollUpSection participant="DL" planId="AP-2021-2022" />, { path: '/plans/AP-2021-2022?asOf=2022-07-20' });
    const section = await screen.findByRole('region', { name: 'Progress per level and per area' });
    const levels = within(section).getByRole('table', { name: 'Activities per level as of 20 July 2022' });
    expect(
      within(levels)
        .getAllByRole('row')
        .map((row) => row.textContent)
        .slice(1),
    ).toEqual(['National11012202548%', 'Local14310933.3%']);
    const areas = within(section).getByRole('table', { name: 'Activities of the local plans per area as of 20 July 2022' });
    expect(within(areas).getByRole('rowheader').textContent).toBe('Velmora (LAP-VEL-2022)');
  });

  it('stays out of the way of a plan with national activities only', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'observer' }]) },
      [`GET ${API}/action-plans/AP-2021-2022/local-roll-up?asOf=2022-07-20`]: {
        status: 200,
        body: { ...ROLL_UP, byLevel: ROLL_UP.byLevel.slice(0, 1), byArea: [] },
      },
    });
    const { container } = await renderSignedIn(<LocalRollUpSection participant="DL" planId="AP-2021-2022" />, {
      path: '/plans/AP-2021-2022?asOf=2022-07-20',
    });
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    expect(container.querySelector('section')).toBeNull();
  });
});
