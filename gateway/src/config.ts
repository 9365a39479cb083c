import { join } from 'node:path';
import { z } from 'zod';
import { Role, type SubgraphName, databaseUrl, defaultPorts, knownHubVariables, serviceUrlVariable, subgraphNames } from '@hub/shared';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Where the issuer's OpenID configuration is read (`<issuer>/.well-known/openid-configuration`). */
  discoveryUrl: string;
  /** The issuer's JWKS: OIDC_JWKS_URL, or null until discovery (`jwks_uri`) fills it in (see `discoverOidc`). */
  jwksUrl: string | null;
  /** The longest lifetime (exp − iat) of a token the gateway accepts. */
  maxTokenLifetimeSeconds: number;
  claims: { subject: string; agency: string; role: string; regions: string };
  /** The console's sign-in (authorization code + PKCE): explicit endpoints, or null until discovery. */
  console: {
    clientId: string | null;
    authorizationEndpoint: string | null;
    tokenEndpoint: string | null;
    endSessionEndpoint: string | null;
  };
}

export interface GatewayConfig {
  port: number;
  host: string;
  /** `local`: embedded token issuer, introspection on. `production`: an OIDC issuer, introspection and suggestions off. */
  mode: 'local' | 'production';
  keysDir: string;
  dataDir: string;
  /** The access log, through the insert-only role (operation records). */
  auditDatabaseUrl: string;
  supergraphPath: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** Set in production mode (and optionally in local mode to use a real identity provider). */
  oidc: OidcSettings | null;
  /** The operations a client may run: with `enforce` (always in production) only those of the manifest. */
  trustedDocuments: { manifestPath: string; enforce: boolean };
  /** Roles whose tokens may carry no regions claim, and then mean national access (`HUB_NATIONAL_ROLES`). */
  nationalRoles: Role[];
  /** How long the gateway waits for a subgraph before its part of the answer is SUBGRAPH_UNAVAILABLE. */
  subgraphTimeoutMs: number;
  /** Requests per minute one identity (token subject), and one address without a valid token, may send. */
  rateLimits: { perIdentity: number; perAnonymousAddress: number };
  /** `npm run bench`'s unguarded hub only: the run's nonce (shared/src/benchmark/unguarded-mode.ts); null otherwise. */
  unguardedBenchmark: string | null;
}

export const LOCAL_ISSUER = 'urn:support-path-hub:local-issuer';
export const LOCAL_AUDIENCE = 'support-path-hub';

