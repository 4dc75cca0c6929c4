import { readFileSync } from 'node:fs';
import type { Activity, PlanPackage } from '@ariadne/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { WORKBOOK_LIMITS } from '../workbook/limits.ts';
import { workbookOf } from '../workbook/testing.ts';
import { XLSX_CONTENT_TYPE } from './workbook.ts';

const DEMOLAND_TEXT = readFileSync(new URL('../../demo/demoland.plan.json', import.meta.url), 'utf8');
const demoland = (): PlanPackage => JSON.parse(DEMOLAND_TEXT) as PlanPackage;

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
type Sheets = {
  upload: string;
  expiresInMinutes: number;
  sheets: { name: string; rowCount: number; headerRow: number; header: string[]; sample: string[][]; mapping: Record<string, unknown> }[];
};
type Preview = {
  rows: {
    row: number;
    values: Record<string, unknown>;
    activity: Activity | null;
    issues: { field: string; column: string | null; path: string; message: string }[];
  }[];
  unknownInstitutions: { name: string; rows: number[]; suggestions: string[] }[];
  newInstitutions: unknown[];
  issues: { path: string; message: string }[];
  summary: { rows: number; ready: number; withErrors: number; totalCost: number; currency: string };
};

const BASE = '/api/participants/DL/action-plans';
let server: TestServer;
let coordinator: Client;
let editor: Client;
let observer: Client;
let donor: Client;
let focalPoint: Client;
let regional: Client;

/** A draft action plan of its own, in a strategy of its own, to import into. */
async function draftPlan(suffix: string, activities: Activity[] = []): Promise<string> {
  const plan = demoland();
  plan.strategy.id = `NS-XL-${suffix}`;
  plan.strategy.status = 'draft';
  delete plan.strategy.adoptedOn;
  delete plan.strategy.adoptedBy;
  delete plan.monitoring;
  plan.actionPlans = [
    { id: `AP-XL-${suffix}`, title: `Excel ${suffix}`, start: '2025-01-01', end: '2026-12-31', status: 'draft', activities },
  ];
  const response = await coordinator.request('POST', '/api/plan-packages', plan);
  if (response.statusCode !== 201) throw new Error(`the draft plan could not be imported: ${response.body}`);
  return `AP-XL-${suffix}`;
}

function upload(client: Client, planId: string, file: Buffer) {
  return client.request('POST', `${BASE}/${planId}/excel-import/sheets`, file, { 'content-type': XLSX_CONTENT_TYPE });
}

async function uploaded(client: Client, planId: string, file: Buffer): Promise<Sheets> {
  const response = await upload(client, planId, file);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Sheets;
}

async function activitiesOf(strategy: string, planId: string): Promise<Activity[]> {
  const response = await coordinator.request('GET', `/api/participants/DL/strategies/${strategy}/package`);
  const plan = response.json() as PlanPackage;
  return plan.actionPlans.find((actionPlan) => actionPlan.id === planId)?.activities ?? [];
}

async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(server.database.db);
  return Number(rows[0]?.n ?? -1);
}

const HEADER = [
  'Code',
  'Objective',
  'Activity',
  'Lead institution',
  'Start',
  'End',
  'Cost',
  'Funding source',
  'Indicator',
  'Baseline',
  'Target',
];

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  editor = await signInAs(server.app, demoEmail('editor'));
  observer = await signInAs(server.app, demoEmail('observer'));
  donor = await signInAs(server.app, demoEmail('donor'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
  regional = await signInAs(server.app, demoEmail('regional'));
});
afterAll(async () => server?.close());

