import type { SeededRandom } from './random';

/** Record-id prefixes, one per kind of record. */
export type IdPrefix =
  | 'v' | 'inv' | 'rp' | 'pm' | 'ret' | 'sh' | 'pl' | 'ms' | 'ha' | 'gd' | 'cw' | 'cs' | 'ev' | 'pr' | 'tm' | 'ri';

/** Hands out pseudonymous ids (`<prefix>-<8 hex>`), never the same one twice in one caseload. */
export class IdFactory {
  constructor(
    private readonly rng: SeededRandom,
    private readonly used = new Set<string>(),
  ) {}

  /**
   * Ids from another random stream that never repeat one of these: records added to the demo later draw here, so
   * that every record drawn before them stays byte-identical.
   */
  fork(rng: SeededRandom): IdFactory {
    return new IdFactory(rng, this.used);
  }

  /** Marks ids drawn elsewhere (by a stream of their own) as used, so that no later `next` repeats one. */
  reserve(ids: Iterable<string>): void {
    for (const id of ids) this.used.add(id);
  }

  next(prefix: IdPrefix): string {
    for (;;) {
      const id = `${prefix}-${this.rng.hex(8)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}
