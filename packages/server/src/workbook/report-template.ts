import {
  ACTIVITY_STATUSES,
  FUNDING_SOURCES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_COLUMNS,
  TEMPLATE_STATUS_MEANINGS,
  TEMPLATE_TEXTS,
  formatDate,
  prefilledContent,
  translator,
  type Disaggregation,
  type FormIndicator,
  type Language,
  type ReportContent,
  type ReportForm,
  type Translate,
} from '@ariadne/domain';
import ExcelJS from 'exceljs';
import { moneyFormat, sheetName } from './export.ts';

// The Excel template of one institution's report in a round: instructions, one row per activity,
// one row per indicator total and per breakdown category, and a hidden sheet naming the report and
// its version, so that the filled file can be checked and saved as the report (report-upload.ts).

/** The name of the hidden sheet that identifies the report; the same in every language. */
export const IDENTITY_SHEET = 'ariadne';
/** The first cell of the identity sheet: what the file is, in which layout. */
export const TEMPLATE_FORMAT = 'ariadne-report-template/1';

/** What the hidden sheet says about the report the template belongs to. */
export type TemplateIdentity = {
  participant: string;
  plan: string;
  round: string;
  institution: string;
  version: number;
  language: Language;
  activitiesSheet: string;
  indicatorsSheet: string;
};

/** The columns of the activities sheet (1-based), in order. */
export const ACTIVITY_COLUMNS = {
  code: 1,
  title: 2,
  role: 3,
  period: 4,
  planned: 5,
  status: 6,
  /** The first of the money columns, one per funding source in the order of FUNDING_SOURCES. */
  spent: 7,
  narrative: 7 + FUNDING_SOURCES.length,
  obstacles: 8 + FUNDING_SOURCES.length,
} as const;

/** The columns of the indicators sheet (1-based). `key` is hidden: the breakdown a row is for (`sex:female`), empty on a total. */
export const INDICATOR_COLUMNS = {
  code: 1,
  name: 2,
  measure: 3,
  unit: 4,
  dimension: 5,
  category: 6,
  value: 7,
  previous: 8,
  note: 9,
  key: 10,
} as const;

/** Rows above the first activity or indicator (the header). */
export const HEADER_ROWS = 1;

export type ReportTemplateOptions = {
  participant: string;
  /** The plan's currency, for the money columns. */
  currency: string;
  form: ReportForm;
  /** The report's version as stored (`findReport`). */
  version: number;
  institutionName: string;
  language: Language;
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
const INPUT_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };
const HEADING_FONT: Partial<ExcelJS.Font> = { bold: true, size: 12 };
const TOTAL_FONT: Partial<ExcelJS.Font> = { bold: true };

/**
 * Protection that keeps the layout: the locked cells cannot be changed, rows and columns cannot be
 * inserted or deleted; formatting, sorting and filters stay allowed. No password: it prevents
 * accidents, not intent (the upload checks everything anyway).
 */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  formatCells: false,
  insertRows: false,
  insertColumns: false,
  deleteRows: false,
  deleteColumns: false,
  sort: false,
  autoFilter: false,
};

