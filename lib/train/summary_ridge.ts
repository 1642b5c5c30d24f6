/**
 * Ridge regression on the multi-horizon summaries of lib/features `summaryFeatures`: the
 * `summary-ridge` reference forecaster (fitted to the realised 5-minute return on the training
 * days: the baseline to beat) and the `ceiling` diagnostic (the same inputs fitted to the
 * generator's noise-free expectation `gt_exp_ret_5m`: what the observables can tell with this
 * much data; never traded).
 *
 * @module
 */
import type { SummaryFrame } from "../features/mod.ts";
import { fitRidge, predictRidge, type RidgeModel } from "./baselines.ts";

/** Penalties per sample tried; the lowest validation MSE against the fitted target wins. */
export const SUMMARY_RIDGE_LAMBDAS = [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100] as const;

/** A fitted summary ridge: standardisation, clip and the ridge model. */
export interface SummaryRidge {
  /** Column means and standard deviations over the training rows. */
  mean: Float64Array;
  std: Float64Array;
  /** Standardised values are clamped to ±clip (5). */
  clip: number;
  /** The ridge fit (λ chosen on validation). */
  ridge: RidgeModel;
}

/**
 * Fits ridge on the summary rows `trainRows` (bar indices) to `target` (one value per bar),
 * choosing λ from {@linkcode SUMMARY_RIDGE_LAMBDAS} by MSE on `valRows`. Rows with a non-finite
 * column or target are skipped.
 *
 * @example
 * ```ts
 * const s = summaryFeatures(table);
 * const m = fitSummaryRidge(s, trainBars, frame.target, valBars);
 * const pred = predictSummaryRidge(m, s, testEnds);
 * ```
 */
export function fitSummaryRidge(
  summary: SummaryFrame,
  trainRows: ArrayLike<number>,
  target: ArrayLike<number>,
  valRows: ArrayLike<number>,
): SummaryRidge {
  const d = summary.names.length;
  const train = completeRows(summary, trainRows, target);
  if (train.length < 2 * d) {
    throw new RangeError(`${train.length} complete training rows cannot fit ${d} summary columns`);
  }
  const mean = new Float64Array(d), std = new Float64Array(d);
  for (const t of train) for (let j = 0; j < d; j++) mean[j] += summary.values[t * d + j];
  for (let j = 0; j < d; j++) mean[j] /= train.length;
  for (const t of train) {
    for (let j = 0; j < d; j++) std[j] += (summary.values[t * d + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] / (train.length - 1));
    std[j] = s > 0 ? s : 1;
  }
  const base = { mean, std, clip: 5 };
  const x = standardised(base, summary, train);
  const y = Float64Array.from(train, (t) => target[t]);
  const val = completeRows(summary, valRows, target);
  const xVal = standardised(base, summary, val);
  let best: { ridge: RidgeModel; mse: number } | null = null;
  for (const lambda of SUMMARY_RIDGE_LAMBDAS) {
    const ridge = fitRidge(x, y, { lambda });
    const pred = predictRidge(ridge, xVal);
    let mse = 0;
    for (let i = 0; i < val.length; i++) mse += (pred[i] - target[val[i]]) ** 2;
    mse /= Math.max(1, val.length);
    if (best === null || mse < best.mse) best = { ridge, mse };
  }
  return { ...base, ridge: best!.ridge };
}

/**
 * Predictions of a fitted summary ridge at bars `rows`; NaN where a column is not finite.
 *
 * @example
 * ```ts
 * const pred = predictSummaryRidge(model, summaryFeatures(table), ends);
 * ```
 */
export function predictSummaryRidge(
  model: SummaryRidge,
  summary: SummaryFrame,
  rows: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(rows.length).fill(NaN);
  const ok = completeRows(summary, rows, null);
  const pred = predictRidge(model.ridge, standardised(model, summary, ok));
  const at = new Map<number, number>();
  ok.forEach((t, i) => at.set(t, pred[i]));
  for (let i = 0; i < rows.length; i++) out[i] = at.get(rows[i]) ?? NaN;
  return out;
}

/** The rows among `rows` whose columns (and target, when given) are all finite. */
function completeRows(
  summary: SummaryFrame,
  rows: ArrayLike<number>,
  target: ArrayLike<number> | null,
): Int32Array {
  const d = summary.names.length;
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i];
    if (target !== null && !Number.isFinite(target[t])) continue;
    let ok = true;
    for (let j = 0; ok && j < d; j++) ok = Number.isFinite(summary.values[t * d + j]);
    if (ok) out.push(t);
  }
  return Int32Array.from(out);
}

/** Standardised, clamped rows as one row-major Float32Array. */
function standardised(
  s: Pick<SummaryRidge, "mean" | "std" | "clip">,
  summary: SummaryFrame,
  rows: Int32Array,
): Float32Array {
  const d = summary.names.length;
  const out = new Float32Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < d; j++) {
      const z = (summary.values[rows[i] * d + j] - s.mean[j]) / s.std[j];
      out[i * d + j] = Math.max(-s.clip, Math.min(s.clip, z));
    }
  }
  return out;
}
