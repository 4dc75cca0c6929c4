import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { CATALOGUES, flattenCatalogue, type Translate } from '../i18n/catalogs.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import { LEVELS, type Level } from '../institutions.ts';
import { fieldIssueFromZod } from '../validation.ts';
import { codesOf } from './edit.ts';
import {
  ActivitySchema,
  InstitutionSchema,
  type Activity,
  type CostLine,
  type Indicator,
  type Institution,
  type PlanPackage,
} from './package.ts';
import { FUNDING_SOURCES, FUNDING_STATUSES, TAGS, type FundingSource, type FundingStatus, type Tag } from './vocabulary.ts';

// Activities in and out of a spreadsheet. A sheet is rows of plain cell values (the server turns a
// workbook's cells into these; dates arrive as ISO text); a column mapping says which column holds
// which field of an activity. Each row below the header row is one activity. A cell may hold
// several values, one per line: partners, tags and recommendations (also separated by `;`), and
// the lines of the costs (cost, cost year, source, funding status, funder) and of the indicators
// (indicator, baseline, target), which go together line by line. The layout the export writes
// (`activitySheet`) is read back by the default mapping (`guessMapping`) to the same activities.

/** The fields of an activity a column can be mapped to, in the order the export writes them. */
export const ACTIVITY_FIELDS = [
  'code',
  'objective',
  'title',
  'lead',
  'partners',
  'start',
  'end',
  'level',
  'tags',
  'costYear',
  'cost',
  'source',
  'fundingStatus',
  'funder',
  'indicator',
  'baseline',
  'target',
  'recommendations',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

/** One cell as read from a sheet: text, a number, a truth value, or nothing. Dates are ISO text (`2025-03-31`). */
export type SheetValue = string | number | boolean | null;

/** The widest sheet read: column IV, as far as a plan's table reasonably goes. */
export const MAX_SHEET_COLUMNS = 256;

const ColumnIndex = z
  .number()
  .int()
  .min(0)
  .max(MAX_SHEET_COLUMNS - 1);

/**
 * Which column (0-based: A is 0) holds which field. Costs come either from one `cost` column (with
 * `costYear`) or from one column per year (`costByYear`, a resource-plan layout), not both.
 */
export const ColumnMappingSchema = z
  .strictObject({
    ...(Object.fromEntries(ACTIVITY_FIELDS.map((field) => [field, ColumnIndex.optional()])) as Record<
      ActivityField,
      z.ZodOptional<typeof ColumnIndex>
    >),
    costByYear: z
      .array(z.strictObject({ column: ColumnIndex, year: z.number().int().min(1900).max(2200) }))
      .max(MAX_SHEET_COLUMNS)
      .optional(),
  })
  .meta({ id: 'ColumnMapping', description: 'The column (0-based, A = 0) of each field of an activity' });
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** A correction of one cell, made in the preview instead of in the file. `year` names a per-year cost column. */
export const CellFixSchema = z
  .strictObject({
    row: z.number().int().min(1).describe('The row number in the sheet'),
    field: z.enum(ACTIVITY_FIELDS),
    year: z.number().int().min(1900).max(2200).optional(),
    value: z.union([z.string().max(10_000), z.number(), z.null()]),
  })
  .meta({ id: 'CellFix' });
export type CellFix = z.infer<typeof CellFixSchema>;

/** What a name the register does not know stands for: an institution of the register (its code), or a new one. */
export const InstitutionMatchSchema = z.union([z.string().min(1).max(64), z.strictObject({ create: z.unknown() })]);
export type InstitutionMatch = z.infer<typeof InstitutionMatchSchema>;

/** A problem with one cell: the field, the column letter (none for a field that is not mapped) and the sheet row. */
export type RowIssue = FieldIssue & { row: number; field: ActivityField; column: string | null; year?: number };

/** The cells of a row as the mapping reads them (after the fixes), for the preview. */
export type RowValues = Partial<Record<ActivityField, SheetValue>> & { costByYear?: Record<string, SheetValue> };

export type MappedRow = {
  /** The row number in the sheet (1 is the first row). */
  row: number;
  values: RowValues;
  /** The activity the row makes, with its indicators; null while the row has a problem. */
  activity: Activity | null;
  issues: RowIssue[];
};

/** A name in the sheet that no institution of the register has, with the rows naming it. */
export type UnknownInstitution = { name: string; rows: number[]; suggestions: string[] };

export type ActivityRowsInput = {
  rows: readonly (readonly SheetValue[])[];
  /** The row of the column names (1-based); the activities are the rows below it. */
  headerRow: number;
  mapping: ColumnMapping;
  /** The strategy's package, holding the action plan the activities go into. */
  plan: PlanPackage;
  planId: string;
  /** The Participant's register of institutions. */
  register: readonly Institution[];
  /** Names of the sheet (as listed in `unknownInstitutions`) matched to a register code, or to a new institution. */
  institutionMatches?: Readonly<Record<string, InstitutionMatch>>;
  fixes?: readonly CellFix[];
};

export type ActivityRowsSummary = {
  /** Rows that hold something. */
  rows: number;
  /** Empty rows, left out. */
  skipped: number;
  /** Rows that make an activity. */
  ready: number;
  withErrors: number;
  indicators: number;
  costLines: number;
  /** The sum of the cost lines of the ready rows, in the plan's currency. */
  totalCost: number;
};

export type ActivityRowsResult = {
  rows: MappedRow[];
  /** The activities of the rows without problems, in the order of the sheet. */
  activities: Activity[];
  unknownInstitutions: UnknownInstitution[];
  /** Institutions to create in the register, from the matches. */
  newInstitutions: Institution[];
  /** Problems of the mapping or of the matches, not of one cell. */
  issues: FieldIssue[];
  summary: ActivityRowsSummary;
};

// ---------------------------------------------------------------------------------------------
// Reading values

/** Writes a 0-based column index as its letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Names already compared: a sheet names the same institutions and objectives over and over. */
const normalized = new Map<string, string>();

/** Text for comparing names: no accents, no case, single spaces. */
export function normalizeName(text: string): string {
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const result = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  if (normalized.size >= 50_000) normalized.clear();
  normalized.set(text, result);
  return result;
}

/** Header text for comparing: like {@link normalizeName}, without punctuation and bracketed notes ("Cost (EUR)"). */
function normalizeHeader(text: string): string {
  const bare = normalizeName(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  const words = bare.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return words === '' ? normalizeName(text) : words;
}

/** Marks that stand for "nothing here" in planning tables. */
const NOTHING = new Set(['-', '–', '—', '/', 'n/a', 'n.a.', 'na']);

function isEmpty(value: SheetValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' || NOTHING.has(text.toLowerCase());
  }
  return false;
}

function asText(value: SheetValue | undefined): string {
  if (value === null || value === undefined || isEmpty(value)) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value.trim();
}

/** The lines of a cell: one value per line, empty lines left out. A number is one line. */
function linesOf(value: SheetValue | undefined): SheetValue[] {
  if (isEmpty(value)) return [];
  if (typeof value !== 'string') return [value ?? null];
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The items of a list cell: one per line or separated by `;` (and `,` where names cannot contain one). */
function itemsOf(value: SheetValue | undefined, separators: RegExp = /[\n\r;]+/): string[] {
  if (isEmpty(value)) return [];
  return asText(value)
    .split(separators)
    .map((item) => item.replace(/^[•·*▪◦-]\s+/, '').trim())
    .filter((item) => item !== '' && !NOTHING.has(item.toLowerCase()));
}

type Read<T> = { ok: true; value: T | null } | { ok: false };

/**
 * Reads a number as people write it in any of the interface languages: `1234.5`, `1,234.50`,
 * `1.234,50`, `1 234,50`, `12,5`, with a currency or a percent sign around it. A single separator
 * followed by exactly three digits groups thousands (`1.234` is 1234): amounts have two decimals.
 */
export function readSheetNumber(value: SheetValue | undefined): Read<number> {
  if (value === null || value === undefined || isEmpty(value)) return { ok: true, value: null };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false };
  if (typeof value === 'boolean') return { ok: false };
  let text = value.trim().replace(/[\s\u00a0\u202f'’]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/^[^\d+\-−.,]+/, '').replace(/[^\d.,]+$/, '');
  if (/^[-−]/.test(text)) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { ok: false };
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  let plain: string;
  if (dots > 0 && commas > 0) {
    const decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    const [whole = '', fraction = '', ...more] = text.split(decimal);
    if (more.length > 0 || !groupedThousands(whole, grouping)) return { ok: false };
    plain = `${whole.split(grouping).join('')}.${fraction}`;
  } else if (dots + commas > 1) {
    const separator = dots > 0 ? '.' : ',';
    if (!groupedThousands(text, separator)) return { ok: false };
    plain = text.split(separator).join('');
  } else if (dots + commas === 1) {
    const separator = dots > 0 ? '.' : ',';
    const [whole = '', fraction = ''] = text.split(separator);
    const thousands = fraction.length === 3 && whole.length >= 1 && whole.length <= 3 && whole !== '0';
    plain = thousands ? `${whole}${fraction}` : `${whole === '' ? '0' : whole}.${fraction}`;
  } else {
    plain = text;
  }
  const number = Number(plain);
  if (!Number.isFinite(number)) return { ok: false };
  return { ok: true, value: negative ? -number : number };
}

/** Tells whether digits are grouped by threes with the separator (`1.234.567`). */
function groupedThousands(text: string, separator: string): boolean {
  const groups = text.split(separator);
  const [first = '', ...rest] = groups;
  return /^\d{1,3}$/.test(first) && rest.every((group) => /^\d{3}$/.test(group));
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first or last day of the months `first`…`last` of a year. */
function spanEdge(year: number, first: number, last: number, edge: 'start' | 'end'): string | null {
  return edge === 'start' ? isoDate(year, first, 1) : isoDate(year, last, lastDay(year, last));
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
const QUARTER_WORD = '(?:Q|QUARTER|KV|KVARTAL|K|T|TM|TREMUJORI|TREMUJOR|КВ|КВАРТАЛ|К)';
const QUARTER_BEFORE = new RegExp(`^${QUARTER_WORD}\\.?\\s*([1-4]|IV|I{1,3})\\.?\\s*[/.,-]?\\s*(\\d{4})\\.?$`);
const QUARTER_AFTER = new RegExp(`^([1-4]|IV|I{1,3})\\s*(?:\\.|ST|ND|RD|TH)?\\s*${QUARTER_WORD}\\.?\\s*[/.,-]?\\s*(\\d{4})\\.?$`);
const QUARTER_YEAR_FIRST = new RegExp(`^(\\d{4})\\.?\\s*[/.,-]?\\s*${QUARTER_WORD}\\.?\\s*([1-4]|IV|I{1,3})$`);
const ROMAN_QUARTER = /^(IV|I{1,3})\s*[/.-]\s*(\d{4})\.?$/;
const HALF_BEFORE = /^(?:H|S|П)\s*([12])\s*[/.,-]?\s*(\d{4})\.?$/;
const HALF_YEAR_FIRST = /^(\d{4})\s*[/.,-]?\s*(?:H|S|П)\s*([12])$/;

/** A quarter number from `2` or `II`. */
function quarterNumber(text: string): number {
  return ROMAN[text] ?? Number(text);
}

/**
 * Reads a date as the first (`start`) or last (`end`) day it stands for: an ISO date, `31.03.2025`,
 * `31/03/2025`, a month (`2025-03`, `03.2025`), a quarter (`Q2 2025`, `2025 Q2`, `II/2025`,
 * `2. kvartal 2025`), a half year (`H1 2025`), a year (`2025`), or an Excel day number.
 */
export function readSheetDate(value: SheetValue | undefined, edge: 'start' | 'end'): Read<string> {
  if (value === null || value === undefined || isEmpty(value)) return { ok: true, value: null };
  if (typeof value === 'boolean') return { ok: false };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1900 && value <= 2200) return wrap(spanEdge(value, 1, 12, edge));
    // An Excel day number (1954–2118): days since 30 December 1899.
    if (value >= 20_000 && value < 80_000) {
      const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
      return { ok: true, value: date.toISOString().slice(0, 10) };
    }
    return { ok: false };
  }
  const text = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (match) return wrap(isoDate(Number(match[1]), Number(match[2]), Number(match[3])));
  match = /^(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4})\.?$/.exec(text);
  if (match) return wrap(isoDate(Number(match[3]), Number(match[2]), Number(match[1])));
  match = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\.?$/.exec(text);
  if (match) return wrap(isoDate(Number(match[1]), Number(match[2]), Number(match[3])));
  match = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (match) return wrap(monthEdge(Number(match[1]), Number(match[2]), edge));
  match = /^(\d{1,2})[/.](\d{4})\.?$/.exec(text);
  if (match) return wrap(monthEdge(Number(match[2]), Number(match[1]), edge));
  match = /^(\d{4})\.?$/.exec(text);
  if (match) return wrap(spanEdge(Number(match[1]), 1, 12, edge));
  match = QUARTER_BEFORE.exec(text) ?? QUARTER_AFTER.exec(text) ?? ROMAN_QUARTER.exec(text);
  if (match) return wrap(quarterEdge(Number(match[2]), quarterNumber(match[1] ?? ''), edge));
  match = QUARTER_YEAR_FIRST.exec(text);
  if (match) return wrap(quarterEdge(Number(match[1]), quarterNumber(match[2] ?? ''), edge));
  match = HALF_BEFORE.exec(text);
  if (match) return wrap(halfEdge(Number(match[2]), Number(match[1]), edge));
  match = HALF_YEAR_FIRST.exec(text);
  if (match) return wrap(halfEdge(Number(match[1]), Number(match[2]), edge));
  return { ok: false };
}

function wrap(value: string | null): Read<string> {
  return value === null ? { ok: false } : { ok: true, value };
}

function monthEdge(year: number, month: number, edge: 'start' | 'end'): string | null {
  return month >= 1 && month <= 12 ? spanEdge(year, month, month, edge) : null;
}

function quarterEdge(year: number, quarter: number, edge: 'start' | 'end'): string | null {
  return quarter >= 1 && quarter <= 4 ? spanEdge(year, quarter * 3 - 2, quarter * 3, edge) : null;
}

function halfEdge(year: number, half: number, edge: 'start' | 'end'): string | null {
  return spanEdge(year, half === 1 ? 1 : 7, half === 1 ? 6 : 12, edge);
}

/**
 * Splits a period written in one cell (`Q1 2025 – Q4 2026`, `2025-2026`, `Q1–Q3 2025`) into its
 * start and end; a single date stands for both ends.
 */
function periodParts(value: SheetValue | undefined): [SheetValue, SheetValue] {
  if (typeof value !== 'string') return [value ?? null, value ?? null];
  const text = value.trim();
  const years = /^(\d{4})\s*[-–—/]\s*(\d{4})$/.exec(text);
  if (years) return [years[1] ?? null, years[2] ?? null];
  const parts = text.split(/\s*[–—]\s*|\s+-\s+|\s+(?:to|until|do|deri|до)\s+/i);
  if (parts.length !== 2) return [text, text];
  const [first = '', to = ''] = parts;
  const year = /\d{4}/.exec(to)?.[0];
  const from = year !== undefined && !/\d{4}/.test(first) ? `${first} ${year}` : first;
  return [from, to];
}

// ---------------------------------------------------------------------------------------------
// Words of the interface languages: column names and the labels of the closed lists

// Flattened on first use, not when the module loads: a module that only imports this one (the web
// application's bundle) then carries no catalogue it does not show.
let flatCatalogues: { english: Map<string, string>; all: Map<string, string>[] } | undefined;

/** Every translation of a catalogue key, in all the interface languages. */
function allTranslations(key: string): string[] {
  flatCatalogues ??= {
    english: flattenCatalogue(CATALOGUES.en),
    all: LANGUAGES.map((language) => flattenCatalogue(CATALOGUES[language])),
  };
  const { english, all } = flatCatalogues;
  return all.map((messages) => messages.get(key) ?? english.get(key) ?? '').filter((text) => text !== '');
}

/** Catalogue keys of the field names, which are also the export's column headers. */
const FIELD_KEYS = {
  code: 'app.workbook.fields.code',
  objective: 'app.workbook.fields.objective',
  title: 'app.workbook.fields.title',
  lead: 'app.workbook.fields.lead',
  partners: 'app.workbook.fields.partners',
  start: 'app.workbook.fields.start',
  end: 'app.workbook.fields.end',
  level: 'app.workbook.fields.level',
  tags: 'app.workbook.fields.tags',
  costYear: 'app.workbook.fields.costYear',
  cost: 'app.workbook.fields.cost',
  source: 'app.workbook.fields.source',
  fundingStatus: 'app.workbook.fields.fundingStatus',
  funder: 'app.workbook.fields.funder',
  indicator: 'app.workbook.fields.indicator',
  baseline: 'app.workbook.fields.baseline',
  target: 'app.workbook.fields.target',
  recommendations: 'app.workbook.fields.recommendations',
} as const satisfies Record<ActivityField, string>;

/** The catalogue key of a field's name, e.g. `app.workbook.fields.lead`. */
export function activityFieldKey(field: ActivityField): string {
  return FIELD_KEYS[field];
}

/**
 * Other column names found in the region's planning tables, beyond the field names of the
 * catalogues (compared without accents or case).
 */
const HEADER_WORDS: Record<ActivityField, string[]> = {
  code: [
    'code',
    'id',
    'no',
    'nr',
    'ref',
    'reference',
    'activity code',
    'number',
    'kodi',
    'kod',
    'sifra',
    'broj',
    'rb',
    'r b',
    'redni broj',
    'oznaka',
    'шифра',
    'број',
    'ознака',
    'р б',
    'реден број',
    'редни број',
  ],
  objective: [
    'objective',
    'specific objective',
    'objektivi',
    'objektivi specifik',
    'specificni cilj',
    'posebni cilj',
    'poseban cilj',
    'специфична цел',
    'посебни циљ',
    'посебан циљ',
    'специфични циљ',
  ],
  title: [
    'activity',
    'activities',
    'title',
    'description',
    'measure',
    'activity description',
    'aktiviteti',
    'aktivitetet',
    'veprimtaria',
    'titulli',
    'pershkrimi',
    'aktivnost',
    'aktivnosti',
    'naziv',
    'opis',
    'mjera',
    'mera',
    'активност',
    'активности',
    'наслов',
    'назив',
    'опис',
    'мера',
    'мјера',
  ],
  lead: [
    'lead',
    'lead institution',
    'responsible',
    'responsible institution',
    'responsibility',
    'implementing institution',
    'institucioni pergjegjes',
    'pergjegjes',
    'institucioni kryesor',
    'bartes',
    'zbatues',
    'nosilac',
    'nositelj',
    'nosilac aktivnosti',
    'nadlezna institucija',
    'odgovorna institucija',
    'odgovorni',
    'носител',
    'носилац',
    'одговорна институција',
    'надлежна институција',
    'надлежен орган',
  ],
  partners: [
    'partners',
    'partner',
    'partner institutions',
    'co implementers',
    'involved institutions',
    'partneret',
    'institucionet partnere',
    'bashkepunetoret',
    'partneri',
    'partnerske institucije',
    'saradnici',
    'suradnici',
    'ucesnici',
    'партнери',
    'соработници',
    'сарадници',
    'учесници',
  ],
  start: [
    'start',
    'start date',
    'from',
    'begin',
    'fillimi',
    'data e fillimit',
    'pocetak',
    'datum pocetka',
    'od',
    'почеток',
    'почетак',
    'од',
  ],
  end: [
    'end',
    'end date',
    'to',
    'until',
    'deadline',
    'completion',
    'perfundimi',
    'mbarimi',
    'deri',
    'afati',
    'kraj',
    'zavrsetak',
    'do',
    'rok',
    'крај',
    'завршеток',
    'завршетак',
    'до',
    'рок',
  ],
  level: ['level', 'niveli', 'nivo', 'razina', 'ниво'],
  tags: ['tags', 'themes', 'keywords', 'etiketat', 'temat', 'oznake', 'teme', 'ознаки', 'теми', 'ознаке', 'теме'],
  costYear: ['cost year', 'year', 'budget year', 'fiscal year', 'viti', 'godina', 'година'],
  cost: [
    'cost',
    'costs',
    'budget',
    'amount',
    'estimated cost',
    'total cost',
    'funds',
    'kosto',
    'kostoja',
    'buxheti',
    'shuma',
    'trosak',
    'troskovi',
    'budzet',
    'iznos',
    'sredstva',
    'procijenjeni troskovi',
    'procenjeni troskovi',
    'трошок',
    'трошоци',
    'буџет',
    'износ',
    'средства',
    'трошак',
    'трошкови',
  ],
  source: [
    'source',
    'funding source',
    'source of funding',
    'source of funds',
    'burimi',
    'burimi i financimit',
    'izvor',
    'izvor finansiranja',
    'izvor financiranja',
    'izvori',
    'извор',
    'извор на финансирање',
    'извор финансирања',
  ],
  fundingStatus: [
    'funding status',
    'statusi i financimit',
    'status finansiranja',
    'status financiranja',
    'статус на финансирање',
    'статус финансирања',
  ],
  funder: [
    'funder',
    'donor',
    'financed by',
    'funded by',
    'financuesi',
    'donatori',
    'finansijer',
    'financijer',
    'donator',
    'финансиер',
    'донатор',
    'финансијер',
  ],
  indicator: [
    'indicator',
    'indicators',
    'output indicator',
    'performance indicator',
    'treguesi',
    'treguesit',
    'indikatori',
    'indikator',
    'pokazatelj',
    'pokazatelji',
    'индикатор',
    'индикатори',
    'показател',
    'показатељ',
  ],
  baseline: [
    'baseline',
    'baseline value',
    'initial value',
    'vlera baze',
    'vlera fillestare',
    'pocetna vrijednost',
    'pocetna vrednost',
    'polazna vrijednost',
    'polazna vrednost',
    'почетна вредност',
    'полазна вредност',
  ],
  target: [
    'target',
    'target value',
    'final target',
    'synimi',
    'vlera e synuar',
    'caku',
    'ciljna vrijednost',
    'ciljna vrednost',
    'целна вредност',
    'циљна вредност',
  ],
  recommendations: [
    'recommendations',
    'recommendation',
    'rekomandimet',
    'rekomandimi',
    'preporuke',
    'preporuka',
    'препораки',
    'препорака',
    'препоруке',
  ],
};

/** Column names that stand for a whole period (start and end in one cell). */
const PERIOD_WORDS = [
  'timeframe',
  'time frame',
  'period',
  'duration',
  'implementation period',
  'afati kohor',
  'periudha',
  'vremenski okvir',
  'rok realizacije',
  'rok izvrsenja',
  'period realizacije',
  'временска рамка',
  'рок на реализација',
  'временски оквир',
  'рок реализације',
];

type HeaderWords = {
  fieldNames: Map<ActivityField, Set<string>>;
  otherNames: Map<ActivityField, string[]>;
  periodNames: Set<string>;
  /** The `Cost {year}` header of every language, as patterns that find the year. */
  costOfYearPatterns: RegExp[];
};
let headerWordsHeld: HeaderWords | undefined;

/** The column names the guesses compare with, worked out on first use (see `allTranslations`). */
function headerWords(): HeaderWords {
  headerWordsHeld ??= {
    fieldNames: new Map(ACTIVITY_FIELDS.map((field) => [field, new Set(allTranslations(FIELD_KEYS[field]).map(normalizeHeader))])),
    otherNames: new Map(ACTIVITY_FIELDS.map((field) => [field, HEADER_WORDS[field].map(normalizeHeader)])),
    periodNames: new Set(PERIOD_WORDS.map(normalizeHeader)),
    costOfYearPatterns: allTranslations('app.workbook.fields.costOfYear').map((message) => {
      const [before = '', after = ''] = normalizeHeader(message.replace('{year}', ' qqqyearqqq ')).split('qqqyearqqq');
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`^${escape(before.trim())}\\s*(\\d{4})\\s*${escape(after.trim())}$`);
    }),
  };
  return headerWordsHeld;
}

function yearOfCostHeader(header: string): number | null {
  const text = normalizeHeader(header);
  for (const pattern of headerWords().costOfYearPatterns) {
    const match = pattern.exec(text);
    if (match) return Number(match[1]);
  }
  const words = headerWords().otherNames.get('cost') ?? [];
  const match = /^(?:(.+?)\s+)?(\d{4})(?:\s+(.+))?$/.exec(text);
  if (!match) return null;
  const around = `${match[1] ?? ''} ${match[3] ?? ''}`.trim();
  return around === '' || words.includes(around) ? Number(match[2]) : null;
}

/**
 * Guesses the mapping from the column names, in any of the interface languages: the export's own
 * headers first, then the words of the region's planning tables. A column of years (`Cost 2025`,
 * `2026`) becomes a per-year cost column when no column holds the cost lines.
 */
export function guessMapping(header: readonly SheetValue[]): ColumnMapping {
  type Candidate = { field: ActivityField; column: number; score: number };
  const candidates: Candidate[] = [];
  const periods = new Set<number>();
  header.forEach((cell, column) => {
    if (column >= MAX_SHEET_COLUMNS) return;
    const text = normalizeHeader(asText(cell));
    if (text === '') return;
    if (headerWords().periodNames.has(text)) {
      periods.add(column);
      candidates.push({ field: 'start', column, score: 950 }, { field: 'end', column, score: 950 });
      return;
    }
    // A year column (`Cost 2025`) is one of the per-year cost columns, not the cost column.
    const yearColumn = typeof cell === 'number' || yearOfCostHeader(asText(cell)) !== null;
    for (const field of ACTIVITY_FIELDS) {
      if (headerWords().fieldNames.get(field)?.has(text)) candidates.push({ field, column, score: 1000 });
      else if (headerWords().otherNames.get(field)?.includes(text)) candidates.push({ field, column, score: 900 });
      else if (!yearColumn) {
        // A header that starts with one of the words ("Responsible institution(s) and partners").
        const word = (headerWords().otherNames.get(field) ?? [])
          .filter((name) => name.length >= 4 && text.startsWith(`${name} `))
          .sort((a, b) => b.length - a.length)[0];
        if (word !== undefined) candidates.push({ field, column, score: 100 + word.length });
      }
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ColumnMapping = {};
  const usedColumns = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined) continue;
    // A period column holds both the start and the end; any other column holds one field.
    if (usedColumns.has(column) && !periods.has(column)) continue;
    mapping[field] = column;
    usedColumns.add(column);
  }
  if (mapping.cost === undefined) {
    const byYear: { column: number; year: number }[] = [];
    header.forEach((cell, column) => {
      if (usedColumns.has(column) || column >= MAX_SHEET_COLUMNS) return;
      const year = typeof cell === 'number' && Number.isInteger(cell) ? cell : yearOfCostHeader(asText(cell));
      if (year !== null && year >= 1900 && year <= 2200) byYear.push({ column, year });
    });
    if (byYear.length > 0) mapping.costByYear = byYear;
  }
  return mapping;
}

/** Guesses the row of the column names among the first rows: the one whose names map the most fields. */
export function guessHeaderRow(rows: readonly (readonly SheetValue[])[], within = 20): number {
  let best = 1;
  let bestCount = 1;
  rows.slice(0, within).forEach((row, index) => {
    const mapping = guessMapping(row);
    const count = ACTIVITY_FIELDS.filter((field) => mapping[field] !== undefined).length + (mapping.costByYear?.length ?? 0);
    if (count > bestCount) {
      best = index + 1;
      bestCount = count;
    }
  });
  return best;
}

/** Looks up a value of a closed list by its code or its label in any interface language. */
function vocabulary<T extends string>(values: readonly T[], keyOf: (value: T) => string, extra: Record<string, T> = {}): Map<string, T> {
  const lookup = new Map<string, T>();
  for (const value of values) {
    lookup.set(normalizeName(value), value);
    lookup.set(normalizeName(value.replace(/_/g, ' ')), value);
    for (const label of allTranslations(keyOf(value))) lookup.set(normalizeName(label), value);
  }
  for (const [word, value] of Object.entries(extra)) lookup.set(normalizeName(word), value);
  return lookup;
}

const SOURCE_KEYS = {
  state_budget: 'app.fundingSource.state_budget',
  local_budget: 'app.fundingSource.local_budget',
  donor: 'app.fundingSource.donor',
  other: 'app.fundingSource.other',
} as const satisfies Record<FundingSource, string>;
const STATUS_KEYS = {
  secured: 'app.fundingStatus.secured',
  pledged: 'app.fundingStatus.pledged',
  unfunded: 'app.fundingStatus.unfunded',
} as const satisfies Record<FundingStatus, string>;
const TAG_KEYS = {
  children: 'app.workbook.tags.children',
  capacity_building: 'app.workbook.tags.capacity_building',
  awareness: 'app.workbook.tags.awareness',
  identification: 'app.workbook.tags.identification',
  referral: 'app.workbook.tags.referral',
  assistance: 'app.workbook.tags.assistance',
  reintegration: 'app.workbook.tags.reintegration',
  investigation: 'app.workbook.tags.investigation',
  legislation: 'app.workbook.tags.legislation',
  research: 'app.workbook.tags.research',
  data_collection: 'app.workbook.tags.data_collection',
  coordination: 'app.workbook.tags.coordination',
  labour_exploitation: 'app.workbook.tags.labour_exploitation',
  online: 'app.workbook.tags.online',
  migration: 'app.workbook.tags.migration',
} as const satisfies Record<Tag, string>;

/** The catalogue key of a tag's name, e.g. `app.workbook.tags.children`. */
export function activityTagKey(tag: Tag): string {
  return TAG_KEYS[tag];
}

type Vocabularies = {
  sources: Map<string, FundingSource>;
  statuses: Map<string, FundingStatus>;
  levels: Map<string, (typeof LEVELS)[number]>;
  tags: Map<string, (typeof TAGS)[number]>;
};
let vocabulariesHeld: Vocabularies | undefined;

/** The closed lists' words in every language, worked out on first use (see `allTranslations`). */
function vocabularies(): Vocabularies {
  vocabulariesHeld ??= {
    sources: vocabulary(FUNDING_SOURCES, (source) => SOURCE_KEYS[source], {
      state: 'state_budget',
      budget: 'state_budget',
      local: 'local_budget',
      municipal: 'local_budget',
      municipal_budget: 'local_budget',
      donors: 'donor',
    }),
    statuses: vocabulary(FUNDING_STATUSES, (status) => STATUS_KEYS[status], { 'not funded': 'unfunded', 'to be funded': 'unfunded' }),
    levels: vocabulary(LEVELS, (level) => `levels.${level}`),
    tags: vocabulary(TAGS, (tag) => TAG_KEYS[tag]),
  };
  return vocabulariesHeld;
}

// ---------------------------------------------------------------------------------------------
// Mapping rows to activities

/** Finds institutions by code or by name, without regard to case or accents. */
class InstitutionFinder {
  private readonly byCode = new Map<string, Institution>();
  private readonly byName = new Map<string, Institution[]>();
  readonly all: Institution[];

  constructor(register: readonly Institution[], extra: readonly Institution[]) {
    this.all = [];
    for (const institution of [...register, ...extra]) {
      const code = normalizeName(institution.id);
      if (this.byCode.has(code)) continue;
      this.all.push(institution);
      this.byCode.set(code, institution);
      const name = normalizeName(institution.name);
      this.byName.set(name, [...(this.byName.get(name) ?? []), institution]);
    }
  }

  code(code: string): Institution | undefined {
    return this.byCode.get(normalizeName(code));
  }

  /** The institutions a text names: by code, by name, or as `Name (CODE)`. */
  find(text: string): Institution[] {
    const byCode = this.code(text);
    if (byCode) return [byCode];
    const named = this.byName.get(normalizeName(text));
    if (named) return named;
    const suffix = /^(.*)\(([^()]+)\)\s*$/.exec(text);
    if (suffix) {
      const coded = this.code(suffix[2] ?? '');
      if (coded) return [coded];
      return this.byName.get(normalizeName(suffix[1] ?? '')) ?? [];
    }
    return [];
  }

  /** Up to three institutions whose names resemble the text, for the user to choose from. */
  similar(text: string): string[] {
    const wanted = normalizeName(text);
    const initials = (name: string) =>
      normalizeName(name)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word.length > 2)
        .map((word) => word[0])
        .join('');
    return this.all
      .filter((institution) => {
        const name = normalizeName(institution.name);
        return (
          (wanted.length >= 4 && (name.includes(wanted) || wanted.includes(name))) ||
          initials(institution.name) === wanted.replace(/[^\p{L}\p{N}]/gu, '') ||
          normalizeName(institution.id).includes(wanted)
        );
      })
      .slice(0, 3)
      .map((institution) => institution.id);
  }
}

type Resolution = { code: string } | { unknown: true } | { ambiguous: string[] };

/** The objectives of the strategy, found by code, by the code at the start of a cell (`O1.2 — …`), or by title. */
function objectiveFinder(plan: PlanPackage): (text: string) => string | undefined {
  const byCode = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const goal of plan.strategy.goals) {
    for (const objective of goal.objectives) {
      byCode.set(normalizeName(objective.id), objective.id);
      byTitle.set(normalizeName(objective.title), objective.id);
    }
  }
  return (text) => {
    const found = byCode.get(normalizeName(text)) ?? byTitle.get(normalizeName(text));
    if (found !== undefined) return found;
    const lead = /^(\S+?)[:.)]?\s+(?:[—–-]\s*)?\S/.exec(text);
    return lead ? byCode.get(normalizeName(lead[1] ?? '')) : undefined;
  };
}