const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`), error: `must be a ${protocols.join(' or ')} URL` });
const httpUrl = url(['https?']);
const port = z.coerce.number().int().min(0).max(65_535);
const positiveInteger = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const roleList = z
  .string()
  .default('')
  .transform((text) => text.split(',').map((r) => r.trim()).filter(Boolean))
  .refine((roles) => roles.every((r) => (Object.values(Role) as string[]).includes(r)), `must list known roles (${Object.values(Role).join(', ')})`);
const claimName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:-]*$/, 'must be a claim name');

/** One gateway setting: its variable, what it means (the README's table), its default as the table shows it. */
export interface GatewaySetting {
  variable: string;
  schema: z.ZodType;
  meaning: string;
  default?: string;
}

/**
 * Every setting of the gateway, read from the environment. The README's "Gateway settings" table is generated
 * from this list (`npm run docs`) and a test keeps the two equal.
 */
export const gatewaySettings: GatewaySetting[] = [
  { variable: 'PORT', schema: port.default(defaultPorts.gateway), meaning: 'port to listen on (0 = any free port)', default: String(defaultPorts.gateway) },
  { variable: 'HOST', schema: z.string().min(1).default('127.0.0.1'), meaning: 'interface to listen on', default: '127.0.0.1' },
  { variable: 'HUB_MODE', schema: z.enum(['local', 'production']).default('local'), meaning: '`local` (embedded token issuer, introspection, any operation) or `production`', default: 'local' },
  { variable: 'NODE_ENV', schema: z.string().optional(), meaning: '`production` has the effect of `HUB_MODE=production`' },
  { variable: 'AUDIT_WRITER_URL', schema: url(['postgres', 'postgresql']), meaning: 'the access log, as the insert-only role `hub_audit_writer` (required)' },
  { variable: 'AUDIT_WRITER_PASSWORD_FILE', schema: z.string().min(1).optional(), meaning: "a file holding the password of `AUDIT_WRITER_URL`'s role (a mounted secret); the URL then carries none" },
  { variable: 'HUB_KEYS_DIR', schema: z.string().min(1).optional(), meaning: 'service keys: `gateway.private.jwk.json` and `trusted.jwks.json`', default: '`<HUB_DATA_DIR>/keys`' },
  { variable: 'HUB_DATA_DIR', schema: z.string().min(1).optional(), meaning: "where `.data/` lives (the embedded issuer's key in local mode)", default: '`.data`' },
  { variable: 'HUB_SUPERGRAPH', schema: z.string().min(1).optional(), meaning: 'the composed supergraph the gateway plans over', default: '`gateway/supergraph.graphql`' },
  { variable: 'CHROMIUM_PATH', schema: z.string().min(1).optional(), meaning: 'the headless Chromium that prints the national report as PDF', default: '`/usr/bin/chromium` if installed, else the one `@sparticuz/chromium` ships' },
  ...subgraphNames.map((name) => ({
    variable: serviceUrlVariable(name),
    schema: httpUrl.default(`http://127.0.0.1:${defaultPorts[name]}/graphql`),
    meaning: `the ${name} subgraph's GraphQL endpoint`,
    default: `\`http://127.0.0.1:${defaultPorts[name]}/graphql\``,
  })),
  { variable: 'HUB_TRUSTED_DOCUMENTS', schema: z.enum(['open', 'enforce']).optional(), meaning: '`open`: any operation runs; `enforce`: only those of the manifest (always in production)', default: 'local: `open`' },
  { variable: 'HUB_TRUSTED_DOCUMENTS_MANIFEST', schema: z.string().min(1).optional(), meaning: 'the trusted-documents manifest', default: '`gateway/trusted-documents/manifest.json`' },
  { variable: 'OIDC_ISSUER', schema: httpUrl.optional(), meaning: "the identity provider's issuer (required in production); its `/.well-known/openid-configuration` is read at start" },
  { variable: 'OIDC_AUDIENCE', schema: z.string().min(1).optional(), meaning: 'the audience tokens must name (required with `OIDC_ISSUER`)' },
  { variable: 'OIDC_JWKS_URL', schema: httpUrl.optional(), meaning: "the issuer's signing keys", default: 'discovery: `jwks_uri`' },
  { variable: 'OIDC_MAX_TOKEN_LIFETIME_SECONDS', schema: z.coerce.number().int().min(60).max(86_400).default(3600), meaning: 'longest lifetime (`exp` − `iat`) of an accepted token; a token without `iat` is refused', default: '3600' },
  { variable: 'OIDC_CLAIM_SUBJECT', schema: claimName.default('sub'), meaning: "claim with the staff member's id", default: '`sub`' },
  { variable: 'OIDC_CLAIM_AGENCY', schema: claimName.default('agency'), meaning: 'claim with the agency', default: '`agency`' },
  { variable: 'OIDC_CLAIM_ROLE', schema: claimName.default('role'), meaning: 'claim with the role', default: '`role`' },
  { variable: 'OIDC_CLAIM_REGIONS', schema: claimName.default('regions'), meaning: 'claim with the list of regions (none = national)', default: '`regions`' },
  { variable: 'OIDC_CLIENT_ID', schema: z.string().min(1).optional(), meaning: "the console's public client (authorization code + PKCE); without it the console cannot sign in with OIDC" },
  { variable: 'OIDC_AUTHORIZATION_ENDPOINT', schema: httpUrl.optional(), meaning: "the console's sign-in page", default: 'discovery: `authorization_endpoint`' },
  { variable: 'OIDC_TOKEN_ENDPOINT', schema: httpUrl.optional(), meaning: 'where the console exchanges its code and refreshes its token', default: 'discovery: `token_endpoint`' },
  { variable: 'OIDC_END_SESSION_ENDPOINT', schema: httpUrl.optional(), meaning: "where the console's sign-out ends the provider's session", default: 'discovery: `end_session_endpoint`' },
  { variable: 'HUB_NATIONAL_ROLES', schema: roleList, meaning: 'comma-separated roles whose tokens may carry no regions claim, which then means national access', default: 'none' },
  { variable: 'HUB_SUBGRAPH_TIMEOUT_MS', schema: positiveInteger(15_000), meaning: "how long the gateway waits for a subgraph before its part of the answer is SUBGRAPH_UNAVAILABLE", default: '15000' },
  { variable: 'HUB_RATE_LIMIT_PER_MINUTE', schema: positiveInteger(600), meaning: 'requests per minute one identity (token subject) may send', default: '600' },
  { variable: 'HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE', schema: positiveInteger(60), meaning: 'requests per minute one address without a valid token may send', default: '60' },
  { variable: 'HUB_UNGUARDED_BENCHMARK', schema: z.string().optional(), meaning: "`npm run bench` only: the run's nonce for its unguarded hub (no access policy, no access log); refused unless the benchmark's launcher created and marked the databases (README, \"Tests and benchmark\")" },
  { variable: 'LOG_LEVEL', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), meaning: 'JSON logs on stdout (pino); never personal values', default: 'info' },
];

