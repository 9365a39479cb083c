import { createHash } from 'node:crypto';
import { CompactSign, type JWK, compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { ALGORITHM, type ServiceKeys } from '../auth/service-keys';
import type { DataCategory } from '../domain/enums';
import type { ForeignCounterpart, HandoverPurpose } from './handover-types';

/** The JWS `typ` of a hand-over package: never mistaken for a hub assertion (which is a JWT with an audience). */
export const HANDOVER_PACKAGE_TYPE = 'handover-package+jws';
/** The service whose key signs hand-over packages for the hub. */
export const HANDOVER_SIGNER = 'coordination';

/** A field the owning subgraph did not release, and why (the policy's code). */
export interface WithheldField {
  field: string;
  category: DataCategory;
  code: string;
}

/** One owning subgraph's part of a package: the victim's fields of the asked categories it released. */
export interface HandoverPart {
  subgraph: string;
  agency: string;
  /** The categories asked of this subgraph (those it owns among the consent's). */
  categories: DataCategory[];
  /** The victim as the subgraph answers it: the released fields, each under its own name. */
  victim: Record<string, unknown>;
  /** The released fields, `Type.field`. */
  released: string[];
  withheld: WithheldField[];
}

/** What the hub signs and sends to the counterpart. */
export interface HandoverPackage {
  type: 'support-path-hub/handover-package';
  version: 1;
  handoverId: string;
  victimId: string;
  consentId: string;
  counterpart: ForeignCounterpart;
  purpose: HandoverPurpose;
  categories: DataCategory[];
  issuedAt: string;
  parts: HandoverPart[];
}

/** SHA-256 of bytes, as `sha256:<hex>`. */
export const sha256 = (bytes: Uint8Array | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** The signed package (compact JWS, Ed25519, kid = signer) and the digest of exactly the bytes signed. */
export async function signHandoverPackage(keys: ServiceKeys, pkg: HandoverPackage): Promise<{ jws: string; digest: string }> {
  const payload = new TextEncoder().encode(JSON.stringify(pkg));
  const jws = await new CompactSign(payload)
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.name, typ: HANDOVER_PACKAGE_TYPE })
    .sign(keys.signingKey);
  return { jws, digest: sha256(payload) };
}

export type PackageVerification =
  | { ok: true; package: HandoverPackage; digest: string; kid: string }
  | { ok: false; reason: string };

/**
 * Checks a package offline: a compact JWS of type `handover-package+jws`, signed by the hand-over signer's key in
 * `trusted` (a JWKS, e.g. the hub's `trusted.jwks.json`), over a package of the right shape. Any change to header,
 * payload or signature fails.
 */
export async function verifyHandoverPackage(jws: string, trusted: { keys: JWK[] }): Promise<PackageVerification> {
  try {
    const header = decodeProtectedHeader(jws.trim());
    if (header.typ !== HANDOVER_PACKAGE_TYPE) return { ok: false, reason: `not a hand-over package (typ ${String(header.typ)})` };
    if (header.kid !== HANDOVER_SIGNER) return { ok: false, reason: `signed by ${String(header.kid)}, not by the hub's hand-over signer` };
    const { payload } = await compactVerify(jws.trim(), createLocalJWKSet(trusted), { algorithms: [ALGORITHM] });
    const pkg = JSON.parse(new TextDecoder().decode(payload)) as HandoverPackage;
    if (pkg.type !== 'support-path-hub/handover-package' || pkg.version !== 1 || !Array.isArray(pkg.parts)) {
      return { ok: false, reason: 'the signed payload is not a hand-over package' };
    }
    return { ok: true, package: pkg, digest: sha256(payload), kid: header.kid };
  } catch (error) {
    return { ok: false, reason: `signature does not verify: ${(error as Error).message}` };
  }
}
