import {
  ACTIVITY_STATUSES,
  ACTIVITY_STATUS_KEYS,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  EVALUATION_KEYS,
  costItems,
  planFinance,
  planProgress,
  translator,
  type Language,
  type PlanPackage,
} from '@ariadne/domain';
import ExcelJS from 'exceljs';
import { moneyFormat, sheetName } from './export.ts';

// The evidence pack of an evaluation: one workbook with what the record says about the plan's
// implementation, for the evaluator's desk review. Every figure is the measures' own (planProgress,
// planFinance, costItems), written as it comes; nothing is computed again here.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const SECTION_FONT: Partial<ExcelJS.Font> = { bold: true, size: 12 };
const PERCENT = '0.0%';

export type EvidencePackOptions = { plan: PlanPackage; participant: string; asOf: string; language: Language };

function header(worksheet: ExcelJS.Worksheet, values: string[]): void {
  const row = worksheet.addRow(values);
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
}

function section(worksheet: ExcelJS.Worksheet, title: string): void {
  if (worksheet.rowCount > 0) worksheet.addRow([]);
  worksheet.addRow([title]).font = SECTION_FONT;
}

/**
 * The evidence pack as a workbook: the progress of each action plan as of `asOf` (activities by
 * status, implementation rate, budget execution, each indicator), its finance (totals by year,
 * source and status, state share, funding gap) and cost lines, and the monitoring reports of every
 * round with their status.
 */
export async function evidencePackWorkbook(options: EvidencePackOptions): Promise<Buffer> {
  const { plan, asOf } = options;
  const t = translator(options.language);
  const label = (key: keyof typeof EVALUATION_KEYS.evidence) => t(EVALUATION_KEYS.evidence[key]);
  const money = moneyFormat(plan.participant.currency);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ariadne';
  workbook.title = `${plan.strategy.title} · ${label('title')}`;
  workbook.created = new Date();

  const about = workbook.addWorksheet(sheetName(label('aboutSheet')));
  about.columns = [{ width: 34 }, { width: 80 }];
  about.addRow([label('title')]).font = SECTION_FONT;
  about.addRow([t('app.evaluations.terms.participant'), plan.participant.name]);
  about.addRow([t('app.evaluations.terms.strategy'), `${plan.strategy.title} (${plan.strategy.periodStart}–${plan.strategy.periodEnd})`]);
  about.addRow([label('asOf'), asOf]);
  about.addRow([label('note')]).alignment = { wrapText: true };
  about.mergeCells(about.rowCount, 1, about.rowCount, 2);
  about.getRow(about.rowCount).height = 48;

  const progress = workbook.addWorksheet(sheetName(label('progressSheet')));
  progress.columns = [{ width: 26 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 20 }];
  const finance = workbook.addWorksheet(sheetName(label('financeSheet')));
  finance.columns = [{ width: 30 }, { width: 18 }];
  const costs = workbook.addWorksheet(sheetName(label('costsSheet')), { views: [{ state: 'frozen', ySplit: 1 }] });
  costs.columns = [
    { width: 12 },
    { width: 12 },
    { width: 50 },
    { width: 22 },
    { width: 30 },
    { width: 8 },
    { width: 18 },
    { width: 14 },
    { width: 16 },
  ];
  header(costs, [
    label('actionPlan'),
    t('app.workbook.fields.code'),
    t('app.workbook.fields.title'),
    t('app.evaluations.terms.area'),
    t('app.workbook.fields.lead'),
    label('year'),
    label('source'),
    label('fundingStatus'),
    label('amount'),
  ]);

  for (const actionPlan of plan.actionPlans) {
    const address = `${options.participant}/${actionPlan.id}`;
    const figures = planProgress(plan, actionPlan.id, asOf, address);
    section(progress, `${actionPlan.id} ${actionPlan.title}`);
    header(progress, [label('activityStatus'), label('count')]);
    for (const status of ACTIVITY_STATUSES) progress.addRow([t(ACTIVITY_STATUS_KEYS[status]), figures.activities.byStatus[status]]);
    progress.addRow([label('activities'), figures.activities.total]).font = { bold: true };
    const rate = progress.addRow([label('implementationRate'), figures.activities.implementationRate]);
    rate.getCell(2).numFmt = PERCENT;
    progress.addRow([label('plannedToDate'), figures.budget.plannedToDate]).getCell(2).numFmt = money;
    progress.addRow([label('spent'), figures.budget.spent]).getCell(2).numFmt = money;
    progress.addRow([label('execution'), figures.budget.execution]).getCell(2).numFmt = PERCENT;
    if (figures.indicators.length > 0) {
      progress.addRow([]);
      header(progress, [
        label('indicator'),
        label('baseline'),
        label('target'),
        label('actual'),
        label('progress'),
        label('expected'),
        label('indicatorStatus'),
      ]);
      for (const indicator of figures.indicators) {
        const row = progress.addRow([
          indicator.id,
          indicator.baseline,
          indicator.target,
          indicator.actual,
          indicator.progress,
          indicator.expected,
          t(`app.indicatorStatus.${indicator.status}`),
        ]);
        row.getCell(5).numFmt = PERCENT;
        row.getCell(6).numFmt = PERCENT;
      }
    }

    const sums = planFinance(plan, actionPlan.id, address);
    section(finance, `${actionPlan.id} ${actionPlan.title}`);
    const amount = (name: string, value: number | null, format = money) => {
      finance.addRow([name, value]).getCell(2).numFmt = format;
    };
    amount(label('total'), sums.total);
    for (const [year, value] of Object.entries(sums.byYear)) amount(year, value);
    for (const source of FUNDING_SOURCES) amount(t(`app.fundingSource.${source}`), sums.bySource[source]);
    for (const status of FUNDING_STATUSES) amount(t(`app.fundingStatus.${status}`), sums.byStatus[status]);
    amount(label('stateShare'), sums.stateShare, PERCENT);
    amount(label('ngoShare'), sums.ngoShare, PERCENT);
    amount(label('fundingGap'), sums.fundingGap);
    finance.addRow([label('unfundedActivities'), sums.unfundedActivities.join(', ')]);

    for (const item of costItems(plan, actionPlan.id)) {
      const row = costs.addRow([
        actionPlan.id,
        item.activity,
        item.title,
        t(`app.areas.${item.area}`),
        item.leadName ?? item.lead ?? '',
        item.year,
        t(`app.fundingSource.${item.source}`),
        t(`app.fundingStatus.${item.status}`),
        item.amount,
      ]);
      row.getCell(9).numFmt = money;
    }
  }

  const reports = workbook.addWorksheet(sheetName(label('reportsSheet')), { views: [{ state: 'frozen', ySplit: 1 }] });
  reports.columns = [{ width: 14 }, { width: 24 }, { width: 12 }, { width: 40 }, { width: 22 }, { width: 14 }];
  header(reports, [label('round'), label('period'), label('deadline'), label('institution'), label('reportStatus'), label('submittedOn')]);
  const names = new Map(plan.institutions.map((institution) => [institution.id, institution.name]));
  for (const round of plan.monitoring?.rounds ?? []) {
    for (const report of round.reports) {
      reports.addRow([
        round.id,
        `${round.periodStart} – ${round.periodEnd}`,
        round.deadline,
        names.get(report.institution) ?? report.institution,
        t(`app.monitoring.reportStatus.${report.status}`),
        report.submittedOn ?? '',
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
