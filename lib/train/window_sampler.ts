/**
 * Which windows a training epoch reads, and their targets.
 *
 * **All-step supervision.** The encoder is causal, so step p of the window ending at bar e sees
 * bars e−T+1 … e−T+1+p and can be trained on that bar's own target, the 5-minute return
 * close[r+5]/close[r] − 1 of bar r = e−T+1+p. The frame's target is NaN whenever r+5 lies in
 * another trading day, and a window's bars all lie in one split (`windowEnds`), so no target
 * crosses a day or a split: a NaN target gets weight 0 and is left out. Steps before `lossFrom`
 * (which see fewer than lossFrom + 1 bars) get weight 0 too.
 *
 * **Coverage.** An epoch tiles the split: window ends e with (e − offset) mod S = 0, stride
 * S = T − lossFrom, offset drawn per epoch. The supervised steps of consecutive tiles are then
 * adjacent, so every bar's target is used about once per epoch (bars before the first eligible
 * end of a stretch are missed, at most S − 1 per stretch), and the tiles move with the offset.
 *
 * **Last-step supervision** (the original): the target of the last step only, windows drawn at
 * random without replacement.
 *
 * @module
 */
import { type FeatureFrame, fillWindows, windowEnds } from "../features/mod.ts";
import { seededRng } from "../stats/random.ts";

/**
 * Ends of the windows that all-step training and validation can use on `days`: every bar of the
 * window in the split with finite features, and at least one finite target at a step ≥
 * `lossFrom`.
 *
 * @example
 * ```ts
 * const ends = stepWindowEnds(ds.frame, ds.split.train, { lossFrom: 0 });
 * ```
 */
export function stepWindowEnds(
  frame: FeatureFrame,
  days: ArrayLike<number>,
  options: { lossFrom: number },
): Int32Array {
  const T = frame.spec.window;
  const all = windowEnds(frame, days, { requireTarget: false });
  return all.filter((e) => {
    for (let r = e - T + 1 + options.lossFrom; r <= e; r++) {
      if (Number.isFinite(frame.target[r])) return true;
    }
    return false;
  });
}

/**
 * The ends e of `ends` with (e − offset) mod stride = 0: one tiling of the split.
 *
 * @example
 * ```ts
 * tileEnds(Int32Array.from([59, 60, 61, 62, 63]), 2, 1); // [59, 61, 63]
 * ```
 */
export function tileEnds(ends: Int32Array, stride: number, offset: number): Int32Array {
  if (!Number.isInteger(stride) || stride < 1) {
    throw new RangeError(`stride must be a positive integer, got ${stride}`);
  }
  const o = ((offset % stride) + stride) % stride;
  return ends.filter((e) => e % stride === o);
}

/**
 * Fisher–Yates shuffle of a copy of `src`, seeded.
 *
 * @example
 * ```ts
 * shuffled(Int32Array.from([1, 2, 3]), 7); // the same order for seed 7 every time
 * ```
 */
export function shuffled(src: Int32Array, seed: number): Int32Array {
  const out = src.slice();
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** A training batch in the flat layout the gradient pool takes. */
export interface TargetBatch {
  /** Windows `[B, T, F]`. */
  x: Float32Array;
  /** Standardised targets: `[B, T]` (every step) or `[B]` (last step); 0 where left out. */
  y: Float32Array;
  /** 1 where a target counts, 0 where it is left out; same length as `y`. */
  weight: Float32Array;
}

/** Options of {@linkcode fillTargetBatch}. */
export interface TargetBatchOptions {
  /** `"all"`: every step's target; `"last"`: the last step's. */
  steps: "all" | "last";
  /** First step (0-based) whose target counts with `steps: "all"`. */
  lossFrom: number;
  /** Targets become (target − mean) / std. */
  targetMean: number;
  targetStd: number;
  /** Buffers to fill (allocated when absent). */
  buffers?: TargetBatch;
}

/**
 * The windows ending at `ends` with their standardised targets and weights (see the module
 * doc). `frame` must be normalised.
 *
 * @example
 * ```ts
 * const b = fillTargetBatch(ds.frame, ends.subarray(0, 64), {
 *   steps: "all", lossFrom: 0, targetMean: ds.norm.targetMean, targetStd: ds.norm.targetStd,
 * });
 * b.y.length; // 64 · 60
 * ```
 */
export function fillTargetBatch(
  frame: FeatureFrame,
  ends: Int32Array,
  options: TargetBatchOptions,
): TargetBatch {
  const T = frame.spec.window, F = frame.names.length, B = ends.length;
  const per = options.steps === "all" ? T : 1;
  const buf = options.buffers;
  const x = buf && buf.x.length >= B * T * F ? buf.x.subarray(0, B * T * F) : undefined;
  const { x: xs } = fillWindows(frame, ends, { x });
  const y = buf && buf.y.length >= B * per ? buf.y.subarray(0, B * per) : new Float32Array(B * per);
  const weight = buf && buf.weight.length >= B * per
    ? buf.weight.subarray(0, B * per)
    : new Float32Array(B * per);
  const { targetMean: mu, targetStd: sd } = options;
  const from = per === 1 ? T - 1 : options.lossFrom;
  for (let i = 0; i < B; i++) {
    const first = ends[i] - T + 1;
    for (let p = T - per; p < T; p++) {
      const k = i * per + p - (T - per);
      const target = frame.target[first + p];
      const use = p >= from && Number.isFinite(target);
      y[k] = use ? (target - mu) / sd : 0;
      weight[k] = use ? 1 : 0;
    }
  }
  return { x: xs, y, weight };
}
