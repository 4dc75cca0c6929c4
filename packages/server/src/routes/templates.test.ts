import { translator } from '@ariadne/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { WORKBOOK_LIMITS } from '../workbook/limits.ts';
import { sheetXml, workbookOf, workbookParts, zipOf } from '../workbook/testing.ts';

let server: TestServer;
let coordinator: Client;
let focalPoint: Client;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const ROUND = `${PLAN}/rounds/2022-H2`;
const POL = `${ROUND}/reports/POL`;
const MOI = `${ROUND}/reports/MOI`;

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
type Uploaded = { unchanged: boolean; version: number; status: string; flags: { path: string; message: string }[] };
type ReportBody = {
  version: number;
  activities: { activity: string; status: string; spent?: { source: string; amount: number }[]; narrative?: string }[];
  indicatorValues: { indicator: string; value: number; breakdown?: { dimension: string; category: string; value: number }[] }[];
};

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
    rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31' }],
  });
  expect(opened.statusCode).toBe(201);
});
afterAll(async () => server?.close());

async function download(client: Client, report = POL, language = 'en'): Promise<Buffer> {
  const response = await client.request('GET', `${report}/template.xlsx?language=${language}`);
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
}

function upload(client: Client, file: Buffer, report = POL) {
  return client.request('POST', `${report}/template`, file, { 'content-type': XLSX });
}

async function report(): Promise<ReportBody> {
  const response = await focalPoint.request('GET', POL);
  expect(response.statusCode).toBe(200);
  return response.json() as ReportBody;
}

