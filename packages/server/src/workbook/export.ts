import {
  activitySheet,
  donorView,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  translator,
  type ActivityColumnKind,
  type Institution,
  type Language,
  type PlanPackage,
  type SheetValue,
} from '@ariadne/domain';
import ExcelJS from 'exceljs';

// The workbooks Ariadne hands out: an action plan's activities (one row per activity, read back by
// the Excel import) and the donor view. Styled for reading: a frozen header row with filters,
// widths that fit, money as numbers in the plan's currency, days as dates.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const TOTAL_FONT: Partial<ExcelJS.Font> = { bold: true };
const THIN: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };

/** The number format of money in a currency: two decimals and its sign, e.g. `#,##0.00 "€"`. */
export function moneyFormat(currency: string): string {
  let symbol = currency;
  try {
    symbol =
      new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    // An unknown currency code is shown as it is.
  }
  return `#,##0.00 "${symbol.replace(/"/g, '')}"`;
}

/** A sheet name Excel accepts: at most 31 characters, none of `: \ / ? * [ ]`. */
export function sheetName(text: string): string {
  const clean = text
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean === '' ? 'Sheet1' : clean;
}

/**
 * `ws.dataValidations.add(range, …)` applies one validation to a whole range; the library's types
 * leave the method out, so it is reached through this one view of it.
 */
type RangeValidations = { add(range: string, validation: ExcelJS.DataValidation): void };
function rangeValidations(worksheet: ExcelJS.Worksheet): RangeValidations {
  return (worksheet as unknown as { dataValidations: RangeValidations }).dataValidations;
}

const WIDTHS: Record<ActivityColumnKind, number> = { text: 24, longText: 48, code: 12, date: 12, money: 15, year: 10, lines: 18 };

function dateOf(value: SheetValue): Date | SheetValue {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : value;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.height = 32;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function newWorkbook(title: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ariadne';
  workbook.title = title;
  workbook.created = new Date();
  return workbook;
}

export type ActivitiesWorkbookOptions = {
  plan: PlanPackage;
  planId: string;
  language: Language;
  /** The Participant's register, so that institutions are named as the import will find them. */
  register?: readonly Institution[];
};

/**
 * The action plan's activities as a workbook, in the reader's language: one row per activity with
 * its goal, objective, code, title, lead, partners, dates, level, tags, cost of each year and
 * total, cost lines, indicators and recommendations. Importing it again gives the same activities.
 */
export async function activitiesWorkbook(options: ActivitiesWorkbookOptions): Promise<Buffer> {
  const t = translator(options.language);
  const actionPlan = options.plan.actionPlans.find((candidate) => candidate.id === options.planId);
  const sheet = activitySheet({
    plan: options.plan,
    planId: options.planId,
    t,
    ...(options.register ? { register: options.register } : {}),
  });
  const workbook = newWorkbook(actionPlan?.title ?? options.planId);
  const worksheet = workbook.addWorksheet(sheetName(t('workbook.activitiesSheet')), {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }],
    properties: { defaultRowHeight: 18 },
  });
  const money = moneyFormat(options.plan.participant.currency);
  worksheet.columns = sheet.columns.map((column, index) => ({
    key: String(index),
    header: column.header,
    width: Math.max(WIDTHS[column.kind], Math.min(40, column.header.length + 2)),
    style:
      column.kind === 'money'
        ? { numFmt: money, alignment: { vertical: 'top' } }
        : column.kind === 'date'
          ? { numFmt: 'yyyy-mm-dd', alignment: { vertical: 'top', horizontal: 'left' } }
          : column.kind === 'year'
            ? { numFmt: '0', alignment: { vertical: 'top', horizontal: 'left', wrapText: true } }
            : { alignment: { vertical: 'top', wrapText: column.kind !== 'code' } },
  }));
  styleHeader(worksheet.getRow(1));
  for (const values of sheet.rows) {
    const row = worksheet.addRow(
      sheet.columns.map((column, index) => (column.kind === 'date' ? dateOf(values[index] ?? null) : (values[index] ?? null))),
    );
    row.border = THIN;
  }
  const last = sheet.columns.length;
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: last } };

  // Drop-down lists for the closed lists of the cost lines, in the reader's language. A cell with
  // several lines (several cost lines) is allowed: the list only helps.
  const lastRow = Math.max(sheet.rows.length + 1, 2) + 500;
  const listOf = (labels: string[]): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [`"${labels.map((label) => label.replace(/[",]/g, ' ')).join(',')}"`],
    showErrorMessage: false,
    errorStyle: 'information',
  });
  sheet.columns.forEach((column, index) => {
    const letter = worksheet.getColumn(index + 1).letter;
    const range = `${letter}2:${letter}${lastRow}`;
    if (column.key === 'source')
      rangeValidations(worksheet).add(range, listOf(FUNDING_SOURCES.map((source) => t(`app.fundingSource.${source}`))));
    if (column.key === 'fundingStatus')
      rangeValidations(worksheet).add(range, listOf(FUNDING_STATUSES.map((status) => t(`app.fundingStatus.${status}`))));
  });
  return toBuffer(workbook);
}

