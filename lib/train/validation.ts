/**
 * The validation scores computed after every epoch: loss and IC of the model's predictions on
 * the validation targets, in the form the training loss reads them.
 *
 * With all-step supervision the validation windows tile the validation days exactly as an
 * training epoch tiles the training days (stride T − lossFrom, offset 0), and every step ≥
 * lossFrom is scored: each validation bar once, about 12,000 targets on the default year from
 * some 200 windows. With last-step supervision, the last step of every `valStride`-th validation
 * window.
 *
 * @module
 */
import { pearson } from "../stats/mod.ts";
import type { Dataset } from "./prepare_dataset.ts";
import type { TrainConfig } from "./train_config.ts";
import { fillTargetBatch, stepWindowEnds, tileEnds } from "./window_sampler.ts";

/** Validation windows and their standardised targets (NaN where a step is not scored). */
export interface ValidationSet {
  /** Windows `[N, T, F]`. */
  x: Float32Array;
  /** Targets `[N, T]` (all-step) or `[N]` (last-step), standardised; NaN = not scored. */
  y: Float32Array;
  /** Whether `y` holds every step's target. */
  allSteps: boolean;
  /** Scored targets. */
  targets: number;
}

/**
 * The validation set of `config.supervision` (see the module doc).
 *
 * @example
 * ```ts
 * const val = validationSet(ds, config);
 * val.targets; // ≈ 12,000 on the default year (all-step)
 * ```
 */
export function validationSet(
  ds: Dataset,
  config: Pick<TrainConfig, "supervision" | "lossFrom" | "valStride">,
): ValidationSet {
  const T = ds.frame.spec.window;
  const allSteps = config.supervision === "all";
  const ends = allSteps
    ? tileEnds(stepWindowEnds(ds.frame, ds.split.val, config), T - config.lossFrom, 0)
    : ds.ends.val.filter((_, i) => i % config.valStride === 0);
  if (ends.length === 0) throw new RangeError(`${ds.table.source} gives no validation windows`);
  const b = fillTargetBatch(ds.frame, ends, {
    steps: allSteps ? "all" : "last",
    lossFrom: config.lossFrom,
    targetMean: ds.norm.targetMean,
    targetStd: ds.norm.targetStd,
  });
  let targets = 0;
  for (let i = 0; i < b.y.length; i++) {
    if (b.weight[i] === 0) b.y[i] = NaN;
    else targets++;
  }
  return { x: b.x, y: b.y, allSteps, targets };
}

/** Validation scores of one set of predictions. */
export interface ValidationScores {
  /** Mean loss (MSE or Huber) in standardised target units. */
  loss: number;
  /** Pearson correlation of prediction and target. */
  ic: number;
}

/**
 * Loss and IC of `predictions` (laid out like `val.y`) on the scored targets.
 *
 * @example
 * ```ts
 * const { loss, ic } = scoreValidation(predictions, val, config);
 * ```
 */
export function scoreValidation(
  predictions: Float32Array,
  val: ValidationSet,
  config: Pick<TrainConfig, "loss" | "huberDelta">,
): ValidationScores {
  let s = 0, n = 0;
  for (let i = 0; i < val.y.length; i++) {
    const y = val.y[i];
    if (!Number.isFinite(y)) continue;
    const e = predictions[i] - y;
    if (config.loss === "mse") s += e * e;
    else {
      const a = Math.abs(e), q = Math.min(a, config.huberDelta);
      s += 0.5 * q * q + config.huberDelta * (a - q);
    }
    n++;
  }
  return { loss: s / n, ic: pearson(predictions, val.y) };
}
