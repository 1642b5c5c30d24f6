/**
 * Quantiles of the finite values of an array.
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
 * quantiles([10, 20], [0.25]); // [12.5]
 * ```
 */
export function quantiles(xs: ArrayLike<number>, qs: readonly number[]): number[] {
  for (const q of qs) {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be in [0, 1], got ${q}`);
  }
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) n++;
  if (n === 0) return qs.map(() => NaN);
  const s = new Float64Array(n);
  for (let i = 0, k = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) s[k++] = xs[i];
  s.sort();
  return qs.map((q) => {
    const h = (n - 1) * q, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  });
}
