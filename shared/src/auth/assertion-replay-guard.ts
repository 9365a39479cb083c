import type { VerifiedAssertion } from './hub-assertion';

/**
 * Remembers every hub assertion this service has accepted until it expires, so that each is used once:
 * an assertion captured between two services and sent again is refused, whatever body it comes with.
 * (Assertions live at most 65 s, so the memory this takes is bounded by the request rate.)
 */
export class AssertionReplayGuard {
  private readonly seen = new Map<string, number>();
  private refused = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time an assertion id is presented, false on every later use. */
  claim(assertion: Pick<VerifiedAssertion, 'id' | 'expiresAt'>): boolean {
    const now = this.now();
    if (this.seen.size > 1000) this.prune(now);
    const expiresAt = this.seen.get(assertion.id);
    if (expiresAt !== undefined && expiresAt >= now) {
      this.refused += 1;
      return false;
    }
    this.seen.set(assertion.id, assertion.expiresAt + 10_000);
    return true;
  }

  /** How many second uses were refused since start. */
  get refusedCount(): number {
    return this.refused;
  }

  private prune(now: number): void {
    for (const [id, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(id);
  }
}
