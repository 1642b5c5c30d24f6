/**
 * Bullish and bearish attention scores: how much of the model's last-step attention falls on the
 * up (close > open) or down (close < open) minutes of its input window.
 *
 * A window of T minutes gives one attention row of T weights (last query step, heads averaged;
 * the weights sum to 1). The bullish score is the sum of the weights on up minutes, the bearish
 * score the sum on down minutes. A minute with close = open (a doji) counts in neither, so
 * bullish + bearish ≤ 1.
 *
 * Minute directions are passed as signs (+1 up, −1 down, 0 flat), e.g. from
 * {@linkcode candleDirection}. A 0/1 "is up" mask works as-is for the bullish score.
 *
 * @module
 */

/**
 * The sign of close − open per bar: +1 up, −1 down, 0 flat (or either price not finite).
 *
 * @example
 * ```ts
 * candleDirection([10, 10, 10], [11, 9, 10]); // Int8Array [1, -1, 0]
 * ```
 */
export function candleDirection(open: ArrayLike<number>, close: ArrayLike<number>): Int8Array {
  if (open.length !== close.length) {
    throw new RangeError(
      `candleDirection needs equal lengths, got open ${open.length} and close ${close.length}`,
    );
  }
  const out = new Int8Array(open.length);
  for (let i = 0; i < open.length; i++) {
    const d = close[i] - open[i];
    out[i] = d > 0 ? 1 : d < 0 ? -1 : 0;
  }
  return out;
}

/** Options of the per-window scores. */
export interface AttentionScoreOptions {
  /** Window length T: `rows` holds N·T weights, row-major [N, T]. */
  length: number;
}

/** Options of the scores over windows that end at given bars. */
export interface AttentionScoreAtOptions extends AttentionScoreOptions {
  /** End bar of each window, one per row: window i covers bars ends[i]−T+1 … ends[i]. */
  ends: ArrayLike<number>;
}

function checkRows(rows: Float32Array, length: number): number {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Attention window length must be a positive integer, got ${length}`);
  }
  if (rows.length % length !== 0) {
    throw new RangeError(
      `Attention rows hold ${rows.length} weights, not a multiple of the window length ${length}`,
    );
  }
  return rows.length / length;
}

function scoreWindows(
  rows: Float32Array,
  direction: ArrayLike<number>,
  length: number,
  sign: 1 | -1,
): Float32Array {
  const n = checkRows(rows, length);
  if (direction.length !== rows.length) {
    throw new RangeError(
      `Attention needs one direction per window step: ${rows.length} weights, ` +
        `${direction.length} directions`,
    );
  }
  const out = new Float32Array(n);
  for (let i = 0, k = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < length; j++, k++) if (direction[k] * sign > 0) s += rows[k];
    out[i] = s;
  }
  return out;
}

function scoreWindowsAt(
  rows: Float32Array,
  direction: ArrayLike<number>,
  options: AttentionScoreAtOptions,
  sign: 1 | -1,
): Float32Array {
  const { length, ends } = options;
  const n = checkRows(rows, length);
  if (ends.length !== n) {
    throw new RangeError(`Attention has ${n} windows but ${ends.length} end indices`);
  }
  const out = new Float32Array(n);
  for (let i = 0, k = 0; i < n; i++) {
    const end = ends[i], start = end - length + 1;
    if (!Number.isInteger(end) || start < 0 || end >= direction.length) {
      throw new RangeError(
        `Window ${i} ends at bar ${end}: it needs bars ${start}…${end} of ${direction.length}`,
      );
    }
    let s = 0;
    for (let j = 0; j < length; j++, k++) if (direction[start + j] * sign > 0) s += rows[k];
    out[i] = s;
  }
  return out;
}

/**
 * Bullish attention per window: the sum of each row's weights over the steps with direction > 0
 * (close > open). `rows` is Float32Array [N, T] row-major (last-step attention, heads averaged),
 * `direction` one sign per window step, also [N, T]. Returns Float32Array [N] (summed in double).
 *
 * @example
 * ```ts
 * const rows = Float32Array.of(0.5, 0.3, 0.2);
 * bullishAttention(rows, Int8Array.of(1, -1, 1), { length: 3 }); // Float32Array [0.7]
 * ```
 */
export function bullishAttention(
  rows: Float32Array,
  direction: ArrayLike<number>,
  options: AttentionScoreOptions,
): Float32Array {
  return scoreWindows(rows, direction, options.length, 1);
}

/**
 * Bearish attention per window: the sum of each row's weights over the steps with direction < 0
 * (close < open). Same layout as {@linkcode bullishAttention}.
 *
 * @example
 * ```ts
 * const rows = Float32Array.of(0.5, 0.3, 0.2);
 * bearishAttention(rows, Int8Array.of(1, -1, 0), { length: 3 }); // Float32Array [0.3]
 * ```
 */
export function bearishAttention(
  rows: Float32Array,
  direction: ArrayLike<number>,
  options: AttentionScoreOptions,
): Float32Array {
  return scoreWindows(rows, direction, options.length, -1);
}

/**
 * Bullish attention for windows given by their end bar: `direction` is bar-level (one sign per
 * bar of the table) and row i's step j is bar ends[i] − T + 1 + j. Throws RangeError when a
 * window would start before bar 0 or end past the last bar.
 *
 * @example
 * ```ts
 * const dir = candleDirection(table.open, table.close);
 * const bull = bullishAttentionAt(rows, dir, { length: 60, ends: windowEnds });
 * ```
 */
export function bullishAttentionAt(
  rows: Float32Array,
  direction: ArrayLike<number>,
  options: AttentionScoreAtOptions,
): Float32Array {
  return scoreWindowsAt(rows, direction, options, 1);
}

/**
 * Bearish attention for windows given by their end bar; see {@linkcode bullishAttentionAt}.
 *
 * @example
 * ```ts
 * const bear = bearishAttentionAt(rows, candleDirection(open, close), { length: 60, ends });
 * ```
 */
export function bearishAttentionAt(
  rows: Float32Array,
  direction: ArrayLike<number>,
  options: AttentionScoreAtOptions,
): Float32Array {
  return scoreWindowsAt(rows, direction, options, -1);
}
