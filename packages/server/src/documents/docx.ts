import { REPORT_TEXTS, type ReportIndicator } from '@ariadne/domain';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { indicatorValue, paragraphsOf, summaryFigures, type PreparedReport } from './content.ts';

// The implementation report as a Word file, from the same prepared report as the HTML: headings
// that Word's table of contents field lists (updated when the file is opened), real tables, the
// charts as images, the Participant's name and logo in the header and page numbers in the footer.

/** A font that Word has everywhere and that holds Latin and Cyrillic. */
const FONT = 'Arial';
/** The width of the text on an A4 page with 18 mm margins, in pixels at 96 dpi. */
const TEXT_WIDTH_PX = 650;

/** The images of the charts (and the logo) for Word: SVG, with PNG for processors that show no SVG. */
export type WordImages = {
  charts: { svg: Buffer; png: Buffer; width: number; height: number }[];
  logo: { type: 'png' | 'jpg'; data: Buffer; width: number; height: number } | null;
};

function heading(text: string, level: 1 | 2 | 3 | 4, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
  return new Paragraph({ text, heading: levels[level], pageBreakBefore: options.pageBreakBefore ?? false, keepNext: true });
}

function text(value: string, options: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, bold: options.bold ?? false })], spacing: { after: 80 } });
}

function table(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): Table {
  const cell = (value: string, index: number, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric.has(index) && !header ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: value, bold: header, size: 18 })],
        }),
      ],
      ...(header ? { shading: { fill: 'EEF1F5' } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((header, index) => cell(header, index, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value, index) => cell(value, index, false)) })),
    ],
  });
}

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

  // The cover.
  if (images.logo) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 1600 },
        children: [
          new ImageRun({
            type: images.logo.type,
            data: images.logo.data,
            transformation: { width: images.logo.width, height: images.logo.height },
          }),
        ],
      }),
    );
  }
  const centred = (value: string, size: number, bold = false, before = 200) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before }, children: [new TextRun({ text: value, size, bold })] });
  children.push(
    centred(report.participant.name, 28, false, images.logo ? 400 : 2400),
    centred(prepared.title, 48, true, 400),
    centred(report.plan.title, 28),
    centred(prepared.scopeLabel, 24),
    centred(t(REPORT_TEXTS.asOf, { date: prepared.date(report.asOf) }), 20, false, 800),
    centred(t(REPORT_TEXTS.generatedOn, { date: prepared.date(prepared.generatedAt) }), 20),
  );

  // The contents: Word fills the field from the headings when the file is opened.
  children.push(
    new Paragraph({ pageBreakBefore: true, children: [new TextRun({ text: t(REPORT_TEXTS.contents), bold: true, size: 32 })] }),
    new TableOfContents(t(REPORT_TEXTS.contents), { hyperlink: true, headingStyleRange: '1-2' }),
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
    if (!image) return;
    const scale = Math.min(1, TEXT_WIDTH_PX / image.width);
    const transformation = { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
    children.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 200 },
        children: [
          new ImageRun({
            type: 'svg',
            data: image.svg,
            transformation,
            fallback: { type: 'png', data: image.png },
            altText: { name: chart.title, title: chart.title, description: chart.title },
          }),
        ],
      }),
      new Paragraph({ children: [new TextRun({ text: chart.title, italics: true, size: 18 })] }),
    );
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

  const headerChildren: TextRun[] = [
    new TextRun({ text: `${report.participant.name} · ${prepared.title} · ${prepared.scopeLabel}`, size: 16, color: '555555' }),
  ];
  const document = new Document({
    creator: report.participant.name,
    title: `${prepared.title} – ${report.plan.title} – ${prepared.scopeLabel}`,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 } },
        heading1: { run: { font: FONT, size: 32, bold: true }, paragraph: { spacing: { after: 160 } } },
        heading2: { run: { font: FONT, size: 28, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: FONT, size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading4: { run: { font: FONT, size: 21, bold: true }, paragraph: { spacing: { before: 160, after: 60 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1247, bottom: 1134, left: 1020, right: 1020 },
          },
          titlePage: true,
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  ...(images.logo
                    ? [
                        new ImageRun({
                          type: images.logo.type,
                          data: images.logo.data,
                          transformation: { width: Math.round((images.logo.width * 24) / images.logo.height), height: 24 },
                        }),
                        new TextRun('  '),
                      ]
                    : []),
                  ...headerChildren,
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [`${t(REPORT_TEXTS.page)} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
