/**
 * Indistinguishability in time (issue 8, point 2): for a caller with no right to a victim, a known victim and an
 * id nobody has take the same time to answer, on reads and on mutations — else the clock is an existence oracle.
 * Each probe is sent in interleaved pairs (known, unknown, known, unknown, …), so that load on the machine falls on
 * both alike, and the two medians are compared: they may differ by the noise of the run (the spread between the
 * quartiles of all samples) and no more. A path that skips work for an unknown id (one database round-trip, a call
 * to another service) shows as a difference of its cost, which is above that noise on a quiet run.
 */
import { Agency, Purpose, Region, Role } from '@hub/shared';
import { type Identity, queryAs } from '../support/client';
import { identifyVictim } from '../audit/audit-support';

const PAIRS = 40;

interface Probe {
  name: string;
  caller: Identity & { purpose: Purpose };
  document: string;
  variables: (victimId: string) => Record<string, unknown>;
}

const northCoordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION, regions: [Region.NORTH] };
const probes: Probe[] = [
  {
    name: 'a read of every agency\'s fields by a coordinator limited to NORTH',
    caller: northCoordinator,
    document: 'query ($id: ID!) { victim(id: $id) { alias minor investigations { status } reflectionPeriod { endsAt } placements { from } healthSummary { hasGp } guardian { appointedAt } supportPath { stage } } }',
    variables: (id) => ({ id }),
  },
  {
    name: 'a read by an NGO worker with no consent',
    caller: { agency: Agency.NGO, role: Role.NGO_WORKER, purpose: Purpose.CASE_COORDINATION },
    document: 'query ($id: ID!) { victim(id: $id) { alias supportPath { stage } } }',
    variables: (id) => ({ id }),
  },
  {
    name: 'assignCoordinator by a coordinator limited to NORTH',
    caller: northCoordinator,
    document: 'mutation ($v: ID!) { assignCoordinator(victimId: $v, coordinator: "timing-test") { id } }',
    variables: (v) => ({ v }),
  },
  {
    name: 'openInvestigation by an investigator limited to NORTH',
    caller: { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION, regions: [Region.NORTH] },
    document: 'mutation ($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }',
    variables: (victimId) => ({ input: { victimId, caseNumber: '2025-TIM-000001', district: 'Timing', offences: ['TRAFFICKING_257'], reportedAt: new Date(Date.now() - 3_600_000).toISOString() } }),
  },
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function timed(probe: Probe, victimId: string): Promise<{ ms: number; code: unknown }> {
  const start = process.hrtime.bigint();
  const response = await queryAs(probe.caller, probe.document, probe.variables(victimId));
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, code: response.errors?.[0]?.extensions?.code };
}

let known: string;
beforeAll(async () => {
  known = await identifyVictim('Timing Probe'); // registered in EAST
});

it.each(probes.map((p) => [p.name, p] as const))('%s takes as long for a known victim as for an unknown id', async (_name, probe) => {
  const unknown = 'v-00000000ab';
  for (let i = 0; i < 5; i += 1) await Promise.all([timed(probe, known), timed(probe, unknown)]); // warm both paths
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  for (let i = 0; i < PAIRS; i += 1) {
    // Alternate which goes first, so that neither always runs on a warmer cache.
    const [first, second] = i % 2 ? [known, unknown] : [unknown, known];
    const a = await timed(probe, first);
    const b = await timed(probe, second);
    const [k, u] = first === known ? [a, b] : [b, a];
    expect(k.code).toBe(u.code);
    knownMs.push(k.ms);
    unknownMs.push(u.ms);
  }
  const all = [...knownMs, ...unknownMs];
  const noise = Math.max(1, quantile(all, 0.75) - quantile(all, 0.25));
  const difference = Math.abs(median(knownMs) - median(unknownMs));
  console.log(
    `${probe.name}: known ${median(knownMs).toFixed(1)} ms, unknown ${median(unknownMs).toFixed(1)} ms, ` +
      `difference ${difference.toFixed(1)} ms, noise (IQR) ${noise.toFixed(1)} ms`,
  );
  expect(difference).toBeLessThanOrEqual(noise);
});