/** The translated name of an activity status, as the drop-down lists it (no commas or quotes). */
export function statusName(t: Translate, status: string): string {
  return t(`app.activityStatus.${status}`).replace(/[",]/g, ' ').trim();
}

/** The name of a breakdown category in the reader's language, or the category as the plan writes it. */
export function categoryName(t: Translate, category: string): string {
  const key = TEMPLATE_CATEGORIES[category];
  return key === undefined ? category : t(key);
}

function dimensionName(t: Translate, dimension: Disaggregation): string {
  return t(`app.editor.vocabulary.disaggregations.${dimension}`);
}

function unitOf(t: Translate, indicator: FormIndicator): string {
  if (indicator.measure === 'yes_no') return t(TEMPLATE_TEXTS.yesNo);
  if (indicator.measure === 'qualitative' && indicator.scale) {
    return indicator.scale.map((level, index) => t(TEMPLATE_TEXTS.scaleLevel, { index, level })).join('; ');
  }
  return indicator.unit ?? (indicator.measure === 'percentage' ? '%' : '');
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.height = 32;
}

/** Makes a cell one to fill in: unlocked, white, framed. */
function input(cell: ExcelJS.Cell): void {
  cell.protection = { locked: false };
  cell.fill = INPUT_FILL;
  cell.border = INPUT_BORDER;
}

function lockedRow(row: ExcelJS.Row, columns: number): void {
  for (let column = 1; column <= columns; column += 1) row.getCell(column).fill = LOCKED_FILL;
}

function instructionsSheet(
  workbook: ExcelJS.Workbook,
  t: Translate,
  options: ReportTemplateOptions,
  names: { activities: string; indicators: string },
) {
  const { form, language } = options;
  const sheet = workbook.addWorksheet(sheetName(t(TEMPLATE_TEXTS.instructionsSheet)), { properties: { defaultRowHeight: 18 } });
  sheet.getColumn(1).width = 110;
  const line = (text: string, font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow([text]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (font) row.font = font;
  };
  line(t(TEMPLATE_TEXTS.title, { institution: `${options.institutionName} (${form.institution})` }), TITLE_FONT);
  line(t(TEMPLATE_TEXTS.plan, { plan: form.plan }));
  line(
    t(TEMPLATE_TEXTS.round, {
      round: form.round.id,
      start: formatDate(form.round.periodStart, language),
      end: formatDate(form.round.periodEnd, language),
    }),
  );
  line(t(TEMPLATE_TEXTS.deadline, { deadline: formatDate(form.round.deadline, language) }), TOTAL_FONT);
  line('');
  line(t(TEMPLATE_TEXTS.whatTitle), HEADING_FONT);
  line(t(TEMPLATE_TEXTS.whatActivities, { sheet: names.activities, currency: options.currency }));
  line(t(TEMPLATE_TEXTS.whatIndicators, { sheet: names.indicators }));
  line(t(TEMPLATE_TEXTS.whatCells));
  line('');
  line(t(TEMPLATE_TEXTS.statusTitle), HEADING_FONT);
  for (const status of ACTIVITY_STATUSES) line(`${statusName(t, status)}: ${t(TEMPLATE_STATUS_MEANINGS[status])}`);
  line('');
  line(t(TEMPLATE_TEXTS.uploadTitle), HEADING_FONT);
  line(t(TEMPLATE_TEXTS.uploadSave));
  line(t(TEMPLATE_TEXTS.uploadCheck));
  line(t(TEMPLATE_TEXTS.uploadVersion));
  void sheet.protect('', PROTECTION);
}

function activitiesSheet(workbook: ExcelJS.Workbook, t: Translate, options: ReportTemplateOptions, name: string, content: ReportContent) {
  const { form } = options;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS }],
    properties: { defaultRowHeight: 18 },
  });
  const money = moneyFormat(options.currency);
  const headers = [
    t(TEMPLATE_COLUMNS.code),
    t(TEMPLATE_COLUMNS.activity),
    t(TEMPLATE_COLUMNS.role),
    t(TEMPLATE_COLUMNS.period),
    t(TEMPLATE_COLUMNS.planned),
    t(TEMPLATE_COLUMNS.status),
    ...FUNDING_SOURCES.map((source) => t(TEMPLATE_COLUMNS.spent, { source: t(`app.fundingSource.${source}`) })),
    t(TEMPLATE_COLUMNS.narrative),
    t(TEMPLATE_COLUMNS.obstacles),
  ];
  const widths = [12, 48, 11, 23, 15, 16, ...FUNDING_SOURCES.map(() => 15), 48, 40];
  headers.forEach((header, index) => {
    sheet.getColumn(index + 1).width = widths[index] ?? 15;
  });
  sheet.getColumn(ACTIVITY_COLUMNS.planned).numFmt = money;
  for (let index = 0; index < FUNDING_SOURCES.length; index += 1) sheet.getColumn(ACTIVITY_COLUMNS.spent + index).numFmt = money;
  styleHeader(sheet.addRow(headers));

  const entries = new Map(content.activities.map((entry) => [entry.activity, entry]));
  const statusList = ACTIVITY_STATUSES.map((status) => statusName(t, status));
  const statusValidation: ExcelJS.DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${statusList.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    showInputMessage: true,
    prompt: t(TEMPLATE_TEXTS.statusPrompt),
  };
  const moneyValidation: ExcelJS.DataValidation = {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'stop',
    error: t(TEMPLATE_TEXTS.numberPrompt),
  };
  for (const activity of form.activities) {
    const entry = entries.get(activity.id);
    const spent = new Map((entry?.spent ?? []).map((part) => [part.source, part.amount]));
    const row = sheet.addRow([
      activity.id,
      activity.title,
      t(activity.lead ? TEMPLATE_TEXTS.lead : TEMPLATE_TEXTS.partner),
      `${activity.start} – ${activity.end}`,
      activity.planned,
      entry ? statusName(t, entry.status) : null,
      ...FUNDING_SOURCES.map((source) => spent.get(source) ?? null),
      entry?.narrative ?? null,
      entry?.obstacles ?? null,
    ]);
    lockedRow(row, ACTIVITY_COLUMNS.planned);
    row.alignment = { vertical: 'top', wrapText: true };
    const status = row.getCell(ACTIVITY_COLUMNS.status);
    input(status);
    status.dataValidation = statusValidation;
    for (let index = 0; index < FUNDING_SOURCES.length; index += 1) {
      const cell = row.getCell(ACTIVITY_COLUMNS.spent + index);
      input(cell);
      cell.dataValidation = moneyValidation;
    }
    input(row.getCell(ACTIVITY_COLUMNS.narrative));
    input(row.getCell(ACTIVITY_COLUMNS.obstacles));
  }
  void sheet.protect('', PROTECTION);
}

