import {
  ACTIVITY_STATUSES,
  AppError,
  FUNDING_SOURCES,
  LANGUAGES,
  checkReport,
  columnLetter,
  isLanguage,
  normalizeName,
  readSheetNumber,
  translator,
  type ActivityStatus,
  type FieldIssue,
  type FormIndicator,
  type ReportContent,
  type ReportFinding,
  type ReportForm,
  type SheetValue,
} from '@ariadne/domain';
import type { SheetData } from './read.ts';
import {
  ACTIVITY_COLUMNS,
  HEADER_ROWS,
  IDENTITY_SHEET,
  INDICATOR_COLUMNS,
  TEMPLATE_FORMAT,
  statusName,
  type TemplateIdentity,
} from './report-template.ts';

// Reading a filled report template back: its identity (which report, which version), the values
// of its input cells as a report's content, and every problem with the sheet, row and column it is
// in, the problems of the cells themselves (text where a number belongs, an unknown status) and
// those the report's check finds, all at once.

/** A cell of the template. */
export type CellPlace = { sheet: string; row: number; column: string };

/** A filled template as a report's content, with what is wrong with it. */
export type TemplateReading = {
  content: ReportContent;
  /** Every problem, as field issues whose path is the cell (`Activities!F12`). */
  problems: FieldIssue[];
  /** The unusual values the check flags, to confirm when submitting; on their cells too. */
  flags: FieldIssue[];
};

function notATemplate(detail: string): AppError {
  return new AppError('VALIDATION_FAILED', { issues: [{ path: 'file', key: 'template_unknown' }], detail });
}

function text(value: SheetValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value).trim();
}

/**
 * The report a workbook is the template of, from its hidden sheet. A workbook without one (not a
 * template, or one whose hidden sheet was damaged) is refused as not a template.
 */
export function templateIdentity(sheets: readonly SheetData[]): TemplateIdentity {
  const sheet = sheets.find((candidate) => candidate.name === IDENTITY_SHEET);
  if (!sheet) throw notATemplate('no identity sheet');
  const [first, ...rest] = sheet.rows;
  if (text(first?.[0]) !== 'format' || text(first?.[1]) !== TEMPLATE_FORMAT) throw notATemplate('unknown template format');
  const fields = new Map(rest.map((row) => [text(row[0]), text(row[1])]));
  const field = (name: string) => {
    const value = fields.get(name);
    if (value === undefined || value === '') throw notATemplate(`identity without ${name}`);
    return value;
  };
  const version = Number(field('version'));
  const language = field('language');
  if (!Number.isInteger(version) || version < 1 || !isLanguage(language)) throw notATemplate('identity with a bad version or language');
  return {
    participant: field('participant'),
    plan: field('plan'),
    round: field('round'),
    institution: field('institution'),
    version,
    language,
    activitiesSheet: field('activitiesSheet'),
    indicatorsSheet: field('indicatorsSheet'),
  };
}

/** Status names in every language (and the codes themselves), compared without case or accents. */
const STATUS_NAMES: Map<string, ActivityStatus> = (() => {
  const names = new Map<string, ActivityStatus>();
  for (const status of ACTIVITY_STATUSES) names.set(normalizeName(status), status);
  for (const language of LANGUAGES) {
    const t = translator(language);
    for (const status of ACTIVITY_STATUSES) {
      names.set(normalizeName(statusName(t, status)), status);
      names.set(normalizeName(t(`app.activityStatus.${status}`)), status);
    }
  }
  return names;
})();

/** The status a cell names, in any of the languages, or null when it names none. */
export function statusOf(value: SheetValue): ActivityStatus | null {
  if (typeof value !== 'string') return null;
  return STATUS_NAMES.get(normalizeName(value.replace(/_/g, ' '))) ?? STATUS_NAMES.get(normalizeName(value)) ?? null;
}

