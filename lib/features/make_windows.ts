/**
 * Model inputs: fixed-length windows of feature rows, as one flat Float32Array [N, length, F].
 *
 * **Window rule.** The window ending at bar t (inclusive) reads bars t−length+1 … t; its target
 * reads bars t+1 … t+horizon. The window belongs to a split only if ALL of those bars lie in that
 * split's trading days, so no window and no target straddles two splits (nor a purge gap).
 * Inside one split a window may span session breaks and day boundaries: the "last 60 bars" at
 * 09:05 include the night session and, early in the night, the previous trading day. It also
 * needs finite features on every row it reads and (for training) a finite target, which in turn
 * means t+horizon lies in t's trading day. With `requireTarget: false` (inference, backtest) the
 * target bars are not checked at all: only the window's own bars must lie in the split.
 *
 * **Rolls.** In a continuous series no window reaches back across a roll (its first bar is in the
 * same contract segment as its end, `frame.segmentStart`), and no target reads another contract:
 * after a roll the first `length − 1` bars end no window.
 *
 * **Layout.** Window i occupies x[i·length·F … (i+1)·length·F), rows oldest first, each row the
 * frame's F feature values; y[i] = frame.target[end_i] (NaN allowed without requireTarget).
 * Because a window is a contiguous block of the row-major frame it is copied with one
 * `subarray`/`set`; no per-window allocation.
 *
 * @module
 */

import type { FeatureFrame } from "./build_features.ts";
import { applyNormalizer, type NormStats } from "./normalizer.ts";

/** Options of {@linkcode windowEnds}. */
export interface WindowEndsOptions {
  /** Window length in bars. Default `frame.spec.window` (60). */
  length?: number;
  /**
   * Bars after the end that the target reads. Default `frame.spec.horizon` (5); must not be
   * smaller (a shorter guard would let the target leak across a split).
   */
  horizon?: number;
  /** Keep only ends t with t % stride === 0 (bar-index aligned). Default 1 (every bar). */
  stride?: number;
  /** Require a finite target and the target bars inside the split. Default true. */
  requireTarget?: boolean;
}

/**
 * End rows (ascending) of every eligible window in the split whose trading days are `days`
 * (e.g. `split.train` from {@linkcode splitByDay}). See the module doc for the rule. Throws
 * RangeError for a bad length, stride or horizon.
 *
 * @example
 * ```ts
 * const split = splitByDay(frame.tradingDay);
 * const trainEnds = windowEnds(frame, split.train); // length 60, horizon 5, stride 1
 * const testEnds = windowEnds(frame, split.test, { requireTarget: false }); // for the backtest
 * ```
 */
