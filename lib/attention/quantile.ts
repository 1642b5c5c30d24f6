/**
 * Quantiles of the finite values of an array (linear interpolation, numpy's default).
 *
 * @module
 */

/**
 * The q-quantiles (each q in [0, 1]) of the finite values of `xs`, by linear interpolation
 * between order statistics (numpy's default, "type 7"). NaN for every q when there is no finite
 * value. Throws RangeError for a q outside [0, 1].
 *
 * @example
 * ```ts
 * quantiles([1, 2, 3, 4, NaN], [0, 0.5, 1]); // [1, 2.5, 4]
 * ```
 */
export function quantiles(xs: ArrayLike<number>, qs: readonly number[]): number[] {
  for (const q of qs) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be in [0, 1], got ${q}`);
  }
  const v: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) v.push(xs[i]);
  if (v.length === 0) return qs.map(() => NaN);
  const s = Float64Array.from(v).sort();
  return qs.map((q) => {
    const h = (s.length - 1) * q, lo = Math.floor(h), hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  });
}
