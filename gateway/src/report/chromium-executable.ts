import { existsSync } from 'node:fs';

/** Debian's Chromium, when the machine has it. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The headless Chromium that prints the report and that the browser tests drive: `CHROMIUM_PATH` if set; else
 * Debian's `/usr/bin/chromium` if installed; else the Chromium that the `@sparticuz/chromium` package ships inside
 * npm (unpacked on first use), so that `npm install` is enough on a fresh machine.
 */
export async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`Chromium is missing at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}`);
    return process.env.CHROMIUM_PATH;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}
