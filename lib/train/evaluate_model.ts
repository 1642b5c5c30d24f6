/**
 * The honest evaluation of a trained model: validation and test scores with day-block bootstrap
 * intervals, beside reference forecasters built on the same days, and the last-step attention's
 * entropy.
 *
 * Forecasters, all scored on the same windows (every `evalStride`-th of each split):
 * - `model`: the Transformer (or the seeds' ensemble), output × train target std + mean;
 * - `zero`; `momentum` (5-minute momentum × a train slope); `ridge` (flattened windows): weak
 *   baselines;
 * - `summary-ridge`: ridge on ~60 multi-horizon summaries of the observables, fitted to the real
 *   target on the training days: **the baseline to beat**;
 * - `ceiling`: the same summaries fitted to `gt_exp_ret_5m` (synthetic data only): a diagnostic of
 *   what the observables can tell with this much data, never traded;
 * - `oracle`: `gt_exp_ret_5m` itself (synthetic data only).
 *
 * @module
 */
import { makeWindows, summaryFeatures, type Windows } from "../features/mod.ts";
import { type Model, predict, predictParallel } from "../model/mod.ts";
import { STRATEGY_DEFAULTS } from "../strategy/mod.ts";
import { fitRidge, fitSlope, momentum, predictRidge, type RidgeModel } from "./baselines.ts";
import { dayBlockBootstrap, pearsonAt } from "../stats/mod.ts";
import {
  type Interval,
  scoreForecast,
  type ScoresWithIntervals,
  scoreWithIntervals,
} from "./evaluate.ts";
import type { Dataset } from "./prepare_dataset.ts";
import { fitSummaryRidge, predictSummaryRidge } from "./summary_ridge.ts";
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
export const FORECASTERS = [
  "model",
  "zero",
  "momentum",
  "ridge",
  "summary-ridge",
  "ceiling",
  "oracle",
] as const;

/** One forecaster's name. */
export type Forecaster = typeof FORECASTERS[number];

/** One row of the evaluation table. */
export interface EvalRow extends ScoresWithIntervals {
  /** `"val"` or `"test"`. */
  split: "val" | "test";
  /** Which forecast. */
  forecaster: Forecaster;
}

/** Entropy of the last-step attention the strategy reads (last layer, heads averaged). */
export interface AttentionEntropy {
  /** Windows measured (the test windows scored). */
  windows: number;
  /** Mean over windows of H(row) / log T: 1 is uniform attention, 0 all weight on one step. */
  meanEntropy: number;
  /** 10 % and 90 % quantiles of H(row) / log T. */
  q10: number;
  q90: number;
}

/** The evaluation table and what it was computed on. */
export interface EvalReport {
  /** Rows for val and test × {@linkcode FORECASTERS} (ceiling and oracle only with ground truth). */
  rows: EvalRow[];
  /** Test IC of the model over the oracle's test IC; null without ground truth. */
  modelToOracleTestIc: number | null;
  /** Whether the model's test IC beats every traded baseline's (zero, momentum, ridge, summary-ridge). */
  beatsBaselinesOnTest: boolean;
  /**
   * Model minus summary-ridge on the test days, with paired 90 % day-block intervals (both
   * forecasts scored on the same resampled days): a difference whose interval contains 0 is no
   * difference. corrOracle only where the data carry ground truth.
   */
  versusSummaryRidge: {
    icDiff: number;
    icDiffCi90: Interval;
    corrOracleDiff: number;
    corrOracleDiffCi90: Interval;
  } | null;
  /** The |prediction| threshold of `shareAboveThreshold` (the strategy's signal threshold). */
  threshold: number;
  /** Last-step attention entropy on the test windows. */
  attention: AttentionEntropy;
  /** Notes on how each forecaster was built. */
  notes: Partial<Record<Forecaster, string>>;
}

/** The reference forecasts and what every forecaster is scored against, per split. */
export interface References {
  /** Window ends scored, per split. */
  ends: { val: Int32Array; test: Int32Array };
  /** The reference forecasts (every forecaster but `model`), per split. */
  forecasts: {
    val: Partial<Record<Forecaster, Float64Array>>;
    test: Partial<Record<Forecaster, Float64Array>>;
  };
  /** How each was built. */
  notes: Partial<Record<Forecaster, string>>;
}

/**
 * Fits the reference forecasters on the training days (λ's on validation) and predicts them on
 * the scored windows of validation and test. Computed once per dataset, shared by every seed.
 *
 * @example
 * ```ts
 * const refs = referenceForecasts(ds, config);
 * refs.forecasts.test["summary-ridge"]; // Float64Array, one per test window
 * ```
 */
