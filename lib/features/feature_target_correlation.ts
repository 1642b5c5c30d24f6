/**
 * Information coefficient (IC) of each feature with the target: the correlation between the
 * feature at bar t and target[t] (the forward return from t), over the bars where both are
 * finite. A leak-free feature of minute bars scores a small IC (|IC| of a few hundredths); a
 * feature that peeks at the future scores close to 1 (see {@linkcode withFutureFeature}).
 *
 * @module
 */

import { pearson, spearman } from "../stats/moments.ts";
import type { FeatureFrame } from "./build_features.ts";

/** The IC of one feature. */
export interface FeatureIC {
  /** Feature name. */
  name: string;
  /** Pearson (or Spearman with `rank`) correlation with the target; NaN if undefined. */
  ic: number;
  /** Number of bars where both the feature and the target are finite. */
  n: number;
}

/**
 * Per-feature IC with the target, in column order.
 *
 * Options: `rank` (default false: Pearson; true: Spearman rank IC), `rows` (default all bars:
 * the rows to use, e.g. the training window ends, so that the IC is measured on training data
 * only).
 *
 * @example
 * ```ts
 * const ics = featureTargetCorrelation(frame, { rank: true, rows: trainEnds });
 * // [{ name: "ret_1m", ic: -0.021, n: 50123 }, …]
 * ```
 */
export function featureTargetCorrelation(
  frame: FeatureFrame,
  options: { rank?: boolean; rows?: ArrayLike<number> } = {},
): FeatureIC[] {
  const n = frame.time.length, f = frame.names.length;
  const rows = options.rows ?? Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < rows.length; i++) {
    if (!(Number.isInteger(rows[i]) && rows[i] >= 0 && rows[i] < n)) {
      throw new RangeError(`Row ${rows[i]} is outside the frame's ${n} rows`);
    }
  }
  const x = new Float64Array(rows.length), y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = frame.target[rows[i]];
  const corr = options.rank ? spearman : pearson;
  return frame.names.map((name, j) => {
    let count = 0;
    for (let i = 0; i < rows.length; i++) {
      x[i] = frame.values[rows[i] * f + j];
      if (Number.isFinite(x[i]) && Number.isFinite(y[i])) count++;
    }
    return { name, ic: corr(x, y), n: count };
  });
}
