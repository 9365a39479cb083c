import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { HubError, type HubCaller, type Logger, Purpose, Region, Role, sendError } from '@hub/shared';
import { currentRequestId } from '../errors/format-gateway-error';
import { reportQuarter } from './fetch-figures';
import { reportDocument } from './generate-report';
import { printPdf } from './print-pdf';

/** Who may read the national report from the console (issue 13), and under which purpose. */
export const reportRoles: readonly Role[] = [Role.ANALYST, Role.COORDINATOR];
export const reportPurpose = Purpose.STATISTICS;

/** HTTP status of a coded refusal the statistics API answered while the report was read. */
const statusOf: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, RATE_LIMITED: 429, AUDIT_UNAVAILABLE: 503 };

export interface ReportRouteDeps {
  /** The gateway's own authentication of /graphql: bearer token, rate limits, `x-purpose` (sets `req.caller`). */
  authenticate: RequestHandler;
  /** Refuses a request and records the refusal as an operation, as the gateway does for /graphql. */
  refuse: (req: Request, res: Response, status: number, error: HubError) => Promise<void>;
  /** The gateway's own /graphql address, once it listens. */
  graphqlUrl: () => string;
  log: Logger;
}

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * `GET /report?quarter=2026-Q3[&region=OSLO][&format=html|pdf]`: the national report for analysts and coordinators
 * under purpose STATISTICS, as the console shows it (docs/architecture.md, "Statistics"). It authenticates exactly
 * like /graphql and reads the figures from the gateway's own /graphql with the caller's own token and purpose, so it
 * shows what the caller may see and every read is an ordinary operation record. Errors are coded JSON, never HTML.
 */
export function mountReportRoute(app: Express, deps: ReportRouteDeps): void {
  app.get('/report', deps.authenticate, async (req: Request, res: Response, next: NextFunction) => {
    const caller = (req as Request & { caller: HubCaller }).caller;
    if (caller.purpose !== reportPurpose || !reportRoles.includes(caller.role)) {
      return deps.refuse(req, res, 403, new HubError('FORBIDDEN', 'The national report is open to analysts and coordinators under the purpose STATISTICS'));
    }
    const quarter = one(req.query.quarter);
    const region = one(req.query.region) ?? '';
    const format = one(req.query.format) ?? 'html';
    try {
      reportQuarter(quarter ?? '');
    } catch {
      return sendError(res, 400, 'BAD_USER_INPUT', 'quarter must be a quarter such as 2026-Q3');
    }
    if (region && !(Object.values(Region) as string[]).includes(region)) {
      return sendError(res, 400, 'BAD_USER_INPUT', `region is one of ${Object.values(Region).join(', ')}`);
    }
    if (format !== 'html' && format !== 'pdf') return sendError(res, 400, 'BAD_USER_INPUT', 'format is html or pdf');
    try {
      const token = req.headers.authorization!.replace(/^Bearer /, '');
      const report = await reportDocument({ url: deps.graphqlUrl(), token }, quarter!, region || null);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      if (format === 'pdf') {
        const pdf = await printPdf(report.html, report.title);
        res.setHeader('content-disposition', `attachment; filename="${report.name}.pdf"`);
        res.type('application/pdf').send(pdf);
        return;
      }
      // Opened on its own, the report runs nothing and loads nothing.
      res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'");
      res.setHeader('content-disposition', `inline; filename="${report.name}.html"`);
      res.type('text/html; charset=utf-8').send(report.html);
    } catch (error) {
      if (error instanceof HubError) return sendError(res, statusOf[error.code] ?? 502, error.code, error.message);
      deps.log.error({ err: error, requestId: currentRequestId.getStore() }, 'the national report could not be generated');
      if (res.headersSent) return next(error);
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The report could not be generated');
    }
  });
}
