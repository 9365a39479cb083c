import type { HubCaller } from '../auth/hub-caller';
import type { Agency, DataCategory } from '../domain/enums';
import type { VictimAccessFacts } from './consent';
import { accessLogged, policyEnforced } from '../benchmark/unguarded-mode';
import { type AccessDecision, type PolicyDecision, type VictimContext, decide, describeBasis } from './decide';

/** The decision function a controller asks: `decide()`, or a function of the same shape (a hand-over's). */
export type Decider = (caller: HubCaller, category: DataCategory, victim: VictimContext | null, now: Date, holder?: Agency | null) => PolicyDecision;

/** Loads what the policy needs to know of victims, in one batch per request (see RequestLoaders). */
export type VictimFactsLoader = (victimIds: readonly string[]) => Promise<(VictimAccessFacts | null)[]>;

/**
 * What one request did, in one subgraph, with one victim's fields (or, for fields about no victim, with one
 * type's): the access-log unit. Fields are named `Type.field`; `typeName` lists the types, comma-separated.
 */
export interface FieldAccessRecord {
  victimId: string | null;
  typeName: string;
  fields: string[];
  deniedFields: string[];
  categories: DataCategory[];
  /** The categories of the fields returned (not of those refused); what `accessHistory` lists as received. */
  receivedCategories?: DataCategory[];
  bases: string[];
  denialCodes: string[];
  review: boolean;
}

const NO_VICTIM = '';

/** The benchmark's unguarded mode only (benchmark/unguarded-mode.ts): every field open, nothing asked, nothing recorded. */
const UNGUARDED: Promise<AccessDecision> = Promise.resolve({ allow: true, basis: { kind: 'OWN_RECORDS' }, review: false });

/**
 * The access decisions of one request in one subgraph. Decisions for a (victim, category) pair are
 * reused within the request only; a new request asks the consent registry again.
 */
export class AccessController {
  private readonly decisions = new Map<string, Promise<AccessDecision>>();
  private readonly records = new Map<string, FieldAccessRecord>();

  /**
   * `holder` is the agency whose records this subgraph holds (its own; coordination holds copies of every agency's
   * milestones and says whose each is). It matters only for a category each agency holds of its own.
   */
  constructor(
    readonly caller: HubCaller,
    private readonly loadFacts: (victimId: string) => Promise<VictimAccessFacts | null>,
    private readonly now: Date = new Date(),
    private readonly holder: Agency | null = null,
    private readonly decider: Decider = decide,
  ) {}

  /** May the caller read `category` of the victim, in the records of `holder` (by default this subgraph's agency)? */
  decide(victimId: string | null, category: DataCategory, holder: Agency | null = this.holder): Promise<AccessDecision> {
    if (!policyEnforced()) return UNGUARDED;
    const key = `${victimId ?? NO_VICTIM}|${category}|${holder ?? ''}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = this.evaluate(victimId, category, holder);
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /**
   * Decides one field — or one element or input standing for a field — and notes the decision for the access log:
   * the category wrapper's step for every categorised field (enforce-categories.ts), and the one a resolver takes
   * where it decides per list element or per SQL row instead (the support path's agencies, the caseload's reads).
   */
  async decideField(victimId: string | null, typeName: string, field: string, category: DataCategory, holder: Agency | null = this.holder): Promise<AccessDecision> {
    const decision = await this.decide(victimId, category, holder);
    this.note(victimId, typeName, field, category, decision);
    return decision;
  }

  /** The ids among `victimIds` whose every one of `categories` the caller may read, in order. */
  async readable(victimIds: readonly string[], categories: readonly DataCategory[]): Promise<string[]> {
    const allowed = await Promise.all(
      victimIds.map(async (id) => {
        for (const category of categories) if (!(await this.decide(id, category)).allow) return false;
        return true;
      }),
    );
    return victimIds.filter((_, i) => allowed[i]);
  }

  /** Notes that a field was read or refused; the access log is written from these before the answer leaves. */
  note(victimId: string | null, typeName: string, field: string, category: DataCategory, decision: AccessDecision): void {
    if (!accessLogged()) return;
    const key = victimId ?? `${NO_VICTIM}|${typeName}`;
    let record = this.records.get(key);
    if (!record) {
      record = { victimId, typeName, fields: [], deniedFields: [], categories: [], receivedCategories: [], bases: [], denialCodes: [], review: false };
      this.records.set(key, record);
    }
    if (!record.typeName.split(',').includes(typeName)) record.typeName = [...record.typeName.split(','), typeName].sort().join(',');
    const qualified = `${typeName}.${field}`;
    const list = decision.allow ? record.fields : record.deniedFields;
    if (!list.includes(qualified)) list.push(qualified);
    if (!record.categories.includes(category)) record.categories.push(category);
    if (decision.allow) {
      const basis = describeBasis(decision.basis);
      if (!record.bases.includes(basis)) record.bases.push(basis);
      if (!record.receivedCategories?.includes(category)) record.receivedCategories?.push(category);
      record.review ||= decision.review;
    } else if (!record.denialCodes.includes(decision.code)) {
      record.denialCodes.push(decision.code);
    }
  }

  /** What the consent registry knows of a victim (`null`: no such victim), from this request's batch. */
  facts(victimId: string): Promise<VictimAccessFacts | null> {
    return this.loadFacts(victimId);
  }

  accessRecords(): FieldAccessRecord[] {
    return [...this.records.values()];
  }

  private async evaluate(victimId: string | null, category: DataCategory, holder: Agency | null): Promise<AccessDecision> {
    if (victimId === null) return this.decider(this.caller, category, null, this.now, holder);
    let facts: VictimAccessFacts | null;
    try {
      facts = await this.loadFacts(victimId);
    } catch {
      // Fail closed, and say why: the refusal is the registry's absence, not the policy (the cause is logged where the look-up failed).
      return { allow: false, code: 'SUBGRAPH_UNAVAILABLE', service: 'coordination', reason: 'the consent registry (coordination) could not be reached' };
    }
    // An unknown victim is decided like a known one without consents: nothing tells them apart.
    const victim = facts ?? { id: victimId, region: null, minor: false, policeInvestigation: false, referredByNgo: false, consents: [] };
    return this.decider(this.caller, category, victim, this.now, holder);
  }
}