/** Reads the rows of a sheet as activities of an action plan, with every problem of every cell. */
export function mapActivityRows(input: ActivityRowsInput): ActivityRowsResult {
  const { plan, planId, mapping } = input;
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === planId);
  const issues: FieldIssue[] = [...mappingIssues(mapping)];
  const taken = codesOf(plan);
  for (const institution of input.register) taken.add(institution.id);
  const takenNormalized = new Set([...taken].map(normalizeName));

  // The matches: names of the sheet bound to a code of the register, or to an institution to create.
  const newInstitutions = new Map<string, Institution>();
  const matched = new Map<string, string>();
  const baseFinder = new InstitutionFinder(input.register, plan.institutions);
  for (const [name, match] of Object.entries(input.institutionMatches ?? {})) {
    const path = `institutionMatches[${JSON.stringify(name)}]`;
    if (typeof match === 'string') {
      const institution = baseFinder.code(match);
      if (institution) matched.set(normalizeName(name), institution.id);
      else issues.push({ path, key: 'institution_code_unknown', params: { id: match } });
      continue;
    }
    const parsed = InstitutionSchema.safeParse(match.create, { reportInput: true });
    if (!parsed.success) {
      issues.push(...parsed.error.issues.flatMap((issue) => fieldIssueFromZod(issue, `${path}.create`)));
      continue;
    }
    const institution = parsed.data;
    const existing = newInstitutions.get(institution.id);
    if (taken.has(institution.id) || (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(institution))) {
      issues.push({ path: `${path}.create.id`, key: 'institution_code_taken', params: { id: institution.id } });
      continue;
    }
    newInstitutions.set(institution.id, institution);
    matched.set(normalizeName(name), institution.id);
  }
  const finder = new InstitutionFinder(input.register, [...plan.institutions, ...newInstitutions.values()]);
  const unknown = new Map<string, UnknownInstitution>();
  const resolve = (text: string, row: number): Resolution => {
    const bound = matched.get(normalizeName(text));
    if (bound !== undefined) return { code: bound };
    const found = finder.find(text);
    if (found.length === 1 && found[0]) return { code: found[0].id };
    if (found.length > 1) return { ambiguous: found.map((institution) => institution.id) };
    const key = normalizeName(text);
    const entry = unknown.get(key) ?? { name: text, rows: [], suggestions: finder.similar(text) };
    if (!entry.rows.includes(row)) entry.rows.push(row);
    unknown.set(key, entry);
    return { unknown: true };
  };

  const fixes = new Map<string, SheetValue>();
  for (const fix of input.fixes ?? []) fixes.set(fixKey(fix.row, fix.field, fix.year), fix.value);
  const findObjective = objectiveFinder(plan);
  const recommendations = new Map((plan.recommendations ?? []).map((r) => [normalizeName(r.id), r.id]));
  const planStartYear = actionPlan ? Number(actionPlan.start.slice(0, 4)) : undefined;
  const planEndYear = actionPlan ? Number(actionPlan.end.slice(0, 4)) : undefined;

  type Draft = {
    mapped: MappedRow;
    code: string | null;
    objective: string | null;
    activity: Omit<Activity, 'id' | 'indicators'>;
    indicators: Omit<Indicator, 'id'>[];
  };
  const drafts: Draft[] = [];
  const codeRows = new Map<string, number>();
  let skipped = 0;

  for (let index = Math.max(0, input.headerRow); index < input.rows.length; index += 1) {
    const rowNumber = index + 1;
    const cells = input.rows[index] ?? [];
    const cell = (field: ActivityField): SheetValue => {
      const fixed = fixes.get(fixKey(rowNumber, field));
      if (fixed !== undefined) return fixed;
      const column = mapping[field];
      return column === undefined ? null : (cells[column] ?? null);
    };
    const yearCell = (year: number, column: number): SheetValue => {
      const fixed = fixes.get(fixKey(rowNumber, 'cost', year));
      return fixed !== undefined ? fixed : (cells[column] ?? null);
    };

    const values: RowValues = {};
    for (const field of ACTIVITY_FIELDS) {
      if (mapping[field] !== undefined || fixes.has(fixKey(rowNumber, field))) values[field] = cell(field);
    }
    if (mapping.costByYear && mapping.costByYear.length > 0) {
      values.costByYear = Object.fromEntries(mapping.costByYear.map(({ column, year }) => [String(year), yearCell(year, column)]));
    }
    const filled = Object.entries(values).some(([field, value]) =>
      field === 'costByYear' ? Object.values(value as Record<string, SheetValue>).some((v) => !isEmpty(v)) : !isEmpty(value as SheetValue),
    );
    if (!filled) {
      skipped += 1;
      continue;
    }

    const rowIssues: RowIssue[] = [];
    const problem = (field: ActivityField, key: string, params?: Record<string, string | number>, year?: number) => {
      const columnIndex = year === undefined ? mapping[field] : mapping.costByYear?.find((entry) => entry.year === year)?.column;
      const column = columnIndex === undefined ? null : columnLetter(columnIndex);
      rowIssues.push({
        path: column === null ? `row ${rowNumber}, ${field}` : `row ${rowNumber}, column ${column}`,
        key,
        ...(params ? { params } : {}),
        row: rowNumber,
        field,
        column,
        ...(year === undefined ? {} : { year }),
      });
    };
    const institution = (field: ActivityField, text: string): string | null => {
      const resolution = resolve(text, rowNumber);
      if ('code' in resolution) return resolution.code;
      if ('ambiguous' in resolution) problem(field, 'institution_ambiguous', { name: text, codes: resolution.ambiguous.join(', ') });
      else problem(field, 'institution_unmatched', { name: text });
      return null;
    };

    // Code: checked against the package and the rows above; left empty, one is made below.
    const code: string | null = asText(cell('code')) || null;
    if (code !== null) {
      if (code.length > 64) problem('code', 'too_long', { maximum: 64 });
      else if (/\s/.test(code)) problem('code', 'code_spaces');
      else if (codeRows.has(normalizeName(code)))
        problem('code', 'code_repeated', { id: code, row: codeRows.get(normalizeName(code)) ?? 0 });
      else if (takenNormalized.has(normalizeName(code))) problem('code', 'code_in_use', { id: code });
      codeRows.set(normalizeName(code), codeRows.get(normalizeName(code)) ?? rowNumber);
    }

    const objectiveText = asText(cell('objective'));
    const objective = objectiveText === '' ? null : (findObjective(objectiveText) ?? null);
    if (objectiveText === '') problem('objective', 'required');
    else if (objective === null) problem('objective', 'objective_unmatched', { value: objectiveText });

    const title = asText(cell('title'));
    if (title === '') problem('title', 'required');

    const leadText = asText(cell('lead'));
    const lead = leadText === '' ? null : institution('lead', leadText);
    const partners: string[] = [];
    for (const name of itemsOf(cell('partners'))) {
      const partner = institution('partners', name);
      if (partner !== null && !partners.includes(partner)) partners.push(partner);
    }

    // Dates: one column for both ends holds a period.
    let startValue = cell('start');
    let endValue = cell('end');
    if (mapping.start !== undefined && mapping.start === mapping.end) {
      const [rawStart, rawEnd] = periodParts(cells[mapping.start] ?? null);
      const fixedStart = fixes.get(fixKey(rowNumber, 'start'));
      const fixedEnd = fixes.get(fixKey(rowNumber, 'end'));
      startValue = fixedStart === undefined ? rawStart : periodParts(fixedStart)[0];
      endValue = fixedEnd === undefined ? rawEnd : periodParts(fixedEnd)[1];
    }
    const start = readSheetDate(startValue, 'start');
    const end = readSheetDate(endValue, 'end');
    if (!start.ok) problem('start', 'cell_date');
    if (!end.ok) problem('end', 'cell_date');
    if (start.ok && end.ok && start.value !== null && end.value !== null && end.value < start.value) {
      problem('end', 'end_before_start', { start: start.value });
    }
    const startYear = start.ok && start.value !== null ? Number(start.value.slice(0, 4)) : planStartYear;
    const endYear = end.ok && end.value !== null ? Number(end.value.slice(0, 4)) : planEndYear;

    let level: Level | null = null;
    const levelText = asText(cell('level'));
    if (levelText !== '') {
      level = vocabularies().levels.get(normalizeName(levelText)) ?? null;
      if (level === null) problem('level', 'cell_not_allowed', { value: levelText });
    }
    const tags: Tag[] = [];
    for (const text of itemsOf(cell('tags'), /[\n\r;,]+/)) {
      const tag = vocabularies().tags.get(normalizeName(text));
      if (tag === undefined) problem('tags', 'cell_not_allowed', { value: text });
      else if (!tags.includes(tag)) tags.push(tag);
    }

    const costs = costLines({ mapping, cell, yearCell, problem, institution, defaultYear: startYear });
    const indicators = indicatorLines({
      cell,
      problem,
      baselineYear: startYear === undefined ? undefined : startYear - 1,
      targetYear: endYear,
    });

    const answered: string[] = [];
    for (const text of itemsOf(cell('recommendations'), /[\n\r;,]+/)) {
      const id = recommendations.get(normalizeName(text));
      if (id === undefined) problem('recommendations', 'recommendation_unmatched', { id: text });
      else if (!answered.includes(id)) answered.push(id);
    }

    const activity: Omit<Activity, 'id' | 'indicators'> = {
      objective: objective ?? '',
      title,
      ...(lead !== null ? { lead } : {}),
      ...(partners.length > 0 ? { partners } : {}),
      ...(start.ok && start.value !== null ? { start: start.value } : {}),
      ...(end.ok && end.value !== null ? { end: end.value } : {}),
      ...(level !== null ? { level } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(costs.length > 0 ? { costs } : {}),
      ...(answered.length > 0 ? { recommendations: answered } : {}),
    };
    drafts.push({ mapped: { row: rowNumber, values, activity: null, issues: rowIssues }, code, objective, activity, indicators });
  }

  // Codes for the rows without one, after every code the sheet gives is known.
  const used = new Set([...taken].map(normalizeName));
  for (const draft of drafts) if (draft.code !== null) used.add(normalizeName(draft.code));
  const nextNumbers = new Map<string, number>();
  for (const draft of drafts) {
    if (draft.code === null) {
      draft.code = nextCode(draft.objective, used, nextNumbers);
      used.add(normalizeName(draft.code));
    }
  }

  const activities: Activity[] = [];
  let indicatorCount = 0;
  let costLineCount = 0;
  let totalCents = 0;
  for (const draft of drafts) {
    const { mapped } = draft;
    if (draft.code === null) continue;
    const code = draft.code;
    const indicators: Indicator[] = draft.indicators.map((indicator, n) => {
      const id = nextIndicatorCode(code, n, used);
      used.add(normalizeName(id));
      return { id, ...indicator };
    });
    const activity: Activity = {
      id: draft.code,
      ...draft.activity,
      ...(indicators.length > 0 ? { indicators } : {}),
    };
    if (mapped.issues.length === 0) {
      // What the rules above do not see (a title of spaces only, …) the schema still does.
      const parsed = ActivitySchema.safeParse(activity, { reportInput: true });
      if (!parsed.success) {
        for (const zodIssue of parsed.error.issues) {
          for (const issue of fieldIssueFromZod(zodIssue)) {
            const field = fieldOfPath(zodIssue.path);
            const column = mapping[field];
            mapped.issues.push({
              ...issue,
              path: column === undefined ? `row ${mapped.row}, ${field}` : `row ${mapped.row}, column ${columnLetter(column)}`,
              row: mapped.row,
              field,
              column: column === undefined ? null : columnLetter(column),
            });
          }
        }
      }
    }
    if (mapped.issues.length > 0) continue;
    mapped.activity = activity;
    activities.push(activity);
    indicatorCount += activity.indicators?.length ?? 0;
    costLineCount += activity.costs?.length ?? 0;
    for (const line of activity.costs ?? []) totalCents += Math.round(line.amount * 100);
  }

  const rows = drafts.map((draft) => draft.mapped);
  const withErrors = rows.filter((row) => row.issues.length > 0).length;
  return {
    rows,
    activities,
    unknownInstitutions: [...unknown.values()],
    newInstitutions: [...newInstitutions.values()],
    issues,
    summary: {
      rows: rows.length,
      skipped,
      ready: activities.length,
      withErrors,
      indicators: indicatorCount,
      costLines: costLineCount,
      totalCost: totalCents / 100,
    },
  };
}

