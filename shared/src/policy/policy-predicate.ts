import type { HubCaller } from '../auth/hub-caller';
import { type Agency, type DataCategory, Purpose } from '../domain/enums';
import {
  type VictimFacts,
  consentLimits,
  consentRoles,
  emergencyRule,
  legalRules,
  neverByConsent,
  ownRecordsReach,
  ownRecordsRules,
  roleAgencies,
} from './access-policy';
import { mayActWithoutRegions } from './region-scope';

/** Positional parameters of one SQL statement (`$1`, `$2`, …). */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** How the owning subgraph's tables say, for the victim row in scope, what the policy asks of a victim. */
export interface VictimSql {
  region: string;
  facts: Record<keyof VictimFacts, string>;
  /** An active consent (valid at `now`, not withdrawn) naming the agency, the category and the purpose. */
  activeConsent: (agency: string, category: string, purpose: string, now: string) => string;
}

const TRUE = 'TRUE';
const FALSE = 'FALSE';
const and = (...terms: string[]): string =>
  terms.includes(FALSE) ? FALSE : terms.filter((t) => t !== TRUE).map((t) => `(${t})`).join(' AND ') || TRUE;
const or = (...terms: string[]): string =>
  terms.includes(TRUE) ? TRUE : terms.filter((t) => t !== FALSE).map((t) => `(${t})`).join(' OR ') || FALSE;

const factNames: readonly (keyof VictimFacts)[] = ['minor', 'policeInvestigation', 'referredByNgo'];

/**
 * A condition of the policy on a victim (`applies`), as SQL: the function is evaluated on every combination of
 * the facts it can see, so the SQL says exactly what the function says, whatever it is.
 */
export function conditionSql(applies: (victim: VictimFacts) => boolean, sql: VictimSql): string {
  const rows = Array.from({ length: 1 << factNames.length }, (_, bits) =>
    Object.fromEntries(factNames.map((name, i) => [name, (bits & (1 << i)) !== 0])) as unknown as VictimFacts,
  );
  const holding = rows.filter((row) => applies(row));
  if (holding.length === rows.length) return TRUE;
  if (holding.length === 0) return FALSE;
  // One fact alone decides it (every rule of the table today): name that fact only.
  for (const name of factNames) {
    for (const value of [true, false]) {
      if (rows.every((row) => applies(row) === (row[name] === value))) return value ? sql.facts[name] : `NOT (${sql.facts[name]})`;
    }
  }
  return or(...holding.map((row) => and(...factNames.map((name) => (row[name] ? sql.facts[name] : `NOT (${sql.facts[name]})`)))));
}

/**
 * The victims of whom `caller` may read `category`, as a SQL condition on the victim row: `decide()` turned into
 * a predicate, rule by rule, from the same table (docs/architecture.md, "Who may read what"), so that a caseload
 * is scoped, filtered and counted in the database rather than victim by victim. The policy tests hold the two
 * to the same answers.
 */
export function readablePredicate(
  caller: HubCaller,
  category: DataCategory,
  sql: VictimSql,
  params: SqlParameters,
  now: Date,
): string {
  if (!roleAgencies[caller.role].includes(caller.agency)) return FALSE;
  if (caller.purpose === Purpose.EMERGENCY) {
    const open =
      emergencyRule.roles.includes(caller.role) &&
      (caller.justification ?? '').trim().length >= emergencyRule.minimumJustificationLength &&
      !emergencyRule.closed.includes(category);
    return open ? TRUE : FALSE;
  }
  // As decide(): local staff without any regions (an identity provider that forgot the claim) reach no victim.
  if (caller.regions.length === 0 && !mayActWithoutRegions(caller)) return FALSE;
  type Mandate = { agency: Agency; roles: readonly string[]; categories: readonly DataCategory[]; purposes: readonly Purpose[] };
  const mandate = (rule: Mandate) =>
    rule.agency === caller.agency && rule.roles.includes(caller.role) && rule.categories.includes(category) && rule.purposes.includes(caller.purpose);
  // Parameters are bound only for terms that stay in the predicate: a statement must use every one it binds.
  const region = () => (caller.regions.length > 0 ? `${sql.region} = ANY(${params.add([...caller.regions])}::text[])` : TRUE);
  // A predicate is about the victim row, whoever holds the records: as decide() without a holder.
  if (ownRecordsRules.some((rule) => mandate(rule) && ownRecordsReach(rule.agency, category, null))) return region();

  const legal = legalRules.filter(mandate).map((rule) => conditionSql(rule.applies, sql));
  const limit = consentLimits[caller.role];
  const consentable = consentRoles.includes(caller.role) && !neverByConsent.includes(category) && (!limit || limit.categories.includes(category));
  const consentCondition = !consentable ? FALSE : limit ? conditionSql(limit.applies, sql) : TRUE;
  if (or(...legal) === FALSE && consentCondition === FALSE) return FALSE;
  const inRegion = region();
  const byConsent =
    consentCondition === FALSE
      ? FALSE
      : and(consentCondition, sql.activeConsent(params.add(caller.agency), params.add(category), params.add(caller.purpose), params.add(now)));
  return and(inRegion, or(...legal, byConsent));
}

/** The victims of whom `caller` may read every one of `categories`. */
export const readableAllPredicate = (
  caller: HubCaller,
  categories: readonly DataCategory[],
  sql: VictimSql,
  params: SqlParameters,
  now: Date,
): string => and(...[...new Set(categories)].map((category) => readablePredicate(caller, category, sql, params, now)));

export { and as sqlAnd, or as sqlOr, TRUE as SQL_TRUE, FALSE as SQL_FALSE };
