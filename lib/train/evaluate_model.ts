/**
 * The honest evaluation of a trained model: validation and test scores beside simple baselines and
 * the generator's oracle.
 *
 * @module
 */
import { makeWindows, type Windows } from "../features/mod.ts";
import { type Model, predict } from "../model/mod.ts";
import { fitRidge, fitSlope, momentum, predictRidge, type RidgeModel } from "./baselines.ts";
import { type ForecastScores, scoreForecast } from "./evaluate.ts";
import type { Dataset } from "./prepare_dataset.ts";
import type { TrainConfig } from "./train_config.ts";

/** The ridge penalties tried; the one with the lowest validation MSE is kept. */
export const RIDGE_LAMBDAS = [1, 10, 100, 1000, 10000] as const;

/** Fit ridge for each penalty in {@linkcode RIDGE_LAMBDAS}; keep the best on validation. */
function tuneRidge(train: Windows, val: Windows): RidgeModel {
  let best: { model: RidgeModel; mse: number } | null = null;
  for (const lambda of RIDGE_LAMBDAS) {
    const model = fitRidge(train.x, train.y, { lambda });
    const { mse } = scoreForecast(predictRidge(model, val.x), val.y);
    if (best === null || mse < best.mse) best = { model, mse };
  }
  return best!.model;
}

/** The forecasters compared, in table order. */
export const FORECASTERS = ["model", "zero", "momentum", "ridge", "oracle"] as const;

/** One forecaster's name. */
export type Forecaster = typeof FORECASTERS[number];

/** One row of the evaluation table. */
export interface EvalRow extends ForecastScores {
  /** `"val"` or `"test"`. */
  split: "val" | "test";
  /** Which forecast. */
  forecaster: Forecaster;
}

/** The evaluation table and what it was computed on. */
export interface EvalReport {
  /**
   * Rows for val and test × model, zero, momentum (5-min, slope fit on train), ridge, and the
   * oracle when the data carry ground truth (no oracle rows otherwise).
   */
  rows: EvalRow[];
  /** Test IC of the model over the oracle's test IC; null without ground truth. */
  modelToOracleTestIc: number | null;
  /** Whether the model's test IC beats every baseline's. */
  beatsBaselinesOnTest: boolean;
  /** Notes on how each forecaster was built. */
  notes: Record<Forecaster, string>;
}

/**
 * Score the model, the baselines and the oracle on validation and test windows (every
 * `config.evalStride`-th). Scores are in return units: the model's standardised output is mapped
 * back with the training target mean and std.
 *
 * @example
 * ```ts
 * const report = await evaluateModel(run.model, ds, cfg);
 * console.table(report.rows);
 * ```
 */
export async function evaluateModel(
  model: Model,
  ds: Dataset,
  config: Pick<TrainConfig, "evalStride" | "ridgeStride">,
): Promise<EvalReport> {
  const { targetMean, targetStd } = ds.norm;
  const close = ds.table.close;
  const gt = ds.table.groundTruth?.gt_exp_ret_5m ?? null;

  // Baselines fitted on train only.
  const trainEnds = ds.ends.train.filter((_, i) => i % config.ridgeStride === 0);
  const train = makeWindows(ds.frame, trainEnds);
  const ridge = tuneRidge(train, makeWindows(ds.frame, ds.ends.val));
  const beta = fitSlope(momentum(close, trainEnds), train.y);

  const rows: EvalRow[] = [];
  for (const split of ["val", "test"] as const) {
    const ends = ds.ends[split].filter((_, i) => i % config.evalStride === 0);
    if (ends.length === 0) continue;
    const w = makeWindows(ds.frame, ends);
    const { predictions } = await predict(model, w.x);
    const forecasts: Record<Forecaster, ArrayLike<number>> = {
      model: predictions.map((p) => p * targetStd + targetMean),
      zero: new Float64Array(ends.length),
      momentum: momentum(close, ends).map((m) => m * beta),
      ridge: predictRidge(ridge, w.x),
      oracle: gt ? Float64Array.from(ends, (t) => gt[t]) : new Float64Array(),
    };
    for (const forecaster of FORECASTERS.filter((f) => gt || f !== "oracle")) {
      rows.push({ split, forecaster, ...scoreForecast(forecasts[forecaster], w.y) });
    }
  }
  const test = (f: Forecaster) => rows.find((r) => r.split === "test" && r.forecaster === f);
  const modelIc = test("model")?.ic ?? NaN;
  const baselineIcs = (["zero", "momentum", "ridge"] as const).map((f) => test(f)?.ic ?? NaN)
    .filter(Number.isFinite);
  return {
    rows,
    modelToOracleTestIc: gt ? modelIc / (test("oracle")?.ic ?? NaN) : null,
    beatsBaselinesOnTest: baselineIcs.every((ic) => modelIc > ic),
    notes: {
      model: "Transformer, best-validation checkpoint; output × train target std + mean",
      zero: "always 0 (IC undefined: a constant has no correlation)",
      momentum: `close[t]/close[t−5] − 1 times the train slope ${beta.toPrecision(3)}`,
      ridge: `ridge on the flattened normalised windows (every ${config.ridgeStride}th train ` +
        `window), λ = ${ridge.lambda} per sample chosen by validation MSE from ` +
        `${RIDGE_LAMBDAS.join(", ")}`,
      oracle: gt
        ? "the generator's gt_exp_ret_5m: the best any model could do"
        : "absent: the data has no ground truth",
    },
  };
}