export function windowEnds(
  frame: FeatureFrame,
  days: ArrayLike<number>,
  options: WindowEndsOptions = {},
): Int32Array {
  const length = options.length ?? frame.spec.window;
  const horizon = options.horizon ?? frame.spec.horizon;
  const stride = options.stride ?? 1;
  const requireTarget = options.requireTarget ?? true;
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Window length must be a positive integer, got ${length}`);
  }
  if (!Number.isInteger(stride) || stride < 1) {
    throw new RangeError(`Window stride must be a positive integer, got ${stride}`);
  }
  if (!Number.isInteger(horizon) || horizon < frame.spec.horizon) {
    throw new RangeError(
      `Window horizon must be an integer ≥ the target horizon ${frame.spec.horizon}, got ${horizon}`,
    );
  }
  const n = frame.time.length, f = frame.names.length;
  const inSplit = new Set(Array.from(days));
  // Prefix counts of rows that cannot be inside a window (out of split or a non-finite feature)
  // and of rows out of the split (for the target bars).
  const badRows = new Int32Array(n + 1), outRows = new Int32Array(n + 1);
  let lastDay = NaN, dayIn = false;
  for (let i = 0; i < n; i++) {
    const d = frame.tradingDay[i];
    if (d !== lastDay) (lastDay = d, dayIn = inSplit.has(d));
    let ok = dayIn;
    for (let k = i * f, e = k + f; ok && k < e; k++) ok = Number.isFinite(frame.values[k]);
    badRows[i + 1] = badRows[i] + (ok ? 0 : 1);
    outRows[i + 1] = outRows[i] + (dayIn ? 0 : 1);
  }
  const out: number[] = [];
  const first = Math.ceil((length - 1) / stride) * stride;
  const segmentStart = frame.segmentStart;
  for (let t = first; t < n; t += stride) {
    if (badRows[t + 1] - badRows[t + 1 - length] !== 0) continue;
    if (segmentStart && t + 1 - length < segmentStart[t]) continue;
    if (requireTarget) {
      if (t + horizon >= n || !Number.isFinite(frame.target[t])) continue;
      if (outRows[t + horizon + 1] - outRows[t + 1] !== 0) continue;
      if (segmentStart && segmentStart[t + horizon] !== segmentStart[t]) continue;
    }
    out.push(t);
  }
  return Int32Array.from(out);
}

/** Windows as one flat array with their targets. */
export interface Windows {
  /** Inputs, row-major [count, length, features]. */
  x: Float32Array;
  /** Targets at the window ends, [count]. */
  y: Float32Array;
  /** [count, length, features], e.g. for `tf.tensor3d(x, shape)`. */
  shape: [number, number, number];
}

/**
 * Copy windows `start … start+count−1` of `ends` into `x` / `y` (allocated when not given) and
 * return views of the filled part. For streaming training batches without building every
 * window: reuse one buffer per batch. Pass a normalised frame ({@linkcode applyNormalizer}).
 *
 * Options: `start` 0; `count` the remaining ends (clipped to them); `length`
 * `frame.spec.window`; `x` a Float32Array of at least count·length·F; `y` one of at least count.
 * Throws RangeError for a buffer that is too small or an end whose window falls outside the
 * frame.
 *
 * @example
 * ```ts
 * const x = new Float32Array(256 * 60 * normed.names.length), y = new Float32Array(256);
 * for (let s = 0; s < ends.length; s += 256) {
 *   const batch = fillWindows(normed, ends, { start: s, count: 256, x, y });
 *   // batch.x, batch.y, batch.shape (the last batch may be shorter)
 * }
 * ```
 */
export function fillWindows(
  frame: FeatureFrame,
  ends: ArrayLike<number>,
  options: { start?: number; count?: number; length?: number; x?: Float32Array; y?: Float32Array } =
    {},
): Windows {
  const length = options.length ?? frame.spec.window;
  const start = options.start ?? 0;
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Window length must be a positive integer, got ${length}`);
  }
  if (!Number.isInteger(start) || start < 0 || start > ends.length) {
    throw new RangeError(`start must be an integer in [0, ${ends.length}], got ${start}`);
  }
  const count = Math.min(options.count ?? ends.length - start, ends.length - start);
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  }
  const f = frame.names.length, n = frame.time.length, block = length * f;
  const x = options.x ?? new Float32Array(count * block);
  const y = options.y ?? new Float32Array(count);
  if (x.length < count * block) {
    throw new RangeError(`x holds ${x.length} floats, need ${count * block} for ${count} windows`);
  }
  if (y.length < count) throw new RangeError(`y holds ${y.length} floats, need ${count}`);
  const values = frame.values, target = frame.target;
  for (let i = 0; i < count; i++) {
    const t = ends[start + i];
    if (!(Number.isInteger(t) && t - length + 1 >= 0 && t < n)) {
      throw new RangeError(`Window ending at row ${t} does not fit in the frame's ${n} rows`);
    }
    x.set(values.subarray((t - length + 1) * f, (t + 1) * f), i * block);
    y[i] = target[t];
  }
  return { x: x.subarray(0, count * block), y: y.subarray(0, count), shape: [count, length, f] };
}

/**
 * All windows ending at `ends` in one preallocated Float32Array [N, length, F], optionally
 * normalised with `norm` first (one pass over the frame, then block copies).
 *
 * Options: `length` (default `frame.spec.window`), `norm` (default none: raw values).
 *
 * @example
 * ```ts
 * const norm = fitNormalizer(frame, trainEnds);
 * const { x, y, shape } = makeWindows(frame, valEnds, { norm });
 * ```
 */
export function makeWindows(
  frame: FeatureFrame,
  ends: ArrayLike<number>,
  options: { length?: number; norm?: NormStats } = {},
): Windows {
  const src = options.norm ? applyNormalizer(frame, options.norm) : frame;
  return fillWindows(src, ends, { length: options.length });
}