describe('uploading a workbook', () => {
  it('lists the sheets with their first rows, the header row and the mapping guessed', async () => {
    const planId = await draftPlan('list');
    const file = await workbookOf({
      Notes: [['Nothing to import here']],
      Plan: [['Action plan 2025'], [], HEADER, ['A9.1', 'O1.1', 'Train', 'MOI', 'Q1 2025', 'Q4 2025', 1000, 'Donors', 'Trained', 0, 40]],
    });
    const sheets = await uploaded(editor, planId, file);
    expect(sheets.upload).toMatch(/^[\w-]{20,}$/);
    expect(sheets.expiresInMinutes).toBe(30);
    expect(sheets.sheets.map((sheet) => [sheet.name, sheet.rowCount, sheet.headerRow])).toEqual([
      ['Notes', 1, 1],
      ['Plan', 4, 3],
    ]);
    const plan = sheets.sheets[1];
    expect(plan?.header).toEqual(HEADER);
    expect(plan?.sample[3]).toEqual(['A9.1', 'O1.1', 'Train', 'MOI', 'Q1 2025', 'Q4 2025', '1000', 'Donors', 'Trained', '0', '40']);
    expect(plan?.mapping).toEqual({
      code: 0,
      objective: 1,
      title: 2,
      lead: 3,
      start: 4,
      end: 5,
      cost: 6,
      source: 7,
      indicator: 8,
      baseline: 9,
      target: 10,
    });
  });

  it('refuses a file over 10 MB, what is not a workbook, and another content type', async () => {
    const planId = await draftPlan('refuse');
    const large = await upload(editor, planId, Buffer.alloc(WORKBOOK_LIMITS.maxBytes + 1, 1));
    expect(large.statusCode).toBe(413);
    expect((large.json() as ErrorBody).error.issues).toEqual([{ path: 'file', message: 'The file is larger than 10 MB.' }]);

    const text = await upload(editor, planId, Buffer.from('Code;Activity\nA1;Train\n'));
    expect(text.statusCode).toBe(400);
    expect((text.json() as ErrorBody).error.issues).toEqual([
      { path: 'file', message: 'This is not an Excel workbook (.xlsx). Save the file as an Excel workbook and try again.' },
    ]);

    const xls = await upload(
      editor,
      planId,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    );
    expect((xls.json() as ErrorBody).error.issues?.[0]?.message).toBe(
      'This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx).',
    );

    const json = await editor.request('POST', `${BASE}/${planId}/excel-import/sheets`, { not: 'a workbook' });
    expect(json.statusCode).toBe(415);

    const rows = Array.from({ length: WORKBOOK_LIMITS.maxRows + 1 }, (_, index) => [`A${index}`]);
    const long = await upload(editor, planId, await workbookOf({ Long: rows }));
    expect(long.statusCode).toBe(400);
    expect((long.json() as ErrorBody).error.issues).toEqual([
      { path: 'file', message: 'The sheet “Long” has more than 5000 rows. Remove the rows that are not activities, or split the sheet.' },
    ]);
  });

  it('answers in the language of the request', async () => {
    const planId = await draftPlan('language');
    const response = await upload(editor, planId, Buffer.from('nope'));
    const mk = await editor.request('POST', `${BASE}/${planId}/excel-import/sheets`, Buffer.from('nope'), {
      'content-type': XLSX_CONTENT_TYPE,
      'accept-language': 'mk',
    });
    expect(response.statusCode).toBe(400);
    expect((mk.json() as ErrorBody).error.issues?.[0]?.message).toMatch(/^Ова не е работна книга на Excel/);
  });
});

