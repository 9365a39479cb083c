import { type Agency, DataCategory, Purpose, type Role, decide, roleAgencies } from '@hub/shared';
import { queryAs } from '../support/client';
import { type Check, PROBED_CATEGORIES, VICTIM_SELECTION, compare, victimChecks } from './matrix-probes';
import { type Asker, EMERGENCY_JUSTIFICATION, callerOf, decisionsFor } from './read-victim';
import {
  type FixtureRecords,
  type VictimSpec,
  consentPeriods,
  deleteVictims,
  insertVictims,
  newConsentId,
  newVictimId,
} from './victim-fixtures';

/**
 * The policy matrix (issue 3, item 8), through the gateway: every (agency, role) pair of `roleAgencies`
 * × every probed category × consent state (none, active, expired, withdrawn, other purpose, other recipient)
 * × every purpose. The expected answer of each case is `decide()` on the very facts inserted, so the matrix
 * is generated from the policy table; the stack must return the value when it allows, and `null` with the
 * same code and category when it does not.
 *
 * The fixture victims are adults in OSLO without a police investigation, so that the legal rules that depend
 * on the victim (CHILD_WELFARE_MINORS, POLICE_OWN_INVESTIGATION) do not apply, and all identities here are
 * national staff: those rules and the region limit have focused tests of their own (legal-rules.test.ts,
 * region-limits.test.ts). The safe-house directory (`shelters { name }`, about no
 * victim) is probed in every request as well.
 */

const identities = (Object.entries(roleAgencies) as [Role, readonly Agency[]][]).flatMap(([role, agencies]) =>
  agencies.map((agency) => ({ agency, role })),
);
const purposes = Object.values(Purpose);
const recipients = [...new Set(identities.map((i) => i.agency))];

type ConsentState = 'none' | 'active' | 'expired' | 'withdrawn' | 'other purpose' | 'other recipient';

const periods = consentPeriods();
const consentCategories = Object.values(DataCategory).filter((c) => c !== DataCategory.ACCESS_LOG);
const consent = (to: Agency[], forPurposes: Purpose[], period: keyof typeof periods) => ({
  id: newConsentId(),
  recipients: to,
  categories: consentCategories,
  purposes: forPurposes,
  ...periods[period],
});
const victim = (label: string, consents: VictimSpec['consents']): VictimSpec => ({
  id: newVictimId(),
  alias: `Matrix ${label}`,
  minor: false,
  policeInvestigation: false,
  consents,
});

const noConsent = victim('no consent', []);
const byRecipient = new Map(
  recipients.map((a) => [
    a,
    {
      active: victim(`${a} active`, [consent([a], purposes, 'active')]),
      expired: victim(`${a} expired`, [consent([a], purposes, 'expired')]),
      withdrawn: victim(`${a} withdrawn`, [consent([a], purposes, 'withdrawn')]),
      'other recipient': victim(`${a} other recipient`, [consent(recipients.filter((r) => r !== a), purposes, 'active')]),
      'other purpose': new Map(
        purposes.map((p) => [p, victim(`${a} not ${p}`, [consent([a], purposes.filter((q) => q !== p), 'active')])]),
      ),
    },
  ]),
);

/** The six victims whose answers one (agency, purpose) request checks, with their consent state. */
function victimsFor(agency: Agency, purpose: Purpose): [ConsentState, VictimSpec][] {
  const own = byRecipient.get(agency)!;
  return [
    ['none', noConsent],
    ['active', own.active],
    ['expired', own.expired],
    ['withdrawn', own.withdrawn],
    ['other purpose', own['other purpose'].get(purpose)!],
    ['other recipient', own['other recipient']],
  ];
}

const allVictims = [
  noConsent,
  ...[...byRecipient.values()].flatMap((v) => [v.active, v.expired, v.withdrawn, v['other recipient'], ...v['other purpose'].values()]),
];
let records: FixtureRecords;
let cases = 0;
let directoryCases = 0;
let requests = 0;

beforeAll(async () => {
  records = await insertVictims(allVictims);
}, 60_000);

afterAll(async () => {
  console.log(
    `policy matrix: ${cases} cases (${identities.length} (agency, role) × ${purposes.length} purposes × 6 consent states × ` +
      `${PROBED_CATEGORIES.length} categories) + ${directoryCases} safe-house directory cases, in ${requests} gateway requests`,
  );
  await deleteVictims(allVictims.map((v) => v.id));
}, 60_000);

/** National staff; EMERGENCY always comes with a justification long enough (the gateway requires one). */
const asker = (agency: Agency, role: Role, purpose: Purpose): Asker => ({
  agency,
  role,
  purpose,
  ...(purpose === Purpose.EMERGENCY ? { justification: EMERGENCY_JUSTIFICATION } : {}),
});

describe.each(identities)('$agency $role', ({ agency, role }) => {
  it.each(purposes)('reads with purpose %s exactly what decide() allows, per category and consent state', async (purpose) => {
    const plan = victimsFor(agency, purpose);
    const query = `query PolicyMatrix {\n${plan
      .map(([, spec], i) => `  v${i}: victim(id: "${spec.id}") { ${VICTIM_SELECTION} }`)
      .join('\n')}\n  shelters { name }\n}`;
    const response = await queryAs(asker(agency, role, purpose), query);
    requests += 1;
    const now = new Date();
    const caller = callerOf(asker(agency, role, purpose));
    const checks: Check[] = [];
    const problems: string[] = [];
    plan.forEach(([state, spec], i) => {
      const { checks: victimCases, unreachable } = victimChecks(`v${i}`, spec, records, decisionsFor(caller, spec, now));
      checks.push(...victimCases);
      problems.push(...unreachable.map((u) => `${state}: ${u}`));
      cases += PROBED_CATEGORIES.length;
    });
    const directory = decide(caller, DataCategory.SHELTER_LOCATION, null, now);
    records.directoryNames.forEach((name, i) =>
      checks.push({ path: ['shelters', i, 'name'], category: DataCategory.SHELTER_LOCATION, decision: directory, expected: name }),
    );
    directoryCases += 1;
    const states = plan.map(([state], i) => `v${i}=${state}`).join(', ');
    expect(response.status).toBe(200);
    expect(compare(response, checks, `${agency} ${role} ${purpose} (${states})`).concat(problems)).toEqual([]);
  });
});

describe('the matrix plan', () => {
  it('holds cases of every basis and both denial codes, so that it cannot pass by denying or allowing everything', () => {
    const seen = new Set<string>();
    const now = new Date();
    for (const { agency, role } of identities) {
      for (const purpose of purposes) {
        for (const [, spec] of victimsFor(agency, purpose)) {
          const decisions = decisionsFor(callerOf(asker(agency, role, purpose)), spec, now);
          for (const category of PROBED_CATEGORIES) {
            const d = decisions[category];
            seen.add(d.allow ? d.basis.kind : d.code);
          }
        }
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['CONSENT', 'CONSENT_REQUIRED', 'EMERGENCY', 'FORBIDDEN', 'OWN_RECORDS']));
  });
});
