import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors/hub-error';
import { type ReportingPeriod, parseReportingPeriod, periodOfRange } from './reporting-period';
import { type CountCell, suppressCount, suppressCounts, type SuppressedCell } from './small-cell';

/**
 * The GraphQL types every subgraph's statistics share. Defined once here so that the composed types are
 * identical; the object types are `@shareable` because several subgraphs resolve them.
 */

@InputType({
  description:
    'A fixed reporting period (UTC): exactly one of `month` ("2026-07"), `quarter` ("2026-Q3") or `year` ("2026"); or, ' +
    'as before, `from` and `to` when they bound exactly one such month, quarter or year. Arbitrary ranges are refused, ' +
    'so that no two answers can be differenced (docs/architecture.md, "Statistics").',
})
export class StatisticsPeriodInput {
  @Field(() => String, { nullable: true, description: 'A calendar month, "YYYY-MM".' })
  month?: string | null;

  @Field(() => String, { nullable: true, description: 'A calendar quarter, "YYYY-Q1" to "YYYY-Q4".' })
  quarter?: string | null;

  @Field(() => String, { nullable: true, description: 'A calendar year, "YYYY".' })
  year?: string | null;

  @Field(() => Date, { nullable: true, description: 'Start of a fixed period, inclusive (with `to`).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of a fixed period, exclusive (with `from`).' })
  to?: Date | null;
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

/** The fixed reporting period the input names; BAD_USER_INPUT for anything else. */
export function statisticsPeriod(input: StatisticsPeriodInput): ReportingPeriod {
  const named = (['month', 'quarter', 'year'] as const).filter((f) => input[f] !== undefined && input[f] !== null);
  const range = input.from !== undefined && input.from !== null ? 1 : 0;
  if (named.length + range !== 1 || (range === 1) !== (input.to !== undefined && input.to !== null)) {
    throw badInput('period', 'Name exactly one period: month, quarter or year (or from and to of one such period)');
  }
  const [field] = named;
  if (field) {
    const period = parseReportingPeriod(String(input[field]));
    if (!period || period.kind !== field.toUpperCase()) {
      throw badInput(`period.${field}`, `${field} must look like ${{ month: '2026-07', quarter: '2026-Q3', year: '2026' }[field]}`);
    }
    return period;
  }
  const { from, to } = input as { from: Date; to: Date };
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw badInput('period.from', 'from must be a date-time');
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw badInput('period.to', 'to must be a date-time');
  const period = periodOfRange(from, to);
  if (!period) {
    throw badInput('period', 'Statistics are published for whole calendar months, quarters and years (UTC) only, not arbitrary ranges');
  }
  return period;
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
