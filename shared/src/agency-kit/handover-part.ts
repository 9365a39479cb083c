import type { Request, Response, Router } from 'express';
import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  execute,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import type { AuditWriter } from '../audit/audit-writer';
import type { HubCaller } from '../auth/hub-caller';
import { DataCategory } from '../domain/enums';
import { decideHandover, type HandoverRequest } from '../handover/decide-handover';
import type { HandoverPart, WithheldField } from '../handover/handover-package';
import { HandoverPurpose, isForeignCounterpart } from '../handover/handover-types';
import type { Logger } from '../observability/logger';
import { AccessController, type FieldAccessRecord } from '../policy/access-controller';
import { type CategorisedField, categoryOf } from '../policy/enforce-categories';
import type { VictimAccessFacts } from '../policy/consent';
import type { SubgraphContext } from '../subgraph/subgraph-context';

const MAX_DEPTH = 4;

/**
 * The decisions of one hand-over request in the owning subgraph: an ordinary access controller whose every
 * categorised field is decided by `decideHandover` (the consent to the counterpart) instead of `decide` (the
 * caller's own rights), and noted as every access is.
 */
export const handoverAccess = (
  caller: HubCaller,
  facts: (victimId: string) => Promise<VictimAccessFacts | null>,
  request: HandoverRequest,
  now: Date,
): AccessController => new AccessController(caller, facts, now, null, (who, category, victim, at) => decideHandover(who, category, victim, request, at));

const requiresOther = (field: GraphQLField<unknown, unknown>): boolean =>
  field.astNode?.directives?.some((d) => d.name.value === 'requires' || d.name.value === 'external') ?? false;

const takesRequiredArguments = (field: GraphQLField<unknown, unknown>): boolean =>
  field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/**
 * The selection of everything `type` holds of `categories`: at the top, the categorised fields of those categories;
 * below, every field that is uncategorised or of those categories, down to leaves. Fields that need another
 * subgraph's data (`@requires`), required arguments or an abstract type are left out.
 */
