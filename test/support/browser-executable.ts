/** The browser tests drive the same Chromium that prints the report (see gateway/src/report/chromium-executable.ts). */
export { chromiumExecutable } from '@hub/gateway/src/report/chromium-executable';
