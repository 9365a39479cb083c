import fc from 'fast-check';
import type { HubCaller } from '../../auth/hub-caller';
import { Agency, DataCategory, Purpose, Region, Role } from '../../domain/enums';
import { roleAgencies } from '../access-policy';
import type { ActiveConsent } from '../consent';
import { type AccessDecision, type VictimContext, decide } from '../decide';
import { mayActWithoutRegions } from '../region-scope';

/**
 * Invariants of the access decision (issue 8, point 12; docs/architecture.md#who-may-read-what), checked with
 * fast-check over arbitrary callers, victims and consents. The rules are restated here by hand where an
 * invariant needs them, not read from the policy table.
 */

const now = new Date('2026-06-15T12:00:00.000Z');
const day = 86_400_000;
const RUNS = { numRuns: 2_000 };

const agencies = Object.values(Agency);
const roles = Object.values(Role);
const categories = Object.values(DataCategory);
const purposes = Object.values(Purpose);
const regions = Object.values(Region);

const instant = fc.integer({ min: -400, max: 400 }).map((d) => new Date(now.getTime() + d * day).toISOString());

const consentArb: fc.Arbitrary<ActiveConsent> = fc
  .record({
    id: fc.stringMatching(/^cs-[a-f0-9]{6}$/),
    recipients: fc.subarray(agencies, { minLength: 1 }),
    categories: fc.subarray(categories, { minLength: 1 }),
    purposes: fc.subarray(purposes, { minLength: 1 }),
    from: instant,
    days: fc.integer({ min: 1, max: 400 }),
    withdrawnAt: fc.option(instant, { nil: null }),
  })
  .map(({ from, days, ...c }) => ({
    ...c,
    validFrom: from,
    validUntil: new Date(Date.parse(from) + days * day).toISOString(),
  }));

const victimArb: fc.Arbitrary<VictimContext> = fc.record({
  id: fc.constant('v-0000000000000001'),
  region: fc.option(fc.constantFrom(...regions), { nil: null }),
  minor: fc.boolean(),
  policeInvestigation: fc.boolean(),
  referredByNgo: fc.boolean(),
  consents: fc.array(consentArb, { maxLength: 4 }),
});

/** Mostly roles that exist in their agency (the interesting cases), sometimes not. */
const agencyRoleArb = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...roles.flatMap((role) => roleAgencies[role].map((agency) => ({ agency, role })))) },
  { weight: 1, arbitrary: fc.record({ agency: fc.constantFrom(...agencies), role: fc.constantFrom(...roles) }) },
);

const callerArb: fc.Arbitrary<HubCaller> = fc
  .record({
    who: agencyRoleArb,
    regions: fc.oneof(fc.constant([] as Region[]), fc.subarray(regions, { minLength: 1 })),
    purpose: fc.constantFrom(...purposes),
    justification: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  })
  .map(({ who, ...rest }) => ({ ...who, ...rest, sub: 'staff-1', requestId: 'r-1', via: 'gateway' }));

const categoryArb = fc.constantFrom(...categories);
const victimOrNone = fc.option(victimArb, { nil: null, freq: 8 });

const isConsent = (d: AccessDecision): boolean => d.allow && d.basis.kind === 'CONSENT';

/** Own records as docs/access-policy.md lists them: agency, roles, categories, purpose. Written out by hand. */
const OWN_RECORDS: [Agency, Role[], DataCategory[], Purpose][] = [
  [
    Agency.COORDINATION,
    [Role.COORDINATOR, Role.CASEWORKER],
    [DataCategory.IDENTITY, DataCategory.CASE_STATUS, DataCategory.IDENTIFICATION, DataCategory.CONSENT],
    Purpose.CASE_COORDINATION,
  ],
  [Agency.POLICE, [Role.INVESTIGATOR], [DataCategory.POLICE_CASE], Purpose.INVESTIGATION],
  [Agency.POLICE, [Role.PROSECUTOR], [DataCategory.POLICE_CASE], Purpose.PROSECUTION],
  [Agency.IMMIGRATION, [Role.CASEWORKER], [DataCategory.IMMIGRATION], Purpose.PERMIT_PROCESSING],
  [Agency.SOCIAL_SERVICES, [Role.CASEWORKER], [DataCategory.SOCIAL, DataCategory.SHELTER_LOCATION], Purpose.SOCIAL_ASSISTANCE],
  [Agency.HEALTH, [Role.CLINICIAN], [DataCategory.HEALTH_SUMMARY, DataCategory.HEALTH_DETAIL], Purpose.CARE],
  [Agency.CHILD_WELFARE, [Role.CASEWORKER], [DataCategory.CHILD_WELFARE], Purpose.CHILD_PROTECTION],
  [Agency.LABOUR_INSPECTION, [Role.INSPECTOR], [DataCategory.LABOUR_CASE], Purpose.LABOUR_INSPECTION],
  [Agency.AUDIT, [Role.AUDITOR], [DataCategory.ACCESS_LOG], Purpose.AUDIT],
];
const ownRecords = (c: HubCaller, category: DataCategory): boolean =>
  OWN_RECORDS.some(([a, rs, cs, p]) => a === c.agency && rs.includes(c.role) && cs.includes(category) && p === c.purpose);