export function handoverSelection(type: GraphQLObjectType, categories: ReadonlySet<DataCategory>, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.name.startsWith('_') || requiresOther(field) || takesRequiredArguments(field)) continue;
    const category = categoryOf(field);
    if (depth === 0 ? category === null || !categories.has(category) : category !== null && !categories.has(category)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth < MAX_DEPTH) {
      const inner = handoverSelection(named, categories, depth + 1);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

export interface HandoverPartRequest extends HandoverRequest {
  handoverId: string;
  victimId: string;
  categories: DataCategory[];
}

export interface HandoverPartDeps {
  schema: GraphQLSchema;
  categorisedFields: readonly CategorisedField[];
  subgraph: string;
  agency: string;
  audit: AuditWriter;
  log: Logger;
  /** The subgraph's ordinary context for `caller`, with `access` in place of its own access controller. */
  context: (caller: HubCaller, access: (facts: (id: string) => Promise<VictimAccessFacts | null>) => AccessController) => SubgraphContext;
}

/** The categories of `categories` that this subgraph's schema holds of a victim. */
const ownedOf = (fields: readonly CategorisedField[], categories: readonly DataCategory[]): DataCategory[] =>
  categories.filter((c) => fields.some((f) => f.typeName === 'Victim' && f.category === c));

/**
 * Produces this subgraph's part of a hand-over package: the victim's fields of the asked categories, each decided
 * by the consent to the counterpart (`decideHandover`), read through the subgraph's own schema and resolvers with
 * the same enforcement as any query. Writes one access record per released field (basis: the consent and the
 * hand-over) and one of the withheld fields, before the part leaves; when they cannot be written, nothing leaves.
 */
export async function produceHandoverPart(deps: HandoverPartDeps, caller: HubCaller, request: HandoverPartRequest): Promise<HandoverPart> {
  const owned = ownedOf(deps.categorisedFields, request.categories);
  const part: HandoverPart = { subgraph: deps.subgraph, agency: deps.agency, categories: owned, victim: {}, released: [], withheld: [] };
  const victimType = deps.schema.getType('Victim');
  if (owned.length === 0 || !isObjectType(victimType)) return part;
  const selection = handoverSelection(victimType, new Set(owned));
  if (!selection) return part;
  let access: AccessController | undefined;
  const context = deps.context(caller, (facts) => {
    access = handoverAccess(caller, facts, request, new Date());
    return access;
  });
  const result = await execute({
    schema: deps.schema,
    document: parse(`query HandoverPart($r: [_Any!]!) { _entities(representations: $r) { ... on Victim { ${selection} } } }`),
    contextValue: context,
    variableValues: { r: [{ __typename: 'Victim', id: request.victimId }] },
  });
  const unexpected = (result.errors ?? []).filter((e) => !['FORBIDDEN', 'CONSENT_REQUIRED'].includes(String(e.extensions?.code)));
  if (unexpected.length > 0) throw new Error(`hand-over part of ${deps.subgraph} failed: ${unexpected[0]!.message}`);
  const categoryOfField = new Map(deps.categorisedFields.map((f) => [`${f.typeName}.${f.fieldName}`, f.category]));
  const noted = access!.accessRecords();
  const released = [...new Set(noted.flatMap((r) => r.fields))];
  const withheldFields = [...new Set(noted.flatMap((r) => r.deniedFields))];
  const withheld: WithheldField[] = [];
  for (const field of withheldFields) {
    const category = categoryOfField.get(field)!;
    const decision = await access!.decide(request.victimId, category);
    withheld.push({ field, category, code: decision.allow ? 'FORBIDDEN' : decision.code });
  }
  const bases = (field: string): string[] => {
    const basis = noted.find((r) => r.fields.includes(field))?.bases ?? [];
    return [...basis, `HANDOVER:${request.handoverId}`];
  };
  const records: FieldAccessRecord[] = released.map((field) => {
    const category = categoryOfField.get(field)!;
    return {
      victimId: request.victimId,
      typeName: field.split('.')[0]!,
      fields: [field],
      deniedFields: [],
      categories: [category],
      receivedCategories: [category],
      bases: bases(field),
      denialCodes: [],
      review: false,
    };
  });
  if (withheld.length > 0) {
    records.push({
      victimId: request.victimId,
      typeName: [...new Set(withheld.map((w) => w.field.split('.')[0]!))].sort().join(','),
      fields: [],
      deniedFields: withheld.map((w) => w.field),
      categories: [...new Set(withheld.map((w) => w.category))],
      receivedCategories: [],
      bases: [`HANDOVER:${request.handoverId}`],
      denialCodes: [...new Set(withheld.map((w) => w.code))],
      review: false,
    });
  }
  // Before anything leaves: no record, no part.
  await deps.audit.writeFieldAccess(caller, records);
  const entity = (result.data?._entities as Record<string, unknown>[] | undefined)?.[0] ?? {};
  part.victim = withoutNulls(entity);
  part.released = released;
  part.withheld = withheld;
  return part;
}

/** A withheld field resolves to null; the package leaves it out (and lists it as withheld). */
const withoutNulls = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));

const parseRequest = (body: unknown): HandoverPartRequest | null => {
  const b = body as Partial<HandoverPartRequest> | null;
  if (
    !b ||
    typeof b.handoverId !== 'string' ||
    !/^ho-[0-9a-z-]+$/.test(b.handoverId) ||
    typeof b.victimId !== 'string' ||
    !isForeignCounterpart(b.counterpart) ||
    !Object.values(HandoverPurpose).includes(b.purpose as HandoverPurpose) ||
    !Array.isArray(b.categories) ||
    !b.categories.every((c) => typeof c === 'string' && c in DataCategory)
  ) {
    return null;
  }
  return { handoverId: b.handoverId, victimId: b.victimId, counterpart: b.counterpart, purpose: b.purpose!, categories: b.categories };
};

/** `/internal/handover-part` of every subgraph (mounted by the kit, called by coordination only). */
export function handoverPartRoute(router: Router, deps: HandoverPartDeps): void {
  router.post('/', async (req: Request & { caller?: HubCaller }, res: Response) => {
    const request = parseRequest(req.body);
    if (!request) {
      res.status(400).json({ error: 'not a hand-over part request' });
      return;
    }
    try {
      res.json({ part: await produceHandoverPart(deps, req.caller!, request) });
    } catch (error) {
      deps.log.error({ err: error, handoverId: request.handoverId }, 'hand-over part not produced');
      res.status(503).json({ error: 'the hand-over part could not be produced' });
    }
  });
}
