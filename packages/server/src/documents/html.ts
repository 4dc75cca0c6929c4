import { REPORT_TEXTS, type ReportActivity, type ReportIndicator } from '@ariadne/domain';
import { indicatorValue, paragraphsOf, summaryFigures, type PreparedReport } from './content.ts';
import { coverHtml, escapeHtml, figureHtml, htmlShell, htmlTable, printMarginsOf, tocHtml } from './layout.ts';

// The implementation report as one HTML document: what the browser shows and what Chromium prints
// to PDF (A4, the table of contents' page numbers filled in by the printer, see pdf.ts).

export { escapeHtml, FONT_STACK } from './layout.ts';

function table(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  return htmlTable(headers, rows, numeric);
}

function paragraphs(text: string): string {
  return paragraphsOf(text)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}

function indicatorTable(prepared: PreparedReport, indicators: ReportIndicator[]): string {
  if (indicators.length === 0) return '';
  const { t } = prepared;
  return table(
    [
      t(REPORT_TEXTS.code),
      t(REPORT_TEXTS.indicator),
      t(REPORT_TEXTS.baseline),
      t(REPORT_TEXTS.actual),
      t(REPORT_TEXTS.target),
      t(REPORT_TEXTS.status),
    ],
    indicators.map((indicator) => [
      escapeHtml(indicator.id),
      escapeHtml(indicator.name),
      escapeHtml(indicatorValue(prepared, indicator, indicator.baseline)),
      escapeHtml(indicatorValue(prepared, indicator, indicator.actual)),
      escapeHtml(indicatorValue(prepared, indicator, indicator.target)),
      escapeHtml(prepared.indicatorStatus(indicator.status)),
    ]),
    new Set([2, 3, 4]),
  );
}

function activityDetails(prepared: PreparedReport, activity: ReportActivity): string {
  const { t } = prepared;
  const narratives = activity.narratives
    .map((entry) => {
      const who = `${escapeHtml(entry.institutionName ?? entry.institution)} (${escapeHtml(entry.round)})`;
      const parts = [
        entry.narrative ? `<p class="narrative"><span class="who">${who}</span> ${escapeHtml(entry.narrative)}</p>` : '',
        entry.obstacles
          ? `<p class="narrative"><span class="who">${escapeHtml(t(REPORT_TEXTS.obstacles))}:</span> ${escapeHtml(entry.obstacles)}</p>`
          : '',
      ];
      return parts.join('');
    })
    .join('');
  const indicators = indicatorTable(prepared, activity.indicators);
  if (narratives === '' && indicators === '') return '';
  return `<div class="activity"><h4>${escapeHtml(activity.id)} ${escapeHtml(activity.title)}</h4>${narratives}${indicators}</div>`;
}

