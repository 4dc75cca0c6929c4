import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let coordinator: Client;
let regional: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  regional = await signInAs(server.app, demoEmail('regional'));
});
afterAll(async () => server?.close());

const API = '/api/participants/DL/publications';

/** A page's markup without the white space between and inside tags, for matching. */
function squash(body: string): string {
  return body.replace(/\s+/g, ' ').replace(/\s*([<>])\s*/g, '$1');
}

function get(url: string, headers: Record<string, string> = {}) {
  return server.app.inject({ method: 'GET', url, headers });
}

async function publish(body: Record<string, string>): Promise<number> {
  const response = await coordinator.request('POST', API, body);
  expect(response.statusCode).toBe(200);
  return (response.json() as { id: number }).id;
}

/** Every public address of the demo's items, each published or not. */
const PLAN_URLS = [
  '/public/DL/plans/AP-2021-2022',
  '/public/DL/data/AP-2021-2022-activities.csv',
  '/public/DL/data/AP-2021-2022-activities.json',
  '/public/DL/data/AP-2021-2022-package.json',
];
const INDICATOR_URLS = [
  '/public/DL/plans/AP-2021-2022/indicators',
  '/public/DL/indicators/A3.1.2-I2?plan=AP-2021-2022',
  '/public/DL/indicators/A3.1.2-I2',
  '/public/DL/data/AP-2021-2022-indicators.csv',
  '/public/DL/data/AP-2021-2022-indicators.json',
];
const NEVER_PUBLISHED = [
  '/public/DL/plans/AP-2023-2024',
  '/public/DL/plans/AP-2023-2024/indicators',
  '/public/DL/indicators/A3.1.4-I1?plan=AP-2023-2024',
  '/public/DL/data/AP-2023-2024-activities.csv',
  '/public/DL/data/AP-2023-2024-package.json',
  '/public/DL/data/AP-2023-2024-indicators.json',
  '/public/DL/data/AP-2021-2022-package.csv',
  '/public/DL/strategies/NS-2021-2024',
  '/public/DL/reports/1.pdf',
  '/public/DL/somewhere/else',
  '/public/WM/plans/AP-2021-2022',
  '/public/WM/data/AP-2021-2022-activities.csv',
  '/public/NOBODY',
];

async function expectNotFoundEverywhere(urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    for (const [who, response] of [
      ['signed out', await get(url)],
      ['a coordinator of DL', await coordinator.request('GET', url)],
      ['a user of WM', await regional.request('GET', url)],
    ] as const) {
      expect(response.statusCode, `${url} ${who}`).toBe(404);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body, url).toContain('Page not found');
    }
  }
}

