import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  DataCategory,
  type SubgraphContext,
  badInput,
  conflict,
  decodeCursor,
  encodeCursor,
  notFound,
  pageSize,
  requireEveryRegion,
  requireWrite,
} from '@hub/shared';
import { type KeyObject, sign } from 'node:crypto';
import { type WriterPayload, writerPayloadForm } from '@hub/shared/src/audit/record-form';
import { LOG_SIGNER } from '../log/log-keys';
import { integratePending, logConfig, verificationKeys } from '../log/log-service';
import { verifyLogDatabase } from '../log/verify-database';
import { AuditRecord } from '../entities/audit-record';
import { AccessLogFilter, AccessRecordConnection, ChainVerification, ReviewOutcome } from './access-log.types';

@ArgsType()
class AccessLogArgs {
  @Field(() => AccessLogFilter, { nullable: true }) filter?: AccessLogFilter;
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
}

/** SQL conditions for a filter; values are always bound, never spliced. */
export function filterConditions(filter: AccessLogFilter | undefined): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter?.victimId) add('victim_id = ?', filter.victimId);
  if (filter?.actor) add('actor = ?', filter.actor);
  if (filter?.actorAgency) add('actor_agency = ?', filter.actorAgency);
  if (filter?.subgraph) add('service = ?', filter.subgraph);
  if (filter?.field) {
    // Fields are recorded as Type.field; `alias` finds Victim.alias, `Victim.alias` only that.
    params.push(filter.field);
    const n = params.length;
    where.push(`EXISTS (SELECT 1 FROM unnest(fields || denied_fields) AS f WHERE f = $${n} OR f LIKE '%.' || $${n})`);
  }
  if (filter?.category) add('? = ANY(categories)', filter.category);
  if (filter?.decision) add('decision = ?', filter.decision);
  if (filter?.purpose) add('purpose = ?', filter.purpose);
  if (filter?.kind) add('kind = ?', filter.kind);
  if (filter?.requestId) add('request_id = ?', filter.requestId);
  if (filter?.from) add('at >= ?', filter.from);
  if (filter?.to) add('at < ?', filter.to);
  return { where, params };
}

/** The newest witnessed head a verification of this process found intact: where an incremental one starts. */
let lastVerified: { size: number; root: Buffer } | null = null;

