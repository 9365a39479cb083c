/**
 * Support events leave an agency through the outbox in its own database (docs/architecture.md, "Support path";
 * issue 11, point 2): a write that rolls back leaves no milestone, coordination being down loses none, and a
 * delivery repeated after a lost answer is recorded once by coordination.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import {
  Agency,
  type HubCaller,
  Metrics,
  Purpose,
  Role,
  SupportEventKind,
  SupportEventOutbox1764900000000,
  SupportEventOutboxEntry,
  loadServiceKeys,
} from '@hub/shared';
import { OutboxRelay } from '@hub/shared/src/agency-kit/outbox-relay';
import { enqueueSupportEvent } from '@hub/shared/src/agency-kit/support-event-outbox';
import { CoordinationClient } from '@hub/shared/src/subgraph/coordination-client';
import { createDataSource } from '@hub/shared/src/db/create-data-source';
import { postgresUrl, testHub } from '../support/hub-info';
import { identifyVictim } from '../audit/audit-support';

const caller: HubCaller = {
  sub: 'kit-outbox-test', agency: Agency.POLICE, role: Role.INVESTIGATOR, regions: [], purpose: Purpose.INVESTIGATION,
  justification: null, requestId: randomUUID(), via: 'gateway',
};
const event = (victimId: string) => ({
  victimId, kind: SupportEventKind.REPORT_FILED, at: new Date(Date.now() - 3_600_000).toISOString(), summary: 'Report filed', dueAt: null,
});

/** A stand-in coordination that takes every support event and remembers it. */
async function fakeCoordination(): Promise<{ url: string; received: { id: string }[]; close: () => Promise<void> }> {
  const received: { id: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body) as { id: string });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: coordination is down. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('the support-event outbox', () => {
  const database = `hub_kit_outbox_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  const admin = new Client({ connectionString: postgresUrl('postgres') });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    dataSource = createDataSource({
      url: postgresUrl(database), entities: [SupportEventOutboxEntry], migrations: [SupportEventOutbox1764900000000],
      metrics: new Metrics(), log: pino({ level: 'silent' }),
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
  });

  const pending = async (): Promise<{ id: string; attempts: number; delivered: boolean }[]> =>
    ((await dataSource.query('SELECT id, attempts, delivered_at IS NOT NULL AS delivered FROM support_event_outbox ORDER BY seq')) as {
      id: string; attempts: number; delivered: boolean;
    }[]);

  it('keeps no event of a write that rolled back, and keeps a committed one until coordination takes it', async () => {
    const keys = await loadServiceKeys(testHub().keysDir, 'police');
    await expect(
      dataSource.transaction(async (tx) => {
        await enqueueSupportEvent(tx, caller, event('v-rolledback'));
        throw new Error('the write failed after queuing its event');
      }),
    ).rejects.toThrow('the write failed');
    expect(await pending()).toEqual([]);

    const id = await dataSource.transaction((tx) => enqueueSupportEvent(tx, caller, event('v-committed')));
    const log = pino({ level: 'silent' });
    const down = new OutboxRelay({ dataSource, keys, coordinationUrl: await closedPort(), log, metrics: new Metrics() });
    await down.deliverPending();
    await down.deliverPending();
    await down.stop(); // no retry of its own from here on
    expect(await pending()).toEqual([{ id, attempts: 2, delivered: false }]);

    const coordination = await fakeCoordination();
    try {
      const back = new OutboxRelay({ dataSource, keys, coordinationUrl: coordination.url, log, metrics: new Metrics() });
      await back.deliverPending();
      await back.deliverPending();
      await back.stop();
      expect(coordination.received.map((e) => e.id)).toEqual([id]);
      expect(await pending()).toEqual([{ id, attempts: 3, delivered: true }]);
    } finally {
      await coordination.close();
    }
  });

  it('is recorded once by coordination however often the relay sends it', async () => {
    const victimId = await identifyVictim('Kit Outbox');
    const keys = await loadServiceKeys(testHub().keysDir, 'police');
    const base = new URL(testHub().services.coordination!.url).origin;
    const client = new CoordinationClient(base, keys, caller);
    const sent = { id: `ev-${randomBytes(6).toString('hex')}`, ...event(victimId) };
    await client.recordSupportEvent(sent);
    await client.recordSupportEvent(sent);
    const db = new Client({ connectionString: postgresUrl(new URL(testHub().services.coordination!.database!).pathname.slice(1)) });
    await db.connect();
    try {
      const rows = (await db.query('SELECT agency, kind FROM support_event WHERE victim_id = $1 AND id = $2', [victimId, sent.id])).rows;
      expect(rows).toEqual([{ agency: 'POLICE', kind: 'REPORT_FILED' }]);
    } finally {
      await db.end();
    }
  });
});
