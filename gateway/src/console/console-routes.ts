import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import {
  Agency,
  DataCategory,
  Purpose,
  Region,
  Right,
  Role,
  agencyEntries,
  consentRoles,
  emergencyRule,
  neverByConsent,
  rightsInformationMutation,
  roleAgencies,
  statisticsRule,
} from '@hub/shared';
import type { LocalIssuer } from '../auth/local-issuer';
import type { OidcSettings } from '../config';
import { reportStyleSource } from '../report/render-report';

/** The console's static files: plain HTML, CSS and ES modules, no build step. */
export const consoleDir = join(__dirname, '../../console');

/** Lifetime of a token the console gets from the embedded issuer (local mode). */
export const CONSOLE_TOKEN_TTL_SECONDS = 3600;

const isOneOf = <T extends string>(values: Record<string, T>, value: unknown): value is T =>
  typeof value === 'string' && (Object.values(values) as string[]).includes(value);

/** An origin for the CSP's connect-src, or nothing when the value is not an http(s) URL. */
function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** What the browser needs to sign in: local issuer or OIDC (authorization code + PKCE), and the enums. */
export function consoleSettings(oidc: OidcSettings | null) {
  return {
    mode: oidc ? ('oidc' as const) : ('local' as const),
    oidc: oidc
      ? {
          issuer: oidc.issuer,
          /** From the issuer's discovery document unless set explicitly (OIDC_*_ENDPOINT). */
          authorizationEndpoint: oidc.console.authorizationEndpoint,
          tokenEndpoint: oidc.console.tokenEndpoint,
          endSessionEndpoint: oidc.console.endSessionEndpoint,
          clientId: oidc.console.clientId,
          /** Claim names, so the console can show who is signed in (display only; the gateway verifies). */
          claims: oidc.claims,
        }
      : null,
    agencies: Object.values(Agency),
    roles: Object.values(Role),
    regions: Object.values(Region),
    purposes: Object.values(Purpose),
    roleAgencies,
    emergencyJustificationMinLength: emergencyRule.minimumJustificationLength,
    ...registrySettings(),
  };
}

/** The console's action for the agency kit's rights information (gateway/console/js/views/support-path-actions.js). */
const RIGHTS_INFORMATION_ACTION = 'recordRightsInformation';

/** Purposes no consent names: reading for them never rests on a consent. */
const NOT_BY_CONSENT: readonly Purpose[] = [...statisticsRule.purposes, Purpose.AUDIT, Purpose.EMERGENCY];

/**
 * What the console shows about the agencies, from the agency registry (shared/src/agencies/agency-registry.ts):
 * the categories, who records what (writers: an agency's staff, their purpose and the console's actions), the
 * purpose each (agency, role) usually works under, consent recipients and the roles that handle cases.
 */
function registrySettings() {
  const writers = agencyEntries.flatMap((e) =>
    e.staff.flatMap((s, i) => {
      // The agency's own actions for its first staff entry; the agency kit's rights information for each staff entry
      // of an agency that handles cases, as the write policy opens it (its own records, for the entry's purpose).
      const actions = [...(i === 0 ? e.consoleActions : []), ...(e.handlesCases ? [RIGHTS_INFORMATION_ACTION] : [])];
      if (actions.length === 0) return [];
      const rights = e.handlesCases ? { rightsInformationMutation: rightsInformationMutation(e.agency as Agency) } : {};
      return [{ agency: e.agency, roles: s.roles, purpose: s.purposes[0], actions, ...rights }];
    }),
  );
  const usualPurposes = Object.fromEntries(
    agencyEntries.map((e) => [
      e.agency,
      Object.fromEntries(
        (Object.values(Role) as Role[])
          .filter((role) => roleAgencies[role].includes(e.agency as Agency))
          .map((role) => {
            const own = e.staff.find((s) => s.roles.includes(role));
            const purpose = own?.purposes[0] ?? (statisticsRule.roles.includes(role) ? Purpose.STATISTICS : Purpose.CASE_COORDINATION);
            return [role, purpose];
          }),
      ),
    ]),
  );
  return {
    categories: Object.values(DataCategory),
    /** Categories a consent may name (never the access log). */
    consentCategories: Object.values(DataCategory).filter((c) => !neverByConsent.includes(c)),
    /** The rights a victim is informed of (the national guideline; enum Right). */
    rights: Object.values(Right),
    consentRecipients: agencyEntries.filter((e) => e.handlesCases || e.staff.length === 0).map((e) => e.agency),
    consentPurposes: Object.values(Purpose).filter((p) => !NOT_BY_CONSENT.includes(p)),
    caseRoles: consentRoles,
    writers,
    usualPurposes,
  };
}