async function auditCount(action: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entries WHERE action = ${action}`.execute(
    server.database.db,
  );
  return rows[0]?.n ?? 0;
}

async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The row of a sheet whose first cell is the code (and, on the indicators sheet, whose hidden key is `key`). */
function rowOf(sheet: ExcelJS.Worksheet, code: string, key = ''): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (found === undefined && row.getCell(1).value === code && String(row.getCell(10).value ?? '') === key) found = row;
  });
  if (!found) throw new Error(`no row ${code} ${key}`);
  return found;
}

type Sheets = { activities: ExcelJS.Worksheet; indicators: ExcelJS.Worksheet };

/** The template with cells changed as a person would in Excel. */
async function filled(file: Buffer, edit: (sheets: Sheets) => void): Promise<Buffer> {
  const workbook = await load(file);
  const activities = workbook.getWorksheet('Activities');
  const indicators = workbook.getWorksheet('Indicators');
  if (!activities || !indicators) throw new Error('sheets missing');
  edit({ activities, indicators });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Columns of the activities sheet: F status, G–J spent (state budget, local budget, donors, other), K narrative. */
function fillGood({ activities, indicators }: Sheets): void {
  const activity = rowOf(activities, 'A1.1.1');
  activity.getCell(6).value = 'Ongoing';
  activity.getCell(7).value = 1500;
  activity.getCell(11).value = 'Trained 40 officers';
  rowOf(indicators, 'A1.3.2-I1').getCell(7).value = 10;
  rowOf(indicators, 'A1.3.2-I1', 'sex:female').getCell(7).value = 6;
  rowOf(indicators, 'A1.3.2-I1', 'sex:male').getCell(7).value = 4;
}

describe('the template of a report', () => {
  it('has the instructions, the activities and indicators with locked codes, and a hidden identity', async () => {
    const workbook = await load(await download(focalPoint));
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Instructions', 'visible'],
      ['Activities', 'visible'],
      ['Indicators', 'visible'],
      ['ariadne', 'veryHidden'],
    ]);
    const activities = workbook.getWorksheet('Activities');
    const indicators = workbook.getWorksheet('Indicators');
    if (!activities || !indicators) throw new Error('sheets missing');
    const row = rowOf(activities, 'A1.1.1');
    expect(row.getCell(1).protection?.locked).not.toBe(false);
    expect(row.getCell(6).protection?.locked).toBe(false);
    // A partner's activity it never reported on starts blank (nothing to report); its own, from its last report.
    expect(row.getCell(6).value).toBeNull();
    expect(rowOf(activities, 'A5.2.3').getCell(6).value).toBe('Ongoing');
    expect(row.getCell(6).dataValidation).toMatchObject({ type: 'list', formulae: ['"Not started,Ongoing,Completed,Delayed,Cancelled"'] });
    expect(row.getCell(7).numFmt).toContain('€');
    expect(rowOf(indicators, 'A1.3.2-I1', 'sex:female').getCell(6).value).toBe('Female');
    expect(rowOf(indicators, 'A1.3.2-I1', 'sex:female').getCell(9).value).toContain('must add up to the total');
    const identity = workbook.getWorksheet('ariadne');
    const values = new Map<string, unknown>();
    identity?.eachRow((line) => values.set(String(line.getCell(1).value), line.getCell(2).value));
    expect(Object.fromEntries(values)).toMatchObject({ participant: 'DL', plan: 'AP-2021-2022', round: '2022-H2', institution: 'POL' });
    expect(values.get('version')).toBe((await report()).version);

    const albanian = await load(await download(focalPoint, POL, 'sq'));
    expect(albanian.worksheets.map((sheet) => sheet.name).slice(0, 3)).toEqual(['Udhëzime', 'Aktivitetet', 'Treguesit']);
  });

  it('is not for the focal point of another institution', async () => {
    expect((await focalPoint.request('GET', `${MOI}/template.xlsx`)).statusCode).toBe(403);
    expect((await upload(focalPoint, await workbookOf({ A: [['x']] }), MOI)).statusCode).toBe(403);
    expect((await coordinator.request('GET', `${MOI}/template.xlsx`)).statusCode).toBe(200);
  });
});

describe('uploading a filled template', () => {
  let original: Buffer;
  let first: Buffer;

  it('saves the report’s content, once: the same file again changes nothing', async () => {
    original = await download(focalPoint);
    const before = await report();
    first = await filled(original, fillGood);
    const response = await upload(focalPoint, first);
    expect(response.statusCode).toBe(200);
    const answer = response.json() as Uploaded;
    expect(answer).toMatchObject({ unchanged: false, version: before.version + 1, status: 'draft' });

    const saved = await report();
    expect(saved.version).toBe(before.version + 1);
    expect(saved.activities.find((entry) => entry.activity === 'A1.1.1')).toEqual({
      activity: 'A1.1.1',
      status: 'ongoing',
      spent: [{ source: 'state_budget', amount: 1500 }],
      narrative: 'Trained 40 officers',
    });
    expect(saved.indicatorValues.find((value) => value.indicator === 'A1.3.2-I1')).toEqual({
      indicator: 'A1.3.2-I1',
      value: 10,
      breakdown: [
        { dimension: 'sex', category: 'female', value: 6 },
        { dimension: 'sex', category: 'male', value: 4 },
      ],
    });
    expect(await auditCount('report.template_uploaded')).toBe(1);

    const again = await upload(focalPoint, first);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ unchanged: true, version: before.version + 1 });
    expect((await report()).version).toBe(before.version + 1);
    expect(await auditCount('report.template_uploaded')).toBe(1);
  });

  it('refuses a template of an older version of the report, saving nothing', async () => {
    const before = await report();
    const stale = await filled(original, ({ activities }) => {
      rowOf(activities, 'A1.1.1').getCell(6).value = 'Completed';
    });
    const response = await upload(focalPoint, stale);
    expect(response.statusCode).toBe(409);
    expect((response.json() as ErrorBody).error.code).toBe('TEMPLATE_OUTDATED');
    expect(await report()).toEqual(before);
  });

  it('refuses the template of another report, naming it', async () => {
    const other = await filled(await download(coordinator, MOI), () => undefined);
    const response = await upload(coordinator, other);
    expect(response.statusCode).toBe(409);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('TEMPLATE_OTHER_REPORT');
    expect(body.error.message).toContain('MOI');
  });

  it('lists every problem with its sheet, row and column, in the reader’s language, and saves nothing', async () => {
    const before = await report();
    const current = await download(focalPoint);
    let donorRow = 0;
    let femaleRow = 0;
    const wrong = await filled(current, ({ activities, indicators }) => {
      const activity = rowOf(activities, 'A1.1.1');
      donorRow = activity.number;
      activity.getCell(9).value = 'a lot';
      rowOf(indicators, 'A1.3.2-I1').getCell(7).value = 10;
      const female = rowOf(indicators, 'A1.3.2-I1', 'sex:female');
      femaleRow = female.number;
      female.getCell(7).value = 3;
      rowOf(indicators, 'A1.3.2-I1', 'sex:male').getCell(7).value = 4;
    });
    const response = await upload(focalPoint, wrong);
    expect(response.statusCode).toBe(400);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues).toEqual([
      { path: `Activities!I${donorRow}`, message: 'Expected a number, such as 1234.50 or 1.234,50.' },
      { path: `Indicators!G${femaleRow}`, message: 'The parts by sex add up to 7, but the total is 10.' },
    ]);
    expect(await report()).toEqual(before);

    const serbian = await focalPoint.request('POST', `${POL}/template`, wrong, { 'content-type': XLSX, 'accept-language': 'sr-Latn' });
    expect((serbian.json() as ErrorBody).error.issues?.[1]?.message).toMatch(/ukupn/i);
  });

  it('reads an unknown status and a changed code as problems of their cells', async () => {
    const wrong = await filled(await download(focalPoint), ({ activities }) => {
      rowOf(activities, 'A1.1.1').getCell(6).value = 'Almost done';
      rowOf(activities, 'A1.3.1').getCell(1).value = 'Z9.9.9';
    });
    const response = await upload(focalPoint, wrong);
    expect(response.statusCode).toBe(400);
    const messages = (response.json() as ErrorBody).error.issues?.map((issue) => `${issue.path} ${issue.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^Activities!F\d+ “Almost done” is not one of the values/),
      expect.stringMatching(/^Activities!A\d+ Activity “Z9.9.9” is not among the activities of this report/),
    ]);
  });

  it('reads statuses in any of the languages', async () => {
    // A template in Serbian (Cyrillic), its sheets named in Cyrillic, with a status written in Albanian.
    const workbook = await load(await download(focalPoint, POL, 'sr-Cyrl'));
    const sheet = workbook.worksheets[1];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('Активности');
    rowOf(sheet, 'A2.1.2').getCell(6).value = translator('sq')('app.activityStatus.completed');
    const response = await upload(focalPoint, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(response.statusCode).toBe(200);
    expect((await report()).activities.find((entry) => entry.activity === 'A2.1.2')?.status).toBe('completed');
  });

  it('reads the value a formula shows, never evaluating it', async () => {
    const formula = await filled(await download(focalPoint), ({ indicators }) => {
      rowOf(indicators, 'A1.1.1-I1').getCell(7).value = { formula: '1+1', result: 7 };
      rowOf(indicators, 'A1.1.1-I2').getCell(7).value = { formula: 'WEBSERVICE("http://example.org")' };
    });
    const response = await upload(focalPoint, formula);
    expect(response.statusCode).toBe(200);
    const values = (await report()).indicatorValues;
    expect(values.find((value) => value.indicator === 'A1.1.1-I1')?.value).toBe(7);
    expect(values.find((value) => value.indicator === 'A1.1.1-I2')).toBeUndefined();
  });

  it('refuses what is not a template: an oversize file, a PDF, a zip bomb, another workbook', async () => {
    const before = await report();
    const oversize = await upload(focalPoint, Buffer.alloc(WORKBOOK_LIMITS.maxBytes + 1));
    expect(oversize.statusCode).toBe(413);

    const pdf = await upload(focalPoint, Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'));
    expect(pdf.statusCode).toBe(400);
    expect((pdf.json() as ErrorBody).error.issues?.[0]?.message).toContain('not an Excel workbook');

    const bomb = zipOf([
      ...workbookParts(sheetXml([['A1.1.1']])),
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.alloc(WORKBOOK_LIMITS.maxUnpackedBytes + 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const bombed = await upload(focalPoint, bomb);
    expect(bombed.statusCode).toBe(400);
    expect((bombed.json() as ErrorBody).error.issues?.[0]?.message).toContain('MB of data');

    const plain = await upload(
      focalPoint,
      await workbookOf({
        Activities: [
          ['Code', 'Status'],
          ['A1.1.1', 'Ongoing'],
        ],
      }),
    );
    expect(plain.statusCode).toBe(400);
    expect((plain.json() as ErrorBody).error.issues?.[0]?.message).toContain('not an Ariadne report template');
    expect(await report()).toEqual(before);
  });
});

describe('all templates of a round', () => {
  it('are prepared in the background and downloaded as one zip, one template per report', async () => {
    const started = await coordinator.request('POST', `${ROUND}/templates`);
    expect(started.statusCode).toBe(202);
    const { job, total } = started.json() as { job: string; total: number };
    const reports = await server.database.db
      .selectFrom('monitoring_reports')
      .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
      .innerJoin('institutions', 'institutions.id', 'monitoring_reports.institution_id')
      .select('institutions.code')
      .where('monitoring_rounds.code', '=', '2022-H2')
      .execute();
    expect(total).toBe(reports.length);

    let progress = { done: 0, total, ready: false };
    for (let attempt = 0; attempt < 200 && !progress.ready; attempt += 1) {
      const polled = await coordinator.request('GET', `${ROUND}/templates/${job}`);
      expect(polled.statusCode).toBe(200);
      progress = polled.json() as typeof progress;
      expect(progress.done).toBeLessThanOrEqual(total);
      if (!progress.ready) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(progress).toEqual({ done: total, total, ready: true });

    const zipped = await coordinator.request('GET', `${ROUND}/templates/${job}/download`);
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-type']).toBe('application/zip');
    expect(zipped.headers['content-disposition']).toContain('DL-AP-2021-2022-2022-H2-templates.zip');
    const zip = await JSZip.loadAsync(zipped.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(reports.map((row) => `DL-AP-2021-2022-2022-H2-${row.code}.xlsx`).sort());
    const one = await zip.file('DL-AP-2021-2022-2022-H2-MOI.xlsx')?.async('nodebuffer');
    if (!one) throw new Error('no MOI template');
    expect((await load(one)).worksheets).toHaveLength(4);

    // The job is its user's own; the round's templates are the coordinator's to prepare.
    expect((await focalPoint.request('GET', `${ROUND}/templates/${job}`)).statusCode).toBe(403);
    expect((await focalPoint.request('POST', `${ROUND}/templates`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', `${ROUND}/templates/not-a-job`)).statusCode).toBe(404);
  });
});