/** Problems of the mapping itself. */
export function mappingIssues(mapping: ColumnMapping): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (mapping.title === undefined) issues.push({ path: 'mapping.title', key: 'required' });
  if (mapping.cost !== undefined && (mapping.costByYear?.length ?? 0) > 0)
    issues.push({ path: 'mapping.costByYear', key: 'mapping_cost_twice' });
  return issues;
}

function fixKey(row: number, field: ActivityField, year?: number): string {
  return year === undefined ? `${row}\u0000${field}` : `${row}\u0000${field}\u0000${year}`;
}

function fieldOfPath(path: readonly PropertyKey[]): ActivityField {
  const [first] = path;
  if (first === 'costs') return 'cost';
  if (first === 'indicators') return 'indicator';
  if (first === 'id') return 'code';
  return typeof first === 'string' && (ACTIVITY_FIELDS as readonly string[]).includes(first) ? (first as ActivityField) : 'title';
}

/** The next free activity code under an objective: `O1.2` gives `A1.2.1`, `A1.2.2`, …; `1.2` gives `1.2.1`. */
function nextCode(objective: string | null, used: Set<string>, next: Map<string, number>): string {
  const base = objective === null ? 'A' : /^O(?=[\d.])/i.test(objective) ? `A${objective.slice(1)}` : objective;
  // Where the last search under this base stopped: the codes below it are all taken.
  for (let n = next.get(base) ?? 1; ; n += 1) {
    const code = objective === null ? `${base}${n}` : `${base}.${n}`;
    if (!used.has(normalizeName(code))) {
      next.set(base, n + 1);
      return code;
    }
  }
}

