import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { workbookOf } from '../workbook/testing.ts';
import { columnLetter } from './recommendations.ts';

const BASE = '/api/participants/DL/strategies/NS-2021-2024/recommendations';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: TestServer;
let coordinator: Client;
let donor: Client;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  donor = await signInAs(server.app, demoEmail('donor'));
});
afterAll(async () => server?.close());

type FollowUp = {
  asOf: string;
  recommendations: {
    id: string;
    status: string;
    years: { year: number; status: string }[];
    activities: { id: string; status: string }[];
  }[];
};

async function followUp(client: Client, asOf = '2022-12-31'): Promise<FollowUp> {
  const response = await client.request('GET', `${BASE}/follow-up?asOf=${asOf}`);
  expect(response.statusCode).toBe(200);
  return response.json() as FollowUp;
}

describe('the follow-up of the recommendations through the API', () => {
  it('gives each recommendation’s status by year, GRETA first and the unaddressed first', async () => {
    const result = await followUp(donor);
    expect(result.asOf).toBe('2022-12-31');
    expect(result.recommendations.map((item) => [item.id, item.status])).toEqual([
      ['REC-05', 'not_addressed'],
      ['REC-03', 'in_progress'],
      ['REC-01', 'partly_implemented'],
      ['REC-02', 'partly_implemented'],
      ['REC-04', 'partly_implemented'],
      ['REC-06', 'partly_implemented'],
      ['REC-08', 'in_progress'],
      ['REC-07', 'in_progress'],
    ]);
    expect(result.recommendations[2]?.years).toEqual([
      expect.objectContaining({ year: 2020, status: 'not_addressed' }),
      expect.objectContaining({ year: 2021, status: 'partly_implemented' }),
      expect.objectContaining({ year: 2022, status: 'partly_implemented' }),
    ]);
    const wrong = await donor.request('GET', `${BASE}/follow-up?asOf=2022-02-30`);
    expect(wrong.statusCode).toBe(400);
  });

  it('writes the answers for GRETA as a Word document in the language asked for', async () => {
    const response = await donor.request('GET', `${BASE}/greta-answers.docx?asOf=2022-12-31&language=sr-Cyrl`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const xml = (await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('GRETA(2020)07, para. 45');
    expect(xml).toContain('A1.2.1');
    expect(xml).toContain('A1.2.3');
    expect(xml).toContain('Делимично спроведено');
    // GRETA's unaddressed REC-05 comes before REC-01, and both before the US TIP report's REC-06.
    const at = (text: string) => xml.indexOf(text);
    expect(at('GRETA(2020)07, para. 203')).toBeLessThan(at('GRETA(2020)07, para. 45'));
    expect(at('GRETA(2020)07, para. 45')).toBeLessThan(at('Trafficking in Persons Report 2020'));
  });
});

describe('importing recommendations from a workbook', () => {
  it('names the letters of columns', () => {
    expect([1, 3, 26, 27, 52].map(columnLetter)).toEqual(['A', 'C', 'Z', 'AA', 'AZ']);
  });

  it('lists every bad row by cell in the reader’s language and saves nothing', async () => {
    const file = await workbookOf({
      Recommendations: [
        ['Reference', 'Text', 'Strength', 'Source', 'Year'],
        ['GRETA(2024)03, para. 12', 'GRETA urges the authorities to train judges.', 'urges', '', ''],
        ['', 'No reference here.', 'strongly', 'greta', 'twenty'],
        ['GRETA(2020)07, para. 45', 'Already in the register.', 'urges', 'nobody', ''],
        ['GRETA(2024)03, para. 12', '', 'invites', '', '2024'],
      ],
    });
    const response = await coordinator.request('POST', `${BASE}/import`, file, { 'content-type': XLSX, 'accept-language': 'bs' });
    expect(response.statusCode).toBe(400);
    const issues = (response.json() as { error: { code: string; issues: { path: string; message: string }[] } }).error;
    expect(issues.code).toBe('VALIDATION_FAILED');
    expect(issues.issues.map((issue) => issue.path)).toEqual([
      'Recommendations!A3',
      'Recommendations!C3',
      'Recommendations!E3',
      'Recommendations!A4',
      'Recommendations!D4',
      'Recommendations!A5',
      'Recommendations!B5',
    ]);
    expect(issues.issues[1]?.message).toContain('strongly');
    const after = await followUp(coordinator);
    expect(after.recommendations).toHaveLength(8);

    const noColumns = await coordinator.request(
      'POST',
      `${BASE}/import`,
      await workbookOf({
        Sheet1: [
          ['Reference', 'Text'],
          ['X', 'Y'],
        ],
      }),
      {
        'content-type': XLSX,
      },
    );
    expect(noColumns.json()).toMatchObject({
      error: { issues: [{ path: 'Sheet1!1', message: 'The first row has no column “strength”.' }] },
    });
  });

  it('adds clean rows as recommendations of the strategy, all at once, once the strategy is open to changes', async () => {
    const file = await workbookOf({
      Sheet1: [
        ['reference', 'text', 'strength', 'source'],
        ['GRETA(2024)03, para. 12', 'GRETA urges the authorities to train judges.', 'urges', ''],
        ['TIP 2024, Demoland', 'Increase funding for shelters.', '', 'us_tip'],
      ],
    });
    const frozen = await coordinator.request('POST', `${BASE}/import`, file, { 'content-type': XLSX });
    expect(frozen.statusCode).toBe(409);
    expect((frozen.json() as { error: { code: string } }).error.code).toBe('DOCUMENT_FROZEN');

    const opened = await coordinator.request('POST', '/api/participants/DL/strategies/NS-2021-2024/amendments', {
      document: 'strategy',
      reason: 'Recommendations of the third evaluation round',
    });
    expect(opened.statusCode).toBe(200);
    const forbidden = await donor.request('POST', `${BASE}/import`, file, { 'content-type': XLSX });
    expect(forbidden.statusCode).toBe(403);

    const response = await coordinator.request('POST', `${BASE}/import`, file, { 'content-type': XLSX });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 2, codes: ['REC-09', 'REC-10'] });
    const after = await followUp(coordinator, '2024-12-31');
    const added = after.recommendations.filter((item) => item.id === 'REC-09' || item.id === 'REC-10');
    expect(added.map((item) => [item.id, item.status, item.years.map((year) => year.year)])).toEqual([
      ['REC-09', 'not_addressed', [2024]],
      ['REC-10', 'not_addressed', [2024]],
    ]);
    const audit = await coordinator.request('GET', '/api/participants/DL/audit');
    expect(JSON.stringify(audit.json())).toContain('REC-10');
  });
});
