/**
 * Which sums of counts follow from others: a row-echelon basis over the integers modulo a prime, of vectors that
 * say "these counts add up to a known number". A published cell is given away when its vector lies in the span of
 * the shown cells and the structural relations (a total equals the sum of its parts). Modulo a prime of 2^26 the
 * products stay exact in a double; the 0/1 systems here have tiny determinants, so no prime factor of theirs is hit.
 */

const P = 67_108_859;

const mod = (a: number): number => ((a % P) + P) % P;

function inverse(a: number): number {
  let [t, newT, r, newR] = [0, 1, P, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}

/** A basis of vectors over `size` unknowns; `add` reports whether the vector was new to it. */
export class LinearSpan {
  /** Basis rows by their leading column: [columns, coefficients], leading coefficient 1, columns ascending. */
  private readonly rows: ([Int32Array, Float64Array] | undefined)[];

  constructor(private readonly size: number) {
    this.rows = new Array<[Int32Array, Float64Array] | undefined>(size).fill(undefined);
  }

  /** A copy that can grow on its own (basis rows are never changed once added, so they are shared). */
  clone(): LinearSpan {
    const copy = new LinearSpan(this.size);
    for (let i = 0; i < this.rows.length; i++) copy.rows[i] = this.rows[i];
    return copy;
  }

  /** Adds the vector with the given coefficients (1 when omitted) at the given columns. */
  add(columns: readonly number[], coefficients?: readonly number[]): boolean {
    const v = this.reduce(columns, coefficients);
    const lead = v.findIndex((x) => x !== 0);
    if (lead < 0) return false;
    const scale = inverse(v[lead]!);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let c = lead; c < this.size; c++) {
      if (v[c] !== 0) {
        cols.push(c);
        vals.push((v[c]! * scale) % P);
      }
    }
    this.rows[lead] = [Int32Array.from(cols), Float64Array.from(vals)];
    return true;
  }

  /** Whether the vector is a combination of those added. */
  contains(columns: readonly number[], coefficients?: readonly number[]): boolean {
    return this.reduce(columns, coefficients).every((x) => x === 0);
  }

  private reduce(columns: readonly number[], coefficients?: readonly number[]): Float64Array {
    const v = new Float64Array(this.size);
    columns.forEach((c, i) => (v[c] = mod(v[c]! + (coefficients?.[i] ?? 1))));
    for (let c = 0; c < this.size; c++) {
      const factor = v[c]!;
      if (factor === 0) continue;
      const row = this.rows[c];
      if (!row) continue;
      const [cols, vals] = row;
      for (let i = 0; i < cols.length; i++) v[cols[i]!] = mod(v[cols[i]!]! - ((factor * vals[i]!) % P));
    }
    return v;
  }
}
