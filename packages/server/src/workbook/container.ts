import { inflateRawSync } from 'node:zlib';
import { AppError, type FieldIssue } from '@ariadne/domain';
import { WORKBOOK_LIMITS, type WorkbookLimits } from './limits.ts';

// An .xlsx file is a zip container of XML parts. Before a workbook library reads one, its container
// is checked here without trusting what it declares: the parts are unpacked one by one with a
// ceiling on their real size (a "zip bomb" of a few kilobytes can unpack to gigabytes), and the
// sheets are counted (rows, columns, cells), so that what the library then builds in memory is
// bounded. Problems are refused with an issue that names them, on the path `file`.

const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
/** The signature of the Compound File format: old .xls workbooks, and password-protected .xlsx ones. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** What the checks learned about a workbook, for the log and for the tests. */
export type WorkbookCensus = {
  entries: number;
  unpackedBytes: number;
  sheets: { part: string; rows: number; rowElements: number; columns: number; cells: number }[];
};

function refuse(
  key: string,
  params?: Record<string, string | number>,
  status: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' = 'VALIDATION_FAILED',
): AppError {
  const issue: FieldIssue = { path: 'file', key, ...(params ? { params } : {}) };
  return new AppError(status, { issues: [issue], detail: `workbook refused: ${key}` });
}

type Entry = { name: string; method: number; compressedSize: number; size: number; localOffset: number; flags: number };

/** Reads the central directory: the list of parts with their declared sizes and where their data is. */
function centralDirectory(file: Buffer, limits: WorkbookLimits): Entry[] {
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
  const from = Math.max(0, file.length - 65_557);
  let end = -1;
  for (let at = file.length - 22; at >= from; at -= 1) {
    if (file.readUInt32LE(at) === ZIP_END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw refuse('workbook_not_xlsx');
  if (end >= 20 && file.readUInt32LE(end - 20) === ZIP64_END_LOCATOR)
    throw refuse('workbook_too_much_data', { megabytes: limits.maxUnpackedBytes / 1024 / 1024 });
  const count = file.readUInt16LE(end + 10);
  const directorySize = file.readUInt32LE(end + 12);
  const directoryOffset = file.readUInt32LE(end + 16);
  if (count > limits.maxEntries) throw refuse('workbook_too_much_data', { megabytes: limits.maxUnpackedBytes / 1024 / 1024 });
  if (directoryOffset + directorySize > end) throw refuse('workbook_damaged');

  const entries: Entry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || file.readUInt32LE(at) !== ZIP_CENTRAL_HEADER) throw refuse('workbook_damaged');
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localOffset = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    // Sizes of 4 GiB and more live in a Zip64 field: no workbook this small needs one.
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw refuse('workbook_too_much_data', { megabytes: limits.maxUnpackedBytes / 1024 / 1024 });
    }
    entries.push({ name, method, compressedSize, size, localOffset, flags });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Unpacks one part, stopping as soon as it would exceed what is left of the budget. */
function unpack(file: Buffer, entry: Entry, budget: number, limits: WorkbookLimits): Buffer {
  const at = entry.localOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== ZIP_LOCAL_HEADER) throw refuse('workbook_damaged');
  const dataStart = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > file.length) throw refuse('workbook_damaged');
  const data = file.subarray(dataStart, dataEnd);
  if (entry.flags & 0x1) throw refuse('workbook_encrypted');
  if (entry.method === 0) {
    if (data.length > budget) throw refuse('workbook_too_much_data', { megabytes: limits.maxUnpackedBytes / 1024 / 1024 });
    return data;
  }
  if (entry.method !== 8) throw refuse('workbook_damaged');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw refuse('workbook_too_much_data', { megabytes: limits.maxUnpackedBytes / 1024 / 1024 });
    }
    throw refuse('workbook_damaged');
  }
}

