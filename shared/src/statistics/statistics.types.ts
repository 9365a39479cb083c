import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors/hub-error';
import { type CountCell, suppressCount, suppressCounts, type SuppressedCell } from './small-cell';

/**
 * The GraphQL types every subgraph's statistics share. Defined once here so that the composed types are
 * identical; the object types are `@shareable` because several subgraphs resolve them.
 */

/** The longest period one statistics query may cover. */
export const MAX_STATISTICS_PERIOD_YEARS = 5;

@InputType({ description: 'A period of time for statistics: from `from` (inclusive) to `to` (exclusive), at most 5 years.' })
export class StatisticsPeriodInput {
  @Field(() => Date, { description: 'Start of the period, inclusive.' })
  from!: Date;

  @Field(() => Date, { description: 'End of the period, exclusive.' })
  to!: Date;
}

@Directive('@shareable')
@ObjectType({
  description:
    'A count with small-cell suppression: `value` is null and `suppressed` true when the count is between 1 and k−1, ' +
    'or when it would let a suppressed count be recovered.',
})
export class SuppressedCount {
  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' })
  value!: number | null;

  @Field(() => Boolean, { description: 'Whether the count is withheld.' })
  suppressed!: boolean;
}

@Directive('@shareable')
@ObjectType({
  description:
    'One cell of a breakdown, with small-cell suppression: a suppressed cell cannot be recovered from the total ' +
    'minus the cells shown.',
})
export class BreakdownCell {
  @Field(() => String, { description: 'What the cell counts (an enum value, a nationality code, …).' })
  key!: string;

  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' })
  value!: number | null;

  @Field(() => Boolean, { description: 'Whether the count is withheld.' })
  suppressed!: boolean;
}

/** A validated period: `from` before `to`, at most five years apart. */
export function statisticsPeriod(input: StatisticsPeriodInput): { from: Date; to: Date } {
  const { from, to } = input;
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw badInput('period.from', 'from must be a date-time');
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw badInput('period.to', 'to must be a date-time');
  if (from.getTime() >= to.getTime()) throw badInput('period.to', 'to must be later than from');
  const limit = new Date(from.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_STATISTICS_PERIOD_YEARS);
  if (to.getTime() > limit.getTime()) {
    throw badInput('period.to', `a period covers at most ${MAX_STATISTICS_PERIOD_YEARS} years`);
  }
  return { from, to };
}

/** A single count as published: suppressed when between 1 and k−1. */
export const suppressedCount = (n: number, k: number): SuppressedCount => suppressCount(n, k);

/** A count withheld for another reason than its own size (it would give a suppressed cell away). */
export const withheldCount = (): SuppressedCount => ({ value: null, suppressed: true });

/** Suppressed cells as published. */
export const breakdownCells = (cells: readonly SuppressedCell[]): BreakdownCell[] =>
  cells.map(({ key, count, suppressed }) => ({ key, value: count, suppressed }));

/** A breakdown as published, with primary and secondary suppression. */
export const suppressedBreakdown = (cells: readonly CountCell[], k: number): BreakdownCell[] =>
  breakdownCells(suppressCounts(cells, k));

/**
 * Counts from SQL rows `{ key, count }` (count as bigint text) for the given keys in their order, 0 for a key
 * without a row; keys met only in the rows follow, sorted (never by count: the order would tell sizes apart).
 */
export function countCells(rows: readonly { key: string; count: string | number }[], keys: readonly string[] = []): CountCell[] {
  const counts = new Map(rows.map((r) => [r.key, Number(r.count)]));
  const extra = [...counts.keys()].filter((key) => !keys.includes(key)).sort();
  return [...keys, ...extra].map((key) => ({ key, count: counts.get(key) ?? 0 }));
}
