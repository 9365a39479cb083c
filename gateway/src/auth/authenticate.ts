import { type JWTPayload, type JWTVerifyGetKey, createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';
import { Agency, HubError, Region, Role, roleAgencies } from '@hub/shared';
import { type GatewayConfig, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../config';
import type { LocalIssuer } from './local-issuer';

/** The staff member a valid bearer token names. */
export interface StaffIdentity {
  sub: string;
  agency: Agency;
  role: Role;
  regions: Region[];
}

export type Authenticate = (authorization: string | undefined) => Promise<StaffIdentity>;

const isOneOf = <T extends string>(values: Record<string, T>, value: unknown): value is T =>
  typeof value === 'string' && (Object.values(values) as string[]).includes(value);

/**
 * Checks bearer tokens with `jose` against the configured issuer, audience and JWKS (any OIDC provider;
 * in local mode, the embedded issuer). Claim names are configurable. Anything wrong → UNAUTHENTICATED.
 */
export function createAuthenticator(config: GatewayConfig, localIssuer: LocalIssuer | null): Authenticate {
  let keys: JWTVerifyGetKey;
  let issuer: string;
  let audience: string;
  let claims = { subject: 'sub', agency: 'agency', role: 'role', regions: 'regions' };
  let maxLifetime: number | null = null;
  if (config.oidc) {
    if (!config.oidc.jwksUrl) throw new Error('The OIDC issuer has no JWKS address yet: discover it first (discoverOidc)');
    // A token signed with a key not yet in the cached set makes jose fetch the set again (key rotation),
    // at most every 5 seconds.
    keys = createRemoteJWKSet(new URL(config.oidc.jwksUrl), { cooldownDuration: 5_000 });
    maxLifetime = config.oidc.maxTokenLifetimeSeconds;
    issuer = config.oidc.issuer;
    audience = config.oidc.audience;
    claims = config.oidc.claims;
  } else if (localIssuer) {
    keys = createLocalJWKSet(localIssuer.jwks);
    issuer = LOCAL_ISSUER;
    audience = LOCAL_AUDIENCE;
  } else {
    throw new Error('No token issuer configured');
  }

  return async (authorization) => {
    if (!authorization) throw new HubError('UNAUTHENTICATED', 'Send a bearer token: Authorization: Bearer <token>');
    const match = /^Bearer ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$/.exec(authorization);
    if (!match) throw new HubError('UNAUTHENTICATED', 'The Authorization header is not a bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keys, { issuer, audience, clockTolerance: 5, requiredClaims: maxLifetime ? ['exp', 'iat'] : ['exp'] }));
    } catch (error) {
      throw new HubError('UNAUTHENTICATED', `The token was refused: ${(error as Error).message}`);
    }
    if (maxLifetime !== null && payload.exp! - payload.iat! > maxLifetime) {
      throw new HubError('UNAUTHENTICATED', `The token was refused: it is valid for longer than ${maxLifetime} seconds`);
    }
    const sub = payload[claims.subject];
    const agency = payload[claims.agency];
    const role = payload[claims.role];
    // A missing regions claim is never read as "national": only a role configured as national may omit it.
    const claimed = payload[claims.regions];
    if (claimed === undefined && !(typeof role === 'string' && config.nationalRoles.includes(role as Role))) {
      throw new HubError('UNAUTHENTICATED', `The token has no ${claims.regions} claim; only roles configured as national may omit it`);
    }
    const regions = claimed ?? [];
    if (typeof sub !== 'string' || sub.length === 0) throw new HubError('UNAUTHENTICATED', 'The token names no subject');
    if (!isOneOf(Agency, agency)) throw new HubError('UNAUTHENTICATED', 'The token names no known agency');
    if (!isOneOf(Role, role)) throw new HubError('UNAUTHENTICATED', 'The token names no known role');
    if (!roleAgencies[role].includes(agency)) throw new HubError('UNAUTHENTICATED', `There is no ${role} in ${agency}`);
    if (!Array.isArray(regions) || !regions.every((r) => isOneOf(Region, r))) {
      throw new HubError('UNAUTHENTICATED', 'The token names an unknown region');
    }
    return { sub, agency, role, regions: regions as Region[] };
  };
}