/** The number of a column from its letters: A is 1, IV is 256. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** Counts what a sheet holds: rows with a value, row elements, the widest column and the cells. */
function countSheet(xml: string): { rows: number; rowElements: number; columns: number; cells: number } {
  let rows = 0;
  let rowElements = 0;
  let cells = 0;
  let columns = 0;
  const rowPattern = /<(?:\w+:)?row\b[^>]*?(\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  for (const row of xml.matchAll(rowPattern)) {
    rowElements += 1;
    const body = row[2] ?? '';
    if (body === '') continue;
    let valued = false;
    for (const cell of body.matchAll(/<(?:\w+:)?c\b([^>]*?)(\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      cells += 1;
      const reference = /\br="([A-Z]+)\d+"/.exec(cell[1] ?? '');
      if (reference) columns = Math.max(columns, columnNumber(reference[1] ?? ''));
      if (/<(?:\w+:)?(?:v|is|f)\b/.test(cell[3] ?? '')) valued = true;
    }
    if (valued) rows += 1;
  }
  return { rows, rowElements, columns, cells };
}

/**
 * Checks an uploaded file before a workbook library touches it: its size, that it is an Office
 * Open XML workbook by its content (a zip container with a workbook part, not by the file's name),
 * and that neither its unpacked size nor its sheets go beyond the limits. Throws the AppError that
 * names the problem; returns what it counted.
 */
export function checkWorkbookFile(file: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): WorkbookCensus {
  if (file.length > limits.maxBytes) throw refuse('workbook_too_large', { megabytes: limits.maxBytes / 1024 / 1024 }, 'PAYLOAD_TOO_LARGE');
  if (file.length === 0) throw refuse('workbook_empty');
  if (file.subarray(0, 8).equals(COMPOUND_FILE)) {
    throw refuse(file.includes(ENCRYPTED_PACKAGE) ? 'workbook_encrypted' : 'workbook_legacy_xls');
  }
  if (file.length < 22 || file.readUInt32LE(0) !== ZIP_LOCAL_HEADER) throw refuse('workbook_not_xlsx');

  const entries = centralDirectory(file, limits);
  const parts = new Set(entries.map((entry) => entry.name.replace(/^\//, '')));
  if (!parts.has('[Content_Types].xml') || !parts.has('xl/workbook.xml')) {
    throw refuse(parts.has('mimetype') || parts.has('content.xml') ? 'workbook_not_xlsx_ods' : 'workbook_not_xlsx');
  }

  let unpackedBytes = 0;
  let totalCells = 0;
  let workbookXml = '';
  let relsXml = '';
  const sheets: WorkbookCensus['sheets'] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    // The declared size is a first, cheap refusal; the real size is what is counted.
    if (entry.size > limits.maxUnpackedBytes - unpackedBytes)
      throw refuse('workbook_too_much_data', { megabytes: limits.maxUnpackedBytes / 1024 / 1024 });
    const content = unpack(file, entry, limits.maxUnpackedBytes - unpackedBytes, limits);
    unpackedBytes += content.length;
    const part = entry.name.replace(/^\//, '');
    if (part === 'xl/workbook.xml') workbookXml = content.toString('utf8');
    else if (part === 'xl/_rels/workbook.xml.rels') relsXml = content.toString('utf8');
    else if (/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) {
      const counted = countSheet(content.toString('utf8'));
      sheets.push({ part, ...counted });
      totalCells += counted.cells;
    }
  }
  const names = sheetNames(workbookXml, relsXml);
  for (const sheet of sheets) {
    const name = names.get(sheet.part) ?? sheet.part;
    if (sheet.rows > limits.maxRows || sheet.rowElements > limits.maxRowElements) {
      throw refuse('workbook_too_many_rows', { sheet: name, maximum: limits.maxRows });
    }
    if (sheet.columns > limits.maxColumns) throw refuse('workbook_too_many_columns', { sheet: name, maximum: limits.maxColumns });
  }
  if (totalCells > limits.maxCells) throw refuse('workbook_too_many_cells', { maximum: limits.maxCells });
  return { entries: entries.length, unpackedBytes, sheets };
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    const lower = entity.toLowerCase();
    if (lower in named) return named[lower] ?? '';
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attribute(element: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(element);
  return match ? unescapeXml(match[1] ?? '') : undefined;
}

/** The names people gave the sheets, by the part that holds each (`xl/worksheets/sheet1.xml` → "Activities"). */
function sheetNames(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [relationship] of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(relationship, 'Id');
    const target = attribute(relationship, 'Target');
    if (id === undefined || target === undefined) continue;
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const [sheet] of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(sheet, 'name');
    const id = attribute(sheet, '(?:\\w+:)?id');
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part !== undefined) names.set(part, name);
  }
  return names;
}
