import {
  REPORT_TEXTS,
  formatDate,
  formatMoney,
  formatNumber,
  toMinorUnits,
  translator,
  type ImplementationReport,
  type Language,
  type Translate,
} from '@ariadne/domain';
import { financeChartsSvg, progressChartsSvg, type DocumentChart } from '../charts/index.ts';

// What Word and PDF share: the report with its texts in the reader's language, its figures
// formatted the same way, the chapters of the table of contents and the charts rendered once.

/** The coordinator's own texts of a report. */
export type ReportTexts = { introduction: string; conclusions: string };

/** The Participant's logo, as stored. */
export type Logo = { mediaType: string; content: Buffer };

/** Everything a document of the implementation report is drawn from. */
export type ReportDocumentInput = {
  report: ImplementationReport;
  texts: ReportTexts;
  language: Language;
  logo: Logo | null;
  /** When the document is generated (ISO date-time). */
  generatedAt: string;
};

export type ReportChapter = { id: string; title: string; level: 1 | 2 };

/** The texts and formats of a document in the reader's language. */
export type DocumentFormatters = {
  t: Translate;
  money: (amount: number) => string;
  number: (value: number | null) => string;
  percent: (share: number | null) => string;
  date: (iso: string) => string;
  activityStatus: (status: string) => string;
  indicatorStatus: (status: string) => string;
  reportStatus: (status: string | null) => string;
  area: (area: string) => string;
  source: (source: string) => string;
};

export type PreparedReport = ReportDocumentInput &
  DocumentFormatters & {
    title: string;
    scopeLabel: string;
    chapters: ReportChapter[];
    charts: DocumentChart[];
  };

export const DASH = '–';

/** Formats money of `currency`, numbers, shares and dates, and names statuses and areas, in `language`. */
export function documentFormatters(language: Language, currency: string): DocumentFormatters {
  const t = translator(language);
  return {
    t,
    money: (amount) => formatMoney(toMinorUnits(amount), currency, language),
    number: (value) => (value === null ? DASH : formatNumber(value, language)),
    percent: (share) => (share === null ? DASH : `${formatNumber(share * 100, language, 1)} %`),
    date: (iso) => formatDate(iso, language),
    activityStatus: (status) => t(`app.activityStatus.${status}`),
    indicatorStatus: (status) => t(`app.indicatorStatus.${status}`),
    reportStatus: (status) => (status === null ? t(REPORT_TEXTS.noReport) : t(`app.monitoring.reportStatus.${status}`)),
    area: (area) => t(`app.areas.${area}`),
    source: (source) => t(`app.editor.vocabulary.recommendationSources.${source}`),
  };
}

/** Paragraphs of a text typed in the application: split at blank lines, inner line breaks kept as spaces. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** Formats an indicator's value (yes/no and scale values as numbers, percentages with their sign). */
export function indicatorValue(
  prepared: Pick<DocumentFormatters, 'number'>,
  indicator: { measure: string; unit: string | null },
  value: number | null,
): string {
  if (value === null) return DASH;
  const shown = prepared.number(value);
  if (indicator.measure === 'percentage') return `${shown} %`;
  return indicator.unit ? `${shown} ${indicator.unit}` : shown;
}

/** Prepares a report for drawing: texts, formatters, chapters and the charts as SVG. */
export function prepareReport(input: ReportDocumentInput): PreparedReport {
  const { report, language } = input;
  const currency = report.participant.currency;
  const formatters = documentFormatters(language, currency);
  const { t } = formatters;
  const scopeLabel =
    report.scope.kind === 'whole'
      ? t(REPORT_TEXTS.scopeWhole)
      : report.scope.kind === 'year'
        ? t(REPORT_TEXTS.scopeYear, { year: report.scope.text })
        : t(REPORT_TEXTS.scopeRound, { round: report.scope.text });
  const chapters: ReportChapter[] = [];
  if (input.texts.introduction.trim() !== '') chapters.push({ id: 'introduction', title: t(REPORT_TEXTS.introduction), level: 1 });
  chapters.push({ id: 'summary', title: t(REPORT_TEXTS.summary), level: 1 });
  chapters.push({ id: 'implementation', title: t(REPORT_TEXTS.implementation), level: 1 });
  for (const goal of report.goals) chapters.push({ id: `goal-${goal.id}`, title: `${goal.label ?? goal.id} – ${goal.title}`, level: 2 });
  chapters.push({ id: 'recommendations', title: t(REPORT_TEXTS.recommendations), level: 1 });
  if (input.texts.conclusions.trim() !== '') chapters.push({ id: 'conclusions', title: t(REPORT_TEXTS.conclusions), level: 1 });
  chapters.push({ id: 'annex', title: t(REPORT_TEXTS.annexMissing), level: 1 });

  const progressCharts = progressChartsSvg({ progress: report.progress, currency, language });
  const financeCharts = financeChartsSvg({ finance: report.finance, resourcePlan: report.resourcePlan, language });
  return {
    ...input,
    ...formatters,
    title: t(REPORT_TEXTS.title),
    scopeLabel,
    chapters,
    charts: [
      progressCharts.activitiesByArea,
      progressCharts.indicatorStatus,
      progressCharts.budgetExecution,
      financeCharts.bySource,
      financeCharts.resourcePlan,
    ],
  };
}

/** The summary figures of a report, as label and formatted value, in the order both documents show them. */
export function summaryFigures(prepared: PreparedReport): { label: string; value: string }[] {
  const { report, t } = prepared;
  const { activities, budget } = report.progress;
  return [
    { label: t(REPORT_TEXTS.activitiesTotal), value: prepared.number(activities.total) },
    ...Object.entries(activities.byStatus).map(([status, count]) => ({
      label: prepared.activityStatus(status),
      value: prepared.number(count),
    })),
    { label: t(REPORT_TEXTS.implementationRate), value: prepared.percent(activities.implementationRate) },
    { label: t(REPORT_TEXTS.plannedTotal), value: prepared.money(report.finance.total) },
    { label: t(REPORT_TEXTS.plannedToDate), value: prepared.money(budget.plannedToDate) },
    { label: t(REPORT_TEXTS.spent), value: prepared.money(budget.spent) },
    { label: t(REPORT_TEXTS.execution), value: prepared.percent(budget.execution) },
    { label: t(REPORT_TEXTS.fundingGap), value: prepared.money(report.finance.fundingGap) },
  ];
}
