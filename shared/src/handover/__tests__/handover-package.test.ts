import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { ensureServiceKeys, loadServiceKeys } from '../../auth/service-keys';
import { DataCategory } from '../../domain/enums';
import { type HandoverPackage, sha256, signHandoverPackage, verifyHandoverPackage } from '../handover-package';
import { CounterpartKind, HandoverPurpose } from '../handover-types';

const pkg: HandoverPackage = {
  type: 'support-path-hub/handover-package',
  version: 1,
  handoverId: 'ho-000000000001',
  victimId: 'v-0000000001',
  consentId: 'cs-000000000001',
  counterpart: { kind: CounterpartKind.HOME_COUNTRY_CARE_PROVIDER, name: 'Reintegration centre, Iasi', country: 'RO' },
  purpose: HandoverPurpose.VOLUNTARY_RETURN,
  categories: [DataCategory.IDENTITY],
  issuedAt: '2026-06-01T12:00:00.000Z',
  parts: [{ subgraph: 'coordination', agency: 'COORDINATION', categories: [DataCategory.IDENTITY], victim: { alias: 'A. B.' }, released: ['Victim.alias'], withheld: [] }],
};

const b64 = (s: string): string => Buffer.from(s).toString('base64url');
const unb64 = (s: string): string => Buffer.from(s, 'base64url').toString('utf8');

describe('hand-over packages are signed by the hub and verify offline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handover-keys-'));
  let trusted: { keys: JWK[] };
  beforeAll(async () => {
    await ensureServiceKeys(dir, ['coordination', 'police']);
    trusted = JSON.parse(readFileSync(join(dir, 'trusted.jwks.json'), 'utf8')) as { keys: JWK[] };
  });

  it('verifies as signed, with the digest of exactly the signed bytes', async () => {
    const { jws, digest } = await signHandoverPackage(await loadServiceKeys(dir, 'coordination'), pkg);
    const result = await verifyHandoverPackage(jws, trusted);
    expect(result).toEqual({ ok: true, package: pkg, digest, kid: 'coordination' });
    expect(digest).toBe(sha256(JSON.stringify(pkg)));
  });

  it('fails when one value of the package is changed, even keeping the signature', async () => {
    const { jws } = await signHandoverPackage(await loadServiceKeys(dir, 'coordination'), pkg);
    const [header, payload, signature] = jws.split('.');
    const changed = unb64(payload!).replace('A. B.', 'C. D.');
    const result = await verifyHandoverPackage(`${header}.${b64(changed)}.${signature}`, trusted);
    expect(result.ok).toBe(false);
  });

  it('fails for a package signed by another service of the hub than the hand-over signer', async () => {
    const { jws } = await signHandoverPackage(await loadServiceKeys(dir, 'police'), pkg);
    expect(await verifyHandoverPackage(jws, trusted)).toEqual({ ok: false, reason: "signed by police, not by the hub's hand-over signer" });
  });

  it('fails against keys that are not the hub\'s', async () => {
    const other = mkdtempSync(join(tmpdir(), 'handover-other-'));
    await ensureServiceKeys(other, ['coordination']);
    const { jws } = await signHandoverPackage(await loadServiceKeys(other, 'coordination'), pkg);
    expect((await verifyHandoverPackage(jws, trusted)).ok).toBe(false);
  });
});