export function referenceForecasts(
  ds: Dataset,
  config: Pick<TrainConfig, "evalStride" | "ridgeStride">,
): References {
  const close = ds.table.close, target = ds.frame.target;
  const gt = ds.table.groundTruth?.gt_exp_ret_5m ?? null;
  const ends = {
    val: ds.ends.val.filter((_, i) => i % config.evalStride === 0),
    test: ds.ends.test.filter((_, i) => i % config.evalStride === 0),
  };
  const trainEnds = ds.ends.train.filter((_, i) => i % config.ridgeStride === 0);
  const train = makeWindows(ds.frame, trainEnds);
  const ridge = tuneRidge(train, makeWindows(ds.frame, ds.ends.val));
  const beta = fitSlope(momentum(close, trainEnds), train.y);

  // Summary ridge: every bar of the training days with a finite target.
  const summary = summaryFeatures(ds.table, { tickSize: ds.frame.spec.tickSize });
  const barsOf = (days: number[]) => {
    const set = new Set(days), out: number[] = [];
    for (let t = 0; t < ds.frame.tradingDay.length; t++) {
      if (set.has(ds.frame.tradingDay[t])) out.push(t);
    }
    return Int32Array.from(out);
  };
  const trainBars = barsOf(ds.split.train), valBars = barsOf(ds.split.val);
  const sRidge = fitSummaryRidge(summary, trainBars, target, valBars);
  const ceiling = gt ? fitSummaryRidge(summary, trainBars, gt, valBars) : null;

  const forecasts = { val: {}, test: {} } as References["forecasts"];
  for (const split of ["val", "test"] as const) {
    const e = ends[split];
    const f = forecasts[split];
    f.zero = new Float64Array(e.length);
    f.momentum = momentum(close, e).map((m) => m * beta);
    f.ridge = predictRidge(ridge, makeWindows(ds.frame, e).x);
    f["summary-ridge"] = predictSummaryRidge(sRidge, summary, e);
    if (ceiling && gt) {
      f.ceiling = predictSummaryRidge(ceiling, summary, e);
      f.oracle = Float64Array.from(e, (t) => gt[t]);
    }
  }
  const cols = `${summary.names.length} summary columns`;
  return {
    ends,
    forecasts,
    notes: {
      model: "Transformer, best-validation checkpoint; output × train target std + mean",
      zero: "always 0 (IC undefined: a constant has no correlation)",
      momentum: `close[t]/close[t−5] − 1 times the train slope ${beta.toPrecision(3)}`,
      ridge: `ridge on the flattened normalised windows (every ${config.ridgeStride}th train ` +
        `window), λ = ${ridge.lambda} per sample chosen by validation MSE`,
      "summary-ridge": `ridge on ${cols} (lib/features summaryFeatures) fitted to the realised ` +
        `5-minute return on every training bar, λ = ${sRidge.ridge.lambda} by validation MSE: ` +
        "the baseline to beat",
      ...(ceiling
        ? {
          ceiling: `the same ${cols} fitted to gt_exp_ret_5m (noise-free) on the training bars, ` +
            `λ = ${ceiling.ridge.lambda}: what the observables can tell; diagnostic, never traded`,
          oracle: "the generator's gt_exp_ret_5m: the best any model could do",
        }
        : {}),
    },
  };
}

/** The model's de-standardised predictions and last-step attention rows, per split. */
export interface ModelOutputs {
  val: { prediction: Float64Array };
  test: { prediction: Float64Array; attention: Float32Array };
}

/**
 * Predicts the scored windows of validation and test (attention rows on test), on `workers`
 * Deno Workers when there are enough windows.
 *
 * @example
 * ```ts
 * const outputs = await modelOutputs(model, ds, refs, { workers: 2 });
 * ```
 */
export async function modelOutputs(
  model: Model,
  ds: Dataset,
  refs: Pick<References, "ends">,
  options: { workers?: number } = {},
): Promise<ModelOutputs> {
  const { targetMean, targetStd } = ds.norm;
  const run = async (ends: Int32Array, returnAttention: boolean) => {
    const { x } = makeWindows(ds.frame, ends);
    const out = (options.workers ?? 1) > 1
      ? await predictParallel(model, x, { workers: options.workers, returnAttention })
      : await predict(model, x, { returnAttention });
    return {
      prediction: Float64Array.from(out.predictions, (p) => p * targetStd + targetMean),
      attention: out.attention,
    };
  };
  const val = await run(refs.ends.val, false);
  const test = await run(refs.ends.test, true);
  return { val, test: { prediction: test.prediction, attention: test.attention! } };
}

/**
 * Scores every forecaster with intervals and measures the attention entropy.
 *
 * @example
 * ```ts
 * const report = scoreEvaluation(ds, refs, outputs);
 * ```
 * @param options.threshold |prediction| threshold; default the strategy's signal threshold.
 * @param options.reps bootstrap resamples; default 1000.
 */
