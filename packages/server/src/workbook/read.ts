import { AppError, type SheetValue } from '@ariadne/domain';
import ExcelJS from 'exceljs';
import { checkWorkbookFile } from './container.ts';
import { WORKBOOK_LIMITS, type WorkbookLimits } from './limits.ts';

/** A sheet of a workbook as plain values, row 1 first; every row as wide as the widest. */
export type SheetData = { name: string; hidden: boolean; rows: SheetValue[][] };

/** A Date as the calendar day it shows (workbooks keep days without a time zone, read as UTC). */
function isoDay(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** Turns what the workbook library gives for a cell into a plain value: the text, number or day people see. */
export function plainValue(value: ExcelJS.CellValue, numberFormat = ''): SheetValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // A percentage shows 0.45 as 45 %: the 45 is what was written.
    return /%/.test(numberFormat.replace(/"[^"]*"/g, '')) ? Number((value * 100).toPrecision(12)) : value;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text).join('');
    if ('error' in value) return String(value.error);
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return String((result as { error: unknown }).error);
      return plainValue(result as ExcelJS.CellValue, numberFormat);
    }
    if ('text' in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === 'string') return text;
      if (typeof text === 'object' && text !== null && 'richText' in text) return plainValue(text as ExcelJS.CellValue);
    }
  }
  return null;
}

function sheetRows(worksheet: ExcelJS.Worksheet, limits: WorkbookLimits): SheetValue[][] {
  const rows: SheetValue[][] = [];
  let width = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > limits.maxRowElements) return;
    const values: SheetValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (columnNumber > limits.maxColumns) return;
      let source: ExcelJS.Cell = cell;
      if (cell.isMerged && cell.master !== cell) {
        // A cell merged down a column (an objective over several activities) repeats its value;
        // one merged across columns (a heading over the table) does not fill the other columns.
        if (cell.master.col !== cell.col) return;
        source = cell.master;
      }
      const value = plainValue(source.value, source.numFmt ?? '');
      if (value === null || value === '') return;
      values[columnNumber - 1] = value;
    });
    if (values.length === 0) return;
    rows[rowNumber - 1] = values;
    width = Math.max(width, values.length);
  });
  const filled: SheetValue[][] = [];
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] ?? [];
    filled.push(Array.from({ length: width }, (_, column) => row[column] ?? null));
  }
  return filled;
}

/**
 * Reads an uploaded workbook into plain values, sheet by sheet, after {@link checkWorkbookFile}
 * has made sure that it is a workbook within the limits. A file the workbook library cannot read
 * is refused as damaged.
 */
export async function readWorkbook(file: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<SheetData[]> {
  checkWorkbookFile(file, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    // The library's types want its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'file', key: 'workbook_damaged' }],
      detail: `the workbook could not be read: ${(error as Error).message}`,
      cause: error,
    });
  }
  const sheets = workbook.worksheets.map((worksheet) => ({
    name: worksheet.name,
    hidden: worksheet.state !== 'visible',
    rows: sheetRows(worksheet, limits),
  }));
  if (sheets.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'file', key: 'workbook_no_sheets' }],
      detail: 'the workbook has no sheets',
    });
  }
  return sheets;
}
