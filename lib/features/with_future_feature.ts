/**
 * A deliberately leaky feature, for demonstrating what look-ahead looks like in an IC table.
 * Never train on it.
 *
 * @module
 */

import type { FeatureFrame } from "./build_features.ts";

/**
 * A copy of `frame` with one extra, LEAKY column: the log return over the next `lookahead` bars,
 * `future_ret_<k>[t] = Σ_{j=1..k} ret_1m[t+j] = ln(close[t+k] / close[t])`, NaN where t+k is past
 * the end. With k = horizon it is nearly the target itself, so its IC is about 1; with k = 1 it
 * still scores far above any honest feature.
 *
 * Options: `lookahead` (default `frame.spec.horizon`). Throws RangeError when the frame has no
 * `ret_1m` column or the lookahead is not a positive integer.
 *
 * @example
 * ```ts
 * const leaky = withFutureFeature(frame, { lookahead: 1 });
 * featureTargetCorrelation(leaky).at(-1); // { name: "future_ret_1", ic: 0.4…, n: … }
 * ```
 */
export function withFutureFeature(
  frame: FeatureFrame,
  options: { lookahead?: number } = {},
): FeatureFrame {
  const k = options.lookahead ?? frame.spec.horizon;
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`lookahead must be a positive integer, got ${k}`);
  }
  const r = frame.names.indexOf("ret_1m");
  if (r < 0) throw new RangeError("withFutureFeature needs a ret_1m column in the frame");
  const n = frame.time.length, f = frame.names.length, g = f + 1;
  const values = new Float32Array(n * g);
  for (let i = 0; i < n; i++) {
    values.set(frame.values.subarray(i * f, (i + 1) * f), i * g);
    let s = NaN;
    if (i + k < n) {
      s = 0;
      for (let j = 1; j <= k; j++) s += frame.values[(i + j) * f + r];
    }
    values[i * g + f] = s;
  }
  return { ...frame, names: [...frame.names, `future_ret_${k}`], values };
}
