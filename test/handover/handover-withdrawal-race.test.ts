/**
 * A consent withdrawn while a hand-over is being sent (docs/architecture.md#cross-border-hand-over), through the
 * running services. A second coordination process, on the test hub's registry database, reaches the police
 * subgraph through a proxy of this test's that holds police's answer to `/internal/handover-part` back until the
 * test lets it go. While the answer is held — police has produced its part and logged its release to coordination
 * — the consent is withdrawn through the gateway (the hub's own coordination). The withdrawal must go through at
 * once, since the send holds no lock while it collects; and when the part then arrives, the send must refuse
 * (CONFLICT) with nothing sent: the hand-over WITHDRAWN, no package, no HANDOVER_SENT milestone.
 *
 * The send goes to the second coordination directly, with an assertion signed like the gateway's (as
 * test/audit/fail-closed.test.ts does), so no second gateway is needed.
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  DataCategory,
  type HubCaller,
  handoverSubgraphs,
  internalUrlVariable,
  loadServiceKeys,
  serviceEntry,
  signHubAssertion,
} from '@hub/shared';
import { type ServiceLogLine, type ServiceProcess, startServiceProcess } from '@hub/shared/src/local/service-process';
import { repoRoot } from '@hub/shared/src/schema/subgraph-schemas';
import { queryAs } from '../support/client';
import { postgresUrl, testHub } from '../support/hub-info';
import { coordinator, identifyVictim, openInvestigation, uniqueAlias, withAuditDb } from '../audit/audit-support';

const DAY = 86_400_000;
const liaison = { kind: 'FOREIGN_POLICE_LIAISON', name: 'Nigeria Police Force, liaison office Oslo', country: 'NG' };
/** Well under the 10 s coordination waits for a part: a withdrawal that waited for the send's locks takes that long. */
const WITHDRAWAL_BOUND_MS = 6_000;

const baseOf = (url: string): string => url.replace(/\/graphql$/, '');

/** A proxy in front of one service that can hold its answers back: each held answer waits for `release()`. */
interface HoldingProxy {
  url: string;
  hold(): void;
  /** Resolves when a held answer (the service has answered, and it is not passed on yet) is waiting. */
  held: () => Promise<void>;
  release(): void;
  close(): Promise<void>;
}

