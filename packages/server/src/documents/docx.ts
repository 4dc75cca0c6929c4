import { REPORT_TEXTS, type ReportIndicator } from '@ariadne/domain';
import { Paragraph, TextRun, type FileChild } from 'docx';
import { indicatorValue, paragraphsOf, summaryFigures, type PreparedReport } from './content.ts';
import { chartParagraphs, coverAndContents, heading, table, text, wordFile, type WordImages } from './word.ts';

export type { WordImages } from './word.ts';

// The implementation report as a Word file, from the same prepared report as the HTML: headings
// that Word's table of contents field lists (updated when the file is opened), real tables, the
// charts as images, the Participant's name and logo in the header and page numbers in the footer.

function indicatorTable(prepared: PreparedReport, indicators: ReportIndicator[]): FileChild[] {
  if (indicators.length === 0) return [];
  const { t } = prepared;
  return [
    table(
      [
        t(REPORT_TEXTS.code),
        t(REPORT_TEXTS.indicator),
        t(REPORT_TEXTS.baseline),
        t(REPORT_TEXTS.actual),
        t(REPORT_TEXTS.target),
        t(REPORT_TEXTS.status),
      ],
      indicators.map((indicator) => [
        indicator.id,
        indicator.name,
        indicatorValue(prepared, indicator, indicator.baseline),
        indicatorValue(prepared, indicator, indicator.actual),
        indicatorValue(prepared, indicator, indicator.target),
        prepared.indicatorStatus(indicator.status),
      ]),
      new Set([2, 3, 4]),
    ),
    text(''),
  ];
}

function texts(value: string): Paragraph[] {
  return paragraphsOf(value).map((paragraph) => text(paragraph));
}

/** The implementation report as a .docx file. */
export async function reportDocx(prepared: PreparedReport, images: WordImages): Promise<Buffer> {
  const { report, t } = prepared;
  const children: FileChild[] = [];

  children.push(
    ...coverAndContents({
      logo: images.logo,
      participant: report.participant.name,
      title: prepared.title,
      plan: report.plan.title,
      line: prepared.scopeLabel,
      facts: [
        t(REPORT_TEXTS.asOf, { date: prepared.date(report.asOf) }),
        t(REPORT_TEXTS.generatedOn, { date: prepared.date(prepared.generatedAt) }),
      ],
      contents: t(REPORT_TEXTS.contents),
    }),
  );

  if (prepared.texts.introduction.trim() !== '') {
    children.push(heading(t(REPORT_TEXTS.introduction), 1, { pageBreakBefore: true }), ...texts(prepared.texts.introduction));
  }

  children.push(
    heading(t(REPORT_TEXTS.summary), 1, { pageBreakBefore: true }),
    table(
      [t(REPORT_TEXTS.figure), t(REPORT_TEXTS.value)],
      summaryFigures(prepared).map((figure) => [figure.label, figure.value]),
      new Set([1]),
    ),
  );
  prepared.charts.forEach((chart, index) => {
    const image = images.charts[index];
    if (image) children.push(...chartParagraphs(chart.title, image));
  });

  children.push(heading(t(REPORT_TEXTS.implementation), 1, { pageBreakBefore: true }));
  for (const goal of report.goals) {
    children.push(heading(`${goal.label ?? goal.id} – ${goal.title}`, 2), text(prepared.area(goal.area)));
    for (const objective of goal.objectives) {
      children.push(heading(`${objective.id} ${objective.title}`, 3), ...indicatorTable(prepared, objective.indicators));
      if (objective.activities.length > 0) {
        children.push(
          table(
            [
              t(REPORT_TEXTS.code),
              t(REPORT_TEXTS.activity),
              t(REPORT_TEXTS.status),
              t(REPORT_TEXTS.lead),
              t(REPORT_TEXTS.planned),
              t(REPORT_TEXTS.spent),
            ],
            objective.activities.map((activity) => [
              activity.id,
              activity.title,
              prepared.activityStatus(activity.status),
              activity.lead?.name ?? activity.lead?.id ?? '–',
              prepared.money(activity.planned),
              prepared.money(activity.spent),
            ]),
            new Set([4, 5]),
          ),
          text(''),
        );
      }
      for (const activity of objective.activities) {
        if (activity.narratives.length === 0 && activity.indicators.length === 0) continue;
        children.push(heading(`${activity.id} ${activity.title}`, 4));
        for (const entry of activity.narratives) {
          const who = `${entry.institutionName ?? entry.institution} (${entry.round})`;
          if (entry.narrative)
            children.push(
              new Paragraph({
                spacing: { after: 80 },
                children: [new TextRun({ text: `${who} `, bold: true }), new TextRun(entry.narrative)],
              }),
            );
          if (entry.obstacles) {
            children.push(
              new Paragraph({
                spacing: { after: 80 },
                children: [new TextRun({ text: `${t(REPORT_TEXTS.obstacles)}: `, bold: true }), new TextRun(entry.obstacles)],
              }),
            );
          }
        }
        children.push(...indicatorTable(prepared, activity.indicators));
      }
    }
  }

  children.push(heading(t(REPORT_TEXTS.recommendations), 1, { pageBreakBefore: true }));
  if (report.recommendations.length === 0) children.push(text(t(REPORT_TEXTS.noneGiven)));
  for (const recommendation of report.recommendations) {
    children.push(
      heading(
        `${recommendation.id} · ${prepared.source(recommendation.source)}${recommendation.reference ? ` · ${recommendation.reference}` : ''}`,
        3,
      ),
      text(recommendation.text),
    );
    if (recommendation.activities.length === 0) children.push(text(t(REPORT_TEXTS.notAnswered)));
    else {
      children.push(
        text(t(REPORT_TEXTS.answeredBy)),
        table(
          [t(REPORT_TEXTS.code), t(REPORT_TEXTS.activity), t(REPORT_TEXTS.status)],
          recommendation.activities.map((activity) => [activity.id, activity.title, prepared.activityStatus(activity.status)]),
        ),
        text(''),
      );
    }
  }

  if (prepared.texts.conclusions.trim() !== '') {
    children.push(heading(t(REPORT_TEXTS.conclusions), 1, { pageBreakBefore: true }), ...texts(prepared.texts.conclusions));
  }

  children.push(heading(t(REPORT_TEXTS.annexMissing), 1, { pageBreakBefore: true }));
  if (report.missingReports.length === 0) children.push(text(t(REPORT_TEXTS.noneMissing)));
  else {
    children.push(
      table(
        [t(REPORT_TEXTS.round), t(REPORT_TEXTS.code), t(REPORT_TEXTS.institution), t(REPORT_TEXTS.reportStatus)],
        report.missingReports.map((entry) => [
          entry.round,
          entry.institution,
          entry.institutionName ?? entry.institution,
          prepared.reportStatus(entry.reportStatus),
        ]),
      ),
    );
  }

  return wordFile({
    creator: report.participant.name,
    title: `${prepared.title} – ${report.plan.title} – ${prepared.scopeLabel}`,
    header: `${report.participant.name} · ${prepared.title} · ${prepared.scopeLabel}`,
    page: t(REPORT_TEXTS.page),
    logo: images.logo,
    children,
  });
}
