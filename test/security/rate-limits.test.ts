/**
 * Rate limits: an identity, and an address sending no valid token, each have a budget per minute; past it the
 * gateway answers 429 RATE_LIMITED with retry-after, before any subgraph is called. Runs on a gateway of its own
 * with small budgets (the shared test hub's are lifted for the rest of the suite).
 */
import { Agency, Purpose, Role } from '@hub/shared';
import { codes, post, tokenFor } from '../support/client';
import { type ProductionGateway, startLocalGateway } from '../support/production-gateway';

const PER_IDENTITY = 8;
const PER_ANONYMOUS_ADDRESS = 5;
let gateway: ProductionGateway;

beforeAll(async () => {
  gateway = await startLocalGateway({
    HUB_RATE_LIMIT_PER_MINUTE: String(PER_IDENTITY),
    HUB_ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(PER_ANONYMOUS_ADDRESS),
  }, 'gateway-rate-limits');
}, 120_000);
afterAll(() => gateway?.stop());

const query = { query: '{ __typename }' };

describe('rate limits', () => {
  it(`lets one identity send ${PER_IDENTITY} requests a minute, then answers 429 RATE_LIMITED with retry-after`, async () => {
    const headers = {
      authorization: `Bearer ${await tokenFor({ agency: Agency.POLICE, role: Role.INVESTIGATOR, sub: 'rate-limited-investigator' })}`,
      'x-purpose': Purpose.INVESTIGATION,
    };
    const statuses: number[] = [];
    for (let i = 0; i < PER_IDENTITY; i++) statuses.push((await post(gateway.url, query, headers)).status);
    expect(statuses).toEqual(Array(PER_IDENTITY).fill(200));
    const response = await fetch(gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(query) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    // Another identity has its own budget.
    const other = await post(gateway.url, query, {
      authorization: `Bearer ${await tokenFor({ agency: Agency.POLICE, role: Role.INVESTIGATOR, sub: 'another-investigator' })}`,
      'x-purpose': Purpose.INVESTIGATION,
    });
    expect(other.status).toBe(200);
  });

  it(`lets an address send ${PER_ANONYMOUS_ADDRESS} requests without a valid token a minute, then answers 429`, async () => {
    const answers = [];
    for (let i = 0; i < PER_ANONYMOUS_ADDRESS + 2; i++) answers.push(await post(gateway.url, query, { authorization: 'Bearer not.a.token' }));
    expect(answers.map((a) => a.status)).toEqual([...Array(PER_ANONYMOUS_ADDRESS).fill(401), 429, 429]);
    expect(codes(answers.at(-1)!)).toEqual(['RATE_LIMITED']);
  });
});
