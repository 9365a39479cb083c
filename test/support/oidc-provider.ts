import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';

/**
 * A stand-in for an external OIDC provider, for tests of the gateway in production mode: an Ed25519 key pair
 * made for the test, its public half served as a JWKS at `GET /jwks` on 127.0.0.1 (a free port), and a way
 * to sign tokens with it under any claims. `routes` lets a richer stand-in (test/support/oidc-authorization-server.ts)
 * answer more requests on the same server.
 */
export interface TestOidcProvider {
  issuer: string;
  audience: string;
  /** `http://127.0.0.1:<port>`, where the server listens. */
  origin: string;
  jwksUrl: string;
  /** Signs a token from this issuer for this audience, valid for ten minutes, with exactly these claims. */
  sign: (claims: JWTPayload) => Promise<string>;
  stop: () => Promise<void>;
}

/** Answers a request other than `GET /jwks` and returns true, or returns false to leave it to a 404. */
export type TestOidcRoutes = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export async function startTestOidcProvider(options: { issuer: string; audience: string; routes?: TestOidcRoutes }): Promise<TestOidcProvider> {
  const kid = 'test-oidc-provider-key';
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] };
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
      return;
    }
    Promise.resolve()
      .then(() => options.routes?.(req, res) ?? false)
      .then((answered) => {
        if (!answered) res.writeHead(404).end();
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    issuer: options.issuer,
    audience: options.audience,
    origin: `http://127.0.0.1:${port}`,
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
