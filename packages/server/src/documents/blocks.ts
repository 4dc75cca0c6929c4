import { Paragraph, TextRun, type FileChild } from 'docx';
import type { DocumentChart } from '../charts/index.ts';
import type { Logo } from './content.ts';
import { coverHtml, escapeHtml, figureHtml, htmlShell, htmlTable, printMarginsOf, tocHtml, type Chapter } from './layout.ts';
import { chartParagraphs, coverAndContents, heading, table, text, wordFile, type WordImages } from './word.ts';

// A document about an action plan as a whole (the plan, its review, its financial plan) as a list
// of blocks in the reader's language: headings, paragraphs, tables, charts. One HTML template and
// one Word writer draw every such document from its blocks, with the cover, contents, header and
// footer every generated document has.

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string; id?: string }
  | { kind: 'paragraph'; text: string; label?: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: string[][]; numeric?: number[]; totalRow?: boolean; widths?: number[] }
  | { kind: 'chart'; chart: number };

/** A document ready to be drawn: its cover, its blocks (a level-1 heading starts a chapter on a new page) and its charts. */
export type PreparedDocument = {
  language: string;
  logo: Logo | null;
  participant: string;
  title: string;
  /** The action plan, under the title on the cover. */
  plan: string;
  /** A line under the plan on the cover (the period). */
  line: string;
  facts: string[];
  contentsTitle: string;
  pageLabel: string;
  blocks: Block[];
  charts: DocumentChart[];
};

/** The chapters of the contents: the headings of level 1 and 2 that have an id. */
export function chaptersOf(prepared: PreparedDocument): Chapter[] {
  return prepared.blocks.flatMap((block) =>
    block.kind === 'heading' && block.id !== undefined && (block.level === 1 || block.level === 2)
      ? [{ id: block.id, title: block.text, level: block.level }]
      : [],
  );
}

function blockHtml(block: Block, charts: DocumentChart[]): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}${block.id === undefined ? '' : ` id="${escapeHtml(block.id)}"`}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${block.label === undefined ? '' : `<strong>${escapeHtml(block.label)}:</strong> `}${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'table':
      return htmlTable(
        block.headers,
        block.rows.map((row) => row.map((cell) => escapeHtml(cell).replace(/\n/g, '<br />'))),
        new Set(block.numeric ?? []),
        { totalRow: block.totalRow ?? false, ...(block.widths === undefined ? {} : { widths: block.widths }) },
      );
    case 'chart': {
      const chart = charts[block.chart];
      return chart ? figureHtml(chart) : '';
    }
  }
}

/** The chapters as HTML: each level-1 heading opens a section that starts a page. */
export function documentBody(prepared: PreparedDocument, options: { print: boolean } = { print: true }): string {
  const parts: string[] = [];
  if (options.print) {
    parts.push(
      coverHtml({
        logo: prepared.logo,
        participant: prepared.participant,
        title: prepared.title,
        plan: prepared.plan,
        line: prepared.line,
        facts: prepared.facts,
      }),
    );
  }
  parts.push(tocHtml(prepared.contentsTitle, chaptersOf(prepared), { pages: options.print }));
  let section: string[] | null = null;
  for (const block of prepared.blocks) {
    if (block.kind === 'heading' && block.level === 1) {
      if (section) parts.push(`<section class="chapter">${section.join('')}</section>`);
      section = [];
    }
    (section ?? parts).push(blockHtml(block, prepared.charts));
  }
  if (section) parts.push(`<section class="chapter">${section.join('')}</section>`);
  return parts.join('\n');
}

/** The document as one HTML page, what Chromium prints to PDF. */
export function documentHtml(prepared: PreparedDocument): string {
  return htmlShell(prepared.language, `${prepared.title} – ${prepared.plan}`, documentBody(prepared));
}

export function documentMargins(prepared: PreparedDocument): { header: string; footer: string } {
  return printMarginsOf({ logo: prepared.logo, participant: prepared.participant, heading: prepared.title, page: prepared.pageLabel });
}

/** The document as a Word file, from the same blocks. */
export async function documentDocx(prepared: PreparedDocument, images: WordImages): Promise<Buffer> {
  const children: FileChild[] = coverAndContents({
    logo: images.logo,
    participant: prepared.participant,
    title: prepared.title,
    plan: prepared.plan,
    line: prepared.line,
    facts: prepared.facts,
    contents: prepared.contentsTitle,
  });
  for (const block of prepared.blocks) {
    switch (block.kind) {
      case 'heading':
        children.push(heading(block.text, block.level, { pageBreakBefore: block.level === 1 }));
        break;
      case 'paragraph':
        children.push(
          block.label === undefined
            ? text(block.text)
            : new Paragraph({
                spacing: { after: 80 },
                children: [new TextRun({ text: `${block.label}: `, bold: true }), new TextRun(block.text)],
              }),
        );
        break;
      case 'list':
        for (const item of block.items) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
        break;
      case 'table':
        children.push(
          table(block.headers, block.rows, new Set(block.numeric ?? []), {
            totalRow: block.totalRow ?? false,
            ...(block.widths === undefined ? {} : { widths: block.widths }),
          }),
          text(''),
        );
        break;
      case 'chart': {
        const chart = prepared.charts[block.chart];
        const image = images.charts[block.chart];
        if (chart && image) children.push(...chartParagraphs(chart.title, image));
        break;
      }
    }
  }
  return wordFile({
    creator: prepared.participant,
    title: `${prepared.title} – ${prepared.plan}`,
    header: `${prepared.participant} · ${prepared.title}`,
    page: prepared.pageLabel,
    logo: images.logo,
    children,
  });
}
