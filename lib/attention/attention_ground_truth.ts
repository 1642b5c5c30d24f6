/**
 * Attention checked against what really mattered: on synthetic data the generator records which
 * minutes were informed (`gt_informed`), so the last-step attention the strategy reads can be
 * compared with them. For a set of windows:
 *
 * - **informed lift**: the attention mass on the window's informed minutes divided by their share
 *   of the window, pooled over the windows that hold at least one (Σ mass / Σ share). 1 is what a
 *   uniform row gives; clearly above 1 means the model looks at the informed minutes.
 * - **up-minute lift**: the same for the window's up minutes (close > open), the minutes the
 *   strategy's bullish score sums over. Above 1, the bullish score departs from the up fraction.
 * - **entropy ratio**: the row's entropy over log T (1 for a uniform row), averaged over windows.
 *
 * @module
 */

/** What {@linkcode attentionGroundTruth} returns. */
export interface AttentionGroundTruth {
  /** Windows scored. */
  windows: number;
  /** Windows holding at least one informed minute. */
  informedWindows: number;
  /** Σ attention on informed minutes ÷ Σ their share of the window (1 = uniform); NaN if none. */
  informedLift: number;
  /** Σ attention on up minutes ÷ Σ their share of the window (1 = uniform); NaN if none. */
  upLift: number;
  /** Mean entropy of the rows divided by log T (1 = uniform). */
  entropyRatio: number;
}

/** Options of {@linkcode attentionGroundTruth}. */
export interface AttentionGroundTruthOptions {
  /** Window length T: `rows` is [N, T] row-major. */
  length: number;
  /** End bar of each window (index into `informed` and `direction`). */
  ends: ArrayLike<number>;
  /** One candle direction per bar (> 0 up, < 0 down, 0 doji), e.g. `candleDirection`. */
  direction: ArrayLike<number>;
}

/**
 * Informed lift, up-minute lift and entropy ratio of last-step attention rows (see the module
 * doc). `informed` is the table's `gt_informed` column (any non-zero value marks an informed
 * minute). Throws RangeError when the shapes disagree or a window falls outside the bars.
 *
 * @example
 * ```ts
 * const gt = table.groundTruth!.gt_informed!;
 * const a = attentionGroundTruth(rows, gt, { length: 60, ends, direction: candleDirection(table.open, table.close) });
 * a.informedLift; // 1.0 for a uniform row; > 1 when the model looks at the informed minutes
 * ```
 */
export function attentionGroundTruth(
  rows: Float32Array,
  informed: ArrayLike<number>,
  options: AttentionGroundTruthOptions,
): AttentionGroundTruth {
  const { length: T, ends, direction } = options;
  const n = ends.length;
  if (rows.length !== n * T) {
    throw new RangeError(`attention rows hold ${rows.length} values, expected ${n} × ${T}`);
  }
  if (informed.length !== direction.length) {
    throw new RangeError(
      `informed has ${informed.length} bars but direction has ${direction.length}`,
    );
  }
  let infMass = 0, infShare = 0, upMass = 0, upShare = 0, entropy = 0, informedWindows = 0;
  for (let w = 0; w < n; w++) {
    const start = ends[w] - T + 1;
    if (!(start >= 0 && ends[w] < informed.length)) {
      throw new RangeError(
        `window ending at bar ${ends[w]} falls outside the ${informed.length} bars`,
      );
    }
    let k = 0;
    for (let j = 0; j < T; j++) {
      const a = rows[w * T + j], bar = start + j;
      if (informed[bar] !== 0) (infMass += a, k++);
      if (direction[bar] > 0) (upMass += a, upShare += 1 / T);
      if (a > 0) entropy -= a * Math.log(a);
    }
    if (k > 0) (infShare += k / T, informedWindows++);
  }
  // Only windows with an informed minute contribute mass; their shares are the denominator.
  return {
    windows: n,
    informedWindows,
    informedLift: infShare > 0 ? infMass / infShare : NaN,
    upLift: upShare > 0 ? upMass / upShare : NaN,
    entropyRatio: n > 0 ? entropy / n / Math.log(T) : NaN,
  };
}
