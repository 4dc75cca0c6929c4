import { isAppError } from '@ariadne/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkWorkbookFile } from './container.ts';
import { WORKBOOK_LIMITS } from './limits.ts';
import { plainValue, readWorkbook } from './read.ts';
import { sheetXml, workbookOf, workbookParts, zipOf } from './testing.ts';

/** The code and the issue of the AppError a call throws, e.g. `VALIDATION_FAILED file: workbook_not_xlsx`. */
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (isAppError(error))
      return `${error.code} ${error.issues.map((issue) => `${issue.path}: ${issue.key} ${JSON.stringify(issue.params ?? {})}`).join('; ')}`;
    throw error;
  }
  return 'accepted';
}

async function asyncRefusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) return `${error.code} ${error.issues.map((issue) => `${issue.path}: ${issue.key}`).join('; ')}`;
    throw error;
  }
  return 'accepted';
}

describe('checking an uploaded file', () => {
  it('accepts a workbook and counts its sheets', async () => {
    const file = await workbookOf({
      Plan: [
        ['Code', 'Activity'],
        ['A1', 'Train'],
      ],
      Other: [['x']],
    });
    const census = checkWorkbookFile(file);
    expect(census.sheets.map(({ rows, columns, cells }) => ({ rows, columns, cells }))).toEqual([
      { rows: 2, columns: 2, cells: 4 },
      { rows: 1, columns: 1, cells: 1 },
    ]);
  });

  it('refuses what is not a workbook, by its content', () => {
    expect(refusal(() => checkWorkbookFile(Buffer.from('%PDF-1.7 not a workbook at all')))).toBe(
      'VALIDATION_FAILED file: workbook_not_xlsx {}',
    );
    expect(refusal(() => checkWorkbookFile(Buffer.alloc(0)))).toBe('VALIDATION_FAILED file: workbook_empty {}');
    const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(refusal(() => checkWorkbookFile(compound))).toBe('VALIDATION_FAILED file: workbook_legacy_xls {}');
    const encrypted = Buffer.concat([compound, Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(refusal(() => checkWorkbookFile(encrypted))).toBe('VALIDATION_FAILED file: workbook_encrypted {}');
    // A zip that is a Word document, and an OpenDocument spreadsheet.
    const word = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    expect(refusal(() => checkWorkbookFile(word))).toBe('VALIDATION_FAILED file: workbook_not_xlsx {}');
    const ods = zipOf([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]);
    expect(refusal(() => checkWorkbookFile(ods))).toBe('VALIDATION_FAILED file: workbook_not_xlsx_ods {}');
    // The start of a workbook, cut short.
    const cut = zipOf(workbookParts(sheetXml([['a']]))).subarray(0, 200);
    expect(refusal(() => checkWorkbookFile(cut))).toBe('VALIDATION_FAILED file: workbook_not_xlsx {}');
  });

  it('refuses a file over the size limit', () => {
    expect(refusal(() => checkWorkbookFile(Buffer.alloc(WORKBOOK_LIMITS.maxBytes + 1)))).toBe(
      'PAYLOAD_TOO_LARGE file: workbook_too_large {"megabytes":10}',
    );
  });

  it('refuses a zip bomb, whether it declares its size or lies about it', () => {
    // 64 MB of the same character packs into a few dozen kilobytes.
    const huge = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const honest = zipOf([...workbookParts(sheetXml([['a']])), { name: 'xl/media/padding.bin', data: huge }]);
    expect(honest.length).toBeLessThan(200_000);
    expect(refusal(() => checkWorkbookFile(honest))).toBe('VALIDATION_FAILED file: workbook_too_much_data {"megabytes":40}');
    const lying = zipOf([...workbookParts(sheetXml([['a']])), { name: 'xl/media/padding.bin', data: huge, declaredSize: 10 }]);
    expect(refusal(() => checkWorkbookFile(lying))).toBe('VALIDATION_FAILED file: workbook_too_much_data {"megabytes":40}');
  });

  it('refuses sheets beyond the row, column and cell limits, naming the sheet', () => {
    const rows = Array.from({ length: 30 }, (_, index) => [`row ${index}`]);
    const limits = { ...WORKBOOK_LIMITS, maxRows: 20 };
    expect(refusal(() => checkWorkbookFile(zipOf(workbookParts(sheetXml(rows))), limits))).toBe(
      'VALIDATION_FAILED file: workbook_too_many_rows {"sheet":"Plan & costs","maximum":20}',
    );
    const wide = `<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>`;
    expect(refusal(() => checkWorkbookFile(zipOf(workbookParts(wide))))).toBe(
      'VALIDATION_FAILED file: workbook_too_many_columns {"sheet":"Plan & costs","maximum":256}',
    );
    expect(refusal(() => checkWorkbookFile(zipOf(workbookParts(sheetXml(rows))), { ...WORKBOOK_LIMITS, maxCells: 10 }))).toBe(
      'VALIDATION_FAILED file: workbook_too_many_cells {"maximum":10}',
    );
    // Formatted rows without a value count as row elements, up to their own limit.
    const empty = `<worksheet><sheetData>${Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}" ht="20" customHeight="1"/>`).join('')}</sheetData></worksheet>`;
    expect(refusal(() => checkWorkbookFile(zipOf(workbookParts(empty)), { ...WORKBOOK_LIMITS, maxRowElements: 40 }))).toMatch(
      /workbook_too_many_rows/,
    );
  });

  it('refuses 5,001 rows of a real workbook', async () => {
    const rows = Array.from({ length: 5_001 }, (_, index) => [`A${index}`, 'Activity']);
    const file = await workbookOf({ Activities: rows });
    expect(await asyncRefusal(() => readWorkbook(file))).toBe('VALIDATION_FAILED file: workbook_too_many_rows');
  });
});

describe('reading a workbook', () => {
  it('gives the values people see: text, numbers, days, formula results, merged cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Plan');
    sheet.addRow(['Code', 'Objective', 'Activity', 'Start', 'Cost', 'Share']);
    sheet.addRow([
      'A1',
      'O1.1',
      { richText: [{ text: 'Train ' }, { text: 'inspectors', font: { bold: true } }] },
      new Date(Date.UTC(2025, 3, 1)),
      1500.5,
      0.45,
    ]);
    sheet.addRow(['A2', null, { text: 'Hotline', hyperlink: 'https://example.org' }, '2025-Q3', { formula: 'E2*2', result: 3001 }, null]);
    sheet.addRow(['Goal 2: Protection']);
    sheet.getCell('F2').numFmt = '0%';
    sheet.mergeCells('B2:B3');
    sheet.mergeCells('A4:F4');
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const [read] = await readWorkbook(file);
    expect(read).toEqual({
      name: 'Plan',
      hidden: false,
      rows: [
        ['Code', 'Objective', 'Activity', 'Start', 'Cost', 'Share'],
        ['A1', 'O1.1', 'Train inspectors', '2025-04-01', 1500.5, 45],
        ['A2', 'O1.1', 'Hotline', '2025-Q3', 3001, null],
        ['Goal 2: Protection', null, null, null, null, null],
      ],
    });
  });

  it('turns error values and empty formulas into text and nothing', () => {
    expect(plainValue({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A');
    expect(plainValue({ formula: 'A1', result: undefined } as unknown as ExcelJS.CellFormulaValue)).toBeNull();
    expect(plainValue(new Date(Number.NaN))).toBeNull();
  });

  it('refuses a workbook whose parts are damaged', async () => {
    const parts = workbookParts(sheetXml([['a']])).map((part) =>
      part.name === 'xl/workbook.xml' ? { ...part, data: Buffer.from('<workbook><sheets><sheet') } : part,
    );
    expect(await asyncRefusal(() => readWorkbook(zipOf(parts)))).toMatch(/^VALIDATION_FAILED file: workbook_(damaged|no_sheets)$/);
  });
});
