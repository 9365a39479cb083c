import type { Agency, DataCategory, Gender, Purpose, Region } from '../domain/enums';

/** A consent as every subgraph sees it through the consent look-up. */
export interface ActiveConsent {
  id: string;
  recipients: Agency[];
  categories: DataCategory[];
  purposes: Purpose[];
  validFrom: string;
  validUntil: string;
  withdrawnAt: string | null;
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
