/**
 * Feature standardisation fitted on the training windows only, plus the target's scale.
 *
 * `fitNormalizer` takes the TRAIN window ends: feature means and standard deviations come from
 * the rows those windows read ({@linkcode windowRows}), the target's mean and standard deviation
 * from the targets at the window ends. Nothing from validation or test bars enters the stats.
 * `applyNormalizer` maps x → clamp((x − mean) / std, −clip, clip); NaN stays NaN. A feature that
 * is constant on the training rows gets std 1 (it is only centred).
 *
 * {@linkcode NormStats} is plain JSON, so a checkpoint can store it; {@linkcode parseNormStats}
 * checks one read back.
 *
 * @module
 */

import { mean, std } from "../stats/moments.ts";
import type { FeatureFrame } from "./build_features.ts";
import { windowRows } from "./window_rows.ts";

/** Fitted normalisation statistics (plain JSON). */
export interface NormStats {
  /** Feature names, in column order; a frame must match them exactly. */
  names: string[];
  /** Per-feature mean over the training rows. */
  mean: number[];
  /** Per-feature sample standard deviation (ddof 1) over the training rows; 1 if constant. */
  std: number[];
  /** Standardised values are clamped to ±clip. */
  clip: number;
  /** Mean of the target over the training window ends. */
  targetMean: number;
  /** Sample standard deviation of the target over the training window ends (for loss scaling). */
  targetStd: number;
  /** Number of training rows the feature stats used. */
  rows: number;
  /** Number of training windows (ends) the target stats used. */
  windows: number;
}

/**
 * Fit feature and target statistics on the training windows.
 *
 * `trainEnds` are the end rows of the training windows (from {@linkcode windowEnds}); feature
 * stats use every row those windows cover, target stats the targets at the ends (non-finite
 * targets skipped). Options: `length` (default `frame.spec.window`), `clip` (default 5, finite
 * and > 0). Throws RangeError for no ends, a bad clip, a feature with no finite training value or
 * a target without a finite, non-zero standard deviation.
 *
 * @example
 * ```ts
 * const trainEnds = windowEnds(frame, split.train);
 * const norm = fitNormalizer(frame, trainEnds, { clip: 5 });
 * JSON.stringify(norm); // stored in the checkpoint
 * ```
 */
export function fitNormalizer(
  frame: FeatureFrame,
  trainEnds: ArrayLike<number>,
  options: { length?: number; clip?: number } = {},
): NormStats {
  const length = options.length ?? frame.spec.window;
  const clip = options.clip ?? 5;
  if (!Number.isFinite(clip) || clip <= 0) {
    throw new RangeError(`clip must be a finite positive number, got ${clip}`);
  }
  if (trainEnds.length === 0) throw new RangeError("Cannot fit a normaliser on zero windows");
  const n = frame.time.length, f = frame.names.length;
  for (let i = 0; i < trainEnds.length; i++) {
    if (!(trainEnds[i] >= 0 && trainEnds[i] < n)) {
      throw new RangeError(`Window end ${trainEnds[i]} is outside the frame's ${n} rows`);
    }
  }
  const rows = windowRows(trainEnds, { length });
  const col = new Float64Array(rows.length);
  const means: number[] = [], stds: number[] = [];
  for (let j = 0; j < f; j++) {
    for (let i = 0; i < rows.length; i++) col[i] = frame.values[rows[i] * f + j];
    const m = mean(col);
    if (!Number.isFinite(m)) {
      throw new RangeError(`Feature ${frame.names[j]} has no finite value on the training rows`);
    }
    const s = std(col);
    means.push(m);
    stds.push(Number.isFinite(s) && s > 0 ? s : 1);
  }
  const y = new Float64Array(trainEnds.length);
  for (let i = 0; i < y.length; i++) y[i] = frame.target[trainEnds[i]];
  const targetMean = mean(y), targetStd = std(y);
  if (!(Number.isFinite(targetStd) && targetStd > 0)) {
    throw new RangeError(
      `Target standard deviation over ${y.length} training windows is ${targetStd}; ` +
        "need a finite positive value",
    );
  }
  return {
    names: [...frame.names],
    mean: means,
    std: stds,
    clip,
    targetMean,
    targetStd,
    rows: rows.length,
    windows: trainEnds.length,
  };
}

/**
 * A copy of `frame` whose values are standardised with `stats` and clamped to ±`stats.clip`
 * (NaN stays NaN). Other fields are shared with `frame`. Throws TypeError when the frame's
 * feature names differ from `stats.names`.
 *
 * @example
 * ```ts
 * const normed = applyNormalizer(frame, norm);
 * const batch = fillWindows(normed, ends, { start: 0, count: 256 });
 * ```
 */
export function applyNormalizer(frame: FeatureFrame, stats: NormStats): FeatureFrame {
  const f = frame.names.length;
  if (f !== stats.names.length || frame.names.some((name, j) => name !== stats.names[j])) {
    throw new TypeError(
      `Normaliser was fitted on features [${stats.names.join(", ")}] but the frame has ` +
        `[${frame.names.join(", ")}]`,
    );
  }
  const src = frame.values, out = new Float32Array(src.length);
  const m = Float64Array.from(stats.mean), inv = Float64Array.from(stats.std, (s) => 1 / s);
  const lo = -stats.clip, hi = stats.clip;
  for (let k = 0, j = 0; k < src.length; k++) {
    const z = (src[k] - m[j]) * inv[j];
    out[k] = z < lo ? lo : z > hi ? hi : z; // NaN fails both tests and stays NaN
    if (++j === f) j = 0;
  }
  return { ...frame, values: out };
}

/**
 * Check a value read back from JSON and return it as {@linkcode NormStats}. Throws TypeError
 * naming the first bad field.
 *
 * @example
 * ```ts
 * const norm = parseNormStats(JSON.parse(await Deno.readTextFile("model/norm.json")));
 * ```
 */
export function parseNormStats(value: unknown): NormStats {
  if (typeof value !== "object" || value === null) {
    throw new TypeError("Normaliser stats must be an object");
  }
  const v = value as Record<string, unknown>;
  const isNums = (x: unknown) =>
    Array.isArray(x) && x.every((e) => typeof e === "number" && Number.isFinite(e));
  if (!Array.isArray(v.names) || !v.names.every((s) => typeof s === "string")) {
    throw new TypeError("Normaliser stats field names must be an array of strings");
  }
  const f = v.names.length;
  for (const key of ["mean", "std"]) {
    if (!isNums(v[key]) || (v[key] as number[]).length !== f) {
      throw new TypeError(`Normaliser stats field ${key} must be ${f} finite numbers`);
    }
  }
  if ((v.std as number[]).some((s) => s <= 0)) {
    throw new TypeError("Normaliser stats field std must be positive");
  }
  for (const key of ["clip", "targetMean", "targetStd", "rows", "windows"]) {
    if (typeof v[key] !== "number" || !Number.isFinite(v[key])) {
      throw new TypeError(`Normaliser stats field ${key} must be a finite number`);
    }
  }
  if ((v.clip as number) <= 0 || (v.targetStd as number) <= 0) {
    throw new TypeError("Normaliser stats fields clip and targetStd must be positive");
  }
  return {
    names: [...v.names],
    mean: [...(v.mean as number[])],
    std: [...(v.std as number[])],
    clip: v.clip as number,
    targetMean: v.targetMean as number,
    targetStd: v.targetStd as number,
    rows: v.rows as number,
    windows: v.windows as number,
  };
}