it('default deny: without consents or legal facts, nothing but own records (and the victim right of access) opens', () => {
  fc.assert(
    fc.property(callerArb, categoryArb, victimOrNone, (caller, category, victim) => {
      fc.pre(caller.purpose !== Purpose.EMERGENCY);
      const bare = victim && { ...victim, minor: false, policeInvestigation: false, referredByNgo: false, consents: [] };
      const d = decide(caller, category, bare, now);
      if (!d.allow) return;
      const rightOfAccess =
        caller.agency === Agency.COORDINATION &&
        caller.role === Role.COORDINATOR &&
        caller.purpose === Purpose.CASE_COORDINATION &&
        category === DataCategory.ACCESS_LOG &&
        bare !== null;
      expect(ownRecords(caller, category) || rightOfAccess).toBe(true);
    }),
    RUNS,
  );
});

it('default deny: a role outside its agency reads nothing, in any purpose', () => {
  const mismatched = fc
    .record({ agency: fc.constantFrom(...agencies), role: fc.constantFrom(...roles) })
    .filter(({ agency, role }) => !roleAgencies[role].includes(agency));
  fc.assert(
    fc.property(mismatched, callerArb, categoryArb, victimOrNone, (who, caller, category, victim) => {
      expect(decide({ ...caller, ...who }, category, victim, now)).toMatchObject({ allow: false, code: 'FORBIDDEN' });
    }),
    RUNS,
  );
});

it('HEALTH_DETAIL and SHELTER_LOCATION are shared only by a consent that names them explicitly', () => {
  const sensitive = fc.constantFrom(DataCategory.HEALTH_DETAIL, DataCategory.SHELTER_LOCATION);
  fc.assert(
    fc.property(callerArb, sensitive, victimArb, (caller, category, victim) => {
      const d = decide(caller, category, victim, now);
      if (d.allow && d.basis.kind === 'CONSENT') {
        const { consentId } = d.basis;
        const consent = victim.consents.find((c) => c.id === consentId);
        expect(consent?.categories).toContain(category);
      }
      // Without a consent naming it, only the owner (or an emergency, for the safe house) reads it.
      const unnamed = { ...victim, consents: victim.consents.map((c) => ({ ...c, categories: c.categories.filter((k) => k !== category) })) };
      const without = decide(caller, category, unnamed, now);
      if (without.allow) expect(ownRecords(caller, category) || without.basis.kind === 'EMERGENCY').toBe(true);
    }),
    RUNS,
  );
});

it('HEALTH_DETAIL and ACCESS_LOG stay closed even in an emergency, for every caller', () => {
  fc.assert(
    fc.property(callerArb, victimOrNone, (caller, victim) => {
      const emergency = { ...caller, purpose: Purpose.EMERGENCY };
      expect(decide(emergency, DataCategory.HEALTH_DETAIL, victim, now).allow).toBe(false);
      expect(decide(emergency, DataCategory.ACCESS_LOG, victim, now).allow).toBe(false);
    }),
    RUNS,
  );
});

