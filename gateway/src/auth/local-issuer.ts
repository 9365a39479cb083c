import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Agency, Region, Role } from '@hub/shared';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../config';

/**
 * The embedded token issuer of local mode: an Ed25519 key kept in `<dataDir>/issuer/`, its public half
 * served by the gateway at `/.well-known/jwks.json`. It stands in for the agencies' identity provider.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateJwk: JWK,
    readonly jwks: { keys: JWK[] },
  ) {}

  static async open(dataDir: string): Promise<LocalIssuer> {
    const dir = join(dataDir, 'issuer');
    const path = join(dir, 'private.jwk.json');
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'EdDSA', use: 'sig' };
      writeFileSync(path, JSON.stringify(jwk), { mode: 0o600 });
    }
    const privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
    const { d: _private, ...publicJwk } = privateJwk;
    return new LocalIssuer(privateJwk, { keys: [publicJwk] });
  }

  async issue(claims: { sub: string; agency: Agency; role: Role; regions: Region[] }, ttlSeconds = 3600): Promise<string> {
    const key = await importJWK(this.privateJwk, 'EdDSA');
    return new SignJWT({ agency: claims.agency, role: claims.role, regions: claims.regions })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.privateJwk.kid, typ: 'JWT' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);
  }
}