/** Validates the identity chosen on the local sign-in form; returns an error message or the claims. */
export function readLocalIdentity(
  body: unknown,
): { error: string } | { claims: { sub: string; agency: Agency; role: Role; regions: Region[] } } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { agency, role } = input;
  const regions = input.regions ?? [];
  if (!isOneOf(Agency, agency)) return { error: `agency must be one of ${Object.values(Agency).join(', ')}` };
  if (!isOneOf(Role, role)) return { error: `role must be one of ${Object.values(Role).join(', ')}` };
  if (!roleAgencies[role].includes(agency)) return { error: `There is no ${role} in ${agency}` };
  if (!Array.isArray(regions) || regions.length > 6 || !regions.every((r) => isOneOf(Region, r))) {
    return { error: `regions must be a list of ${Object.values(Region).join(', ')}` };
  }
  const sub = input.sub === undefined || input.sub === '' ? `console-${agency}-${role}`.toLowerCase() : input.sub;
  if (typeof sub !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(sub)) {
    return { error: 'sub (staff id) must be 1–64 letters, digits, dots, dashes, underscores or @' };
  }
  return { claims: { sub, agency, role, regions: [...new Set(regions as Region[])] } };
}

const badInput = (res: Response, status: number, message: string): void => {
  res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
};

/**
 * Serves the web console at /console with a strict Content-Security-Policy (no inline code, no other origin
 * but the OIDC token endpoint the browser must reach). The console talks only to /graphql, as any client, and to
 * /report, which reads /graphql with the same token and purpose.
 * In local mode (no OIDC issuer) it also issues demo tokens at POST /console/token.
 */
export function mountConsole(
  app: Express,
  options: { oidc: OidcSettings | null; localIssuer: LocalIssuer | null },
): void {
  const settings = consoleSettings(options.oidc);
  const connect = ["'self'", originOf(settings.oidc?.tokenEndpoint ?? undefined)].filter(Boolean).join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // The national report's own stylesheet, in the sandboxed frame (a blob: document) that inherits this policy.
    `style-src 'self' ${reportStyleSource()}`,
    'frame-src blob:',
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');

  app.use('/console', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-cache');
    next();
  });
  app.get('/console/config.json', (_req, res) => {
    res.json(settings);
  });
  const localIssuer = options.localIssuer;
  if (localIssuer) {
    app.post('/console/token', express.json({ limit: 2048 }), async (req: Request, res: Response) => {
      // JSON only: a cross-site form cannot send it without a CORS preflight, which this route never answers.
      if (!req.is('application/json')) {
        badInput(res, 415, 'Send the identity as application/json');
        return;
      }
      const identity = readLocalIdentity(req.body);
      if ('error' in identity) {
        badInput(res, 400, identity.error);
        return;
      }
      res.setHeader('cache-control', 'no-store');
      res.json({ token: await localIssuer.issue(identity.claims, CONSOLE_TOKEN_TTL_SECONDS), expiresIn: CONSOLE_TOKEN_TTL_SECONDS });
    });
    app.use('/console/token', (error: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.parse.failed') badInput(res, 400, 'The request body is not valid JSON');
      else if (error.type === 'entity.too.large') badInput(res, 413, 'The request body is too large');
      else next(error);
    });
  }
  app.use('/console', express.static(consoleDir, { index: 'index.html', redirect: true, dotfiles: 'ignore' }));
}
