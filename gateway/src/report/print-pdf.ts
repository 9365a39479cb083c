import { chromium } from 'playwright-core';
import { chromiumExecutable } from './chromium-executable';

/** Prints the report's HTML to an A4 PDF with headless Chromium, page numbers in the footer. */
export async function printPdf(html: string, title: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: ['--no-sandbox', '--disable-gpu'] });
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