async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  let holding = false;
  let released: Promise<void> = Promise.resolve();
  let releaseNow = (): void => undefined;
  let heldOne: () => void = () => undefined;
  let heldPromise: Promise<void> = Promise.resolve();
  const body = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'x-request-id']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? await body(req) : undefined });
      const text = await answer.text();
      if (holding) {
        heldOne();
        await released;
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hold() {
      holding = true;
      released = new Promise((resolve) => {
        releaseNow = resolve;
      });
      heldPromise = new Promise((resolve) => {
        heldOne = resolve;
      });
    },
    held: () => heldPromise,
    release() {
      holding = false;
      releaseNow();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A coordination process of its own on the hub's registry database, reaching police through `policeUrl`. */
async function startCoordination(policeUrl: string, logs: ServiceLogLine[]): Promise<ServiceProcess> {
  const hub = testHub();
  const database = new URL(hub.services.coordination!.database!).pathname.slice(1);
  const password = readFileSync(join(hub.keysDir, 'audit-writer.secret'), 'utf8').trim();
  return startServiceProcess({
    name: 'coordination-held',
    entry: join(repoRoot, serviceEntry('coordination')),
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: postgresUrl(database),
      AUDIT_WRITER_URL: `postgres://hub_audit_writer:${encodeURIComponent(password)}@127.0.0.1:${hub.postgresPort}/hub_audit`,
      HUB_KEYS_DIR: hub.keysDir,
      COORDINATION_INTERNAL_URL: baseOf(hub.services.coordination!.url),
      ...Object.fromEntries(handoverSubgraphs.map((name) => [internalUrlVariable(name), name === 'police' ? policeUrl : baseOf(hub.services[name]!.url)])),
      LOG_LEVEL: 'warn',
    },
    onLog: (line) => logs.push(line),
    startTimeoutMs: 120_000,
  });
}

/** `sendHandover` straight to `coordination`, as the gateway would forward it for a coordinator. */
async function sendThrough(coordination: ServiceProcess, id: string): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const caller: HubCaller = { sub: 'coord-race-test', ...coordinator, regions: [], justification: null, requestId: randomUUID(), via: 'gateway' };
  const body = JSON.stringify({ query: 'mutation ($id: ID!) { sendHandover(id: $id) { id state digest } }', variables: { id } });
  const assertion = await signHubAssertion(await loadServiceKeys(testHub().keysDir, 'gateway'), 'coordination', caller, body);
  const response = await fetch(coordination.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${assertion}`, 'x-request-id': caller.requestId },
    body,
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe('a consent withdrawn while its hand-over is being sent', () => {
  const logs: ServiceLogLine[] = [];
  let proxy: HoldingProxy;
  let coordination: ServiceProcess;

  beforeAll(async () => {
    proxy = await startHoldingProxy(baseOf(testHub().services.police!.url));
    coordination = await startCoordination(proxy.url, logs).catch((error: Error) => {
      throw new Error(`${error.message}\n${logs.map((l) => l.raw).join('\n')}`);
    });
  }, 180_000);

  afterAll(async () => {
    proxy?.release();
    await coordination?.stop();
    await proxy?.close();
  });

  it('is withdrawn at once, and the send then refuses with nothing sent', async () => {
    const victimId = await identifyVictim(uniqueAlias('Handover-race'), { birthYear: 1996 });
    await openInvestigation(victimId);
    const granted = await queryAs<{ grantConsent: { id: string } }>(
      coordinator,
      'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
      {
        input: {
          victimId, counterpart: liaison, handoverPurpose: 'FOREIGN_INVESTIGATION', categories: [DataCategory.IDENTITY, DataCategory.POLICE_CASE],
          validFrom: new Date(Date.now() - 3_600_000).toISOString(), validUntil: new Date(Date.now() + 90 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
        },
      },
    );
    expect(granted.errors).toBeUndefined();
    const consentId = granted.data!.grantConsent.id;
    const prepared = await queryAs<{ prepareHandover: { id: string } }>(
      coordinator,
      'mutation ($v: ID!, $c: ForeignCounterpartInput!) { prepareHandover(victimId: $v, counterpart: $c, purpose: FOREIGN_INVESTIGATION) { id } }',
      { v: victimId, c: liaison },
    );
    expect(prepared.errors).toBeUndefined();
    const id = prepared.data!.prepareHandover.id;

    proxy.hold();
    let settled = false;
    const sending = sendThrough(coordination, id).finally(() => {
      settled = true;
    });
    try {
      // Police has produced its part (and logged it); coordination is waiting for it.
      await proxy.held();
      expect(settled).toBe(false);

      const started = Date.now();
      const withdrawal = await within(queryAs(coordinator, 'mutation ($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }', { id: consentId }), WITHDRAWAL_BOUND_MS);
      expect(withdrawal).not.toBe('still waiting');
      expect((withdrawal as Awaited<ReturnType<typeof queryAs>>).errors).toBeUndefined();
      // The send was still waiting for the part the whole time: the withdrawal did not wait for it.
      expect(settled).toBe(false);
      expect(Date.now() - started).toBeLessThan(WITHDRAWAL_BOUND_MS);
    } finally {
      proxy.release();
    }

    const sent = await sending;
    expect(sent.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['CONFLICT', 'The hand-over is WITHDRAWN: only a prepared hand-over is sent']]);
    expect(sent.data ?? null).toBeNull();

    const after = await queryAs<{ victim: { handovers: { id: string; state: string; digest: string | null; sentAt: string | null; signedPackage: string | null }[] } }>(
      coordinator,
      'query ($id: ID!) { victim(id: $id) { handovers { id state digest sentAt signedPackage } } }',
      { id: victimId },
    );
    expect(after.errors).toBeUndefined();
    expect(after.data!.victim.handovers).toEqual([{ id, state: 'WITHDRAWN', digest: null, sentAt: null, signedPackage: null }]);

    const path = await queryAs<{ victim: { supportPath: { events: { agency: string; kind: string }[] } } }>(
      coordinator,
      'query ($id: ID!) { victim(id: $id) { supportPath { events { agency kind } } } }',
      { id: victimId },
    );
    expect(path.data!.victim.supportPath.events.filter((e) => e.kind.startsWith('HANDOVER_')).map((e) => [e.agency, e.kind])).toEqual([
      ['COORDINATION', 'HANDOVER_PREPARED'],
      ['COORDINATION', 'HANDOVER_WITHDRAWN'],
    ]);

    // What the owning subgraphs released, they released to coordination, and logged as such: those records stay
    // (coordination did read the fields). No write of the send was logged: nothing of it was committed.
    const records = await withAuditDb(async (db) =>
      (await db.query<{ service: string; actor_role: string; basis: string[] }>(
        `SELECT service, actor_role, basis FROM audit_record WHERE kind = 'FIELD_ACCESS' AND victim_id = $1 AND ($2 = ANY(basis) OR 'WRITE:sendHandover' = ANY(basis)) ORDER BY seq`,
        [victimId, `HANDOVER:${id}`],
      )).rows,
    );
    expect(records.some((r) => r.basis.includes('WRITE:sendHandover'))).toBe(false);
    expect([...new Set(records.map((r) => r.service))].sort()).toEqual(['coordination', 'police']);
    expect(records.every((r) => r.actor_role === 'COORDINATOR' && r.basis.includes(`CONSENT:${consentId}`))).toBe(true);
  });
});
