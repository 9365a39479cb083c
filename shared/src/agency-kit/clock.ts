/**
 * How far ahead of this service's clock a reported time may be: the clocks of the client and the hub differ by a
 * little, so "now" as the client saw it may be up to a minute ahead. Anything later is in the future, and refused.
 */
export const CLOCK_SKEW_MS = 60_000;

/** The latest instant a reported past event may carry (for `@MaxDate`). */
export const notInFuture = (): Date => new Date(Date.now() + CLOCK_SKEW_MS);