/** The audit staff's API: search, emergency review, log verification. Auditors only. */
@Resolver()
export class AccessLogResolver {
  @Query(() => AccessRecordConnection, { description: 'Search the access log, newest first (audit staff only).' })
  async accessLog(@Args(() => AccessLogArgs) { filter, first, after }: AccessLogArgs, @Ctx() ctx: SubgraphContext): Promise<AccessRecordConnection> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    requireEveryRegion(ctx, 'The access log');
    if (filter?.from && filter.to && filter.from >= filter.to) throw badInput('filter.to', 'to must be after from');
    return this.page(ctx, filterConditions(filter), first, after);
  }

  @Query(() => AccessRecordConnection, { description: 'Emergency accesses not yet reviewed, newest first (audit staff only).' })
  async emergencyReviewQueue(
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AccessRecordConnection> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    requireEveryRegion(ctx, 'The emergency review queue');
    return this.page(
      ctx,
      { where: ['review_required', `NOT EXISTS (SELECT 1 FROM audit_record v WHERE v.reviewed_seq = r.seq AND v.kind = 'REVIEW' AND v.service = 'audit')`], params: [] },
      first,
      after,
    );
  }

  @Mutation(() => AuditRecord, { description: 'Records the review of an emergency access; the review is itself a record of the chain.' })
  async reviewEmergencyAccess(
    @Arg('seq', () => ID) seq: string,
    @Arg('outcome', () => ReviewOutcome) outcome: ReviewOutcome,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuditRecord> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    requireEveryRegion(ctx, 'The emergency review queue');
    if (!/^\d{1,18}$/.test(seq)) throw badInput('seq', 'A record sequence number');
    if (note.trim().length < 5 || note.length > 2000) throw badInput('note', 'A note of 5–2000 characters');
    await ctx.dataSource.transaction(async (tx) => {
      // One review per record: serialise reviewers of the same record (a review waiting for the sequencer counts).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`review:${seq}`]);
      const [target] = (await tx.query(`SELECT review_required FROM audit_record WHERE seq = $1`, [seq])) as { review_required: boolean }[];
      if (!target) throw notFound('Access record', seq);
      if (!target.review_required) throw conflict('That record is not an emergency access');
      const [done] = (await tx.query(
        `SELECT 1 FROM audit_record WHERE reviewed_seq = $1 AND kind = 'REVIEW' AND service = 'audit'
         UNION ALL SELECT 1 FROM audit_pending WHERE reviewed_seq = $1 AND kind = 'REVIEW' AND writer = 'audit'`,
        [seq],
      )) as unknown[];
      if (done) throw conflict('That emergency access has already been reviewed');
      // The review is a record like any other, written as the audit service (signed with its key).
      const review: WriterPayload = {
        kind: 'REVIEW', requestId: ctx.caller.requestId, writer: LOG_SIGNER, actor: ctx.caller.sub, actorAgency: ctx.caller.agency,
        actorRole: ctx.caller.role, purpose: ctx.caller.purpose, justification: null, victimId: null, typeName: null, fields: [],
        deniedFields: [], categories: [], receivedCategories: [], decision: null, basis: [], operationName: null, documentHash: null,
        outcome: null, durationMs: null, reviewedSeq: seq, reviewOutcome: outcome, reviewNote: note.trim(),
      };
      const signature = sign(null, Buffer.from(writerPayloadForm(review), 'utf8'), ctx.keys.signingKey as KeyObject).toString('base64');
      await tx.query(
        `INSERT INTO audit_pending (kind, request_id, writer, writer_signature, actor, actor_agency, actor_role, purpose, reviewed_seq, review_outcome, review_note)
         VALUES ('REVIEW', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [review.requestId, LOG_SIGNER, signature, review.actor, review.actorAgency, review.actorRole, review.purpose, seq, outcome, review.reviewNote],
      );
    });
    await integratePending();
    const record = await ctx.dataSource.getRepository(AuditRecord).findOneBy({ reviewedSeq: seq, kind: 'REVIEW', subgraph: LOG_SIGNER });
    if (!record) throw new Error('the review was written but not yet integrated into the log');
    return record;
  }

  @Query(() => ChainVerification, {
    description:
      "Verifies the access log as a transparency log: every record's leaf hash, seal and writer signature, and the Merkle " +
      "tree against every signed head and the witness's newest cosigned head. `incremental`: only what came after the last " +
      'head this service verified (O(new records + log n)); by default a full replay.',
  })
  async verifyAuditChain(
    @Arg('incremental', () => Boolean, { nullable: true }) incremental: boolean | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ChainVerification> {
    requireWrite(ctx, DataCategory.ACCESS_LOG);
    const result = await verifyLogDatabase(ctx.dataSource, await verificationKeys(), logConfig().witnessUrl, {
      since: incremental ? lastVerified : null,
    });
    if (result.ok && result.witnessedHead) lastVerified = { size: result.witnessedHead.size, root: result.witnessedHead.root };
    return result;
  }

  private async page(
    ctx: SubgraphContext,
    { where, params }: { where: string[]; params: unknown[] },
    first: number | undefined,
    after: string | undefined,
  ): Promise<AccessRecordConnection> {
    const size = pageSize(first);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = (await ctx.dataSource.query(`SELECT count(*)::int AS count FROM audit_record r ${clause}`, params)) as [{ count: number }];
    const pageWhere = [...where];
    const pageParams = [...params];
    if (after) {
      const seq = decodeCursor(after);
      if (!/^\d+$/.test(seq)) throw badInput('after', 'Not a cursor this API gave out');
      pageParams.push(seq);
      pageWhere.push(`r.seq < $${pageParams.length}`);
    }
    const ids = (await ctx.dataSource.query(
      `SELECT seq::text AS seq FROM audit_record r ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY r.seq DESC LIMIT ${size + 1}`,
      pageParams,
    )) as { seq: string }[];
    const pageIds = ids.slice(0, size).map((r) => r.seq);
    const records = pageIds.length === 0 ? [] : await ctx.dataSource.getRepository(AuditRecord).createQueryBuilder('r').where('r.seq IN (:...seqs)', { seqs: pageIds }).orderBy('r.seq', 'DESC').getMany();
    const last = records[records.length - 1];
    return {
      edges: records.map((node) => ({ node, cursor: encodeCursor(node.seq) })),
      pageInfo: { hasNextPage: ids.length > size, endCursor: last ? encodeCursor(last.seq) : null },
      totalCount: count,
    };
  }
}

