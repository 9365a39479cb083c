import { Agency, DataCategory, type HubCaller, Purpose, Region, Role, type VictimContext } from '@hub/shared';
import { oracleConsent } from './oracle-consents';
import { ORACLE_TABLE } from './oracle-cases';

/** One hand-written case of the policy oracle, parsed from a line of `ORACLE_TABLE`. */
export interface OracleCase {
  line: number;
  text: string;
  agency: Agency;
  role: Role;
  regions: Region[];
  purpose: Purpose;
  justification: string | null;
  /** `directory`: a field about no victim. */
  victim: VictimKind;
  victimRegion: Region | null;
  consentIds: string[];
  category: DataCategory;
  expected: string;
}

export type VictimKind = 'adult' | 'minor' | 'investigated' | 'ngo' | 'unregistered' | 'directory';

/** Justifications by their label in the table; the proper one is long and written. */
export const JUSTIFICATIONS: Record<string, string | null> = {
  '': 'Patrol reports the victim is in immediate danger',
  '(20)': 'Threat to life: flee',
  '(short)': 'Threat to life: fle',
  '(blank)': ' '.repeat(25),
  '(none)': null,
};

const member = <T extends string>(values: Record<string, T>, value: string, what: string, line: number): T => {
  if (!(Object.values(values) as string[]).includes(value)) throw new Error(`oracle line ${line}: unknown ${what} ${value}`);
  return value as T;
};

const VICTIM_KINDS: VictimKind[] = ['adult', 'minor', 'investigated', 'ngo', 'unregistered', 'directory'];
const EXPECTED = /^(OWN_RECORDS|EMERGENCY|FORBIDDEN|CONSENT_REQUIRED|LEGAL_RULE:[A-Z_]+|CONSENT:c-[a-z0-9-]+)$/;

function parse(text: string, line: number): OracleCase {
  const cells = text.split('|').map((c) => c.trim());
  if (cells.length !== 5) throw new Error(`oracle line ${line}: expected 5 cells, got ${cells.length}: ${text}`);
  const [who, purposeCell, victimCell, categoryCell, expected] = cells as [string, string, string, string, string];
  const [agency, role, regionsCell] = who.split(/\s+/);
  const regions = regionsCell ? regionsCell.replace(/^@/, '').split(',').map((r) => member(Region, r, 'region', line)) : [];
  const purposeMatch = /^([A-Z_]+)(\(\w+\))?$/.exec(purposeCell);
  if (!purposeMatch) throw new Error(`oracle line ${line}: bad purpose ${purposeCell}`);
  const purpose = member(Purpose, purposeMatch[1]!, 'purpose', line);
  const label = purposeMatch[2] ?? '';
  if (label && purpose !== Purpose.EMERGENCY) throw new Error(`oracle line ${line}: only EMERGENCY takes a justification label`);
  if (!(label in JUSTIFICATIONS)) throw new Error(`oracle line ${line}: unknown justification ${label}`);
  const [kind, ...rest] = victimCell.split(/\s+/);
  if (!VICTIM_KINDS.includes(kind as VictimKind)) throw new Error(`oracle line ${line}: unknown victim ${kind}`);
  const regionTag = rest.find((r) => r.startsWith('@'));
  if (!EXPECTED.test(expected)) throw new Error(`oracle line ${line}: bad expectation ${expected}`);
  const consentIds = rest.filter((r) => r.startsWith('+')).map((r) => r.slice(1));
  consentIds.forEach((id) => oracleConsent(id, 0));
  return {
    line,
    text,
    agency: member(Agency, agency ?? '', 'agency', line),
    role: member(Role, role ?? '', 'role', line),
    regions,
    purpose,
    justification: purpose === Purpose.EMERGENCY ? JUSTIFICATIONS[label]! : null,
    victim: kind as VictimKind,
    victimRegion: kind === 'unregistered' || kind === 'directory' ? null : regionTag ? member(Region, regionTag.slice(1), 'region', line) : Region.OSLO,
    consentIds,
    category: member(DataCategory, categoryCell, 'category', line),
    expected,
  };
}

/** Every case of the hand-written table. */
export const oracleCases = (): OracleCase[] =>
  ORACLE_TABLE.split('\n')
    .map((text, i) => ({ text: text.trim(), line: i }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'))
    .map(({ text, line }) => parse(text, line));

/** The caller the gateway would vouch for. */
export const oracleCaller = (c: OracleCase): HubCaller => ({
  sub: `${c.agency.toLowerCase()}-${c.role.toLowerCase()}-oracle`,
  agency: c.agency,
  role: c.role,
  regions: c.regions,
  purpose: c.purpose,
  justification: c.justification,
  requestId: 'policy-oracle',
  via: 'gateway',
});

/** What the deciding subgraph knows of the case's victim at `now`; `null` for a field about no victim. */
export function oracleVictim(c: OracleCase, now: number): VictimContext | null {
  if (c.victim === 'directory') return null;
  return {
    id: 'v-00000000oracle00',
    region: c.victimRegion,
    minor: c.victim === 'minor',
    policeInvestigation: c.victim === 'investigated',
    referredByNgo: c.victim === 'ngo',
    consents: c.victim === 'unregistered' ? [] : c.consentIds.map((id) => oracleConsent(id, now)),
  };
}
