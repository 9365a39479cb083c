import { AuditWriter } from '../../audit/audit-writer';
import type { HubCaller } from '../../auth/hub-caller';
import { Agency, DataCategory, Purpose, Role } from '../../domain/enums';
import { createLogger } from '../../observability/logger';
import { AccessController } from '../../policy/access-controller';
import type { VictimAccessFacts } from '../../policy/consent';
import { SqlParameters, type VictimSql, readablePredicate } from '../../policy/policy-predicate';
import {
  type UnguardedEvidence,
  accessLogged,
  benchmarkDatabaseMark,
  enterUnguardedMode,
  policyEnforced,
  unguardedRefusals,
} from '../unguarded-mode';

/**
 * The benchmark's unguarded mode (issue 10): admitted only for the benchmark's own run, and then really without
 * decisions or access records. (This file's module state is its own: jest gives every test file fresh modules.)
 */

const nonce = '0123456789abcdef0123456789abcdef';
const admissible: UnguardedEvidence = {
  service: 'police',
  nonce,
  production: false,
  host: '127.0.0.1',
  databaseMark: benchmarkDatabaseMark(nonce),
  freshDatabase: true,
  demoSeeded: true,
};

/** A police investigator asking about health details: only a victim's consent opens them (and this one has none). */
const investigator: HubCaller = {
  sub: 'inv-1', agency: Agency.POLICE, role: Role.INVESTIGATOR, regions: [], purpose: Purpose.INVESTIGATION,
  justification: null, requestId: 'req-unguarded-test', via: 'gateway',
};
const victimSql: VictimSql = {
  region: 'v.region',
  facts: { minor: 'v.minor', policeInvestigation: 'v.police', referredByNgo: 'v.ngo' },
  activeConsent: () => 'EXISTS (SELECT 1)',
};
const unreachableLog = 'postgres://hub_audit_writer:x@127.0.0.1:1/hub_audit';

describe('the unguarded mode is refused', () => {
  test('unless every condition of the benchmark holds', () => {
    expect(unguardedRefusals(admissible)).toEqual([]);
    expect(unguardedRefusals({ ...admissible, nonce: 'yes' })).toEqual([
      expect.stringContaining('must be the nonce'),
      // The mark names the run's nonce: another value does not match it either.
      expect.stringContaining("benchmark's mark"),
    ]);
    expect(unguardedRefusals({ ...admissible, production: true })).toEqual([expect.stringContaining('production mode')]);
    expect(unguardedRefusals({ ...admissible, host: '0.0.0.0' })).toEqual(['HOST is 0.0.0.0, not loopback']);
    expect(unguardedRefusals({ ...admissible, databaseMark: null })).toEqual([expect.stringContaining("benchmark's mark")]);
    expect(unguardedRefusals({ ...admissible, databaseMark: benchmarkDatabaseMark('fedcba9876543210fedcba9876543210') })).toHaveLength(1);
    expect(unguardedRefusals({ ...admissible, freshDatabase: false })).toEqual(['the database was not empty when the service started']);
    expect(unguardedRefusals({ ...admissible, demoSeeded: false })).toEqual([expect.stringContaining('did not load the synthetic demo caseload')]);
  });

  test('with one error naming every failed condition, and the process stays guarded', () => {
    expect(() => enterUnguardedMode({ ...admissible, production: true, host: '10.0.0.5' })).toThrow(
      /police refuses to start unguarded .*production mode.*; HOST is 10\.0\.0\.5, not loopback/,
    );
    expect([policyEnforced(), accessLogged()]).toEqual([true, true]);
  });
});

describe('once admitted', () => {
  const facts = jest.fn(async (): Promise<VictimAccessFacts | null> => null);

  test('guarded first: the same request is decided and noted, and its records are appended', async () => {
    const access = new AccessController(investigator, facts);
    const decision = await access.decide('v-00000001', DataCategory.HEALTH_DETAIL);
    expect(decision.allow).toBe(false);
    expect(facts).toHaveBeenCalledTimes(1);
    access.note('v-00000001', 'Victim', 'healthFindings', DataCategory.HEALTH_DETAIL, decision);
    expect(access.accessRecords()).toHaveLength(1);
    // The caseload's SQL scope: victims with a consent that opens it.
    expect(readablePredicate(investigator, DataCategory.HEALTH_DETAIL, victimSql, new SqlParameters(), new Date())).toBe('(((EXISTS (SELECT 1))))');
    // The append reaches for the access log (here unreachable), and the answer would fail closed.
    const writer = new AuditWriter(unreachableLog, 'police', createLogger('police'));
    await expect(writer.writeFieldAccess(investigator, access.accessRecords())).rejects.toThrow();
    await writer.close();
  });

  test('no decision is made, nothing is asked of the consent registry, nothing is recorded or appended', async () => {
    facts.mockClear();
    enterUnguardedMode(admissible);
    expect([policyEnforced(), accessLogged()]).toEqual([false, false]);
    const access = new AccessController(investigator, facts);
    const decision = await access.decide('v-00000001', DataCategory.HEALTH_DETAIL);
    expect(decision.allow).toBe(true);
    expect(facts).not.toHaveBeenCalled();
    access.note('v-00000001', 'Victim', 'healthFindings', DataCategory.HEALTH_DETAIL, decision);
    expect(access.accessRecords()).toEqual([]);
    expect(readablePredicate(investigator, DataCategory.HEALTH_DETAIL, victimSql, new SqlParameters(), new Date())).toBe('TRUE');
    const writer = new AuditWriter(unreachableLog, 'police', createLogger('police'));
    const record = { victimId: 'v-00000001', typeName: 'Victim', fields: ['Victim.healthFindings'], deniedFields: [], categories: [DataCategory.HEALTH_DETAIL], bases: [], denialCodes: [], review: false };
    await expect(writer.writeFieldAccess(investigator, [record])).resolves.toBeUndefined();
    await expect(
      writer.writeOperation({ requestId: 'r', caller: {}, operationName: null, documentHash: null, outcome: 'OK', durationMs: 1 }),
    ).resolves.toBeUndefined();
    await writer.close();
  });
});
