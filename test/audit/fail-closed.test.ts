/**
 * Fail closed: while the access log cannot be written (the services' role may not log in and its sessions
 * are gone), a coordinator gets no personal data — neither through the gateway nor from the subgraph
 * directly — only AUDIT_UNAVAILABLE. When the store is back, the very next requests work again and are
 * logged, without restarting anything.
 */
import { randomUUID } from 'node:crypto';
import { type HubCaller, loadServiceKeys, signHubAssertion } from '@hub/shared';
import { codes, queryAs } from '../support/client';
import { testHub } from '../support/hub-info';
import { coordinator, identifyVictim, recordsOf, uniqueAlias, verifyThroughGateway, withAuditDb, withLogLock } from './audit-support';

const victimQuery = 'query ($id: ID!) { victim(id: $id) { id alias birthYear region identification { identifiedAt } } }';

/** The same query straight to the coordination subgraph, with an assertion signed like the gateway's. */
async function askCoordinationDirectly(victimId: string): Promise<{ text: string; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> {
  const caller: HubCaller = { sub: 'coord-fail-closed-test', ...coordinator, regions: [], justification: null, requestId: randomUUID(), via: 'gateway' };
  const body = JSON.stringify({ query: victimQuery, variables: { id: victimId } });
  const assertion = await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'gateway'), 'coordination', caller, body);
  const response = await fetch(testHub().services.coordination!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${assertion}`, 'x-request-id': caller.requestId },
    body,
  });
  const text = await response.text();
  return { text, body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const setWriterLogin = (login: boolean): Promise<void> =>
  withAuditDb(async (db) => {
    await db.query(`ALTER ROLE hub_audit_writer ${login ? 'LOGIN' : 'NOLOGIN'}`);
    if (!login) await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'hub_audit_writer'`);
  });

describe('when the access log cannot be written', () => {
  let victimId: string;
  let alias: string;

  beforeAll(async () => {
    alias = uniqueAlias('Audit FailClosed');
    victimId = await identifyVictim(alias);
  });

  it('returns no personal data, only AUDIT_UNAVAILABLE, and answers normally as soon as the store is back', async () => {
    const before = await queryAs<{ victim: { alias: string | null } }>(coordinator, victimQuery, { id: victimId });
    expect(before.errors).toBeUndefined();
    expect(before.data!.victim.alias).toBe(alias);

    await setWriterLogin(false);
    try {
      const during = await queryAs<{ victim: { alias: string | null; birthYear: number | null } | null }>(coordinator, victimQuery, { id: victimId });
      expect(codes(during)).toContain('AUDIT_UNAVAILABLE');
      expect(during.data?.victim?.alias ?? null).toBeNull();
      expect(during.data?.victim?.birthYear ?? null).toBeNull();
      expect(JSON.stringify(during)).not.toContain(alias);

      const direct = await askCoordinationDirectly(victimId);
      expect(direct.body.data ?? null).toBeNull();
      expect(direct.body.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(direct.text).not.toContain(alias);
    } finally {
      await setWriterLogin(true);
    }

    const after = await queryAs<{ victim: { alias: string | null } }>(coordinator, victimQuery, { id: victimId });
    expect(after.errors).toBeUndefined();
    expect(after.data!.victim.alias).toBe(alias);
    const logged = await recordsOf(after.requestId!);
    expect(logged.filter((r) => r.kind === 'FIELD_ACCESS' && r.victim_id === victimId).length).toBeGreaterThan(0);
    expect(logged.filter((r) => r.kind === 'OPERATION')).toHaveLength(1);
  });

  it('keeps an unbroken chain across the outage', async () => {
    await withLogLock('shared', async () => {
      expect(await verifyThroughGateway()).toMatchObject({ ok: true, firstBadRecord: null });
    });
  });
});
