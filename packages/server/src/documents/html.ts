import { REPORT_TEXTS, type ReportActivity, type ReportIndicator } from '@ariadne/domain';
import { indicatorValue, paragraphsOf, summaryFigures, type PreparedReport } from './content.ts';

// The implementation report as one HTML document: what the browser shows and what Chromium prints
// to PDF (A4, the table of contents' page numbers filled in by the printer, see pdf.ts).

/** Fonts that hold Latin and Cyrillic alike, in the order they are looked for. */
export const FONT_STACK = "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', 'Arial', sans-serif";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const CSS = `
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10pt; color: #1a1a1a; line-height: 1.4; }
body { margin: 0 auto; max-width: 174mm; }
h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; }
h1 { font-size: 18pt; margin: 0 0 8pt; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
h4 { font-size: 10.5pt; margin: 10pt 0 4pt; }
section.chapter { break-before: page; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.cover img { max-height: 30mm; max-width: 60mm; margin: 0 auto 12mm; }
.cover .participant { font-size: 14pt; }
.cover h1 { font-size: 24pt; margin: 6mm 0; }
.cover .plan { font-size: 14pt; }
.cover .facts { margin-top: 12mm; color: #444; }
nav.toc { break-before: page; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { display: flex; gap: 4pt; margin: 3pt 0; }
nav.toc li.level-2 { padding-left: 14pt; }
nav.toc li a { color: inherit; text-decoration: none; }
nav.toc li .dots { flex: 1; border-bottom: 1px dotted #888; margin-bottom: 3pt; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.number { text-align: right; white-space: nowrap; }
figure { margin: 8pt 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
.narrative { margin: 2pt 0 6pt; }
.narrative .who { font-weight: bold; }
.activity { break-inside: auto; }
`;

function table(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${numeric.has(index) ? ' class="number"' : ''}>${cell}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
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

/** The implementation report as one HTML document. */
export function reportHtml(prepared: PreparedReport): string {
  const { report, t, texts } = prepared;
  const logo = prepared.logo
    ? `<img src="data:${prepared.logo.mediaType};base64,${prepared.logo.content.toString('base64')}" alt="" />`
    : '';
  const cover = `<section class="cover">
${logo}
<div class="participant">${escapeHtml(report.participant.name)}</div>
<h1>${escapeHtml(prepared.title)}</h1>
<div class="plan">${escapeHtml(report.plan.title)}</div>
<div class="scope">${escapeHtml(prepared.scopeLabel)}</div>
<div class="facts">
<p>${escapeHtml(t(REPORT_TEXTS.asOf, { date: prepared.date(report.asOf) }))}</p>
<p>${escapeHtml(t(REPORT_TEXTS.generatedOn, { date: prepared.date(prepared.generatedAt) }))}</p>
</div>
</section>`;

  const toc = `<nav class="toc" aria-labelledby="toc-title"><h1 id="toc-title">${escapeHtml(t(REPORT_TEXTS.contents))}</h1><ol>${prepared.chapters
    .map(
      (chapter) =>
        `<li class="level-${chapter.level}"><a href="#${chapter.id}">${escapeHtml(chapter.title)}</a><span class="dots"></span><span class="toc-page" data-for="${chapter.id}"></span></li>`,
    )
    .join('')}</ol></nav>`;

  const parts: string[] = [cover, toc];
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
  const charts = prepared.charts
    .map(
      (chart) =>
        `<figure role="img" aria-label="${escapeHtml(chart.title)}">${chart.svg}<figcaption>${escapeHtml(chart.title)}</figcaption></figure>`,
    )
    .join('');
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

  return `<!DOCTYPE html>
<html lang="${escapeHtml(prepared.language)}">
<head>
<meta charset="utf-8" />
<title>${escapeHtml(`${prepared.title} – ${report.plan.title} – ${prepared.scopeLabel}`)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>`;
}

/** The running header and footer of the printed pages: the Participant's name and logo, and the page number. */
export function printMargins(prepared: PreparedReport): { header: string; footer: string } {
  const style = `font-family: ${FONT_STACK}; font-size: 8pt; color: #555; width: 100%; margin: 0 18mm;`;
  const logo = prepared.logo
    ? `<img src="data:${prepared.logo.mediaType};base64,${prepared.logo.content.toString('base64')}" style="height: 8mm; vertical-align: middle; margin-right: 3mm;" />`
    : '';
  return {
    header: `<div style="${style} display: flex; align-items: center; justify-content: space-between;"><span>${logo}${escapeHtml(prepared.report.participant.name)}</span><span>${escapeHtml(prepared.title)} · ${escapeHtml(prepared.scopeLabel)}</span></div>`,
    footer: `<div style="${style} text-align: center;">${escapeHtml(prepared.t(REPORT_TEXTS.page))} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
  };
}
