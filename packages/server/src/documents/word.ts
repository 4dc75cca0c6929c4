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

// What every generated Word document is made of: A4 with 18 mm margins, Arial (which Word has
// everywhere, with Latin and Cyrillic), headings that the table of contents field lists, real
// tables, charts as SVG with a PNG fallback, the cover, and the Participant's name and logo in the
// header with page numbers in the footer.

/** A font that Word has everywhere and that holds Latin and Cyrillic. */
export const FONT = 'Arial';
/** The width of the text on an A4 page with 18 mm margins, in pixels at 96 dpi. */
export const TEXT_WIDTH_PX = 650;
/** The same width in twentieths of a point (A4's 11,906 less two margins of 1,020). */
const TEXT_WIDTH_TWIPS = 9866;

/** The images of the charts (and the logo) for Word: SVG, with PNG for processors that show no SVG. */
export type WordImages = {
  charts: { svg: Buffer; png: Buffer; width: number; height: number }[];
  logo: { type: 'png' | 'jpg'; data: Buffer; width: number; height: number } | null;
};

export function heading(text: string, level: 1 | 2 | 3 | 4, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
  return new Paragraph({ text, heading: levels[level], pageBreakBefore: options.pageBreakBefore ?? false, keepNext: true });
}

export function text(value: string, options: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, bold: options.bold ?? false })], spacing: { after: 80 } });
}

/** A table with a repeated header row; `numeric` columns are aligned right, a `total` row is bold. */
export function table(
  headers: string[],
  rows: string[][],
  numeric: ReadonlySet<number> = new Set(),
  options: { totalRow?: boolean; widths?: number[] } = {},
): Table {
  const cell = (value: string, index: number, bold: boolean, header: boolean) =>
    new TableCell({
      // A line break in a cell's text starts a new paragraph of the cell.
      children: value.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: numeric.has(index) && !header ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [new TextRun({ text: line, bold, size: 18 })],
          }),
      ),
      ...(header ? { shading: { fill: 'EEF1F5' } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(options.widths === undefined ? {} : { columnWidths: options.widths.map((width) => Math.round((TEXT_WIDTH_TWIPS * width) / 100)) }),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((header, index) => cell(header, index, true, true)) }),
      ...rows.map(
        (row, rowIndex) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, index) => cell(value, index, options.totalRow === true && rowIndex === rows.length - 1, false)),
          }),
      ),
    ],
  });
}

/** A chart drawn at the text's width at most, with its title under it. */
export function chartParagraphs(title: string, image: WordImages['charts'][number]): Paragraph[] {
  const scale = Math.min(1, TEXT_WIDTH_PX / image.width);
  const transformation = { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 200 },
      children: [
        new ImageRun({
          type: 'svg',
          data: image.svg,
          transformation,
          fallback: { type: 'png', data: image.png },
          altText: { name: title, title, description: title },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: title, italics: true, size: 18 })] }),
  ];
}

/** The cover and the contents (a field Word fills from the headings when the file is opened). */
export function coverAndContents(input: {
  logo: WordImages['logo'];
  participant: string;
  title: string;
  plan: string;
  line: string;
  facts: string[];
  contents: string;
}): FileChild[] {
  const children: FileChild[] = [];
  if (input.logo) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 1600 },
        children: [
          new ImageRun({
            type: input.logo.type,
            data: input.logo.data,
            transformation: { width: input.logo.width, height: input.logo.height },
          }),
        ],
      }),
    );
  }
  const centred = (value: string, size: number, bold = false, before = 200) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before }, children: [new TextRun({ text: value, size, bold })] });
  children.push(
    centred(input.participant, 28, false, input.logo ? 400 : 2400),
    centred(input.title, 48, true, 400),
    centred(input.plan, 28),
    centred(input.line, 24),
    ...input.facts.map((fact, index) => centred(fact, 20, false, index === 0 ? 800 : 200)),
    new Paragraph({ pageBreakBefore: true, children: [new TextRun({ text: input.contents, bold: true, size: 32 })] }),
    new TableOfContents(input.contents, { hyperlink: true, headingStyleRange: '1-2' }),
  );
  return children;
}

/** The Word file: A4, the styles, the header with the logo and the footer with page numbers, around the body. */
export async function wordFile(input: {
  creator: string;
  title: string;
  header: string;
  page: string;
  logo: WordImages['logo'];
  children: FileChild[];
}): Promise<Buffer> {
  const { logo } = input;
  const document = new Document({
    creator: input.creator,
    title: input.title,
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
                  ...(logo
                    ? [
                        new ImageRun({
                          type: logo.type,
                          data: logo.data,
                          transformation: { width: Math.round((logo.width * 24) / logo.height), height: 24 },
                        }),
                        new TextRun('  '),
                      ]
                    : []),
                  new TextRun({ text: input.header, size: 16, color: '555555' }),
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
                children: [new TextRun({ children: [`${input.page} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children: input.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
