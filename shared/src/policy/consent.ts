import type { Agency, DataCategory, Gender, Purpose, Region } from '../domain/enums';
import type { ForeignCounterpart, HandoverPurpose } from '../handover/handover-types';

/** A consent as every subgraph sees it through the consent look-up. */
export interface ActiveConsent {
  id: string;
  recipients: Agency[];
  categories: DataCategory[];
  purposes: Purpose[];
  validFrom: string;
  validUntil: string;
  withdrawnAt: string | null;
  /**
   * A consent to a cross-border hand-over names a foreign counterpart and a hand-over purpose instead of agencies
   * and purposes (its `recipients` and `purposes` are empty, so `decide()` never opens anything by it). Absent or
   * `null` for every other consent.
   */
  counterpart?: ForeignCounterpart | null;
  handoverPurpose?: HandoverPurpose | null;
}

/** What the coordination subgraph answers, per victim, to a subgraph's consent look-up. */
export interface VictimAccessFacts {
  id: string;
  region: Region;
  minor: boolean;
  /** For placement rules (a shelter accepts women, men or minors); never returned to a client. */
  gender: Gender;
  policeInvestigation: boolean;
  referredByNgo: boolean;
  consents: ActiveConsent[];
}