describe('previewing and importing', () => {
  const ROWS: unknown[][] = [
    HEADER,
    [
      'A9.1',
      'O1.1',
      'Train labour inspectors',
      'Ministry of Labour and Social Policy',
      'Q2 2025',
      'Q4 2025',
      '12.500,00',
      'Donors',
      'Inspectors trained',
      0,
      40,
    ],
    ['A9.2', 'O9.9', 'Hotline campaign', 'Velmora Youth Club', 'sometime', 'Q4 2025', 2000, 'State budget', null, null, null],
    [null, 'O2.1', 'Third activity', 'MOI', '2025-05-01', '2025-06-30', null, null, null, null, null],
  ];

  it('shows each row with its problems, and takes corrections and matches', async () => {
    const planId = await draftPlan('preview');
    const sheets = await uploaded(editor, planId, await workbookOf({ Plan: ROWS }));
    const body = { upload: sheets.upload, sheet: 'Plan', headerRow: 1, mapping: sheets.sheets[0]?.mapping };
    const first = await editor.request('POST', `${BASE}/${planId}/excel-import/preview`, body);
    expect(first.statusCode, first.body).toBe(200);
    const preview = first.json() as Preview;
    expect(preview.summary).toMatchObject({ rows: 3, ready: 2, withErrors: 1, currency: 'EUR', totalCost: 12500 });
    expect(preview.rows[1]?.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'row 3, column B: No objective of the strategy has the code or the title “O9.9”.',
      'row 3, column D: “Velmora Youth Club” is not in the register of institutions: match it to an institution of the register, or create it.',
      'row 3, column E: Expected a date (2025-03-31 or 31.03.2025), a month (2025-03), a quarter (Q2 2025), a half year (H1 2025) or a year (2025).',
    ]);
    expect(preview.unknownInstitutions).toEqual([{ name: 'Velmora Youth Club', rows: [3], suggestions: [] }]);
    expect(preview.rows[0]?.activity).toMatchObject({
      id: 'A9.1',
      lead: 'MLSP',
      start: '2025-04-01',
      costs: [{ amount: 12500, source: 'donor' }],
    });
    expect(preview.rows[2]?.activity?.id).toBe('A2.1.1');

    const fixed = await editor.request('POST', `${BASE}/${planId}/excel-import/preview`, {
      ...body,
      fixes: [
        { row: 3, field: 'objective', value: 'O2.1' },
        { row: 3, field: 'start', value: 'Q3 2025' },
      ],
      institutionMatches: {
        'Velmora Youth Club': { create: { id: 'NGO-VYC', name: 'Velmora Youth Club', type: 'ngo', level: 'local', area: 'Velmora' } },
      },
    });
    const after = fixed.json() as Preview;
    expect(after.summary).toMatchObject({ rows: 3, ready: 3, withErrors: 0 });
    expect(after.unknownInstitutions).toEqual([]);
    expect(after.rows[1]?.values).toMatchObject({ objective: 'O2.1', start: 'Q3 2025' });
    expect(after.rows[1]?.activity).toMatchObject({ id: 'A9.2', objective: 'O2.1', lead: 'NGO-VYC', start: '2025-07-01' });
  });

  it('imports all rows or none, with new institutions, and audits it', async () => {
    const planId = await draftPlan('commit');
    const sheets = await uploaded(editor, planId, await workbookOf({ Plan: ROWS }));
    const body = { upload: sheets.upload, sheet: 'Plan', headerRow: 1, mapping: sheets.sheets[0]?.mapping };
    const institutionsBefore = await count('institutions');

    const refused = await editor.request('POST', `${BASE}/${planId}/excel-import/commit`, body);
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual([
      'row 3, column B',
      'row 3, column D',
      'row 3, column E',
    ]);
    expect(await activitiesOf('NS-XL-commit', planId)).toEqual([]);

    const matches = { 'Velmora Youth Club': { create: { id: 'NGO-VYC2', name: 'Velmora Youth Club', type: 'ngo', level: 'local' } } };
    const fixes = [
      { row: 3, field: 'objective', value: 'O2.1' },
      { row: 3, field: 'start', value: 'Q3 2025' },
    ];
    const committed = await editor.request('POST', `${BASE}/${planId}/excel-import/commit`, {
      ...body,
      fixes,
      institutionMatches: matches,
    });
    expect(committed.statusCode, committed.body).toBe(201);
    expect(committed.json()).toEqual({ activities: ['A9.1', 'A9.2', 'A2.1.1'], indicators: 1, institutions: ['NGO-VYC2'] });
    expect(await count('institutions')).toBe(institutionsBefore + 1);
    const activities = await activitiesOf('NS-XL-commit', planId);
    expect(activities.map((activity) => [activity.id, activity.objective, activity.lead])).toEqual([
      ['A9.1', 'O1.1', 'MLSP'],
      ['A9.2', 'O2.1', 'NGO-VYC2'],
      ['A2.1.1', 'O2.1', 'MOI'],
    ]);
    expect(activities[0]?.indicators).toEqual([
      {
        id: 'A9.1-I1',
        name: 'Inspectors trained',
        level: 'output',
        measure: 'number',
        baseline: { value: 0, year: 2024 },
        target: { value: 40, year: 2025 },
      },
    ]);
    const { rows: audit } = await sql<{
      action: string;
      entity_id: string;
    }>`SELECT action, entity_id FROM audit_entries WHERE action = 'plan.excel_import'`.execute(server.database.db);
    expect(audit).toEqual([{ action: 'plan.excel_import', entity_id: planId }]);

    // The upload is used up.
    const again = await editor.request('POST', `${BASE}/${planId}/excel-import/commit`, body);
    expect(again.statusCode).toBe(404);
    expect((again.json() as ErrorBody).error.issues?.[0]?.message).toBe(
      'The uploaded file is no longer available. Please upload it again.',
    );
  });

  it('leaves nothing behind when the editing command refuses an edit', async () => {
    const planId = await draftPlan('rollback');
    const sheets = await uploaded(
      editor,
      planId,
      await workbookOf({ Plan: [HEADER, ['A9.1', 'O1.1', 'One', 'Brand New Body', null, null, 5, null, null, null, null]] }),
    );
    // An amount the database cannot hold passes the sheet's checks and is refused by the command.
    const institutionsBefore = await count('institutions');
    const response = await editor.request('POST', `${BASE}/${planId}/excel-import/commit`, {
      upload: sheets.upload,
      sheet: 'Plan',
      headerRow: 1,
      mapping: sheets.sheets[0]?.mapping,
      fixes: [{ row: 2, field: 'cost', value: 99_999_999_999_999 }],
      institutionMatches: { 'Brand New Body': { create: { id: 'NEW-BODY', name: 'Brand New Body', type: 'other', level: 'national' } } },
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.issues?.[0]?.path).toBe('row 2, cost');
    expect(await count('institutions')).toBe(institutionsBefore);
    expect(await activitiesOf('NS-XL-rollback', planId)).toEqual([]);
  });

  it('refuses an adopted plan without an open amendment, at the upload and at the import', async () => {
    const early = await upload(coordinator, 'AP-2021-2022', await workbookOf({ Plan: [HEADER, ['A9.9', 'O1.1', 'Late addition', 'MOI']] }));
    expect(early.statusCode).toBe(409);
    expect((early.json() as ErrorBody).error.code).toBe('DOCUMENT_FROZEN');

    // Adopted while the user was checking the rows.
    const planId = await draftPlan('frozen');
    const sheets = await uploaded(coordinator, planId, await workbookOf({ Plan: [HEADER, ['A9.9', 'O1.1', 'Late addition', 'MOI']] }));
    await sql`UPDATE action_plans SET status = 'adopted', adopted_on = '2025-01-15' WHERE code = ${planId}`.execute(server.database.db);
    const response = await coordinator.request('POST', `${BASE}/${planId}/excel-import/commit`, {
      upload: sheets.upload,
      sheet: 'Plan',
      headerRow: 1,
      mapping: sheets.sheets[0]?.mapping,
    });
    expect(response.statusCode).toBe(409);
    expect((response.json() as ErrorBody).error.code).toBe('DOCUMENT_FROZEN');
    expect(await activitiesOf('NS-XL-frozen', planId)).toEqual([]);
  });

  it('keeps an upload to its user and plan, and names a missing sheet', async () => {
    const planId = await draftPlan('owner');
    const sheets = await uploaded(editor, planId, await workbookOf({ Plan: [HEADER] }));
    const body = { upload: sheets.upload, sheet: 'Plan', headerRow: 1, mapping: { title: 2 } };
    expect((await coordinator.request('POST', `${BASE}/${planId}/excel-import/preview`, body)).statusCode).toBe(404);
    expect((await editor.request('POST', `${BASE}/AP-2023-2024/excel-import/preview`, body)).statusCode).toBe(404);
    const missing = await editor.request('POST', `${BASE}/${planId}/excel-import/preview`, { ...body, sheet: 'Nope' });
    expect((missing.json() as ErrorBody).error.issues).toEqual([{ path: 'sheet', message: 'The workbook has no sheet “Nope”.' }]);
    const empty = await editor.request('POST', `${BASE}/${planId}/excel-import/commit`, body);
    expect((empty.json() as ErrorBody).error.issues).toEqual([{ path: 'sheet', message: 'The sheet has no activities to import.' }]);
  });
});