it('ACCESS_LOG is never opened by consent: any consent, even one naming it, changes nothing', () => {
  fc.assert(
    fc.property(callerArb, victimArb, fc.array(consentArb, { maxLength: 3 }), (caller, victim, extra) => {
      const naming = extra.map((c) => ({ ...c, categories: [...c.categories, DataCategory.ACCESS_LOG] }));
      const before = decide(caller, DataCategory.ACCESS_LOG, victim, now);
      const after = decide(caller, DataCategory.ACCESS_LOG, { ...victim, consents: [...victim.consents, ...naming] }, now);
      expect(isConsent(after)).toBe(false);
      expect(after.allow).toBe(before.allow);
    }),
    RUNS,
  );
});

it('withdrawal never widens: withdrawing, expiring or removing consents never opens what was closed', () => {
  const change = fc.constantFrom('withdraw', 'expire', 'remove');
  fc.assert(
    fc.property(callerArb, categoryArb, victimArb, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), change, (caller, category, victim, pick, how) => {
      const narrowed = victim.consents.flatMap((c, i) => {
        if (!pick[i]) return [c];
        if (how === 'remove') return [];
        if (how === 'withdraw') return [{ ...c, withdrawnAt: c.withdrawnAt ?? now.toISOString() }];
        return [{ ...c, validUntil: new Date(Math.min(Date.parse(c.validUntil), now.getTime())).toISOString() }];
      });
      const before = decide(caller, category, victim, now);
      const after = decide(caller, category, { ...victim, consents: narrowed }, now);
      if (after.allow) expect(before.allow).toBe(true);
      // What was refused for want of consent never becomes FORBIDDEN's opposite by narrowing, nor the other way round.
      if (!before.allow) expect(after).toMatchObject({ allow: false, code: before.code });
    }),
    RUNS,
  );
});

it('a consent opens nothing for an agency it does not name', () => {
  fc.assert(
    fc.property(callerArb, categoryArb, victimArb, fc.array(consentArb, { maxLength: 3 }), (caller, category, victim, extra) => {
      const others = extra
        .map((c) => ({ ...c, recipients: c.recipients.filter((a) => a !== caller.agency) }))
        .filter((c) => c.recipients.length > 0);
      const before = decide(caller, category, victim, now);
      const after = decide(caller, category, { ...victim, consents: [...victim.consents, ...others] }, now);
      expect(after).toEqual(before);
    }),
    RUNS,
  );
});

it('EMERGENCY is always flagged for review, and nothing else is', () => {
  fc.assert(
    fc.property(callerArb, categoryArb, victimOrNone, (caller, category, victim) => {
      const d = decide(caller, category, victim, now);
      if (!d.allow) return;
      expect(d.review).toBe(d.basis.kind === 'EMERGENCY');
      expect(d.basis.kind === 'EMERGENCY').toBe(caller.purpose === Purpose.EMERGENCY);
    }),
    RUNS,
  );
});

it('an emergency needs a written justification of at least 20 characters', () => {
  fc.assert(
    fc.property(callerArb, categoryArb, victimOrNone, fc.string({ maxLength: 19 }), fc.nat(30), (caller, category, victim, text, pad) => {
      const short = { ...caller, purpose: Purpose.EMERGENCY, justification: `${' '.repeat(pad)}${text.trim()}${' '.repeat(pad)}` };
      expect(decide(short, category, victim, now).allow).toBe(false);
    }),
    RUNS,
  );
});

it('local staff never reach a victim outside their regions, except by EMERGENCY', () => {
  fc.assert(
    fc.property(callerArb, categoryArb, victimArb, (caller, category, victim) => {
      fc.pre(caller.regions.length > 0 && (victim.region === null || !caller.regions.includes(victim.region)));
      const d = decide(caller, category, victim, now);
      if (d.allow) expect(d.basis.kind).toBe('EMERGENCY');
      else if (caller.purpose !== Purpose.EMERGENCY) expect(d.code).toBe('FORBIDDEN');
    }),
    RUNS,
  );
});

it('the region limit is the only difference between local staff of the victim region and national staff', () => {
  fc.assert(
    fc.property(callerArb, categoryArb, victimArb, fc.constantFrom(...regions), (caller, category, victim, region) => {
      // Only staff national by configuration may act without regions (a local role without any is refused).
      fc.pre(mayActWithoutRegions(caller));
      const national = decide({ ...caller, regions: [] }, category, { ...victim, region }, now);
      const local = decide({ ...caller, regions: [region] }, category, { ...victim, region }, now);
      expect(local).toEqual(national);
    }),
    RUNS,
  );
});
