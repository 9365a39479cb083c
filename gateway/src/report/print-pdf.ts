import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The Chromium the browser tests use: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium is missing at ${path}: install Debian's chromium or set CHROMIUM_PATH`);
  return path;
}

/** Prints the report's HTML to an A4 PDF with headless Chromium, page numbers in the footer. */
export async function printPdf(html: string, title: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:7pt;color:#59636e;width:100%;padding:0 16mm;display:flex;justify-content:space-between"><span>${title.replace(/</g, '&lt;')}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close();
  }
}