describe('downloading workbooks', () => {
  it('downloads the activities, styled, and imports them back into an empty draft plan as they were', async () => {
    const response = await observer.request('GET', `${BASE}/AP-2023-2024/activities.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers['content-disposition']).toBe('attachment; filename="DL-AP-2023-2024-activities.xlsx"');
    const file = response.rawPayload;

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Activities');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeDefined();
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.getCell('K1').value).toBe('Cost 2023');
    expect(sheet?.getCell('K2').numFmt).toBe('#,##0.00 "€"');
    expect(sheet?.getCell('G2').value).toBeInstanceOf(Date);
    expect(sheet?.rowCount).toBe(14);

    const planId = await draftPlan('round-trip');
    const sheets = await uploaded(editor, planId, file);
    const [first] = sheets.sheets;
    const body = { upload: sheets.upload, sheet: first?.name, headerRow: first?.headerRow, mapping: first?.mapping };
    const preview = (await editor.request('POST', `${BASE}/${planId}/excel-import/preview`, body)).json() as Preview;
    expect(preview.summary).toMatchObject({ rows: 13, ready: 13, withErrors: 0 });
    const committed = await editor.request('POST', `${BASE}/${planId}/excel-import/commit`, body);
    expect(committed.statusCode, committed.body).toBe(201);

    const original = demoland().actionPlans.find((plan) => plan.id === 'AP-2023-2024')?.activities ?? [];
    // The sheet carries an indicator's name, baseline and target; its other details take their defaults.
    const expected = original.map((activity) => ({
      ...activity,
      ...(activity.indicators
        ? {
            indicators: activity.indicators.map(({ id, name, baseline, target }) => ({
              id,
              name,
              level: 'output',
              measure: 'number',
              ...(baseline ? { baseline: { value: baseline.value, year: baseline.year } } : {}),
              ...(target ? { target } : {}),
            })),
          }
        : {}),
    }));
    expect(await activitiesOf('NS-XL-round-trip', planId)).toEqual(expected);
  });

  it('downloads the activities in the language of the request', async () => {
    const response = await observer.request('GET', `${BASE}/AP-2023-2024/activities.xlsx`, undefined, { 'accept-language': 'sq' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Aktivitetet');
    expect(sheet?.getCell('C1').value).toBe('Kodi');
    const chosen = await observer.request('GET', `${BASE}/AP-2023-2024/activities.xlsx?language=mk`, undefined, {
      'accept-language': 'sq',
    });
    const macedonian = new ExcelJS.Workbook();
    await macedonian.xlsx.load(chosen.rawPayload as unknown as ExcelJS.Buffer);
    expect(macedonian.worksheets[0]?.getCell('C1').value).toBe('Шифра');
  });

  it('downloads the donor view: unfunded activities with cost, area and lead, and the total', async () => {
    const response = await donor.request('GET', `${BASE}/AP-2023-2024/donor-view.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="DL-AP-2023-2024-donor-view.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Donor view');
    const values = (row: number) => (sheet?.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Code', 'Activity', 'Area', 'Goal', 'Objective', 'Lead institution', 'Total cost', 'Unfunded']);
    expect(values(2)).toEqual([
      'A1.1.5',
      'Establish local anti-trafficking teams in four more municipalities',
      'Supporting framework',
      'G1',
      'O1.1',
      'Office of the National Anti-Trafficking Coordinator',
      26000,
      16000,
    ]);
    const last = sheet?.rowCount ?? 0;
    expect(values(last)[0]).toBe('Total');
    const costs = (await coordinator.request('GET', `${BASE}/AP-2023-2024/costs`)).json() as { donorView: { totalUnfunded: number } };
    expect(values(last)[7]).toBe(costs.donorView.totalUnfunded);
  });

  it('is refused to roles without the right, and for plans that do not exist', async () => {
    expect((await upload(observer, 'AP-2023-2024', await workbookOf({ Plan: [HEADER] }))).statusCode).toBe(403);
    expect((await upload(donor, 'AP-2023-2024', Buffer.from('x'))).statusCode).toBe(403);
    expect((await focalPoint.request('GET', `${BASE}/AP-2023-2024/donor-view.xlsx`)).statusCode).toBe(403);
    expect((await focalPoint.request('GET', `${BASE}/AP-2023-2024/activities.xlsx`)).statusCode).toBe(200);
    expect((await regional.request('GET', `${BASE}/AP-2023-2024/activities.xlsx`)).statusCode).toBe(403);
    expect((await regional.request('GET', `/api/participants/WM/action-plans/AP-2023-2024/activities.xlsx`)).statusCode).toBe(403);
    expect((await coordinator.request('GET', `/api/participants/WM/action-plans/AP-2023-2024/activities.xlsx`)).statusCode).toBe(404);
    expect((await coordinator.request('GET', `${BASE}/AP-NOPE/activities.xlsx`)).statusCode).toBe(404);
    expect((await coordinator.request('GET', `${BASE}/AP-NOPE/donor-view.xlsx`)).statusCode).toBe(404);
    expect((await upload(coordinator, 'AP-NOPE', await workbookOf({ Plan: [HEADER] }))).statusCode).toBe(404);
  });
});