/** The code of an activity's indicator, as the demo names them: `A1.2.3-I1`. */
function nextIndicatorCode(activity: string, index: number, used: Set<string>): string {
  for (let n = index + 1; ; n += 1) {
    const code = `${activity}-I${n}`;
    if (!used.has(normalizeName(code))) return code;
  }
}

type Problem = (field: ActivityField, key: string, params?: Record<string, string | number>, year?: number) => void;

/**
 * The cost lines of a row: from the cost column (one line per amount, with the matching line of
 * cost year, source, funding status and funder, or one line for all of them), or from the per-year
 * columns (one line per filled year). Defaults: the year of the start, the state budget, unfunded.
 */
function costLines(context: {
  mapping: ColumnMapping;
  cell: (field: ActivityField) => SheetValue;
  yearCell: (year: number, column: number) => SheetValue;
  problem: Problem;
  institution: (field: ActivityField, text: string) => string | null;
  defaultYear: number | undefined;
}): CostLine[] {
  const { mapping, cell, yearCell, problem, institution } = context;
  type Amount = { amount: number; year: number | null };
  const amounts: Amount[] = [];
  if (mapping.costByYear && mapping.costByYear.length > 0) {
    for (const { column, year } of mapping.costByYear) {
      const read = readSheetNumber(yearCell(year, column));
      if (!read.ok) problem('cost', 'cell_number', undefined, year);
      else if (read.value !== null) {
        if (!amountOk(read.value, (key, params) => problem('cost', key, params, year))) continue;
        amounts.push({ amount: read.value, year });
      }
    }
  } else {
    const lines = linesOf(cell('cost'));
    let bad = false;
    for (const line of lines) {
      const read = readSheetNumber(line);
      if (!read.ok || read.value === null) {
        if (!bad) problem('cost', 'cell_number');
        bad = true;
      } else if (amountOk(read.value, (key, params) => problem('cost', key, params))) {
        amounts.push({ amount: read.value, year: null });
      } else {
        bad = true;
      }
    }
    if (bad) return [];
  }
  const count = amounts.length;
  // Cost year, source, status and funder: one line per cost line, or one for all, or none.
  const aligned = (field: ActivityField): SheetValue[] | null => {
    const lines = linesOf(cell(field));
    if (lines.length === 0) return [];
    if (lines.length === 1 || lines.length === count) return lines;
    if (count > 0) problem(field, 'cost_lines_mismatch', { count: lines.length, expected: count });
    return null;
  };
  const years = mapping.costByYear && mapping.costByYear.length > 0 ? [] : aligned('costYear');
  const sources = aligned('source');
  const statuses = aligned('fundingStatus');
  const funders = aligned('funder');
  if (count === 0 || years === null || sources === null || statuses === null || funders === null) return [];
  const pick = (lines: SheetValue[], index: number): SheetValue => (lines.length === 1 ? (lines[0] ?? null) : (lines[index] ?? null));

  const result: CostLine[] = [];
  let ok = true;
  amounts.forEach((entry, index) => {
    let year = entry.year;
    if (year === null) {
      const text = pick(years, index);
      const read = readSheetNumber(text);
      if (!read.ok || (read.value !== null && (!Number.isInteger(read.value) || read.value < 1900 || read.value > 2200))) {
        problem('costYear', 'cell_year');
        ok = false;
        return;
      }
      year = read.value ?? context.defaultYear ?? null;
      if (year === null) {
        problem('costYear', 'required');
        ok = false;
        return;
      }
    }
    const sourceText = asText(pick(sources, index));
    const source = sourceText === '' ? 'state_budget' : vocabularies().sources.get(normalizeName(sourceText));
    if (source === undefined) {
      problem('source', 'cell_not_allowed', { value: sourceText });
      ok = false;
    }
    const statusText = asText(pick(statuses, index));
    const status = statusText === '' ? 'unfunded' : vocabularies().statuses.get(normalizeName(statusText));
    if (status === undefined) {
      problem('fundingStatus', 'cell_not_allowed', { value: statusText });
      ok = false;
    }
    const funderText = asText(pick(funders, index));
    const funder = funderText === '' ? null : institution('funder', funderText);
    if (funderText !== '' && funder === null) ok = false;
    if (source === undefined || status === undefined) return;
    result.push({ year, amount: entry.amount, source, ...(funder !== null ? { funder } : {}), status });
  });
  return ok ? result : [];
}

