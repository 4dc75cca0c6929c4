import type { Logo } from './content.ts';

// What every generated document looks like in HTML, printed by Chromium: A4 pages, the fonts that
// hold Latin and Cyrillic, the cover with the Participant's name and logo, the contents whose page
// numbers the printer fills in (pdf.ts), tables, charts, and the running header and footer.

/** Fonts that hold Latin and Cyrillic alike, in the order they are looked for. */
export const FONT_STACK = "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', 'Arial', sans-serif";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export const CSS = `
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
tr.total td { font-weight: bold; }
table.fixed { table-layout: fixed; }
table.fixed th, table.fixed td { overflow-wrap: anywhere; }
table.fixed tr { break-inside: auto; }
figure { margin: 8pt 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
.narrative { margin: 2pt 0 6pt; }
.narrative .who { font-weight: bold; }
.activity { break-inside: auto; }
`;

/** A table of texts already escaped; `numeric` columns are aligned right, a `total` row is bold. */
export function htmlTable(
  headers: string[],
  rows: string[][],
  numeric: ReadonlySet<number> = new Set(),
  options: { totalRow?: boolean; widths?: number[] } = {},
): string {
  // Given widths (in per cent) fix the layout, so that long words wrap inside their column.
  const columns =
    options.widths === undefined
      ? ''
      : `<colgroup>${options.widths.map((width) => `<col style="width: ${width}%" />`).join('')}</colgroup>`;
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map(
      (row, index) =>
        `<tr${options.totalRow === true && index === rows.length - 1 ? ' class="total"' : ''}>${row
          .map((cell, column) => `<td${numeric.has(column) ? ' class="number"' : ''}>${cell}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table${options.widths === undefined ? '' : ' class="fixed"'}>${columns}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function logoSource(logo: Logo): string {
  return `data:${logo.mediaType};base64,${logo.content.toString('base64')}`;
}

/** The cover: logo, Participant, title, the plan, a line under it, and facts in small print. */
export function coverHtml(input: {
  logo: Logo | null;
  participant: string;
  title: string;
  plan: string;
  line: string;
  facts: string[];
}): string {
  const logo = input.logo ? `<img src="${logoSource(input.logo)}" alt="" />` : '';
  return `<section class="cover">
${logo}
<div class="participant">${escapeHtml(input.participant)}</div>
<h1>${escapeHtml(input.title)}</h1>
<div class="plan">${escapeHtml(input.plan)}</div>
<div class="scope">${escapeHtml(input.line)}</div>
<div class="facts">
${input.facts.map((fact) => `<p>${escapeHtml(fact)}</p>`).join('\n')}
</div>
</section>`;
}

export type Chapter = { id: string; title: string; level: 1 | 2 };

/** The contents, with a cell for each chapter's page number that the printer fills in (none on screen). */
export function tocHtml(title: string, chapters: Chapter[], options: { pages?: boolean } = {}): string {
  const pages = options.pages ?? true;
  return `<nav class="toc" aria-labelledby="toc-title"><h1 id="toc-title">${escapeHtml(title)}</h1><ol>${chapters
    .map(
      (chapter) =>
        `<li class="level-${chapter.level}"><a href="#${chapter.id}">${escapeHtml(chapter.title)}</a>${
          pages ? `<span class="dots"></span><span class="toc-page" data-for="${chapter.id}"></span>` : ''
        }</li>`,
    )
    .join('')}</ol></nav>`;
}

/** A chart as a figure, its title as caption and accessible name. */
export function figureHtml(chart: { title: string; svg: string }): string {
  return `<figure role="img" aria-label="${escapeHtml(chart.title)}">${chart.svg}<figcaption>${escapeHtml(chart.title)}</figcaption></figure>`;
}

/** The whole HTML document around the parts of its body. */
export function htmlShell(language: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8" />
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** The running header and footer of the printed pages: the Participant's name and logo, the document, and the page number. */
export function printMarginsOf(input: { logo: Logo | null; participant: string; heading: string; page: string }): {
  header: string;
  footer: string;
} {
  const style = `font-family: ${FONT_STACK}; font-size: 8pt; color: #555; width: 100%; margin: 0 18mm;`;
  const logo = input.logo ? `<img src="${logoSource(input.logo)}" style="height: 8mm; vertical-align: middle; margin-right: 3mm;" />` : '';
  return {
    header: `<div style="${style} display: flex; align-items: center; justify-content: space-between;"><span>${logo}${escapeHtml(input.participant)}</span><span>${escapeHtml(input.heading)}</span></div>`,
    footer: `<div style="${style} text-align: center;">${escapeHtml(input.page)} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
  };
}
