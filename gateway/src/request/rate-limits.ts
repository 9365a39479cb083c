import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitSettings {
  /** Requests per minute one authenticated identity (token subject) may send. */
  perIdentity: number;
  /** Requests per minute one address may send without a valid token. */
  perAnonymousAddress: number;
}

/** A refusal: how long until the caller may try again. */
export interface RateLimited {
  retryAfterSeconds: number;
}

/**
 * Per-identity and per-address request budgets (a minute each, in this gateway's memory: behind several
 * gateway replicas each holds its own budget, so the effective limit is the replica count times this).
 */
export class RateLimits {
  private readonly identities: RateLimiterMemory;
  private readonly anonymous: RateLimiterMemory;

  constructor(settings: RateLimitSettings) {
    this.identities = new RateLimiterMemory({ points: settings.perIdentity, duration: 60 });
    this.anonymous = new RateLimiterMemory({ points: settings.perAnonymousAddress, duration: 60 });
  }

  /** Spends one request of `subject`'s budget; null when allowed. */
  identity(subject: string): Promise<RateLimited | null> {
    return spend(this.identities, subject);
  }

  /** Spends one request of the budget of an address that sent no valid token; null when allowed. */
  anonymousAddress(address: string): Promise<RateLimited | null> {
    return spend(this.anonymous, address);
  }
}

async function spend(limiter: RateLimiterMemory, key: string): Promise<RateLimited | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
    throw result;
  }
}