function isBlank(value: SheetValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A count, a percentage, yes (1) or no (0), or a level of the scale (its number, or its name). */
function readValue(
  value: SheetValue | undefined,
  indicator: FormIndicator | undefined,
): { ok: true; value: number | null } | { ok: false } {
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
  const read = readSheetNumber(value);
  if (read.ok) return read;
  if (typeof value === 'string' && indicator?.measure === 'qualitative' && indicator.scale) {
    const index = indicator.scale.findIndex((level) => normalizeName(level) === normalizeName(value));
    if (index >= 0) return { ok: true, value: index };
  }
  return { ok: false };
}

function findingKey(target: string | null, field: string): string {
  return `${target ?? ''}\u0000${field}`;
}

/**
 * Reads the input cells of a template of the form's report into a report's content and checks it
 * as a draft: the problems of the cells, then those of the content, each on its cell.
 */
export function readReportTemplate(sheets: readonly SheetData[], identity: TemplateIdentity, form: ReportForm): TemplateReading {
  const problems: FieldIssue[] = [];
  const places = new Map<string, CellPlace>();
  const placeOf = (sheet: string, row: number, column: number): CellPlace => ({ sheet, row, column: columnLetter(column - 1) });
  const issue = (place: CellPlace, key: string, params?: Record<string, string | number>): FieldIssue => ({
    path: `${place.sheet}!${place.column}${place.row}`,
    key,
    params: { sheet: place.sheet, row: place.row, column: place.column, ...params },
  });
  const problem = (place: CellPlace, key: string, params?: Record<string, string | number>) => problems.push(issue(place, key, params));
  const remember = (target: string, field: string, place: CellPlace) => {
    const key = findingKey(target, field);
    if (!places.has(key)) places.set(key, place);
  };

  const sheetNamed = (name: string): SheetData => {
    const sheet = sheets.find((candidate) => candidate.name === name);
    if (!sheet) {
      throw new AppError('VALIDATION_FAILED', {
        issues: [{ path: 'file', key: 'sheet_not_found', params: { sheet: name } }],
        detail: `template without the sheet ${name}`,
      });
    }
    return sheet;
  };

  // Activities: one row each.
  const activitySheet = sheetNamed(identity.activitiesSheet);
  const activityIds = new Set(form.activities.map((activity) => activity.id));
  const activities: ReportContent['activities'] = [];
  const seenActivities = new Set<string>();
  const inputColumns = [
    ACTIVITY_COLUMNS.status,
    ...FUNDING_SOURCES.map((_, index) => ACTIVITY_COLUMNS.spent + index),
    ACTIVITY_COLUMNS.narrative,
    ACTIVITY_COLUMNS.obstacles,
  ];
  activitySheet.rows.forEach((cells, index) => {
    const row = index + 1;
    if (row <= HEADER_ROWS) return;
    const at = (column: number) => placeOf(activitySheet.name, row, column);
    const cell = (column: number) => cells[column - 1];
    const code = text(cell(ACTIVITY_COLUMNS.code));
    const filled = inputColumns.some((column) => !isBlank(cell(column)));
    if (code === '') {
      if (filled) problem(at(ACTIVITY_COLUMNS.code), 'required');
      return;
    }
    if (!activityIds.has(code)) {
      problem(at(ACTIVITY_COLUMNS.code), 'report_activity_unknown', { id: code });
      return;
    }
    if (seenActivities.has(code)) {
      problem(at(ACTIVITY_COLUMNS.code), 'report_activity_twice', { id: code });
      return;
    }
    seenActivities.add(code);
    remember(code, 'status', at(ACTIVITY_COLUMNS.status));
    remember(code, 'spent', at(ACTIVITY_COLUMNS.spent));
    remember(code, 'narrative', at(ACTIVITY_COLUMNS.narrative));
    remember(code, 'obstacles', at(ACTIVITY_COLUMNS.obstacles));
    FUNDING_SOURCES.forEach((source, offset) => remember(code, `spent.${source}`, at(ACTIVITY_COLUMNS.spent + offset)));
    if (!filled) return;

    let ok = true;
    const statusCell = cell(ACTIVITY_COLUMNS.status);
    let status: ActivityStatus | null = null;
    if (isBlank(statusCell)) {
      problem(at(ACTIVITY_COLUMNS.status), 'report_status_missing');
      ok = false;
    } else {
      status = statusOf(statusCell ?? null);
      if (status === null) {
        problem(at(ACTIVITY_COLUMNS.status), 'cell_not_allowed', { value: text(statusCell) });
        ok = false;
      }
    }
    const spent: { source: (typeof FUNDING_SOURCES)[number]; amount: number }[] = [];
    FUNDING_SOURCES.forEach((source, offset) => {
      const read = readSheetNumber(cell(ACTIVITY_COLUMNS.spent + offset));
      if (!read.ok) {
        problem(at(ACTIVITY_COLUMNS.spent + offset), 'cell_number');
        ok = false;
      } else if (read.value !== null) {
        spent.push({ source, amount: read.value });
      }
    });
    if (!ok || status === null) return;
    const narrative = text(cell(ACTIVITY_COLUMNS.narrative));
    const obstacles = text(cell(ACTIVITY_COLUMNS.obstacles));
    activities.push({
      activity: code,
      status,
      ...(spent.length > 0 ? { spent } : {}),
      ...(narrative ? { narrative } : {}),
      ...(obstacles ? { obstacles } : {}),
    });
  });

  // Indicators: a row for the total, then one per category of each breakdown.
  const indicatorSheet = sheetNamed(identity.indicatorsSheet);
  const indicators = new Map(form.indicators.map((indicator) => [indicator.id, indicator]));
  type Given = {
    total: number | null;
    totalRow: number | null;
    broken: boolean;
    parts: { dimension: string; category: string; value: number }[];
    firstRow: number;
  };
  const given = new Map<string, Given>();
  indicatorSheet.rows.forEach((cells, index) => {
    const row = index + 1;
    if (row <= HEADER_ROWS) return;
    const at = (column: number) => placeOf(indicatorSheet.name, row, column);
    const cell = (column: number) => cells[column - 1];
    const code = text(cell(INDICATOR_COLUMNS.code));
    const value = cell(INDICATOR_COLUMNS.value);
    if (code === '') {
      if (!isBlank(value)) problem(at(INDICATOR_COLUMNS.code), 'required');
      return;
    }
    const indicator = indicators.get(code);
    if (indicator === undefined) {
      problem(at(INDICATOR_COLUMNS.code), 'report_indicator_unknown', { id: code });
      return;
    }
    const entry = given.get(code) ?? { total: null, totalRow: null, broken: false, parts: [], firstRow: row };
    given.set(code, entry);
    const key = text(cell(INDICATOR_COLUMNS.key));
    const read = readValue(value, indicator);
    if (key === '') {
      if (entry.totalRow !== null) {
        problem(at(INDICATOR_COLUMNS.code), 'report_indicator_twice', { id: code });
        return;
      }
      entry.totalRow = row;
      remember(code, 'value', at(INDICATOR_COLUMNS.value));
      if (!read.ok) {
        problem(at(INDICATOR_COLUMNS.value), 'cell_number');
        entry.broken = true;
      } else {
        entry.total = read.value;
      }
      return;
    }
    const split = key.indexOf(':');
    const dimension = split < 0 ? key : key.slice(0, split);
    const category = split < 0 ? '' : key.slice(split + 1);
    remember(code, `breakdown.${dimension}`, at(INDICATOR_COLUMNS.value));
    remember(code, `breakdown.${dimension}.${category}`, at(INDICATOR_COLUMNS.value));
    if (!read.ok) {
      problem(at(INDICATOR_COLUMNS.value), 'cell_number');
      entry.broken = true;
    } else if (read.value !== null) {
      entry.parts.push({ dimension, category, value: read.value });
    }
  });
  const indicatorValues: ReportContent['indicatorValues'] = [];
  for (const [code, entry] of given) {
    if (entry.total === null) {
      // Categories without their total: the total is what the report keeps.
      if (entry.parts.length > 0 && entry.totalRow !== null) {
        problem(placeOf(indicatorSheet.name, entry.totalRow, INDICATOR_COLUMNS.value), 'report_value_missing');
      }
      continue;
    }
    // A category that could not be read would make the sum wrong as well: it is reported alone.
    const breakdown = entry.broken ? [] : entry.parts;
    indicatorValues.push({ indicator: code, value: entry.total, ...(breakdown.length > 0 ? { breakdown } : {}) });
  }

  const content: ReportContent = { activities, indicatorValues };
  const check = checkReport(form, content, 'draft');
  const located = (finding: ReportFinding): FieldIssue => {
    const place =
      places.get(findingKey(finding.target, finding.field)) ??
      places.get(findingKey(finding.target, finding.field.split('.').slice(0, 2).join('.'))) ??
      places.get(findingKey(finding.target, 'value')) ??
      places.get(findingKey(finding.target, 'status'));
    if (place === undefined) return { path: 'file', key: finding.key, ...(finding.params ? { params: finding.params } : {}) };
    return issue(place, finding.key, finding.params);
  };
  return { content, problems: [...problems, ...check.problems.map(located)], flags: check.flags.map(located) };
}
