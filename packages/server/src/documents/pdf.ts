import { existsSync } from 'node:fs';
import { AppError } from '@ariadne/domain';
import { chromium, type Browser } from 'playwright-core';

// Printing with Chromium: one browser for the whole server, started when a document first needs
// it and closed with the server. Without Chromium, PDF documents cannot be made (Word still can).

const ARGUMENTS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where Chromium is: `ARIADNE_CHROMIUM`, else Debian's. */
export function chromiumPath(): string {
  return process.env.ARIADNE_CHROMIUM ?? '/usr/bin/chromium';
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/** A4 in CSS pixels, less the margins of the page (22, 18, 20, 18 mm). */
const MM = 96 / 25.4;
const CONTENT_WIDTH = Math.floor((210 - 36) * MM);
const CONTENT_HEIGHT = (297 - 42) * MM;

/**
 * The page each chapter starts on, estimated from the layout: the cover is page 1, every chapter
 * and the contents start a page, and the rest flows at the height of a page's text. Written into
 * the contents' `.toc-page` cells before printing.
 */
const NUMBER_THE_CONTENTS = `(() => {
  const height = ${CONTENT_HEIGHT};
  const pages = new Map();
  let page = 1;
  for (const block of document.body.children) {
    const box = block.getBoundingClientRect();
    for (const heading of block.querySelectorAll('[id]')) {
      const top = heading.getBoundingClientRect().top - box.top;
      pages.set(heading.id, page + Math.floor(top / height));
    }
    page += Math.max(1, Math.ceil((box.height - 1) / height));
  }
  for (const cell of document.querySelectorAll('.toc-page')) {
    const found = pages.get(cell.getAttribute('data-for'));
    cell.textContent = found === undefined ? '' : String(found);
  }
})()`;

/** One Chromium for the server's documents. */
export class Printer {
  private browser: Promise<Browser> | null = null;

  private async open(): Promise<Browser> {
    if (!chromiumAvailable()) throw new AppError('INTERNAL', { detail: `no Chromium at ${chromiumPath()}` });
    if (!this.browser) {
      this.browser = chromium.launch({ executablePath: chromiumPath(), args: ARGUMENTS, headless: true });
      this.browser.catch(() => {
        this.browser = null;
      });
    }
    const browser = await this.browser;
    if (!browser.isConnected()) {
      this.browser = null;
      return this.open();
    }
    return browser;
  }

  /** Prints an HTML document to an A4 PDF, its contents numbered, with a running header and footer. */
  async pdf(html: string, margins: { header: string; footer: string }): Promise<Buffer> {
    const browser = await this.open();
    const context = await browser.newContext({ viewport: { width: CONTENT_WIDTH, height: 1000 }, javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      // Nothing is fetched: the document holds its images and charts inline.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(NUMBER_THE_CONTENTS);
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: margins.header,
        footerTemplate: margins.footer,
        margin: { top: '22mm', bottom: '20mm', left: '18mm', right: '18mm' },
        outline: true,
        tagged: true,
      });
    } finally {
      await context.close();
    }
  }

  /** Draws SVG images to PNG at twice their size, for Word processors that show no SVG. */
  async png(svgs: { svg: string; width: number; height: number }[]): Promise<Buffer[]> {
    const browser = await this.open();
    const context = await browser.newContext({ deviceScaleFactor: 2, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      const images: Buffer[] = [];
      for (const { svg, width, height } of svgs) {
        await page.setViewportSize({ width, height });
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
        images.push(await page.screenshot({ clip: { x: 0, y: 0, width, height } }));
      }
      return images;
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
