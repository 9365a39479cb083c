import DataLoader from 'dataloader';
import type { HubCaller } from '../auth/hub-caller';
import type { VictimAccessFacts } from '../policy/consent';
import type { VictimFactsLoader } from '../policy/access-controller';

/** No gateway request lives longer than its hub assertion. */
const LIFETIME_MS = 60_000;
const MAX_REQUESTS = 2_000;

/**
 * The consent look-up of one gateway request, shared by every call the gateway makes to this subgraph
 * for that request (a `@requires` plan calls a subgraph more than once). Keyed by request id, dropped after
 * the assertion's lifetime: a new request always asks the registry again, so a withdrawal counts at once.
 */
export class RequestScopedFacts {
  private readonly byRequest = new Map<string, { loader: DataLoader<string, VictimAccessFacts | null>; expires: number }>();

  constructor(private readonly batchFor: (caller: HubCaller) => VictimFactsLoader) {}

  forRequest(caller: HubCaller, now = Date.now()): DataLoader<string, VictimAccessFacts | null> {
    this.evict(now);
    // The request id is the gateway's; the same id from another caller is not the same request.
    const key = `${caller.requestId}|${caller.sub}|${caller.agency}|${caller.role}|${caller.purpose}`;
    let entry = this.byRequest.get(key);
    if (!entry) {
      entry = { loader: new DataLoader(this.batchFor(caller)), expires: now + LIFETIME_MS };
      this.byRequest.set(key, entry);
    }
    return entry.loader;
  }

  private evict(now: number): void {
    for (const [requestId, entry] of this.byRequest) {
      if (entry.expires > now && this.byRequest.size <= MAX_REQUESTS) break;
      this.byRequest.delete(requestId);
    }
  }
}