export function scoreEvaluation(
  ds: Dataset,
  refs: References,
  outputs: ModelOutputs,
  options: { threshold?: number; reps?: number } = {},
): EvalReport {
  const threshold = options.threshold ?? STRATEGY_DEFAULTS.signalThreshold;
  const gt = ds.table.groundTruth?.gt_exp_ret_5m ?? null;
  const rows: EvalRow[] = [];
  for (const split of ["val", "test"] as const) {
    const e = refs.ends[split];
    if (e.length === 0) continue;
    const realised = Float64Array.from(e, (t) => ds.frame.target[t]);
    const days = Int32Array.from(e, (t) => ds.frame.tradingDay[t]);
    const oracle = gt ? Float64Array.from(e, (t) => gt[t]) : null;
    const all = { ...refs.forecasts[split], model: outputs[split].prediction };
    for (const forecaster of FORECASTERS) {
      const f = all[forecaster];
      if (f === undefined) continue;
      rows.push({
        split,
        forecaster,
        ...scoreWithIntervals(f, realised, { days, oracle, threshold, reps: options.reps }),
      });
    }
  }
  const test = (f: Forecaster) => rows.find((r) => r.split === "test" && r.forecaster === f);
  const modelIc = test("model")?.ic ?? NaN;
  const baselineIcs = (["zero", "momentum", "ridge", "summary-ridge"] as const)
    .map((f) => test(f)?.ic ?? NaN).filter(Number.isFinite);
  return {
    rows,
    modelToOracleTestIc: test("oracle") ? modelIc / test("oracle")!.ic : null,
    beatsBaselinesOnTest: baselineIcs.every((ic) => modelIc > ic),
    versusSummaryRidge: versus(ds, refs, outputs, options.reps),
    threshold,
    attention: attentionEntropy(outputs.test.attention, ds.frame.spec.window),
    notes: refs.notes,
  };
}

/** Model minus summary-ridge on test: IC and corrOracle differences with paired intervals. */
function versus(
  ds: Dataset,
  refs: References,
  outputs: ModelOutputs,
  reps = 1000,
): EvalReport["versusSummaryRidge"] {
  const e = refs.ends.test, other = refs.forecasts.test["summary-ridge"];
  if (e.length === 0 || other === undefined) return null;
  const model = outputs.test.prediction;
  const realised = Float64Array.from(e, (t) => ds.frame.target[t]);
  const gt = ds.table.groundTruth?.gt_exp_ret_5m;
  const oracle = gt ? Float64Array.from(e, (t) => gt[t]) : null;
  const days = Int32Array.from(e, (t) => ds.frame.tradingDay[t]);
  const diff = (truth: Float64Array) => {
    const ci = dayBlockBootstrap(
      days,
      (rows) => pearsonAt(model, truth, rows) - pearsonAt(other, truth, rows),
      { reps },
    );
    return [ci.estimate, [ci.lo, ci.hi] as Interval] as const;
  };
  const [icDiff, icDiffCi90] = diff(realised);
  const [corrOracleDiff, corrOracleDiffCi90] = oracle
    ? diff(oracle)
    : [NaN, [NaN, NaN] as Interval];
  return { icDiff, icDiffCi90, corrOracleDiff, corrOracleDiffCi90 };
}

/**
 * Mean entropy of attention rows `[N, T]`, as a share of log T (see {@linkcode AttentionEntropy}).
 *
 * @example
 * ```ts
 * attentionEntropy(new Float32Array(60).fill(1 / 60), 60).meanEntropy; // 1
 * ```
 */
export function attentionEntropy(rows: Float32Array, T: number): AttentionEntropy {
  const N = rows.length / T;
  const h = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    let s = 0;
    for (let j = n * T; j < (n + 1) * T; j++) {
      const p = rows[j];
      if (p > 0) s -= p * Math.log(p);
    }
    h[n] = s / Math.log(T);
  }
  const sorted = h.slice().sort();
  const q = (p: number) => N === 0 ? NaN : sorted[Math.min(N - 1, Math.floor(p * N))];
  return {
    windows: N,
    meanEntropy: N === 0 ? NaN : h.reduce((a, b) => a + b, 0) / N,
    q10: q(0.1),
    q90: q(0.9),
  };
}

/**
 * Score the model, the reference forecasters and the oracle on validation and test windows
 * (every `config.evalStride`-th), with day-block bootstrap intervals; see the module doc.
 *
 * @example
 * ```ts
 * const report = await evaluateModel(run.model, ds, cfg);
 * report.rows.find((r) => r.split === "test" && r.forecaster === "model")?.icCi90;
 * ```
 * @param options.references precomputed {@linkcode referenceForecasts} (shared across seeds).
 * @param options.workers Deno Workers for the model's predictions; default 1 (this thread).
 */
export async function evaluateModel(
  model: Model,
  ds: Dataset,
  config: Pick<TrainConfig, "evalStride" | "ridgeStride">,
  options: { references?: References; workers?: number; threshold?: number } = {},
): Promise<EvalReport> {
  const refs = options.references ?? referenceForecasts(ds, config);
  const outputs = await modelOutputs(model, ds, refs, { workers: options.workers });
  return scoreEvaluation(ds, refs, outputs, { threshold: options.threshold });
}