describe('the public portal', () => {
  it('shows nothing of what is not published', async () => {
    await expectNotFoundEverywhere(['/public/DL', '/public/DL/data', ...PLAN_URLS, ...INDICATOR_URLS, ...NEVER_PUBLISHED]);
  });

  it('shows a published plan signed out, as HTML without scripts, with its activities and indicators', async () => {
    await publish({ kind: 'action_plan', plan: 'AP-2021-2022' });
    const home = await get('/public/DL');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<html lang="en">');
    expect(home.body).toContain('href="/public/DL/plans/AP-2021-2022?lang=en"');

    const plan = await get('/public/DL/plans/AP-2021-2022');
    expect(plan.statusCode).toBe(200);
    expect(plan.headers['content-type']).toContain('text/html');
    expect(plan.body).not.toMatch(/<script/i);
    expect(plan.body).toContain('<a class="skip" href="#content">');
    expect(plan.body).toMatch(/<main id="content"/);
    expect(plan.body).toContain('A3.1.3');
    expect(squash(plan.body)).toMatch(/<th scope="col">Lead institution<\/th>/);
    // O4.1-I2 (investigations) has a baseline of 3 in 2020: a small count.
    expect(squash(plan.body)).toMatch(/O4\.1-I2[^<]*<\/th><td class="num">&lt; 5 \(2020\)<\/td>/);
    // The indicator set is not published: no links to indicator pages.
    expect(plan.body).not.toContain('/public/DL/indicators/');
    await expectNotFoundEverywhere(INDICATOR_URLS);
    await expectNotFoundEverywhere(NEVER_PUBLISHED);
  });

  it('speaks the language asked for, and its links keep it', async () => {
    const albanian = await get('/public/DL/plans/AP-2021-2022?lang=sq');
    expect(albanian.body).toContain('<html lang="sq">');
    expect(albanian.body).toContain('Aktivitetet');
    expect(albanian.body).toContain('href="/public/DL/data?lang=sq"');
    const macedonian = await get('/public/DL/plans/AP-2021-2022', { 'accept-language': 'mk' });
    expect(macedonian.body).toContain('<html lang="mk">');
    expect(macedonian.body).toContain('href="/public/DL/plans/AP-2021-2022?lang=sr-Cyrl"');
    const stylesheet = await get('/public/assets/portal.css');
    expect(stylesheet.statusCode).toBe(200);
    expect(stylesheet.headers['content-type']).toContain('text/css');
  });

  it('gives the activities as CSV and JSON with a stable schema, and the plan package without reports', async () => {
    const csv = await get('/public/DL/data/AP-2021-2022-activities.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('plan,goal,objective,activity,title,lead,lead_name,start,end,status,planned_cost,currency');
    expect(lines.filter((line) => line.startsWith('AP-2021-2022,'))).toHaveLength(32);

    const json = (await get('/public/DL/data/AP-2021-2022-activities.json')).json() as {
      licence: { id: string };
      columns: { name: string; description: string }[];
      rows: Record<string, unknown>[];
    };
    expect(json.licence.id).toBe('CC-BY-4.0');
    expect(json.columns.map((column) => column.name)).toEqual(lines[0]?.split(','));
    expect(json.rows).toHaveLength(32);

    const pkg = (await get('/public/DL/data/AP-2021-2022-package.json')).json() as {
      format: string;
      monitoring?: unknown;
      actionPlans: { id: string }[];
      strategy: { goals: { objectives: { indicators?: { id: string; baseline?: unknown }[] }[] }[] };
    };
    expect(pkg.format).toBe('ariadne.plan-package');
    expect(pkg.monitoring).toBeUndefined();
    expect(pkg.actionPlans.map((plan) => plan.id)).toEqual(['AP-2021-2022']);
    const indicators = pkg.strategy.goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.indicators ?? []));
    expect(indicators.find((indicator) => indicator.id === 'O4.1-I2')?.baseline).toBeUndefined();
    expect(indicators.find((indicator) => indicator.id === 'O4.1-I1')?.baseline).toBeDefined();
  });

  it('shows a published indicator set with charts drawn on the server and small counts hidden', async () => {
    await publish({ kind: 'indicator_set', plan: 'AP-2021-2022' });
    const set = await get('/public/DL/plans/AP-2021-2022/indicators');
    expect(set.statusCode).toBe(200);
    expect(set.body).toContain('href="/public/DL/indicators/A3.1.2-I2?plan=AP-2021-2022&amp;lang=en"');

    const page = await get('/public/DL/indicators/A3.1.2-I2?plan=AP-2021-2022');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('<svg');
    // 2021-H1: 2 persons; the latest round's children: 2.
    expect(squash(page.body)).toMatch(/2021-H1<\/th><td>[^<]*<\/td><td class="num">&lt; 5<\/td>/);
    expect(squash(page.body)).toMatch(/child<\/th><td class="num">&lt; 5<\/td>/);
    expect(squash(page.body)).toMatch(/2022-H1<\/th><td>[^<]*<\/td><td class="num">9<\/td>/);
    expect((await get('/public/DL/indicators/A3.1.2-I2')).statusCode).toBe(200);
    expect((await get('/public/DL/indicators/NOPE?plan=AP-2021-2022')).statusCode).toBe(404);

    const csv = await get('/public/DL/data/AP-2021-2022-indicators.csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('plan,indicator,name,measure,unit,kind,round,year,dimension,category,value');
    expect(lines).toContain(
      'AP-2021-2022,A3.1.2-I2,' +
        lines.find((line) => line.includes('A3.1.2-I2,'))?.split(',')[2] +
        ',number,persons,value,2021-H1,2021,,,< 5',
    );
    expect(
      lines.some((line) => line.startsWith('AP-2021-2022,A3.1.2-I2,') && line.endsWith(',value,2022-H1,2022,age_group,child,< 5')),
    ).toBe(true);
    expect(lines.some((line) => line.startsWith('AP-2021-2022,A3.1.2-I2,') && line.endsWith(',value,2022-H1,2022,,,9'))).toBe(true);

    const json = (await get('/public/DL/data/AP-2021-2022-indicators.json')).json() as {
      smallCountThreshold: number;
      columns: { name: string }[];
      rows: { indicator: string; round: string | null; dimension: string | null; value: number | string }[];
    };
    expect(json.smallCountThreshold).toBe(5);
    expect(json.columns.map((column) => column.name)).toEqual(lines[0]?.split(','));
    expect(json.rows.find((row) => row.indicator === 'A3.1.2-I2' && row.round === '2021-H1' && row.dimension === null)?.value).toBe('< 5');
    expect(json.rows.find((row) => row.indicator === 'O3.1-I1' && row.round === '2022-H1' && row.dimension === null)?.value).toBe(78);

    const data = await get('/public/DL/data');
    expect(data.statusCode).toBe(200);
    expect(data.body).toContain('CC BY 4.0');
    expect(data.body).toContain('href="/public/DL/data/AP-2021-2022-indicators.csv"');
    expect(data.body).toContain('<code>planned_cost</code>');
  });

  it('follows the threshold the coordinator sets', async () => {
    await coordinator.request('PUT', `${API}/small-count-threshold`, { smallCountThreshold: 10 });
    const page = await get('/public/DL/indicators/A3.1.2-I2?plan=AP-2021-2022');
    expect(squash(page.body)).toMatch(/2022-H1<\/th><td>[^<]*<\/td><td class="num">&lt; 10<\/td>/);
    await coordinator.request('PUT', `${API}/small-count-threshold`, { smallCountThreshold: 0 });
    const open = await get('/public/DL/indicators/A3.1.2-I2?plan=AP-2021-2022');
    expect(squash(open.body)).toMatch(/2021-H1<\/th><td>[^<]*<\/td><td class="num">2<\/td>/);
    await coordinator.request('PUT', `${API}/small-count-threshold`, { smallCountThreshold: 5 });
  });

  it('takes a withdrawn item off the portal at once', async () => {
    const list = (await coordinator.request('GET', API)).json() as { publications: { id: number; kind: string }[] };
    for (const publication of list.publications) {
      expect((await coordinator.request('DELETE', `${API}/${publication.id}`)).statusCode).toBe(200);
    }
    await expectNotFoundEverywhere(['/public/DL', '/public/DL/data', ...PLAN_URLS, ...INDICATOR_URLS]);
  });
});
