import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { DataCategory, Region } from '../domain/enums';
import { isVictimId } from '../domain/victim-id';
import { HubError, notFound } from '../errors/hub-error';
import type { HubCaller } from '../auth/hub-caller';
import type { FieldAccessRecord } from '../policy/access-controller';
import type { VictimAccessFacts } from '../policy/consent';
import { type AccessDecision, type PolicyDecision, decideWrite } from '../policy/decide';
import type { NewSupportEvent } from '../subgraph/coordination-client';
import type { SubgraphContext } from '../subgraph/subgraph-context';

/**
 * The victim a mutation writes about:
 * - `{ victimId }` named in the input;
 * - `{ record, id, locate }` found from one of the agency's records (`locate` answers the record, or `null` when
 *   there is none; a record about no victim may name the region it is about);
 * - `null` when the write is about no existing victim (a new identification, a problem report about none).
 */
export type WriteTarget =
  | { victimId: string }
  | { record: string; id: string; locate: (db: EntityManager) => Promise<{ victimId: string | null; region?: Region | null } | null> }
  | null;

/** A write's target that is one of the agency's records, found by id (`recordTarget`). */
export type RecordTarget<E> = Extract<NonNullable<WriteTarget>, { record: string }> & {
  /** The record again, inside the transaction, locked for update: NOT_FOUND when it has gone since. */
  lock(tx: EntityManager): Promise<E>;
};

/**
 * The target of a mutation that changes one of the agency's records (ends a measure, decides an application): the
 * record by id — its victim for the victim and region check before the transaction, then `lock(tx)` in the body.
 * `record` names it in NOT_FOUND (by default the entity's class name).
 */
export function recordTarget<E extends { id: string; victimId: string | null }>(
  entity: EntityTarget<E> & { name: string },
  id: string,
  record: string = entity.name,
): RecordTarget<E> {
  const where = { id } as FindOptionsWhere<E>;
  return {
    record,
    id,
    locate: (db) => db.findOneBy(entity, where),
    lock: async (tx) => {
      const found = await tx.getRepository(entity).findOne({ where, lock: { mode: 'pessimistic_write' } });
      if (!found) throw notFound(record, id);
      return found;
    },
  };
}

/** What a mutation's body may do besides writing its own tables. */
export interface WriteScope {
  /** The registry's facts of the victim written about (`null` for a write about no existing victim). */
  readonly facts: VictimAccessFacts | null;
  /** Names the victim of a write about a new one (`identifyVictim`), for the access record. */
  aboutVictim(victimId: string): void;
  /** Queues a milestone on the victim's support path; delivered only if the transaction commits. */
  supportEvent(event: Omit<NewSupportEvent, 'victimId'> & { victimId?: string }): Promise<void>;
  /**
   * The error to throw for a rule that reads `categories` of the victim (a shelter that takes in only women
   * reads IDENTITY): `specific` when the caller may read every one of them, else the same answer as an unknown
   * victim (or `otherwise`, when given) — a refusal never tells a fact the caller could not read.
   */
  refusal(categories: readonly DataCategory[], specific: HubError, otherwise?: HubError): Promise<HubError>;
}

export interface AgencyWrite<R> {
  /** The Mutation field, as the access record names it. */
  mutation: string;
  /** The category of the records written; the write policy decides on it. */
  category: DataCategory;
  /** The type written and its fields (`Type.field`), as the access record lists them. */
  typeName: string;
  /** The fields written; by default every column of `written` but its keys. */
  fields?: readonly string[];
  /** The entity written (its columns are the fields written unless `fields` says otherwise). */
  written?: Function;
  /** Who may write; by default the agency's own staff for `category` (`decideWrite`). */
  allowed?: (caller: HubCaller) => PolicyDecision;
  /**
   * Categories the caller must be able to read of the victim (e.g. a problem report from an NGO): a victim they
   * cannot read gets the same answer as an unknown id, so the mutation is no probe of ids.
   */
  mustRead?: readonly DataCategory[];
  target: WriteTarget;
  /**
   * Checks that need another service (e.g. child welfare, for a guardian's consent): run after the victim and
   * region check — so their answers reach only a caller who may act on this victim — and before the transaction,
   * so that no call to another service is made while it holds locks.
   */
  checkFirst?: () => Promise<void>;
  run: (tx: EntityManager, write: WriteScope) => Promise<R>;
}

/**
 * The one answer for a victim or record that does not exist and for one outside the caller's reach (another
 * region): NOT_FOUND, with the same message (docs/architecture.md, "Indistinguishability").
 */
