import { generateKeyPairSync } from 'node:crypto';
import { Agency, HubError, Purpose, Role } from '@hub/shared';
import { ConsentGiver } from '../../entities/consent-grant';
import { ChildWelfareGuardians, type GuardianRegistry } from '../child-welfare-guardians';
import { CONSENT_BACKDATING_LIMIT_DAYS, type ConsentToRecord, checkConsentRules } from '../consent-rules';

/** Issue 8, point 10: who gave a consent, and when (docs/architecture.md#consent). */

const DAY = 86_400_000;
const recordedAt = new Date('2026-06-15T12:00:00.000Z');
const ago = (days: number): Date => new Date(recordedAt.getTime() - days * DAY);

const guardians = (appointed: boolean): GuardianRegistry & { asked: string[] } => {
  const asked: string[] = [];
  return { asked, hasAppointedGuardian: async (id) => (asked.push(id), appointed) };
};

const adult = (consent: Partial<ConsentToRecord>, registry: GuardianRegistry = guardians(false)) =>
  checkConsentRules({ victimId: 'v-1', givenBy: ConsentGiver.VICTIM, validFrom: recordedAt, ...consent }, { minor: false, recordedAt, guardians: registry });
const minor = (consent: Partial<ConsentToRecord>, registry: GuardianRegistry) =>
  checkConsentRules({ victimId: 'v-2', givenBy: ConsentGiver.GUARDIAN, validFrom: recordedAt, ...consent }, { minor: true, recordedAt, guardians: registry });

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(HubError);
  const { code, field, service } = (error as HubError).extensions as Record<string, unknown>;
  return { code, field, ...(service ? { service } : {}) };
};

describe('a consent given by the guardian', () => {
  it("is refused for a minor child welfare has no appointed guardian for, after asking child welfare about that minor", async () => {
    const registry = guardians(false);
    expect(await refusal(minor({}, registry))).toEqual({ code: 'BAD_USER_INPUT', field: 'givenBy' });
    expect(registry.asked).toEqual(['v-2']);
  });

  it('is accepted for a minor with an appointed guardian', async () => {
    expect(await minor({}, guardians(true))).toEqual(recordedAt);
  });

  it('is refused, fail closed, with SUBGRAPH_UNAVAILABLE when child welfare cannot answer', async () => {
    const keys = { name: 'coordination', signingKey: generateKeyPairSync('ed25519').privateKey, trusted: async () => { throw new Error('unused'); } };
    const caller = { sub: 's', agency: Agency.COORDINATION, role: Role.COORDINATOR, regions: [], purpose: Purpose.CASE_COORDINATION, justification: null, requestId: 'r', via: 'gateway' };
    // The discard port: nothing listens there.
    const unreachable = new ChildWelfareGuardians(keys, caller, 'http://127.0.0.1:9');
    expect(await refusal(minor({}, unreachable))).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', field: undefined, service: 'child-welfare' });
  });

  it('is refused for an adult, who gives consent themselves, without asking child welfare', async () => {
    const registry = guardians(true);
    expect(await refusal(adult({ givenBy: ConsentGiver.GUARDIAN }, registry))).toEqual({ code: 'BAD_USER_INPUT', field: 'givenBy' });
    expect(registry.asked).toEqual([]);
  });

  it("is the only way a minor's consent is recorded", async () => {
    expect(await refusal(minor({ givenBy: ConsentGiver.VICTIM }, guardians(true)))).toEqual({ code: 'BAD_USER_INPUT', field: 'givenBy' });
  });
});

describe('back-dating', () => {
  it('is bounded by the 7 days docs/architecture.md#consent states', () => {
    expect(CONSENT_BACKDATING_LIMIT_DAYS).toBe(7);
  });

  it('refuses a consent back-dated 300 days, through validFrom or givenAt', async () => {
    expect(await refusal(adult({ validFrom: ago(300) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'validFrom' });
    expect(await refusal(adult({ givenAt: ago(300), validFrom: ago(300) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'givenAt' });
  });

  it('accepts a consent given up to 7 days before it is recorded, and keeps when it was given', async () => {
    expect(await adult({ validFrom: ago(7) })).toEqual(ago(7));
    expect(await adult({ givenAt: ago(3), validFrom: ago(2) })).toEqual(ago(3));
    expect(await refusal(adult({ validFrom: new Date(ago(7).getTime() - 1) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'validFrom' });
  });

  it('refuses a consent that takes effect before it was given, or given after it is recorded', async () => {
    expect(await refusal(adult({ givenAt: ago(1), validFrom: ago(2) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'validFrom' });
    expect(await refusal(adult({ givenAt: new Date(recordedAt.getTime() + 60_000) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'givenAt' });
  });

  it('takes a consent that begins later as given when it is recorded', async () => {
    expect(await adult({ validFrom: new Date(recordedAt.getTime() + 30 * DAY) })).toEqual(recordedAt);
  });

  it('checks the dates before asking child welfare', async () => {
    const registry = guardians(true);
    await refusal(minor({ validFrom: ago(30) }, registry));
    expect(registry.asked).toEqual([]);
  });
});
