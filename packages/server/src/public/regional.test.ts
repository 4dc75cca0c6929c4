import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

// The regional picture signed out (/public/region) and for signed-in readers (/api/regional…), on
// the demo data: the six MARRI Participants' published strategic cycles, Westmark's published plan
// and indicators, and Demoland, which has published nothing until a test publishes its indicators.

let server: TestServer;
let coordinator: Client;
let regional: Client;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  regional = await signInAs(server.app, demoEmail('regional'));
});
afterAll(async () => server?.close());

function get(url: string) {
  return server.app.inject({ method: 'GET', url });
}

/** The text of an HTML fragment: tags dropped, entities of the portal's writer undone, spaces collapsed. */
function text(fragment: string): string {
  return fragment
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The table whose caption says `caption`, as rows of cell texts (header cells included). */
function table(body: string, caption: string): string[][] {
  const tables = body.match(/<table[\s\S]*?<\/table>/g) ?? [];
  const found = tables.find((candidate) => text(candidate.match(/<caption[\s\S]*?<\/caption>/)?.[0] ?? '') === caption);
  if (!found)
    throw new Error(
      `no table "${caption}" among: ${tables.map((one) => text(one.match(/<caption[\s\S]*?<\/caption>/)?.[0] ?? '')).join(' | ')}`,
    );
  return (found.match(/<tr[\s\S]*?<\/tr>/g) ?? []).map((row) => (row.match(/<t[hd][\s\S]*?<\/t[hd]>/g) ?? []).map(text));
}

function rowOf(rows: string[][], header: string): string[] {
  const row = rows.find((cells) => cells[0] === header);
  if (!row) throw new Error(`no row ${header} in ${JSON.stringify(rows.map((cells) => cells[0]))}`);
  return row.slice(1);
}

describe('the regional picture signed out', () => {
  it('reproduces the regional assessment’s table of strategies and action plans in force in summer 2020 (§2.1)', async () => {
    const response = await get('/public/region?asOf=2020-07-31');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).not.toContain('<script');
    const rows = table(response.body, 'Strategies and action plans in force on 31 July 2020');
    const strategyCell = (name: string) => rowOf(rows, name)[0] ?? '';
    const planCell = (name: string) => rowOf(rows, name)[1] ?? '';
    expect(strategyCell('Bosnia and Herzegovina')).toMatch(/\(2020–2023\)$/);
    expect(strategyCell('Serbia')).toMatch(/\(2017–2022\)$/);
    expect(strategyCell('Montenegro')).toMatch(/\(2019–2024\)$/);
    expect(strategyCell('North Macedonia')).toMatch(/\(2017–2020\)$/);
    expect(strategyCell('Albania')).toMatch(/^No strategy in force Last strategy: .*\(2014–2017\), expired$/);
    expect(strategyCell('Kosovo*')).toMatch(/^No strategy in force Last strategy: .*\(2015–2019\), expired$/);
    expect(planCell('Albania')).toMatch(/1 January 2018 to 31 December 2020$/);
    expect(planCell('Serbia')).toMatch(/1 January 2019 to 31 December 2020$/);
    expect(planCell('Montenegro')).toMatch(/1 January 2020 to 31 December 2020$/);
    expect(planCell('North Macedonia')).toMatch(/ to 31 December 2020$/);
    expect(planCell('Bosnia and Herzegovina')).toBe('No action plan in force');
    expect(planCell('Kosovo*')).toBe('No action plan in force');
    // Demoland has published nothing; it is not in the public picture.
    expect(rows.some((cells) => cells[0] === 'Demoland')).toBe(false);
  });

  it('reproduces the principles matrix of §2.4', async () => {
    const response = await get('/public/region?asOf=2020-07-31');
    const rows = table(response.body, 'Guiding principles declared by the strategy of each Participant, on 31 July 2020');
    const header = rows[0] ?? [];
    const column = (name: string) => header.indexOf(name) - 1;
    const declared = (principle: string) =>
      ['Albania', 'Bosnia and Herzegovina', 'Kosovo*', 'Montenegro', 'North Macedonia', 'Serbia'].filter(
        (name) => rowOf(rows, principle)[column(name)] === '✓ Declared',
      );
    expect(declared('Government ownership')).toEqual(['Albania', 'Bosnia and Herzegovina', 'Kosovo*', 'Montenegro', 'North Macedonia']);
    expect(declared('Human rights-based and victim-centred approach')).toHaveLength(6);
    expect(declared('Non-discrimination')).toEqual(['Bosnia and Herzegovina']);
    expect(declared('Rule of law')).toEqual(['Montenegro']);
    expect(declared('Sustainability')).toEqual(['Bosnia and Herzegovina', 'Montenegro', 'North Macedonia']);
  });

  it('sets the thematic structures side by side by the 4P', async () => {
    const response = await get('/public/region?asOf=2020-07-31');
    const rows = table(response.body, 'Strategic areas of each Participant’s strategy, on 31 July 2020');
    expect(rows.map((cells) => cells[0])).toEqual(
      expect.arrayContaining(['The 4P approach', 'Prevention', 'Protection', 'Prosecution', 'Partnership', 'Beyond the 4P', 'Children']),
    );
    // Each column is headed by the Participant's name, then its strategy's title.
    const header = rows[0] ?? [];
    const column = (name: string) => header.findIndex((cell) => cell.startsWith(`${name} `)) - 1;
    const children = rowOf(rows, 'Children');
    // Albania's former strategy and Serbia's have a goal on children; Montenegro's does not.
    expect(children[column('Albania')]).toMatch(/^Goal \d+: /);
    expect(children[column('Serbia')]).toMatch(/^Goal \d+: /);
    expect(children[column('Montenegro')]).toBe('Not a separate area');
  });

  it('lists the public portals of the Participants that have published something, and keeps the language in its links', async () => {
    const response = await get('/public?lang=sq');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="sq">');
    expect(response.body).toContain('href="/public/ME?lang=sq"');
    expect(response.body).toContain('href="/public/WM?lang=sq"');
    expect(response.body).not.toContain('href="/public/DL?lang=sq"');
    expect(response.body).toContain('href="/public/region?lang=sq"');
  });

  it('takes an impossible date as today, and writes every language', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await get('/public/region?asOf=2020-13-45&lang=sr-Cyrl');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`value="${today}"`);
    expect(response.body).toContain('Регионални преглед');
  });
});

