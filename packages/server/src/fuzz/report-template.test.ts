import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';
import { tableCounts } from './counts.ts';
import { byteMutation, FUZZ_TIMEOUT, fuzzRuns, fuzzSeed, mutateBytes } from './mutate.ts';

// Damaged Excel reporting templates uploaded by a focal point: cells given values of every kind,
// rows and sheets taken away, bytes of the file changed. Never a crash, a hang or a 500; a refusal
// names where the problem is, and saves nothing. `npm run fuzz` tries many more.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';
const ROUND = `${PLAN}/rounds/2022-H2`;
const POL = `${ROUND}/reports/POL`;

type CellDamage = { sheet: number; row: number; column: number; value: ExcelJS.CellValue | 'remove-row' | 'remove-sheet' | 'rename-sheet' };

const cellValue: fc.Arbitrary<CellDamage['value']> = fc.oneof<fc.Arbitrary<CellDamage['value']>[]>(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(-1, 0, 1e308, 2 ** 53 + 1, 0.30000000000000004),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', 'ongoing', 'Completed', 'yes', '1,5', '1.000,50', '=1/0', 'ariadne-report-template/2', 'x'.repeat(40_000)),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.constant<ExcelJS.CellValue>({ formula: 'SUM(A1:A2)', result: 7 } as ExcelJS.CellFormulaValue),
  fc.constant<ExcelJS.CellValue>({ error: '#DIV/0!' } as ExcelJS.CellErrorValue),
  fc.constant<ExcelJS.CellValue>({ richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] }),
  fc.constant<ExcelJS.CellValue>({ text: 'link', hyperlink: 'https://example.org' }),
  fc.constantFrom('remove-row' as const, 'remove-sheet' as const, 'rename-sheet' as const),
);

const cellDamage: fc.Arbitrary<CellDamage> = fc.record({
  sheet: fc.nat(),
  row: fc.integer({ min: 1, max: 40 }),
  column: fc.integer({ min: 1, max: 14 }),
  value: cellValue,
});

async function damageCells(file: Buffer, damages: readonly CellDamage[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  for (const damage of damages) {
    const sheets = workbook.worksheets;
    if (sheets.length === 0) break;
    const sheet = sheets[damage.sheet % sheets.length]!;
    if (damage.value === 'remove-row') sheet.spliceRows(damage.row, 1);
    else if (damage.value === 'remove-sheet') workbook.removeWorksheet(sheet.id);
    else if (damage.value === 'rename-sheet') sheet.name = `Sheet ${damage.row}`;
    else sheet.getRow(damage.row).getCell(damage.column).value = damage.value;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the Excel reporting template, uploaded damaged', () => {
  let server: TestServer;
  let focalPoint: Client;
  let template: Buffer;

  beforeAll(async () => {
    server = await startTestServer();
    const coordinator = await signInAs(server.app, demoEmail('coordinator'));
    focalPoint = await signInAs(server.app, demoEmail('focal_point'));
    const opened = await coordinator.request('POST', `${PLAN}/rounds`, {
      rounds: [{ id: '2022-H2', periodStart: '2022-07-01', periodEnd: '2022-12-31' }],
    });
    expect(opened.statusCode).toBe(201);
    template = await download();
  }, 300_000);
  afterAll(async () => server?.close());

  async function download(): Promise<Buffer> {
    const response = await focalPoint.request('GET', `${POL}/template.xlsx?language=en`);
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  }

  /** Uploads a file and checks the answer: never 500, a refusal with a message (and issues with places), nothing saved. */
  async function uploadAndCheck(file: Buffer): Promise<number> {
    const before = await tableCounts(server.database);
    const response = await focalPoint.request('POST', `${POL}/template`, file, { 'content-type': XLSX });
    expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500);
    if (response.statusCode === 200) {
      // Accepted (the damage left a valid report): the next ones start from the new version.
      template = await download();
      return response.statusCode;
    }
    const body = response.json() as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
    expect(body.error.message.length).toBeGreaterThan(0);
    if (body.error.code === 'VALIDATION_FAILED') {
      expect(body.error.issues?.length).toBeGreaterThan(0);
      for (const issue of body.error.issues ?? []) {
        expect(issue.path.length).toBeGreaterThan(0);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
    expect(await tableCounts(server.database)).toEqual(before);
    return response.statusCode;
  }

  it(
    'with cells, rows and sheets changed',
    async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(fc.array(cellDamage, { minLength: 1, maxLength: 5 }), async (damages) => {
          statuses.add(await uploadAndCheck(await damageCells(template, damages)));
        }),
        { numRuns: fuzzRuns(40), ...fuzzSeed() },
      );
      expect([...statuses].some((status) => status >= 400)).toBe(true);
    },
    FUZZ_TIMEOUT,
  );

  it(
    'with the bytes of the file changed, cut or added',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(byteMutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          await uploadAndCheck(mutateBytes(template, mutations));
        }),
        { numRuns: fuzzRuns(60), ...fuzzSeed() },
      );
    },
    FUZZ_TIMEOUT,
  );
});
