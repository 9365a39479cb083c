import type { VictimRecord } from './caseload-types';
import type { IdFactory } from './ids';

/**
 * One victim while the caseload is being drawn: the coordination record plus the facts that later
 * agencies' records must agree with. Each agency's generator fills in what it owns.
 */
export interface Person {
  victim: VictimRecord;
  identifiedAt: Date;
  /** Holds an EEA nationality (right of residence; rarely needs a reflection period or permit). */
  eea: boolean;
  /** Chosen so that the reflection period ends within 30 days of `asOf`. */
  reflectionEndsSoon: boolean;
  /** When social services recorded the victim's answer to the offer of assistance. */
  assistanceDecidedAt: Date;
  /** Police: cooperation began (null if the victim does not cooperate). */
  cooperationSince: Date | null;
  /** Police: the victim gave evidence in court. */
  testimonyAt: Date | null;
  /** Immigration: a voluntary return was requested (the victim plans to leave). */
  returnRequestedAt: Date | null;
  /** Immigration: the voluntary return was completed; nothing happens in Norway after this. */
  leftAt: Date | null;
  /** Child welfare: a guardian has been appointed since (minors only). */
  guardianSince: Date | null;
}

export interface GenerationContext {
  asOf: Date;
  ids: IdFactory;
  people: Person[];
}

/** The last moment anything can happen for this person in the demo: `asOf`, or the return. */
export function activeUntil(person: Person, asOf: Date): Date {
  return person.leftAt && person.leftAt < asOf ? person.leftAt : asOf;
}
