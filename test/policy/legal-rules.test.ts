import { Agency, Purpose, Role } from '@hub/shared';
import { type Asker, readVictim } from './read-victim';
import { type FixtureRecords, type VictimSpec, deleteVictims, insertVictims, newVictimId } from './victim-fixtures';

/**
 * The legal rules that depend on the victim, which the policy matrix (adults, no investigation) leaves out:
 * CHILD_WELFARE_MINORS and POLICE_OWN_INVESTIGATION. Each case checks the whole probe set against `decide()`
 * and, so that `decide()` itself is held to the documented rule, which basis opens (or why it refuses) a field.
 */

const fixture = (alias: string, facts: Partial<VictimSpec> = {}): VictimSpec => ({
  id: newVictimId(),
  alias,
  minor: false,
  policeInvestigation: false,
  consents: [],
  ...facts,
});
const minor = fixture('Legal rules minor', { minor: true });
const adult = fixture('Legal rules adult');
const investigated = fixture('Legal rules investigated', { policeInvestigation: true });
let records: FixtureRecords;

beforeAll(async () => {
  records = await insertVictims([minor, adult, investigated]);
});
afterAll(() => deleteVictims([minor.id, adult.id, investigated.id]));

const childWelfare: Asker = { agency: Agency.CHILD_WELFARE, role: Role.CASEWORKER, purpose: Purpose.CHILD_PROTECTION };
const investigator: Asker = { agency: Agency.POLICE, role: Role.INVESTIGATOR, purpose: Purpose.INVESTIGATION };
const prosecutor: Asker = { agency: Agency.POLICE, role: Role.PROSECUTOR, purpose: Purpose.PROSECUTION };
const byRule = (rule: string) => ({ allow: true, basis: { kind: 'LEGAL_RULE', rule } });

describe('CHILD_WELFARE_MINORS', () => {
  it("lets child welfare read a minor's identity and case status for CHILD_PROTECTION without consent", async () => {
    const { response, decisions, problems } = await readVictim(childWelfare, minor, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTITY).toMatchObject(byRule('CHILD_WELFARE_MINORS'));
    expect(decisions.CASE_STATUS).toMatchObject(byRule('CHILD_WELFARE_MINORS'));
    expect(response.data?.v).toMatchObject({ alias: minor.alias, region: records.region });
  });

  it("still refuses the minor's other categories with CONSENT_REQUIRED", async () => {
    const { decisions, problems } = await readVictim(childWelfare, minor, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTIFICATION).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
    expect(decisions.HEALTH_SUMMARY).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
  });

  it("refuses an adult's identity to child welfare with CONSENT_REQUIRED", async () => {
    const { response, decisions, problems } = await readVictim(childWelfare, adult, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTITY).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
    expect(response.data?.v?.alias).toBeNull();
  });

  it("refuses a minor's identity to child welfare for a purpose outside the rule", async () => {
    const { decisions, problems } = await readVictim({ ...childWelfare, purpose: Purpose.CASE_COORDINATION }, minor, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTITY).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
  });
});

describe('POLICE_OWN_INVESTIGATION', () => {
  it.each([
    ['an investigator for INVESTIGATION', investigator],
    ['a prosecutor for PROSECUTION', prosecutor],
  ])('lets %s read the identity of the victim in a police investigation, and nothing more', async (_, asker) => {
    const { response, decisions, problems } = await readVictim(asker, investigated, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTITY).toMatchObject(byRule('POLICE_OWN_INVESTIGATION'));
    expect(decisions.CASE_STATUS).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
    expect(response.data?.v).toMatchObject({ alias: investigated.alias, region: null });
  });

  it('refuses the police the identity of a victim in no investigation with CONSENT_REQUIRED', async () => {
    const { response, decisions, problems } = await readVictim(investigator, adult, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTITY).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
    expect(response.data?.v?.alias).toBeNull();
  });

  it('refuses the police the identity of an investigated victim for a purpose outside the rule', async () => {
    const { decisions, problems } = await readVictim({ ...investigator, purpose: Purpose.CASE_COORDINATION }, investigated, records);
    expect(problems).toEqual([]);
    expect(decisions.IDENTITY).toMatchObject({ allow: false, code: 'CONSENT_REQUIRED' });
  });
});
