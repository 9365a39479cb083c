import type { SeededRandom } from './random';

/** Record-id prefixes, one per kind of record. */
export type IdPrefix =
  | 'v' | 'inv' | 'rp' | 'pm' | 'ret' | 'sh' | 'pl' | 'ms' | 'ha' | 'gd' | 'cw' | 'cs' | 'ev' | 'pr' | 'tm';

/** Hands out pseudonymous ids (`<prefix>-<8 hex>`), never the same one twice in one caseload. */
export class IdFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

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