function amountOk(amount: number, problem: (key: string, params?: Record<string, string | number>) => void): boolean {
  if (amount < 0) {
    problem('too_small', { minimum: 0 });
    return false;
  }
  if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) {
    problem('money_decimals');
    return false;
  }
  return true;
}

/**
 * The indicators of a row: one per line of the indicator cell, with the matching lines of baseline
 * and target (`12` or `12 (2024)` for a year other than the default one). An indicator counts a
 * number; its level is `output`. The baseline is of the year before the start, the target of the
 * year of the end.
 */
function indicatorLines(context: {
  cell: (field: ActivityField) => SheetValue;
  problem: Problem;
  baselineYear: number | undefined;
  targetYear: number | undefined;
}): Omit<Indicator, 'id'>[] {
  const { cell, problem } = context;
  const names = itemsOf(cell('indicator'), /[\n\r]+/);
  const baselines = linesOf(cell('baseline'));
  const targets = linesOf(cell('target'));
  if (names.length === 0) {
    if (baselines.length > 0) problem('baseline', 'indicator_name_missing');
    if (targets.length > 0) problem('target', 'indicator_name_missing');
    return [];
  }
  let ok = true;
  const aligned = (field: 'baseline' | 'target', lines: SheetValue[]) => {
    if (lines.length === 0 || lines.length === names.length) return true;
    problem(field, 'indicator_lines_mismatch', { count: lines.length, expected: names.length });
    return false;
  };
  if (!aligned('baseline', baselines) || !aligned('target', targets)) return [];
  const value = (field: 'baseline' | 'target', line: SheetValue | undefined, defaultYear: number | undefined) => {
    if (line === undefined || isEmpty(line)) return undefined;
    let text: SheetValue = line;
    let year = defaultYear;
    if (typeof line === 'string') {
      const withYear = /^(.*?)\s*\((\d{4})\)$/.exec(line.trim());
      if (withYear) {
        text = withYear[1] ?? '';
        year = Number(withYear[2]);
      }
    }
    const read = readSheetNumber(text);
    if (!read.ok || read.value === null) {
      problem(field, 'cell_number');
      ok = false;
      return undefined;
    }
    if (year === undefined) {
      problem(field, 'cell_year');
      ok = false;
      return undefined;
    }
    return { value: read.value, year };
  };
  const indicators = names.map((name, index) => {
    const baseline = value('baseline', baselines[index], context.baselineYear);
    const target = value('target', targets[index], context.targetYear);
    return {
      name,
      level: 'output' as const,
      measure: 'number' as const,
      ...(baseline ? { baseline } : {}),
      ...(target ? { target } : {}),
    };
  });
  return ok ? indicators : [];
}