describe('the shared indicators', () => {
  it('compares published indicators of the same name across Participants year by year, hiding small counts', async () => {
    const before = await get('/public/region?asOf=2022-12-31');
    expect(before.body).not.toContain('Identified victims and presumed victims of trafficking');

    const published = await coordinator.request('POST', '/api/participants/DL/publications', {
      kind: 'indicator_set',
      plan: 'AP-2021-2022',
    });
    expect(published.statusCode).toBe(200);

    const after = await get('/public/region?asOf=2022-12-31');
    const list = table(after.body, 'Published indicators several Participants share, on 31 December 2022');
    expect(rowOf(list, 'Identified victims and presumed victims of trafficking')).toEqual(['persons', 'Demoland, Westmark']);
    const link = after.body.match(/href="(\/public\/region\/indicator\?[^"]*)"[^>]*>Final convictions/)?.[1];
    if (!link) throw new Error('no link to the convictions');

    const convictions = await get(link.replace(/&amp;/g, '&'));
    expect(convictions.statusCode).toBe(200);
    expect(convictions.body).toContain('<svg');
    expect(convictions.body).not.toContain('<script');
    const rows = table(
      convictions.body,
      'Final convictions for trafficking in human beings: baseline, value of each year and target, by Participant',
    );
    expect(rows[0]).toEqual(['Participant', 'Baseline', '2021', '2022', 'Target']);
    // Westmark's four convictions in 2022 are below its threshold of five.
    expect(rowOf(rows, 'Westmark')).toEqual(['6 (2020)', '7', '< 5', '12 (2025)']);
    expect(rowOf(rows, 'Demoland')[0]).toBe('9 (2020)');
    expect(rowOf(rows, 'Demoland')[3]).toBe('18 (2024)');

    const api = await regional.request('GET', '/api/regional/comparison?asOf=2022-12-31');
    expect(api.statusCode).toBe(200);
    const comparison = api.json() as { indicators: { key: string; name: string; participants: { code: string }[] }[] };
    const listed = comparison.indicators.find((indicator) => indicator.name === 'Final convictions for trafficking in human beings');
    expect(listed?.participants.map((participant) => participant.code)).toEqual(['DL', 'WM']);
    const one = await regional.request('GET', `/api/regional/indicator?asOf=2022-12-31&key=${encodeURIComponent(listed?.key ?? '')}`);
    const shared = one.json() as { participants: { participant: { code: string }; values: { value: number | null; small: boolean }[] }[] };
    expect(shared.participants[1]?.values.map((value) => [value.value, value.small])).toEqual([
      [7, false],
      [null, true],
    ]);
    expect((await regional.request('GET', '/api/regional/indicator?asOf=2022-12-31&key=nothing')).statusCode).toBe(404);
    expect((await get('/public/region/indicator?asOf=2022-12-31&key=nothing')).statusCode).toBe(404);

    // Withdrawn, Demoland's indicators leave the comparison at once (what the comparison keeps of a
    // strategy is kept for the plans published, and read again when they change).
    const withdrawn = await coordinator.request('DELETE', `/api/participants/DL/publications/${(published.json() as { id: number }).id}`);
    expect(withdrawn.statusCode).toBe(200);
    const gone = await get('/public/region?asOf=2022-12-31');
    expect(gone.body).not.toContain('Identified victims and presumed victims of trafficking');
    expect((await get(link.replace(/&amp;/g, '&'))).statusCode).toBe(404);
  });
});

describe('the regional picture signed in', () => {
  it('shows a regional body only what is published, and a coordinator all of their own Participant', async () => {
    const forRegional = (await regional.request('GET', '/api/regional?asOf=2022-06-30')).json() as { participants: { code: string }[] };
    expect(forRegional.participants.map((participant) => participant.code)).not.toContain('DL');
    expect(forRegional.participants.map((participant) => participant.code)).toEqual(expect.arrayContaining(['AL', 'ME', 'WM']));
    const forCoordinator = (await coordinator.request('GET', '/api/regional?asOf=2022-06-30')).json() as {
      participants: { code: string; validActionPlans: { id: string }[] }[];
    };
    const demoland = forCoordinator.participants.find((participant) => participant.code === 'DL');
    expect(demoland?.validActionPlans.map((plan) => plan.id)).toEqual(['AP-2021-2022']);
    const structures = (await regional.request('GET', '/api/regional/comparison?asOf=2020-07-31')).json() as {
      structures: { participants: { code: string; goals: { area: string }[] }[] };
    };
    const montenegro = structures.structures.participants.find((participant) => participant.code === 'ME');
    expect(montenegro?.goals.map((goal) => goal.area)).toEqual(['prevention', 'protection', 'prosecution', 'partnership']);
  });

  it('is closed signed out and to roles without the regional view', async () => {
    expect((await get('/api/regional/comparison?asOf=2022-06-30')).statusCode).toBe(401);
    const editor = await signInAs(server.app, demoEmail('editor'));
    expect((await editor.request('GET', '/api/regional/comparison?asOf=2022-06-30')).statusCode).toBe(403);
  });
});
