/**
 * A cross-border hand-over (docs/architecture.md#cross-border-hand-over): a package of the categories a victim's
 * consent names, for a named foreign counterpart, for a voluntary return or a foreign investigation.
 */

/** Who abroad receives a hand-over. Not an agency of the hub: it holds no token and reads nothing through the gateway. */
export enum CounterpartKind {
  FOREIGN_POLICE_LIAISON = 'FOREIGN_POLICE_LIAISON',
  HOME_COUNTRY_CARE_PROVIDER = 'HOME_COUNTRY_CARE_PROVIDER',
  INTERNATIONAL_ORGANISATION = 'INTERNATIONAL_ORGANISATION',
}

/** What a hand-over is for; a consent to a counterpart names one. */
export enum HandoverPurpose {
  VOLUNTARY_RETURN = 'VOLUNTARY_RETURN',
  FOREIGN_INVESTIGATION = 'FOREIGN_INVESTIGATION',
}

/** A named foreign counterpart: kind, name, country (ISO 3166-1 alpha-2). */
export interface ForeignCounterpart {
  kind: CounterpartKind;
  name: string;
  country: string;
}

export enum HandoverState {
  PREPARED = 'PREPARED',
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
  WITHDRAWN = 'WITHDRAWN',
}

const normalName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The same counterpart: same kind, same country, same name (case and spacing aside). */
export const sameCounterpart = (a: ForeignCounterpart, b: ForeignCounterpart): boolean =>
  a.kind === b.kind && a.country.toUpperCase() === b.country.toUpperCase() && normalName(a.name) === normalName(b.name);

/** Whether `value` is a well-formed counterpart (kind known, name 2–200 characters, country two capital letters). */
export const isForeignCounterpart = (value: unknown): value is ForeignCounterpart => {
  const v = value as Partial<ForeignCounterpart> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.values(CounterpartKind).includes(v.kind as CounterpartKind) &&
    typeof v.name === 'string' &&
    v.name.trim().length >= 2 &&
    v.name.length <= 200 &&
    typeof v.country === 'string' &&
    /^[A-Z]{2}$/.test(v.country)
  );
};
