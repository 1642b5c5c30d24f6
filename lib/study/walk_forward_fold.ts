/**
 * One walk-forward fold, as two steps: train a model on the fold's training days (warm-started
 * from the previous fold's), then predict its validation and test days, choose thresholds on the
 * validation days alone and keep the test days' per-bar outputs for stitching.
 *
 * The trainer is called through {@linkcode trainFold} only, so lib/train's options can change
 * underneath without the walk-forward noticing.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import type { DaySplit } from "../features/mod.ts";
import { disposeModel } from "../model/mod.ts";
import {
  prepareDataset,
  type TrainConfig,
  type TrainedDays,
  trainModel,
  type TrainProgress,
  type TrainResult,
} from "../train/mod.ts";
import { strategyConfig } from "../strategy/mod.ts";
import { predictPeriod } from "./predict_period.ts";
import type { ForecastQuality, ThresholdPoint } from "./records.ts";
import { engineConfig, type RunBacktestConfig } from "./run_backtest_config.ts";
import { chooseCell, gridOn, pointOf, specPoint, thresholdAxes } from "./threshold_study.ts";
import { forecastQuality } from "./period_analysis.ts";
import { loadTrained } from "./trained_model.ts";
import type { Fold } from "./walk_forward_plan.ts";

/** What training a fold reports. */
export interface FoldTraining {
  /** Epochs run. */
  epochs: number;
  /** Best epoch (its weights are the fold's model). */
  bestEpoch: number;
  /** Best validation loss. */
  bestValLoss: number;
  /** Why training stopped. */
  stopReason: TrainResult["stopReason"];
  /** The checkpoint it started from (warm start), or null (fresh weights). */
  warmFrom: string | null;
  /** Wall seconds. */
  seconds: number;
}

/** The explicit split of a fold, as lib/features' `DaySplit`. */
function foldSplit(fold: Fold, purgeDays: number): DaySplit {
  const n = fold.train.length + fold.val.length + fold.test.length;
  return {
    train: fold.train,
    val: fold.val,
    test: fold.test,
    purged: fold.purged,
    options: {
      train: fold.train.length / n,
      val: fold.val.length / n,
      test: fold.test.length / n,
      purgeDays,
    },
  };
}

/**
 * Train the fold's model into `outDir` (a training run: `best/`, `last/`) on its training days,
 * validating on its validation days; its meta records the fold's explicit days. With `warmFrom`
 * (a checkpoint directory) training starts from those weights, with a fresh optimizer and
 * history (lib/train's `warmStart`).
 *
 * @example
 * ```ts
 * const t = await trainFold(table, fold, { config, outDir: "wf/folds/1/model", warmFrom: "wf/folds/0/model/best" });
 * ```
 */
export async function trainFold(
  table: BarTable,
  fold: Fold,
  o: {
    config: TrainConfig;
    outDir: string;
    warmFrom: string | null;
    purgeDays: number;
    onProgress?: (p: TrainProgress) => void;
  },
): Promise<FoldTraining> {
  const t0 = performance.now();
  const split = foldSplit(fold, o.purgeDays);
  const ds = prepareDataset(table, o.config, { split });
  const days: TrainedDays = {
    train: fold.train,
    val: fold.val,
    test: fold.test,
    purged: fold.purged,
  };
  await Deno.mkdir(o.outDir, { recursive: true });
  const run = await trainModel(ds, o.config, {
    outDir: o.outDir,
    ...(o.warmFrom === null ? {} : { warmStart: o.warmFrom }),
    onProgress: o.onProgress,
    meta: { data: table.source, days, fold: fold.index, warmFrom: o.warmFrom },
  });
  disposeModel(run.model);
  return {
    epochs: run.history.length,
    bestEpoch: run.bestEpoch,
    bestValLoss: run.bestValLoss,
    stopReason: run.stopReason,
    warmFrom: o.warmFrom,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** A fold's test days, predicted: per bar of the block `start` … `end − 1` of the table. */
export interface FoldTest {
  /** First bar of the test block in the table. */
  start: number;
  /** End (exclusive). */
  end: number;
  /** Predicted 5-minute return per bar (NaN where no window ends). */
  prediction: Float64Array;
  /** Bullish attention per bar. */
  bull: Float32Array;
  /** Bearish attention per bar. */
  bear: Float32Array;
}

/** What a fold's evaluation keeps. */
export interface FoldEvaluation {
  /** The strategy's thresholds (the default strategy). */
  spec: ThresholdPoint;
  /** The thresholds chosen on the validation days; null when no cell qualified. */
  chosen: ThresholdPoint | null;
  /** Validation figures of the two points. */
  validation: {
    spec: { trades: number; netPnl: number; sharpe: number };
    chosen: { trades: number; netPnl: number; sharpe: number } | null;
  };
  /** Prediction quality on the test days. */
  forecast: ForecastQuality;
  /** The test days' outputs, for stitching. */
  test: FoldTest;
}

/**
 * Predict the fold's validation and test days with its trained model (`modelDir`), choose
 * thresholds on the validation days alone (the backtest study's grid and criterion), and keep
 * the test days' outputs. Nothing of the test days reaches the choice.
 *
 * @example
 * ```ts
 * const ev = await evaluateFold(table, "wf/folds/0/model", { backtest: runBacktestConfig() });
 * ev.chosen; // thresholds for the fold's test days, or null
 * ```
 */
export async function evaluateFold(
  table: BarTable,
  modelDir: string,
  o: { backtest: RunBacktestConfig },
): Promise<FoldEvaluation> {
  const cfg = o.backtest,
    strategy = strategyConfig(cfg.strategy),
    backtest = engineConfig(cfg, table);
  const trained = await loadTrained(table, modelDir, {
    backend: cfg.backend,
    layer: strategy.attention.layer,
  });
  try {
    const { split } = trained.dataset;
    const inference = { chunk: cfg.chunk, batchSize: cfg.batchSize, workers: cfg.workers };
    const val = await predictPeriod(trained, split.val, { ...inference, label: "validation" });
    const axes = thresholdAxes(val.prediction, cfg.thresholdGrid, strategy);
    const grid = gridOn(val, axes, { backtest, periodsPerYear: cfg.periodsPerYear });
    const A = axes.attention.length, spec = specPoint(axes, strategy);
    const c = chooseCell(grid, cfg.thresholdGrid.minTrades);
    const at = (k: number) => ({
      trades: grid.trades[k],
      netPnl: grid.netPnl[k],
      sharpe: grid.sharpe[k],
    });
    const test = await predictPeriod(trained, split.test, { ...inference, label: "test" });
    const windowPred = Float64Array.from(test.ends, (i) => test.prediction[i]);
    const windowReturn = Float32Array.from(test.ends, (i) => test.forwardReturn[i]);
    return {
      spec,
      chosen: c < 0 ? null : pointOf(axes, c),
      validation: { spec: at(spec.row * A + spec.column), chosen: c < 0 ? null : at(c) },
      forecast: forecastQuality(windowPred, windowReturn),
      test: {
        start: test.start,
        end: test.end,
        prediction: test.prediction,
        bull: test.bull,
        bear: test.bear,
      },
    };
  } finally {
    trained.dispose();
  }
}
