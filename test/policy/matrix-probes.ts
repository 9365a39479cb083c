import { type AccessDecision, DataCategory } from '@hub/shared';
import type { GraphQLResponse } from '../support/client';
import type { FixtureRecords, VictimSpec } from './victim-fixtures';

/**
 * One probe field per data category, read about a fixture victim through the gateway, and how to tell an
 * allowed value from a denial. Every fixture victim has a record behind every probe, so an allowed probe is
 * never null: `null` without an error, or an error where the policy allows, is a disagreement.
 *
 * ACCESS_LOG is probed through `Victim.accessHistory` (the access log of issue 4, as the victim may learn it):
 * its length depends on earlier requests, so an allowed answer is any list, a denied one `null`.
 */
export const PROBED_CATEGORIES = Object.values(DataCategory);

/** The selection asked about every victim. `placements` (SOCIAL) leads to `shelter` (SHELTER_LOCATION). */
export const VICTIM_SELECTION =
  'alias region identification { identifiedAt } consents { id } cooperatesWithPolice reflectionPeriod { endsAt } ' +
  'acceptedAssistance placements { shelter { name } } healthSummary { hasGp } healthAssessments { id } guardian { appointedAt } accessHistory { purpose }';

type Path = (string | number)[];

/** While SOCIAL is allowed, `placements` is a list of one stay; its shelter is checked on its own. */
const PLACEMENT_SHAPE = Symbol('one placement');
const ANY_LIST = Symbol('any list');

/** One field whose answer is decided by one category: its value when allowed, or null + an error. */
export interface Check {
  path: Path;
  category: DataCategory;
  decision: AccessDecision;
  expected: unknown;
}

const sameInstant = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && new Date(a).getTime() === new Date(b).getTime();

/**
 * The checks for one victim (at alias `alias`) given the decision `decide()` makes for each category.
 * SHELTER_LOCATION is only reachable through `placements`: while SOCIAL is allowed, `placements[0].shelter`
 * is checked like any other field; while SOCIAL is denied, `placements` is null (checked under SOCIAL) and
 * no other query reaches a victim's placement, so the shelter cannot leak — the policy must then deny
 * SHELTER_LOCATION as well, or the matrix reports that the stack cannot show what the policy allows.
 */
export function victimChecks(
  alias: string,
  spec: VictimSpec,
  records: FixtureRecords,
  decisions: Record<DataCategory, AccessDecision>,
): { checks: Check[]; unreachable: string[] } {
  const at = (...path: Path): Path => [alias, ...path];
  const check = (category: DataCategory, path: Path, expected: unknown): Check => ({
    path: at(...path),
    category,
    decision: decisions[category],
    expected,
  });
  const checks = [
    check(DataCategory.IDENTITY, ['alias'], spec.alias),
    check(DataCategory.CASE_STATUS, ['region'], records.region),
    check(DataCategory.IDENTIFICATION, ['identification'], { identifiedAt: records.identifiedAt }),
    check(DataCategory.CONSENT, ['consents'], spec.consents.map((c) => ({ id: c.id }))),
    check(DataCategory.POLICE_CASE, ['cooperatesWithPolice'], true),
    check(DataCategory.IMMIGRATION, ['reflectionPeriod'], { endsAt: records.reflectionEndsAt }),
    check(DataCategory.SOCIAL, ['acceptedAssistance'], true),
    check(DataCategory.HEALTH_SUMMARY, ['healthSummary'], { hasGp: true }),
    check(DataCategory.HEALTH_DETAIL, ['healthAssessments'], [{ id: records.assessmentId(spec.id) }]),
    check(DataCategory.CHILD_WELFARE, ['guardian'], { appointedAt: records.guardianAppointedAt }),
    check(DataCategory.ACCESS_LOG, ['accessHistory'], ANY_LIST),
  ];
  const unreachable: string[] = [];
  if (decisions.SOCIAL.allow) {
    checks.push(check(DataCategory.SOCIAL, ['placements'], PLACEMENT_SHAPE));
    checks.push(check(DataCategory.SHELTER_LOCATION, ['placements', 0, 'shelter'], { name: records.shelterName }));
  } else {
    checks.push(check(DataCategory.SOCIAL, ['placements'], null));
    if (decisions.SHELTER_LOCATION.allow) unreachable.push(`${alias}: SHELTER_LOCATION is allowed but SOCIAL is denied`);
  }
  return { checks, unreachable };
}

const valueAt = (data: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (node === null || node === undefined ? undefined : (node as Record<string | number, unknown>)[key]), data);

const matches = (actual: unknown, expected: unknown): boolean => {
  if (expected === PLACEMENT_SHAPE) return Array.isArray(actual) && actual.length === 1;
  if (expected === ANY_LIST) return Array.isArray(actual);
  if (sameInstant(actual, expected)) return true;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  }
  if (expected && typeof expected === 'object') {
    return !!actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
  }
  return actual === expected;
};

const key = (path: readonly (string | number)[] | undefined): string => (path ?? []).join('.');

/**
 * Compares a response with its checks. Returns one line per disagreement: a value where a denial was due,
 * a denial (or a missing value) where the policy allows, a wrong code or category, or an error no check expects.
 */
export function compare(response: GraphQLResponse, checks: Check[], label: string): string[] {
  const problems: string[] = [];
  const errors = new Map((response.errors ?? []).map((e) => [key(e.path), e]));
  for (const c of checks) {
    const actual = valueAt(response.data, c.path);
    const error = errors.get(key(c.path));
    const where = `${label} ${c.category} at ${key(c.path)}`;
    if (c.decision.allow) {
      if (error) problems.push(`${where}: policy allows (${c.decision.basis.kind}) but got ${String(error.extensions?.code)}: ${error.message}`);
      else if (!matches(actual, c.expected)) problems.push(`${where}: policy allows but got ${JSON.stringify(actual)}`);
      continue;
    }
    if (actual !== null) problems.push(`${where}: policy denies (${c.decision.code}) but got ${JSON.stringify(actual)}`);
    if (!error) problems.push(`${where}: policy denies (${c.decision.code}) but no error names the field`);
    else if (error.extensions?.code !== c.decision.code || error.extensions?.category !== c.category) {
      problems.push(`${where}: expected ${c.decision.code}/${c.category}, got ${String(error.extensions?.code)}/${String(error.extensions?.category)}`);
    }
  }
  for (const [path, error] of errors) {
    if (!checks.some((c) => key(c.path) === path)) {
      problems.push(`${label}: unexpected error at ${path || '(no path)'}: ${String(error.extensions?.code)} ${error.message}`);
    }
  }
  return problems;
}
