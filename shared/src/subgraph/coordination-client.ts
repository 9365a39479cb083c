import { serviceFetch } from '../process/keep-alive';
import type { HubCaller } from '../auth/hub-caller';
import { signHubAssertion } from '../auth/hub-assertion';
import type { ServiceKeys } from '../auth/service-keys';
import type { SupportEventKind } from '../domain/enums';
import type { VictimAccessFacts } from '../policy/consent';

export interface NewSupportEvent {
  victimId: string;
  kind: SupportEventKind;
  at: string;
  summary: string;
  dueAt: string | null;
}

/** Coordination answered with an HTTP error status (a 4xx will not change by sending again). */
export class CoordinationRefusal extends Error {
  constructor(
    path: string,
    readonly status: number,
    body = '',
  ) {
    super(`coordination ${path} answered ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

/** No answer from coordination: the connection failed or the time ran out (the cause says which). */
export class CoordinationUnreachable extends Error {
  constructor(path: string, elapsedMs: number, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const code = (cause as { cause?: { code?: string } })?.cause?.code;
    super(`coordination ${path} gave no answer after ${elapsedMs} ms (${reason}${code ? `, ${code}` : ''})`, { cause });
  }
}

/**
 * Service-to-service calls to the coordination subgraph, each signed by the calling subgraph with the
 * caller's identity and request id (audience: coordination).
 */
export class CoordinationClient {
  constructor(
    private readonly baseUrl: string,
    private readonly keys: ServiceKeys,
    private readonly caller: HubCaller,
  ) {}

  /** One round trip for any number of victims. */
  async victimFacts(victimIds: readonly string[]): Promise<(VictimAccessFacts | null)[]> {
    const body = (await this.post('/internal/victim-access-facts', { victimIds })) as { facts: (VictimAccessFacts | null)[] };
    if (!Array.isArray(body.facts) || body.facts.length !== victimIds.length) {
      throw new Error('coordination answered victim facts of the wrong shape');
    }
    return body.facts;
  }

  /** The region of each victim (null for one coordination does not know), for a statistics caller's aggregates. */
  async victimRegions(victimIds: readonly string[]): Promise<(string | null)[]> {
    const body = (await this.post('/internal/victim-regions', { victimIds })) as { regions: (string | null)[] };
    if (!Array.isArray(body.regions) || body.regions.length !== victimIds.length) {
      throw new Error('coordination answered victim regions of the wrong shape');
    }
    return body.regions;
  }

  /**
   * Adds an event to the victim's support path; the owning agency is the calling subgraph's. Only the outbox
   * relay calls this (see agency-kit/outbox-relay.ts); coordination records an id once, however often sent.
   */
  async recordSupportEvent(event: NewSupportEvent & { id: string }): Promise<void> {
    await this.post('/internal/support-events', event);
  }

  private async post(path: string, payload: unknown): Promise<unknown> {
    const body = JSON.stringify(payload);
    const assertion = await signHubAssertion(this.keys, 'coordination', this.caller, body);
    const started = Date.now();
    let response: Response;
    try {
      response = await serviceFetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assertion}`, 'content-type': 'application/json' },
        body,
        timeoutMs: 5000,
      });
    } catch (error) {
      throw new CoordinationUnreachable(path, Date.now() - started, error);
    }
    if (!response.ok) throw new CoordinationRefusal(path, response.status, await response.text().catch(() => ''));
    return response.json();
  }
}
