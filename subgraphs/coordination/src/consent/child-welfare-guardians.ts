import { type HubCaller, HubError, type ServiceKeys, defaultPorts, signHubAssertion, serviceFetch } from '@hub/shared';

/** Answers whether a minor has an appointed guardian now. */
export interface GuardianRegistry {
  hasAppointedGuardian(victimId: string): Promise<boolean>;
}

const childWelfareUrl = (): string =>
  process.env.CHILD_WELFARE_INTERNAL_URL ?? `http://127.0.0.1:${defaultPorts['child-welfare']}`;

/**
 * Asks the child-welfare subgraph, service to service, signed by coordination for this caller and request
 * (audience: child-welfare), as other subgraphs reach coordination. Fails closed: no answer, a refusal or an
 * answer of the wrong shape is SUBGRAPH_UNAVAILABLE, never "has a guardian".
 */
export class ChildWelfareGuardians implements GuardianRegistry {
  constructor(
    private readonly keys: ServiceKeys,
    private readonly caller: HubCaller,
    private readonly baseUrl = childWelfareUrl(),
  ) {}

  async hasAppointedGuardian(victimId: string): Promise<boolean> {
    let body: unknown;
    try {
      const request = JSON.stringify({ victimId });
      const assertion = await signHubAssertion(this.keys, 'child-welfare', this.caller, request);
      const response = await serviceFetch(`${this.baseUrl}/internal/appointed-guardian`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assertion}`, 'content-type': 'application/json' },
        body: request,
        timeoutMs: 5000,
      });
      if (!response.ok) throw new Error(`child welfare answered ${response.status}`);
      body = await response.json();
    } catch {
      throw unavailable();
    }
    const appointed = (body as { appointed?: unknown } | null)?.appointed;
    if (typeof appointed !== 'boolean') throw unavailable();
    return appointed;
  }
}

const unavailable = (): HubError =>
  new HubError('SUBGRAPH_UNAVAILABLE', 'Child welfare could not confirm an appointed guardian; the consent was not recorded', {
    service: 'child-welfare',
  });
