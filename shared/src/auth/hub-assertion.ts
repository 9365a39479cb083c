import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { Agency, Purpose, Region, Role } from '../domain/enums';
import { HubError } from '../errors/hub-error';
import type { HubCaller } from './hub-caller';
import { ALGORITHM, type ServiceKeys } from './service-keys';

/** Hub assertions live at most this long; the gateway signs a fresh one per subgraph and request. */
export const ASSERTION_TTL_SECONDS = 60;
const MAX_CLOCK_SKEW_SECONDS = 5;

/** The hash an assertion binds its request to: base64url SHA-256 of the exact body bytes. */
export const requestBodyHash = (body: string | Uint8Array): string => createHash('sha256').update(body).digest('base64url');

/** What a verified assertion is, beyond the caller it vouches for: its one-time id and the body it is bound to. */
export interface VerifiedAssertion {
  caller: HubCaller;
  /** `jti`: unique per assertion; a second use is refused (`AssertionReplayGuard`). */
  id: string;
  /** `bh`: the hash of the one request body this assertion may be used with. */
  bodyHash: string;
  expiresAt: number;
}

/**
 * Signs what `keys.name` vouches for, for one receiving service (`audience`) and one request: the assertion
 * carries a one-time id and the hash of `body`, so it can be neither replayed nor used with another request.
 */
export async function signHubAssertion(keys: ServiceKeys, audience: string, caller: HubCaller, body: string): Promise<string> {
  return new SignJWT({
    bh: requestBodyHash(body),
    agency: caller.agency,
    role: caller.role,
    regions: caller.regions,
    purpose: caller.purpose,
    justification: caller.justification,
    rid: caller.requestId,
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.name, typ: 'hub-assertion+jwt' })
    .setIssuer(keys.name)
    .setSubject(caller.sub)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ASSERTION_TTL_SECONDS}s`)
    .sign(keys.signingKey);
}

const oneOf = <T extends string>(values: Record<string, T>, value: unknown): value is T =>
  typeof value === 'string' && (Object.values(values) as string[]).includes(value);

/**
 * Verifies an assertion addressed to `keys.name` and signed by one of `issuers`.
 * Throws `UNAUTHENTICATED` for anything else: no token, the user's own token, forged, expired, other audience.
 */
export async function verifyHubAssertion(
  keys: ServiceKeys,
  token: string | undefined,
  issuers: readonly string[],
): Promise<VerifiedAssertion> {
  if (!token) throw new HubError('UNAUTHENTICATED', 'A hub assertion is required');
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys.trusted, {
      audience: keys.name,
      issuer: [...issuers],
      algorithms: [ALGORITHM],
      typ: 'hub-assertion+jwt',
      clockTolerance: MAX_CLOCK_SKEW_SECONDS,
      maxTokenAge: ASSERTION_TTL_SECONDS + MAX_CLOCK_SKEW_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat', 'rid', 'jti', 'bh', 'regions'],
    });
    if (protectedHeader.kid !== payload.iss) throw new Error('key id does not match issuer');
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || payload.exp - payload.iat > ASSERTION_TTL_SECONDS) {
      throw new Error(`assertions must expire within ${ASSERTION_TTL_SECONDS} s`);
    }
    // No regions claim is no assertion: a missing claim must never read as "national".
    const regions: unknown = payload.regions;
    if (
      !Array.isArray(regions) ||
      !oneOf(Agency, payload.agency) ||
      !oneOf(Role, payload.role) ||
      !oneOf(Purpose, payload.purpose) ||
      !regions.every((r) => oneOf(Region, r)) ||
      typeof payload.rid !== 'string' ||
      typeof payload.sub !== 'string' ||
      typeof payload.jti !== 'string' ||
      typeof payload.bh !== 'string'
    ) {
      throw new Error('malformed claims');
    }
    return {
      caller: {
        sub: payload.sub,
        agency: payload.agency,
        role: payload.role,
        regions: regions as Region[],
        purpose: payload.purpose,
        justification: typeof payload.justification === 'string' ? payload.justification : null,
        requestId: payload.rid,
        via: String(payload.iss),
      },
      id: payload.jti,
      bodyHash: payload.bh,
      expiresAt: payload.exp * 1000,
    };
  } catch (error) {
    throw new HubError('UNAUTHENTICATED', `Invalid hub assertion: ${(error as Error).message}`);
  }
}
