/**
 * Per-window attention scores beside their naive baseline: the bullish and bearish attention of
 * each window and the plain fraction of its up and down minutes.
 *
 * The bullish score of a window is the sum of the last step's attention weights (one layer, heads
 * averaged, so the row sums to 1) over its up minutes (close > open); the bearish score the sum
 * over its down minutes (close < open); doji minutes count in neither (see lib/strategy
 * `bullishAttentionAt`). Attention spread evenly over the window would give a bullish score equal
 * to the window's up fraction, so the up fraction is the baseline the score must beat to say
 * anything the candle count does not.
 *
 * @module
 */
import { bearishAttentionAt, bullishAttentionAt } from "../strategy/mod.ts";

/** Scores of N windows, one element per window. */
export interface WindowScores {
  /** Bullish attention: attention weight on up minutes, in [0, 1]. */
  bull: Float32Array;
  /** Bearish attention: attention weight on down minutes, in [0, 1]. */
  bear: Float32Array;
  /** Share of the window's minutes with close > open (the naive baseline of `bull`). */
  upFraction: Float32Array;
  /** Share of the window's minutes with close < open (the naive baseline of `bear`). */
  downFraction: Float32Array;
}

/** Options of {@linkcode windowScores}. */
export interface WindowScoresOptions {
  /** Window length T: `rows` is [N, T] row-major. */
  length: number;
  /** End bar of each window (index into `direction`); window i covers ends[i]−T+1 … ends[i]. */
  ends: ArrayLike<number>;
}

/**
 * Bullish/bearish attention and up/down fractions of windows given by their end bars.
 * `rows` is the last-step attention [N, T] (e.g. `predict(…, { returnAttention: true })`),
 * `direction` one sign per bar of the table (`candleDirection(open, close)`). Throws RangeError
 * when shapes disagree or a window falls outside the bars.
 *
 * @example
 * ```ts
 * const dir = candleDirection(table.open, table.close);
 * const s = windowScores(attention, dir, { length: 60, ends });
 * s.bull[0] - s.upFraction[0]; // how much more the model looks at up minutes than a flat row would
 * ```
 */
export function windowScores(
  rows: Float32Array,
  direction: ArrayLike<number>,
  options: WindowScoresOptions,
): WindowScores {
  const { length, ends } = options;
  const bull = bullishAttentionAt(rows, direction, options);
  const bear = bearishAttentionAt(rows, direction, options);
  const up = new Int32Array(direction.length + 1), down = new Int32Array(direction.length + 1);
  for (let i = 0; i < direction.length; i++) {
    up[i + 1] = up[i] + (direction[i] > 0 ? 1 : 0);
    down[i + 1] = down[i] + (direction[i] < 0 ? 1 : 0);
  }
  const n = ends.length;
  const upFraction = new Float32Array(n), downFraction = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const e = ends[i] + 1, s = e - length; // bounds already checked by bullishAttentionAt
    upFraction[i] = (up[e] - up[s]) / length;
    downFraction[i] = (down[e] - down[s]) / length;
  }
  return { bull, bear, upFraction, downFraction };
}
