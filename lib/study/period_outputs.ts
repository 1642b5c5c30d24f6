/**
 * A checkpoint's outputs on ONE period of its split: the prediction and the last-step attention
 * of every window in the period, the bullish/bearish scores and their candle-count baselines,
 * per bar, exactly as `runBacktest` computes them for its periods, without predicting
 * the others (the attention notebook analyses the test days alone, which takes seconds instead
 * of the minute the whole year takes with the default model).
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { fillWindows } from "../features/mod.ts";
import { type AttentionMaps, attentionMaps, type BackendName, type Model } from "../model/mod.ts";
import type { StrategyConfig } from "../strategy/mod.ts";
import { type PeriodWindows, predictPeriod } from "./predict_period.ts";
import { RUN_BACKTEST_PRESETS } from "./run_backtest_config.ts";
import { loadTrained } from "./trained_model.ts";

/** A part of the checkpoint's chronological split. */
export type SplitPart = "train" | "val" | "test";

/** Labels of the split parts, as the backtest names its periods. */
export const SPLIT_PART_LABELS: Readonly<Record<SplitPart, string>> = Object.freeze({
  train: "in-sample (training days)",
  val: "validation days",
  test: "out-of-sample (test days)",
});

/** Options of {@linkcode periodOutputs}. */
export interface PeriodOutputsOptions {
  /** Which part of the checkpoint's split. Default `"test"` (out of sample). */
  period?: SplitPart;
  /** Attention layer the scores read (the strategy's `attention.layer`). Default `"last"`. */
  layer?: StrategyConfig["attention"]["layer"];
  /** tfjs backend; default the checkpoint's training backend, else wasm. */
  backend?: BackendName;
  /** Windows per forward pass. Default 128 (the fastest measured on wasm; bench/model_bench.ts). */
  batchSize?: number;
  /**
   * Deno Workers for inference, as `runBacktest`'s `workers` (a period of at least two chunks of
   * 4096 windows is predicted in parallel). Default `navigator.hardwareConcurrency`.
   */
  workers?: number;
}

/**
 * The outputs of one period: the predicted windows and per-bar arrays of {@linkcode PeriodWindows}
 * (aligned with `bars`, NaN where no window ends), plus the model for full attention maps.
 */
export interface PeriodOutputs extends Omit<PeriodWindows, "scores"> {
  /** Split part. */
  period: SplitPart;
  /** Human label. */
  label: string;
  /** Trading days (YYYYMMDD). */
  days: number[];
  /** Window length T. */
  length: number;
  /** The model (disposed by `dispose`). */
  model: Model;
  /** Full attention maps (every layer and head) of the windows ending at these `bars` indices. */
  maps(ends: readonly number[]): Promise<AttentionMaps>;
  /** Frees the model's tensors. */
  dispose(): void;
}

/**
 * Predictions, attention rows and scores of every window of one period of the checkpoint's
 * split, with the checkpoint's features and normalisation (nothing refitted), as
 * `runBacktest` computes them. `checkpointDir` is a training run (its `best/`) or a checkpoint.
 * Call `dispose()` when done. Throws RangeError when the table does not give the checkpoint's
 * features or the period has no day, `Deno.errors.NotFound` without a checkpoint.
 *
 * @example
 * ```ts
 * const oos = await periodOutputs(table, "data/models/default"); // the test days
 * oos.bull[oos.ends[0]]; // bullish attention of the first window
 * const maps = await oos.maps([oos.ends[0]]); // full maps for a heatmap
 * oos.dispose();
 * ```
 * @param options see {@linkcode PeriodOutputsOptions}; defaults: period "test", layer "last",
 *   the checkpoint's backend, batchSize 128, workers `navigator.hardwareConcurrency`.
 */
export async function periodOutputs(
  table: BarTable,
  checkpointDir: string,
  options: PeriodOutputsOptions = {},
): Promise<PeriodOutputs> {
  const period = options.period ?? "test";
  if (!(period in SPLIT_PART_LABELS)) {
    throw new RangeError(`period must be "train", "val" or "test", got ${period}`);
  }
  const workers = options.workers ?? RUN_BACKTEST_PRESETS.default.workers;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a positive integer, got ${workers}`);
  }
  const trained = await loadTrained(table, checkpointDir, {
    backend: options.backend,
    layer: options.layer ?? "last",
  });
  try {
    const days = trained.dataset.split[period];
    if (days.length === 0) throw new RangeError(`The checkpoint's split has no ${period} days`);
    const label = SPLIT_PART_LABELS[period], defaults = RUN_BACKTEST_PRESETS.default;
    const p = await predictPeriod(trained, days, {
      chunk: defaults.chunk,
      batchSize: options.batchSize ?? defaults.batchSize,
      workers,
      label,
    });
    const { model, dataset: { frame } } = trained;
    return {
      period,
      label,
      days,
      start: p.start,
      end: p.end,
      bars: p.bars,
      length: frame.spec.window,
      ends: p.ends,
      attention: p.attention,
      prediction: p.prediction,
      bull: p.bull,
      bear: p.bear,
      upFraction: p.upFraction,
      downFraction: p.downFraction,
      forwardReturn: p.forwardReturn,
      model,
      maps: (sel) => {
        const x = fillWindows(frame, Int32Array.from(sel, (i) => i + p.start)).x;
        return attentionMaps(model, x, { maxWindows: Math.max(1, sel.length) });
      },
      dispose: () => trained.dispose(),
    };
  } catch (e) {
    trained.dispose();
    throw e;
  }
}