const schema = z.object(Object.fromEntries(gatewaySettings.map((s) => [s.variable, s.schema])));
const prefixes = /^(HUB|OIDC)_/;

/** Whether a variable of the hub's own prefixes is one that some hub process reads. */
const isKnown = (variable: string): boolean =>
  gatewaySettings.some((s) => s.variable === variable) || knownHubVariables.includes(variable);

/**
 * Reads and validates the gateway's settings (the list above). A malformed value, a missing required one or an
 * unknown `HUB_*`/`OIDC_*` variable (a misspelling) fails with one message naming every problem.
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  // An empty value (as compose passes `${X:-}`) means "not set".
  const given = Object.fromEntries(gatewaySettings.map((s) => [s.variable, env[s.variable] === '' ? undefined : env[s.variable]]));
  const problems: string[] = Object.keys(env)
    .filter((v) => prefixes.test(v) && !isKnown(v))
    .map((v) => `${v} is not a setting of the hub`);
  const parsed = schema.safeParse(given);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const s = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
  const str = (name: string): string | undefined => s[name] as string | undefined;
  const mode = s.HUB_MODE === 'production' || s.NODE_ENV === 'production' ? 'production' : 'local';
  if (parsed.success) {
    if (mode === 'production' && !s.OIDC_ISSUER) problems.push('OIDC_ISSUER: production mode needs an OIDC issuer');
    if (s.OIDC_ISSUER && !s.OIDC_AUDIENCE) problems.push('OIDC_AUDIENCE: required with OIDC_ISSUER (the audience tokens must name)');
    if (mode === 'production' && s.HUB_TRUSTED_DOCUMENTS === 'open') problems.push('HUB_TRUSTED_DOCUMENTS: production mode runs only trusted documents; `open` is for local mode');
  }
  let auditDatabaseUrl = '';
  if (parsed.success) {
    try {
      auditDatabaseUrl = databaseUrl({ AUDIT_WRITER_URL: str('AUDIT_WRITER_URL'), AUDIT_WRITER_PASSWORD_FILE: str('AUDIT_WRITER_PASSWORD_FILE') });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`The gateway's configuration is invalid (see README, "Gateway settings"):\n  - ${problems.join('\n  - ')}`);

  const dataDir = str('HUB_DATA_DIR') ?? join(__dirname, '../../.data');
  const issuer = str('OIDC_ISSUER');
  const oidc: OidcSettings | null = issuer
    ? {
        issuer,
        audience: str('OIDC_AUDIENCE')!,
        discoveryUrl: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
        jwksUrl: str('OIDC_JWKS_URL') ?? null,
        maxTokenLifetimeSeconds: s.OIDC_MAX_TOKEN_LIFETIME_SECONDS as number,
        claims: {
          subject: str('OIDC_CLAIM_SUBJECT')!,
          agency: str('OIDC_CLAIM_AGENCY')!,
          role: str('OIDC_CLAIM_ROLE')!,
          regions: str('OIDC_CLAIM_REGIONS')!,
        },
        console: {
          clientId: str('OIDC_CLIENT_ID') ?? null,
          authorizationEndpoint: str('OIDC_AUTHORIZATION_ENDPOINT') ?? null,
          tokenEndpoint: str('OIDC_TOKEN_ENDPOINT') ?? null,
          endSessionEndpoint: str('OIDC_END_SESSION_ENDPOINT') ?? null,
        },
      }
    : null;
  return {
    port: s.PORT as number,
    host: str('HOST')!,
    mode,
    keysDir: str('HUB_KEYS_DIR') ?? join(dataDir, 'keys'),
    auditDatabaseUrl,
    dataDir,
    supergraphPath: str('HUB_SUPERGRAPH') ?? join(__dirname, '../supergraph.graphql'),
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, str(serviceUrlVariable(name))!])) as Record<SubgraphName, string>,
    oidc,
    trustedDocuments: {
      manifestPath: str('HUB_TRUSTED_DOCUMENTS_MANIFEST') ?? join(__dirname, '../trusted-documents/manifest.json'),
      enforce: (str('HUB_TRUSTED_DOCUMENTS') ?? (mode === 'production' ? 'enforce' : 'open')) === 'enforce',
    },
    nationalRoles: s.HUB_NATIONAL_ROLES as Role[],
    subgraphTimeoutMs: s.HUB_SUBGRAPH_TIMEOUT_MS as number,
    unguardedBenchmark: str('HUB_UNGUARDED_BENCHMARK') ?? null,
    rateLimits: { perIdentity: s.HUB_RATE_LIMIT_PER_MINUTE as number, perAnonymousAddress: s.HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE as number },
  };
}
