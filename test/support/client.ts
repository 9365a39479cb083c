import { LocalIssuer } from '@hub/gateway/src/auth/local-issuer';
import { type Agency, type Purpose, type Region, type Role, serviceFetch } from '@hub/shared';
import { testHub } from './hub-info';
import { counterValue, scrape } from './metrics';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  requestId: string | null;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Identity {
  agency: Agency;
  role: Role;
  regions?: Region[];
  sub?: string;
}

let issuer: Promise<LocalIssuer> | undefined;

/** A bearer token from the test hub's embedded issuer. */
export async function tokenFor(identity: Identity, ttlSeconds = 600): Promise<string> {
  issuer ??= LocalIssuer.open(testHub().dataDir);
  return (await issuer).issue(
    {
      sub: identity.sub ?? `${identity.agency.toLowerCase()}-${identity.role.toLowerCase()}-test`,
      agency: identity.agency,
      role: identity.role,
      regions: identity.regions ?? [],
    },
    ttlSeconds,
  );
}

/** POSTs to a GraphQL endpoint with whatever headers the test wants. */
export async function post<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await serviceFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    timeoutMs: 60_000,
  });
  const text = await response.text();
  let json: { data?: T | null; errors?: GraphQLResponse['errors'] } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = { errors: [{ message: text }] };
  }
  return { status: response.status, requestId: response.headers.get('x-request-id'), ...json };
}

/**
 * Queries the gateway as a staff member with a purpose: the way agency systems call the hub. `gatewayUrl`: another
 * gateway in front of the same subgraphs (test/support/gateways.ts); the Apollo gateway by default.
 */
export async function queryAs<T = Record<string, unknown>>(
  identity: Identity & { purpose: Purpose; justification?: string },
  query: string,
  variables: Record<string, unknown> = {},
  gatewayUrl: string = testHub().gatewayUrl,
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${await tokenFor(identity)}`,
    'x-purpose': identity.purpose,
  };
  if (identity.justification) headers['x-justification'] = identity.justification;
  return post<T>(gatewayUrl, { query, variables }, headers);
}

/** The codes of a response's errors, in order. */
export const codes = (response: GraphQLResponse): unknown[] => (response.errors ?? []).map((e) => e.extensions?.code);

/** One counter of a service's `/metrics`: `name` or `name{label="value",…}`. */
export async function counter(service: string, series: string): Promise<number> {
  const [, name, labelText] = /^([^{]+)(?:\{(.*)\})?$/.exec(series)!;
  const labels = Object.fromEntries([...(labelText ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  return counterValue(await scrape(service), name!, labels);
}
