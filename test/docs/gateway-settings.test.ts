/**
 * The gateway's settings: one validated list (gateway/src/config.ts), the README's table generated from it, and a
 * start that fails with a clear message on anything the list does not accept.
 */
import { readFileSync } from 'node:fs';
import { readmePath, readmeWithGatewaySettings, renderGatewaySettingsTable } from '@hub/gateway/src/config-docs';
import { gatewaySettings, readGatewayConfig } from '@hub/gateway/src/config';
import { gatewayEnvironment, serviceUrlVariable, subgraphNames } from '@hub/shared';

const base = { AUDIT_WRITER_URL: 'postgres://hub_audit_writer:secret@db.example:5432/hub_audit' };
const production = { ...base, HUB_MODE: 'production', OIDC_ISSUER: 'https://login.example.org/realms/hub', OIDC_AUDIENCE: 'support-path-hub' };
const problemsOf = (env: Record<string, string>): string => {
  try {
    readGatewayConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('the README table of gateway settings', () => {
  it('is the one generated from gatewaySettings (otherwise: npm run docs)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(readme).toContain(renderGatewaySettingsTable());
    expect(readmeWithGatewaySettings(readme)).toBe(readme);
  });

  it('has one row per setting, and the settings are exactly the variables the gateway is listed to read', () => {
    const table = renderGatewaySettingsTable();
    for (const setting of gatewaySettings) expect(table).toContain(`| \`${setting.variable}\` | ${setting.meaning.replace(/\|/g, '\\|')} |`);
    const urls = subgraphNames.map(serviceUrlVariable);
    expect(gatewaySettings.map((s) => s.variable).filter((v) => !urls.includes(v)).sort()).toEqual([...gatewayEnvironment].sort());
  });
});

describe('reading the gateway settings', () => {
  it('gives the documented defaults for a local start', () => {
    const config = readGatewayConfig(base);
    expect([config.port, config.host, config.mode, config.oidc, config.trustedDocuments.enforce]).toEqual([4000, '127.0.0.1', 'local', null, false]);
    expect(config.subgraphUrls.police).toBe('http://127.0.0.1:4002/graphql');
  });

  it('reads an OIDC issuer with its discovery address, the token lifetime and the claim names', () => {
    const config = readGatewayConfig({ ...production, OIDC_MAX_TOKEN_LIFETIME_SECONDS: '900', OIDC_CLAIM_AGENCY: 'hub_agency' });
    expect(config.mode).toBe('production');
    expect(config.trustedDocuments.enforce).toBe(true);
    expect(config.oidc).toMatchObject({
      discoveryUrl: 'https://login.example.org/realms/hub/.well-known/openid-configuration',
      jwksUrl: null,
      maxTokenLifetimeSeconds: 900,
      claims: { subject: 'sub', agency: 'hub_agency', role: 'role', regions: 'regions' },
    });
  });

  it('treats an empty value as not set, as compose passes ${X:-}', () => {
    expect(readGatewayConfig({ ...base, OIDC_ISSUER: '', PORT: '' }).port).toBe(4000);
  });

  it.each([
    [{ ...base, PORT: 'http' }, 'PORT:'],
    [{ ...base, HUB_MODE: 'prod' }, 'HUB_MODE:'],
    [{ ...base, POLICE_URL: 'police:4002' }, 'POLICE_URL: must be a https? URL'],
    [{ ...base, AUDIT_WRITER_URL: 'http://db/audit' }, 'AUDIT_WRITER_URL: must be a postgres or postgresql URL'],
    [{ ...production, OIDC_MAX_TOKEN_LIFETIME_SECONDS: '999999' }, 'OIDC_MAX_TOKEN_LIFETIME_SECONDS:'],
    [{ ...base, HUB_MODE: 'production' }, 'OIDC_ISSUER: production mode needs an OIDC issuer'],
    [{ ...base, OIDC_ISSUER: 'https://login.example.org' }, 'OIDC_AUDIENCE: required with OIDC_ISSUER'],
    [{ ...production, HUB_TRUSTED_DOCUMENTS: 'open' }, 'HUB_TRUSTED_DOCUMENTS: production mode runs only trusted documents'],
    [{ ...base, OIDC_ISUER: 'https://login.example.org' }, 'OIDC_ISUER is not a setting of the hub'],
    [{ ...base, HUB_MODES: 'local' }, 'HUB_MODES is not a setting of the hub'],
  ])('refuses %j naming the problem', (env, problem) => {
    const message = problemsOf(env as Record<string, string>);
    expect(message).toContain("The gateway's configuration is invalid");
    expect(message).toContain(problem);
  });

  it('names every problem at once', () => {
    const message = problemsOf({ PORT: '-1', OIDC_CLAIM_ROLE: 'not a claim' });
    for (const problem of ['PORT:', 'OIDC_CLAIM_ROLE: must be a claim name', 'AUDIT_WRITER_URL:']) expect(message).toContain(problem);
  });

  it('accepts the variables of the subgraphs and tools that a shared environment holds', () => {
    expect(() => readGatewayConfig({ ...base, HUB_SMALL_CELL_K: '5', HUB_DEMO_SEED: '42', HUB_EXIT_WITH_PARENT: '1' })).not.toThrow();
  });
});