export const unreachable = (target: NonNullable<WriteTarget>): HubError =>
  'victimId' in target ? notFound('Victim', target.victimId) : notFound(target.record, target.id);

const deniedDecision = (code: 'FORBIDDEN' | 'CONSENT_REQUIRED'): AccessDecision => ({ allow: false, code, reason: 'write refused' });

const KEYS = new Set(['id', 'victimId']);

const fieldsOf = (tx: EntityManager, typeName: string, written: Function | undefined): string[] =>
  written
    ? tx.connection
        .getMetadata(written)
        .columns.map((c) => c.propertyName)
        .filter((p) => !KEYS.has(p))
        .map((p) => `${typeName}.${p}`)
    : [];

/**
 * Every agency mutation goes through here, in this order:
 * write policy → victim and region (unknown and unreachable alike) → transaction { body, support events into
 * the outbox, the access record written durably } → commit → delivery of the support events.
 * The access record is written before the commit: when it cannot be, the transaction rolls back and the answer is
 * AUDIT_UNAVAILABLE — nothing changed, no milestone left.
 */
export async function agencyMutation<R>(ctx: SubgraphContext, write: AgencyWrite<R>): Promise<R> {
  const noteRefusal = (victimId: string | null, code: 'FORBIDDEN' | 'CONSENT_REQUIRED' | 'NOT_FOUND') =>
    ctx.access.note(victimId, 'Mutation', write.mutation, write.category, deniedDecision(code === 'NOT_FOUND' ? 'FORBIDDEN' : code));

  const policy = (write.allowed ?? ((caller) => decideWrite(caller, write.category)))(ctx.caller);
  if (!policy.allow) {
    noteRefusal(null, policy.code);
    throw new HubError(policy.code, `Not allowed: ${policy.reason}`, { category: write.category });
  }

  const { target } = write;
  let victimId: string | null = null;
  let facts: VictimAccessFacts | null = null;
  if (target) {
    // Read before the transaction: no call to another service while it holds locks.
    const { regions } = ctx.caller;
    const inReach = (region: Region | null | undefined): boolean => regions.length === 0 || (region != null && regions.includes(region));
    let about: string | null;
    if ('victimId' in target) {
      about = target.victimId;
      if (!isVictimId(about)) {
        // Names no victim; logged without the id, which may hold what no log column can store (a NUL byte).
        noteRefusal(null, 'NOT_FOUND');
        throw unreachable(target);
      }
    } else {
      const record = await target.locate(ctx.dataSource.manager);
      if (!record || (record.victimId === null && !inReach(record.region))) {
        noteRefusal(null, 'NOT_FOUND');
        throw unreachable(target);
      }
      about = record.victimId;
    }
    if (about !== null) {
      victimId = about;
      facts = await ctx.access.facts(about).catch(() => null);
      const readable = !write.mustRead || (await ctx.access.readable([about], write.mustRead)).length === 1;
      if (!facts || !inReach(facts.region) || !readable) {
        noteRefusal(about, 'NOT_FOUND');
        throw unreachable(target);
      }
    }
  }

  await write.checkFirst?.();
  const queued: string[] = [];
  const result = await ctx.dataSource.transaction(async (tx) => {
    const scope: WriteScope = {
      facts,
      aboutVictim: (id) => {
        victimId = id;
      },
      supportEvent: async (event) => {
        const about = event.victimId ?? victimId;
        if (about === null) throw new Error(`${write.mutation}: a support event needs a victim`);
        const id = await ctx.supportEvents.enqueue(tx, ctx.caller, { ...event, victimId: about });
        if (id) queued.push(id);
      },
      refusal: async (categories, specific, otherwise) => {
        if (victimId !== null) {
          const readable = await ctx.access.readable([victimId], categories);
          if (readable.length === 0) return otherwise ?? unreachable(target ?? { victimId })
        }
        return specific;
      },
    };
    const value = await write.run(tx, scope);
    const record: FieldAccessRecord = {
      victimId,
      typeName: write.typeName,
      fields: [...(write.fields ?? fieldsOf(tx, write.typeName, write.written))],
      deniedFields: [],
      categories: [write.category],
      bases: ['OWN_RECORDS', `WRITE:${write.mutation}`],
      denialCodes: [],
      review: false,
    };
    try {
      await ctx.audit.writeFieldAccess(ctx.caller, [record]);
    } catch (error) {
      ctx.log.error({ err: error, mutation: write.mutation }, 'access log unavailable: write refused');
      throw new HubError('AUDIT_UNAVAILABLE', 'The access log could not be written, so nothing was changed');
    }
    return value;
  });
  if (queued.length > 0) await ctx.supportEvents.afterCommit(queued);
  return result;
}