/** The chapters of the implementation report: on paper with its cover and numbered contents, on a page without them. */
export function reportBody(prepared: PreparedReport, options: { print: boolean } = { print: true }): string {
  const { report, t, texts } = prepared;
  const cover = coverHtml({
    logo: prepared.logo,
    participant: report.participant.name,
    title: prepared.title,
    plan: report.plan.title,
    line: prepared.scopeLabel,
    facts: [
      t(REPORT_TEXTS.asOf, { date: prepared.date(report.asOf) }),
      t(REPORT_TEXTS.generatedOn, { date: prepared.date(prepared.generatedAt) }),
    ],
  });
  const toc = tocHtml(t(REPORT_TEXTS.contents), prepared.chapters, { pages: options.print });

  const parts: string[] = options.print ? [cover, toc] : [toc];
  if (texts.introduction.trim() !== '') {
    parts.push(
      `<section class="chapter"><h1 id="introduction">${escapeHtml(t(REPORT_TEXTS.introduction))}</h1>${paragraphs(texts.introduction)}</section>`,
    );
  }

  const figures = table(
    [t(REPORT_TEXTS.figure), t(REPORT_TEXTS.value)],
    summaryFigures(prepared).map((figure) => [escapeHtml(figure.label), escapeHtml(figure.value)]),
    new Set([1]),
  );
  const charts = prepared.charts.map(figureHtml).join('');
  parts.push(`<section class="chapter"><h1 id="summary">${escapeHtml(t(REPORT_TEXTS.summary))}</h1>${figures}${charts}</section>`);

  const goals = report.goals
    .map((goal) => {
      const objectives = goal.objectives
        .map((objective) => {
          const activities = table(
            [
              t(REPORT_TEXTS.code),
              t(REPORT_TEXTS.activity),
              t(REPORT_TEXTS.status),
              t(REPORT_TEXTS.lead),
              t(REPORT_TEXTS.planned),
              t(REPORT_TEXTS.spent),
            ],
            objective.activities.map((activity) => [
              escapeHtml(activity.id),
              escapeHtml(activity.title),
              escapeHtml(prepared.activityStatus(activity.status)),
              escapeHtml(activity.lead?.name ?? activity.lead?.id ?? '–'),
              escapeHtml(prepared.money(activity.planned)),
              escapeHtml(prepared.money(activity.spent)),
            ]),
            new Set([4, 5]),
          );
          const details = objective.activities.map((activity) => activityDetails(prepared, activity)).join('');
          return `<h3>${escapeHtml(objective.id)} ${escapeHtml(objective.title)}</h3>${indicatorTable(prepared, objective.indicators)}${
            objective.activities.length > 0 ? activities : ''
          }${details}`;
        })
        .join('');
      return `<h2 id="goal-${escapeHtml(goal.id)}">${escapeHtml(goal.label ?? goal.id)} – ${escapeHtml(goal.title)}</h2><p>${escapeHtml(prepared.area(goal.area))}</p>${objectives}`;
    })
    .join('');
  parts.push(`<section class="chapter"><h1 id="implementation">${escapeHtml(t(REPORT_TEXTS.implementation))}</h1>${goals}</section>`);

  const recommendations = report.recommendations
    .map((recommendation) => {
      const heading = `${recommendation.id} · ${prepared.source(recommendation.source)}${recommendation.reference ? ` · ${recommendation.reference}` : ''}`;
      const answers =
        recommendation.activities.length === 0
          ? `<p>${escapeHtml(t(REPORT_TEXTS.notAnswered))}</p>`
          : `<p>${escapeHtml(t(REPORT_TEXTS.answeredBy))}</p>${table(
              [t(REPORT_TEXTS.code), t(REPORT_TEXTS.activity), t(REPORT_TEXTS.status)],
              recommendation.activities.map((activity) => [
                escapeHtml(activity.id),
                escapeHtml(activity.title),
                escapeHtml(prepared.activityStatus(activity.status)),
              ]),
            )}`;
      return `<h3>${escapeHtml(heading)}</h3><p>${escapeHtml(recommendation.text)}</p>${answers}`;
    })
    .join('');
  parts.push(
    `<section class="chapter"><h1 id="recommendations">${escapeHtml(t(REPORT_TEXTS.recommendations))}</h1>${
      recommendations === '' ? `<p>${escapeHtml(t(REPORT_TEXTS.noneGiven))}</p>` : recommendations
    }</section>`,
  );

  if (texts.conclusions.trim() !== '') {
    parts.push(
      `<section class="chapter"><h1 id="conclusions">${escapeHtml(t(REPORT_TEXTS.conclusions))}</h1>${paragraphs(texts.conclusions)}</section>`,
    );
  }

  const missing =
    report.missingReports.length === 0
      ? `<p>${escapeHtml(t(REPORT_TEXTS.noneMissing))}</p>`
      : table(
          [t(REPORT_TEXTS.round), t(REPORT_TEXTS.code), t(REPORT_TEXTS.institution), t(REPORT_TEXTS.reportStatus)],
          report.missingReports.map((entry) => [
            escapeHtml(entry.round),
            escapeHtml(entry.institution),
            escapeHtml(entry.institutionName ?? entry.institution),
            escapeHtml(prepared.reportStatus(entry.reportStatus)),
          ]),
        );
  parts.push(`<section class="chapter"><h1 id="annex">${escapeHtml(t(REPORT_TEXTS.annexMissing))}</h1>${missing}</section>`);

  return parts.join('\n');
}

/** The implementation report as one HTML document. */
export function reportHtml(prepared: PreparedReport): string {
  return htmlShell(prepared.language, `${prepared.title} – ${prepared.report.plan.title} – ${prepared.scopeLabel}`, reportBody(prepared));
}

/** The running header and footer of the printed pages: the Participant's name and logo, and the page number. */
export function printMargins(prepared: PreparedReport): { header: string; footer: string } {
  return printMarginsOf({
    logo: prepared.logo,
    participant: prepared.report.participant.name,
    heading: `${prepared.title} · ${prepared.scopeLabel}`,
    page: prepared.t(REPORT_TEXTS.page),
  });
}