export type DonorViewWorkbookOptions = { plan: PlanPackage; planId: string; language: Language };

/**
 * The donor view as a workbook: the activities with unfunded costs, with their area, goal,
 * objective and lead, their whole cost and the unfunded part, and the total of what is unfunded.
 */
export async function donorViewWorkbook(options: DonorViewWorkbookOptions): Promise<Buffer> {
  const t = translator(options.language);
  const view = donorView(options.plan, options.planId);
  const actionPlan = options.plan.actionPlans.find((candidate) => candidate.id === options.planId);
  const workbook = newWorkbook(actionPlan?.title ?? options.planId);
  const worksheet = workbook.addWorksheet(sheetName(t('workbook.donorSheet')), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
  });
  const money = moneyFormat(view.currency);
  worksheet.columns = [
    { key: 'activity', header: t('app.workbook.fields.code'), width: 12 },
    { key: 'title', header: t('app.workbook.fields.title'), width: 60, style: { alignment: { vertical: 'top', wrapText: true } } },
    { key: 'area', header: t('workbook.area'), width: 22, style: { alignment: { vertical: 'top', wrapText: true } } },
    { key: 'goal', header: t('app.workbook.fields.goal'), width: 10, style: { alignment: { vertical: 'top' } } },
    { key: 'objective', header: t('app.workbook.fields.objective'), width: 12, style: { alignment: { vertical: 'top' } } },
    { key: 'lead', header: t('app.workbook.fields.lead'), width: 36, style: { alignment: { vertical: 'top', wrapText: true } } },
    { key: 'totalCost', header: t('app.workbook.fields.total'), width: 16, style: { numFmt: money, alignment: { vertical: 'top' } } },
    { key: 'unfunded', header: t('workbook.unfunded'), width: 16, style: { numFmt: money, alignment: { vertical: 'top' } } },
  ];
  styleHeader(worksheet.getRow(1));
  for (const item of view.items) {
    const row = worksheet.addRow({
      activity: item.activity,
      title: item.title,
      area: t(`app.areas.${item.area}`),
      goal: item.goal,
      objective: item.objective,
      lead: item.leadName ?? item.lead ?? '',
      totalCost: item.totalCost,
      unfunded: item.unfunded,
    });
    row.border = THIN;
  }
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 8 } };
  const totals = worksheet.addRow({
    activity: t('workbook.totalRow'),
    totalCost: view.items.reduce((sum, item) => sum + Math.round(item.totalCost * 100), 0) / 100,
    unfunded: view.totalUnfunded,
  });
  totals.font = TOTAL_FONT;
  totals.border = { top: { style: 'thin' } };
  return toBuffer(workbook);
}

/** A Content-Disposition that every browser and file system accepts, from the plan's address. */
export function attachment(participant: string, planId: string, what: string): string {
  const name = `${participant}-${planId}-${what}.xlsx`;
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === name ? `attachment; filename="${name}"` : `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