// ---------------------------------------------------------------------------------------------
// Writing activities to a sheet

/** How a column of the export is written and styled. */
export type ActivityColumnKind = 'text' | 'longText' | 'code' | 'date' | 'money' | 'year' | 'lines';

export type ActivitySheetColumn = {
  /** A field of the import, or a column only for reading (`goal`, `costOfYear`, `total`). */
  key: ActivityField | 'goal' | 'costOfYear' | 'total';
  header: string;
  kind: ActivityColumnKind;
  /** For `costOfYear` columns. */
  year?: number;
};

export type ActivitySheet = { columns: ActivitySheetColumn[]; rows: SheetValue[][] };

/**
 * The action plan as a sheet, one row per activity: goal and objective, code, title, lead,
 * partners, dates, level, tags, the cost of each year and the total, the cost lines (cost year,
 * cost, source, funding status, funder, one per line), the indicators (name, baseline, target, one
 * per line) and the recommendations answered. Headers and labels in the reader's language;
 * {@link guessMapping} of the header row reads it back.
 */
export function activitySheet(options: {
  plan: PlanPackage;
  planId: string;
  t: Translate;
  register?: readonly Institution[];
}): ActivitySheet {
  const { plan, planId, t } = options;
  const actionPlan = plan.actionPlans.find((candidate) => candidate.id === planId);
  if (!actionPlan) throw new Error(`no action plan ${planId} in the package`);
  const goals = new Map<string, { goal: string; objectiveTitle: string }>();
  const goalTitles = new Map<string, string>();
  for (const goal of plan.strategy.goals) {
    goalTitles.set(goal.id, goal.title);
    for (const objective of goal.objectives) goals.set(objective.id, { goal: goal.id, objectiveTitle: objective.title });
  }

  // Institutions by name; a name two institutions share is written with the code.
  const institutions = new Map<string, Institution>();
  for (const institution of [...plan.institutions, ...(options.register ?? [])]) {
    if (!institutions.has(institution.id)) institutions.set(institution.id, institution);
  }
  const nameCount = new Map<string, number>();
  const codes = new Set([...institutions.keys()].map(normalizeName));
  for (const institution of institutions.values()) {
    const name = normalizeName(institution.name);
    nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
  }
  const institutionLabel = (code: string | undefined): string => {
    if (code === undefined) return '';
    const institution = institutions.get(code);
    if (!institution) return code;
    const name = institution.name.replace(/[\r\n;]+/g, ' ').trim();
    const unique =
      (nameCount.get(normalizeName(institution.name)) ?? 0) === 1 && !codes.has(normalizeName(name)) && normalizeName(name) !== '';
    return unique && !/\([^()]+\)\s*$/.test(name) ? name : `${name} (${institution.id})`;
  };

  const years = [...new Set(actionPlan.activities.flatMap((activity) => (activity.costs ?? []).map((line) => line.year)))].sort(
    (a, b) => a - b,
  );
  const field = (key: ActivityField, kind: ActivityColumnKind): ActivitySheetColumn => ({ key, header: t(FIELD_KEYS[key]), kind });
  const columns: ActivitySheetColumn[] = [
    { key: 'goal', header: t('app.workbook.fields.goal'), kind: 'text' },
    field('objective', 'text'),
    field('code', 'code'),
    field('title', 'longText'),
    field('lead', 'text'),
    field('partners', 'longText'),
    field('start', 'date'),
    field('end', 'date'),
    field('level', 'text'),
    field('tags', 'text'),
    ...years.map((year): ActivitySheetColumn => ({
      key: 'costOfYear',
      header: t('app.workbook.fields.costOfYear', { year: String(year) }),
      kind: 'money',
      year,
    })),
    { key: 'total', header: t('app.workbook.fields.total'), kind: 'money' },
    field('costYear', 'year'),
    field('cost', 'money'),
    field('source', 'lines'),
    field('fundingStatus', 'lines'),
    field('funder', 'lines'),
    field('indicator', 'longText'),
    field('baseline', 'lines'),
    field('target', 'lines'),
    field('recommendations', 'text'),
  ];

  const lines = (values: SheetValue[]): SheetValue => {
    if (values.length === 0) return null;
    if (values.length === 1) return values[0] ?? null;
    return values.map((value) => (typeof value === 'number' ? plainNumber(value) : value === null ? '' : String(value))).join('\n');
  };
  // A column of cost lines whose lines all say the same is written once.
  const once = (values: SheetValue[]): SheetValue =>
    values.length > 0 && values.every((value) => value === values[0]) ? (values[0] ?? null) : lines(values);

  const rows = actionPlan.activities.map((activity) => {
    const placement = goals.get(activity.objective);
    const costs = activity.costs ?? [];
    const startYear = activity.start !== undefined ? Number(activity.start.slice(0, 4)) : Number(actionPlan.start.slice(0, 4));
    const endYear = activity.end !== undefined ? Number(activity.end.slice(0, 4)) : Number(actionPlan.end.slice(0, 4));
    const indicators = activity.indicators ?? [];
    const measured = (point: { value: number; year: number } | undefined, defaultYear: number): SheetValue => {
      // An indicator without one keeps its line, so that the lines still go together.
      if (point === undefined) return '-';
      return point.year === defaultYear ? point.value : `${plainNumber(point.value)} (${point.year})`;
    };
    const byCell: Record<string, SheetValue> = {
      goal: placement ? `${placement.goal} — ${goalTitles.get(placement.goal) ?? ''}` : '',
      objective: placement ? `${activity.objective} — ${placement.objectiveTitle}` : activity.objective,
      code: activity.id,
      title: activity.title,
      lead: institutionLabel(activity.lead),
      partners: (activity.partners ?? []).map(institutionLabel).join('; ') || null,
      start: activity.start ?? null,
      end: activity.end ?? null,
      level: activity.level ? t(`levels.${activity.level}`) : null,
      tags: (activity.tags ?? []).map((tag) => t(TAG_KEYS[tag])).join('; ') || null,
      total: costs.length > 0 ? sumAmounts(costs.map((line) => line.amount)) : null,
      costYear: lines(costs.map((line) => line.year)),
      cost: lines(costs.map((line) => line.amount)),
      source: once(costs.map((line) => t(SOURCE_KEYS[line.source]))),
      fundingStatus: once(costs.map((line) => t(STATUS_KEYS[line.status]))),
      funder: costs.some((line) => line.funder !== undefined) ? lines(costs.map((line) => institutionLabel(line.funder) || '-')) : null,
      indicator: lines(indicators.map((indicator) => indicator.name.replace(/[\r\n]+/g, ' '))),
      baseline: indicators.some((i) => i.baseline) ? lines(indicators.map((i) => measured(i.baseline, startYear - 1))) : null,
      target: indicators.some((i) => i.target) ? lines(indicators.map((i) => measured(i.target, endYear))) : null,
      recommendations: (activity.recommendations ?? []).join('; ') || null,
    };
    return columns.map((column) => {
      if (column.key === 'costOfYear') {
        const inYear = costs.filter((line) => line.year === column.year).map((line) => line.amount);
        return inYear.length > 0 ? sumAmounts(inYear) : null;
      }
      return byCell[column.key] ?? null;
    });
  });
  return { columns, rows };
}

function sumAmounts(amounts: number[]): number {
  return amounts.reduce((sum, amount) => sum + Math.round(amount * 100), 0) / 100;
}

/** A number as plain text a sheet reads back in any language: `1234.5`, never grouped. */
function plainNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}