function indicatorsSheet(workbook: ExcelJS.Workbook, t: Translate, options: ReportTemplateOptions, name: string, content: ReportContent) {
  const { form } = options;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS }],
    properties: { defaultRowHeight: 18 },
  });
  const headers = [
    t(TEMPLATE_COLUMNS.code),
    t(TEMPLATE_COLUMNS.indicator),
    t(TEMPLATE_COLUMNS.measure),
    t(TEMPLATE_COLUMNS.unit),
    t(TEMPLATE_COLUMNS.breakdown),
    t(TEMPLATE_COLUMNS.category),
    t(TEMPLATE_COLUMNS.value),
    t(TEMPLATE_COLUMNS.previous),
    t(TEMPLATE_COLUMNS.note),
    '',
  ];
  const widths = [12, 48, 14, 24, 18, 20, 14, 12, 44, 4];
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  sheet.getColumn(INDICATOR_COLUMNS.key).hidden = true;
  styleHeader(sheet.addRow(headers));

  const values = new Map(content.indicatorValues.map((value) => [value.indicator, value]));
  const numberValidation: ExcelJS.DataValidation = {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'stop',
    error: t(TEMPLATE_TEXTS.numberPrompt),
  };
  for (const indicator of form.indicators) {
    const given = values.get(indicator.id);
    const measure = t(`app.editor.vocabulary.measures.${indicator.measure}`);
    const total = sheet.addRow([
      indicator.id,
      indicator.name,
      measure,
      unitOf(t, indicator),
      null,
      t(TEMPLATE_TEXTS.total),
      given?.value ?? null,
      indicator.previousValue,
      t(indicator.required ? TEMPLATE_TEXTS.required : TEMPLATE_TEXTS.optional),
      '',
    ]);
    lockedRow(total, INDICATOR_COLUMNS.note);
    total.alignment = { vertical: 'top', wrapText: true };
    total.font = TOTAL_FONT;
    const value = total.getCell(INDICATOR_COLUMNS.value);
    input(value);
    if (indicator.measure === 'yes_no' || indicator.measure === 'qualitative') {
      const maximum = indicator.measure === 'yes_no' ? 1 : Math.max((indicator.scale?.length ?? 1) - 1, 0);
      value.dataValidation = {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, maximum],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: unitOf(t, indicator),
      };
    } else {
      value.dataValidation = numberValidation;
    }
    const parts = new Map((given?.breakdown ?? []).map((part) => [`${part.dimension}:${part.category}`, part.value]));
    for (const dimension of indicator.disaggregation) {
      const dimensionLabel = dimensionName(t, dimension);
      const note = t(indicator.measure === 'number' ? TEMPLATE_TEXTS.mustAddUp : TEMPLATE_TEXTS.partOf, { dimension: dimensionLabel });
      for (const category of indicator.categories[dimension] ?? []) {
        const key = `${dimension}:${category}`;
        const row = sheet.addRow([
          indicator.id,
          null,
          null,
          null,
          dimensionLabel,
          categoryName(t, category),
          parts.get(key) ?? null,
          null,
          note,
          key,
        ]);
        lockedRow(row, INDICATOR_COLUMNS.note);
        row.getCell(INDICATOR_COLUMNS.category).alignment = { indent: 1 };
        const cell = row.getCell(INDICATOR_COLUMNS.value);
        input(cell);
        cell.dataValidation = numberValidation;
      }
    }
  }
  void sheet.protect('', PROTECTION);
}

function identitySheet(workbook: ExcelJS.Workbook, identity: TemplateIdentity): void {
  const sheet = workbook.addWorksheet(IDENTITY_SHEET, { state: 'veryHidden' });
  sheet.addRow(['format', TEMPLATE_FORMAT]);
  for (const [key, value] of Object.entries(identity)) sheet.addRow([key, value]);
  void sheet.protect('', PROTECTION);
}

/** The names of the two data sheets in a language. */
export function templateSheetNames(language: Language): { activities: string; indicators: string } {
  const t = translator(language);
  return { activities: sheetName(t(TEMPLATE_TEXTS.activitiesSheet)), indicators: sheetName(t(TEMPLATE_TEXTS.indicatorsSheet)) };
}

/**
 * Writes the template of a report in a language: prefilled with what the report says so far (or,
 * for an empty report, with the statuses given last time), the plan's codes and names locked.
 */
export async function reportTemplate(options: ReportTemplateOptions): Promise<Buffer> {
  const t = translator(options.language);
  const names = templateSheetNames(options.language);
  const content = prefilledContent(options.form);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ariadne';
  workbook.title = `${options.form.plan} ${options.form.round.id} ${options.form.institution}`;
  workbook.created = new Date();
  instructionsSheet(workbook, t, options, names);
  activitiesSheet(workbook, t, options, names.activities, content);
  indicatorsSheet(workbook, t, options, names.indicators, content);
  identitySheet(workbook, {
    participant: options.participant,
    plan: options.form.plan,
    round: options.form.round.id,
    institution: options.form.institution,
    version: options.version,
    language: options.language,
    activitiesSheet: names.activities,
    indicatorsSheet: names.indicators,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
