import { createHash } from 'node:crypto';
import { Agency, ExploitationForm, SupportEventKind } from '../../domain/enums';
import type { Caseload } from '../caseload-types';
import { generateCaseload } from '../generate-caseload';

/**
 * The labour inspection's part of the demo caseload: only victims of forced labour, dates that agree with the
 * rest of their support path, and every other agency's records exactly as before the labour inspection was added.
 */
const asOf = new Date('2025-06-15T00:00:00Z');
const caseload = generateCaseload({ asOf });
const { inspections, sanctions, referrals, claims } = caseload.labourInspection;
const ms = (iso: string): number => Date.parse(iso);

/**
 * The caseload without anything of the labour inspection's, as JSON — and without the agency kit's rights
 * information, added to every agency after the digests were taken (generate-caseload.test.ts keeps it apart too).
 */
function otherAgencies(c: Caseload): string {
  const { labourInspection: _labour, rightsInformation: _rights, ...rest } = c;
  const supportEvents = rest.coordination.supportEvents.filter(
    (e) => e.agency !== Agency.LABOUR_INSPECTION && e.kind !== SupportEventKind.RIGHTS_INFORMED,
  );
  return JSON.stringify({ ...rest, coordination: { ...rest.coordination, supportEvents } });
}
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

it("leaves every other agency's records byte-identical (digests taken before the labour inspection was added)", () => {
  expect(sha256(otherAgencies(caseload))).toBe('661773f54db4795f60814c645f1e4965a8a9d08b20cbc6f457251b025aa9d6b5');
  const larger = generateCaseload({ asOf: new Date('2026-01-10T00:00:00Z'), victims: 2000 });
  expect(sha256(otherAgencies(larger))).toBe('ee8061d28c152cea6801e66f167fd8c460835a09d58a8474cd8675e35bea8c14');
});

it('finds only victims of forced labour, most of them, at workplaces several share', () => {
  const victims = new Map(caseload.coordination.victims.map((v) => [v.id, v]));
  const forced = caseload.coordination.victims.filter((v) => v.exploitationForms.includes(ExploitationForm.FORCED_LABOUR));
  expect(inspections.length).toBeGreaterThan(0.5 * forced.length);
  for (const i of inspections) expect(victims.get(i.victimId)?.exploitationForms).toContain(ExploitationForm.FORCED_LABOUR);
  expect(new Set(inspections.map((i) => i.victimId)).size).toBe(inspections.length);
  const workplaces = new Set(inspections.map((i) => i.organisationNumber));
  expect(workplaces.size).toBeLessThan(inspections.length);
  for (const i of inspections) {
    expect(i.organisationNumber).toMatch(/^\d{9}$/);
    expect(i.indicatorsFound.length).toBeGreaterThanOrEqual(2);
    // Around the identification: the inspection that led to it, or one in the weeks after.
    const identified = ms(victims.get(i.victimId)!.identifiedAt);
    expect(ms(i.inspectedAt)).toBeGreaterThanOrEqual(identified - 21 * 86_400_000);
    expect(ms(i.inspectedAt)).toBeLessThanOrEqual(Math.min(identified + 45 * 86_400_000, asOf.getTime()));
  }
});

it('dates every sanction, referral and claim after its inspection and no later than asOf', () => {
  const inspection = new Map(inspections.map((i) => [i.id, i]));
  for (const r of [...sanctions.map((s) => ({ ...s, at: s.imposedAt })), ...referrals.map((r) => ({ ...r, at: r.referredAt })), ...claims.map((c) => ({ ...c, at: c.filedAt }))]) {
    const i = inspection.get(r.inspectionId)!;
    expect(r.victimId).toBe(i.victimId);
    expect(ms(r.at)).toBeGreaterThan(ms(i.inspectedAt));
    expect(ms(r.at)).toBeLessThanOrEqual(asOf.getTime());
  }
  for (const c of claims) {
    if (c.status === 'FILED') expect([c.decidedAt, c.awardedNok]).toEqual([null, null]);
    else expect(ms(c.decidedAt!)).toBeGreaterThan(ms(c.filedAt));
    if (c.status === 'AWARDED') expect(c.awardedNok).toBeLessThanOrEqual(c.claimedNok);
  }
  expect(new Set(referrals.map((r) => r.inspectionId)).size).toBe(referrals.length);
});

it('puts its milestones on the support path, in order, with ids no other event has', () => {
  const events = caseload.coordination.supportEvents;
  const labour = events.filter((e) => e.agency === Agency.LABOUR_INSPECTION);
  expect(labour.filter((e) => e.kind === SupportEventKind.WORKPLACE_INSPECTED)).toHaveLength(inspections.length);
  expect(labour.filter((e) => e.kind === SupportEventKind.REFERRED_TO_POLICE)).toHaveLength(referrals.length);
  expect(labour.filter((e) => e.kind === SupportEventKind.BACK_PAY_CLAIMED)).toHaveLength(claims.length);
  expect(labour.filter((e) => e.kind === SupportEventKind.BACK_PAY_DECIDED)).toHaveLength(claims.filter((c) => c.status !== 'FILED').length);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  for (let i = 1; i < events.length; i++) expect(events[i - 1]!.at <= events[i]!.at).toBe(true);
});
