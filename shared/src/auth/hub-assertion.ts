import { SignJWT, jwtVerify } from 'jose';
import { Agency, Purpose, Region, Role } from '../domain/enums';
import { HubError } from '../errors/hub-error';
import type { HubCaller } from './hub-caller';
import { ALGORITHM, type ServiceKeys } from './service-keys';

/** Hub assertions live at most this long; the gateway signs a fresh one per subgraph and request. */
export const ASSERTION_TTL_SECONDS = 60;
const MAX_CLOCK_SKEW_SECONDS = 5;

/** Signs what `keys.name` vouches for, for one receiving service (`audience`). */
export async function signHubAssertion(keys: ServiceKeys, audience: string, caller: HubCaller): Promise<string> {
  return new SignJWT({
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
): Promise<HubCaller> {
  if (!token) throw new HubError('UNAUTHENTICATED', 'A hub assertion is required');
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys.trusted, {
      audience: keys.name,
      issuer: [...issuers],
      algorithms: [ALGORITHM],
      typ: 'hub-assertion+jwt',
      clockTolerance: MAX_CLOCK_SKEW_SECONDS,
      maxTokenAge: ASSERTION_TTL_SECONDS + MAX_CLOCK_SKEW_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat', 'rid'],
    });
    if (protectedHeader.kid !== payload.iss) throw new Error('key id does not match issuer');
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || payload.exp - payload.iat > ASSERTION_TTL_SECONDS) {
      throw new Error(`assertions must expire within ${ASSERTION_TTL_SECONDS} s`);
    }
    const regions = Array.isArray(payload.regions) ? payload.regions : [];
    if (
      !oneOf(Agency, payload.agency) ||
      !oneOf(Role, payload.role) ||
      !oneOf(Purpose, payload.purpose) ||
      !regions.every((r) => oneOf(Region, r)) ||
      typeof payload.rid !== 'string' ||
      typeof payload.sub !== 'string'
    ) {
      throw new Error('malformed claims');
    }
    return {
      sub: payload.sub,
      agency: payload.agency,
      role: payload.role,
      regions: regions as Region[],
      purpose: payload.purpose,
      justification: typeof payload.justification === 'string' ? payload.justification : null,
      requestId: payload.rid,
      via: String(payload.iss),
    };
  } catch (error) {
    throw new HubError('UNAUTHENTICATED', `Invalid hub assertion: ${(error as Error).message}`);
  }
}
