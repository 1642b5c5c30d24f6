/**
 * One period of a checkpoint's split, predicted: the period's bars, its window ends, the model's
 * prediction and last-step attention row of every window, the bullish/bearish scores and their
 * candle-count baselines, per bar. The one implementation behind the backtest's periods, the
 * walk-forward's folds and `periodOutputs`.
 *
 * @module
 */
import { type WindowScores, windowScores } from "../attention/mod.ts";
import type { BarTable } from "../data/schema.ts";
import { sliceBars } from "../data/slice_bars.ts";
import { type FeatureFrame, fillWindows, type NormStats, windowEnds } from "../features/mod.ts";
import { type Model, predict, predictParallel } from "../model/mod.ts";
import { candleDirection } from "../strategy/mod.ts";
import type { TrainedModel } from "./trained_model.ts";

/** Options of `periodWindows`; everything but `label` is required. */
interface PeriodWindowsOptions {
  /** The loaded model. */
  model: Model;
  /** The table's features, normalised with the checkpoint's statistics. */
  frame: FeatureFrame;
  /** The checkpoint's normalisation (de-standardises the predictions). */
  norm: NormStats;
  /** Attention layer (resolved index). */
  layer: number;
  /** Windows copied out of the frame at a time (memory bound). */
  chunk: number;
  /** Windows per forward pass. */
  batchSize: number;
  /** Deno Workers for inference; more than one predicts a period of ≥ 2 chunks in parallel. */
  workers: number;
  /** Label appended to the bars' source, e.g. "out-of-sample (test days)". Default "period". */
  label?: string;
}

/** One predicted period; per-bar arrays align with `bars` (NaN where no window ends). */
export interface PeriodWindows {
  /** First bar of the period in the source table. */
  start: number;
  /** End (exclusive) in the source table. */
  end: number;
  /** The period's bars (views into the source table). */
  bars: BarTable;
  /** Window ends, as indices into `bars`. */
  ends: Int32Array;
  /** Last-step attention rows [windows, T] of the layer, heads averaged. */
  attention: Float32Array;
  /** The scores per window (aligned with `ends`). */
  scores: WindowScores;
  /** Predicted 5-minute return (de-standardised) per bar. */
  prediction: Float64Array;
  /** Bullish attention per bar. */
  bull: Float32Array;
  /** Bearish attention per bar. */
  bear: Float32Array;
  /** Up-minute fraction of the bar's window. */
  upFraction: Float32Array;
  /** Down-minute fraction of the bar's window. */
  downFraction: Float32Array;
  /** Realised 5-minute forward return per bar (the training target; NaN across a day end). */
  forwardReturn: Float32Array;
}

/**
 * Predict every window ending on `days` (trading days of `table`, which `options.frame` was built
 * from) and lay the outputs out per bar of the period.
 */
async function periodWindows(
  table: BarTable,
  days: readonly number[],
  options: PeriodWindowsOptions,
): Promise<PeriodWindows> {
  const { frame, norm } = options, T = frame.spec.window;
  const daySet = new Set(days);
  let start = -1, end = -1;
  for (let i = 0; i < table.time.length; i++) {
    if (daySet.has(table.tradingDay[i])) {
      if (start < 0) start = i;
      end = i + 1;
    }
  }
  const bars = sliceBars(table, start, end, options.label ?? "period");
  const n = end - start;
  const frameEnds = windowEnds(frame, days, { requireTarget: false });
  const { pred, attention } = await predictWindows(options.model, frame, frameEnds, options);
  const scores = windowScores(attention, candleDirection(table.open, table.close), {
    length: T,
    ends: frameEnds,
  });
  const prediction = new Float64Array(n).fill(NaN);
  const bull = new Float32Array(n).fill(NaN), bear = new Float32Array(n).fill(NaN);
  const upFraction = new Float32Array(n).fill(NaN), downFraction = new Float32Array(n).fill(NaN);
  const forwardReturn = Float32Array.from(frame.target.subarray(start, end));
  const ends = new Int32Array(frameEnds.length);
  for (let k = 0; k < frameEnds.length; k++) {
    const i = ends[k] = frameEnds[k] - start;
    prediction[i] = pred[k] * norm.targetStd + norm.targetMean;
    bull[i] = scores.bull[k];
    bear[i] = scores.bear[k];
    upFraction[i] = scores.upFraction[k];
    downFraction[i] = scores.downFraction[k];
  }
  return {
    start,
    end,
    bars,
    ends,
    attention,
    scores,
    prediction,
    bull,
    bear,
    upFraction,
    downFraction,
    forwardReturn,
  };
}

/** How a period is predicted: memory bound, batch and Workers. */
export interface PredictOptions {
  /** Windows copied out of the frame at a time (memory bound). */
  chunk: number;
  /** Windows per forward pass. */
  batchSize: number;
  /** Deno Workers for inference; more than one predicts a period of ≥ 2 chunks in parallel. */
  workers: number;
  /** Label appended to the bars' source. Default "period". */
  label?: string;
}

/**
 * Predict every window ending on `days` with a loaded checkpoint, laid out per bar of the
 * period (NaN where no window ends). Throws RangeError for no days.
 *
 * @example
 * ```ts
 * const oos = await predictPeriod(trained, trained.dataset.split.test, {
 *   chunk: 4096, batchSize: 128, workers: 2, label: "out-of-sample (test days)",
 * });
 * ```
 */
export function predictPeriod(
  trained: TrainedModel,
  days: readonly number[],
  options: PredictOptions,
): Promise<PeriodWindows> {
  if (days.length === 0) throw new RangeError(`No days to predict (${options.label ?? "period"})`);
  return periodWindows(trained.dataset.table, days, {
    ...options,
    model: trained.model,
    frame: trained.dataset.frame,
    norm: trained.meta.norm,
    layer: trained.layer,
  });
}

/** Predictions and attention rows for windows ending at `ends`, in chunks. */
async function predictWindows(
  model: Model,
  frame: FeatureFrame,
  ends: Int32Array,
  options: { chunk: number; batchSize: number; layer: number; workers: number },
): Promise<{ pred: Float32Array; attention: Float32Array }> {
  const T = frame.spec.window, F = frame.names.length;
  const predictOptions = {
    batchSize: options.batchSize,
    returnAttention: true,
    attentionLayer: options.layer,
    lastRowOnly: true,
  };
  if (options.workers > 1 && ends.length >= 2 * options.chunk) {
    const w = fillWindows(frame, ends);
    const out = await predictParallel(model, w.x, {
      ...predictOptions,
      workers: options.workers,
      chunkSize: options.chunk,
    });
    return { pred: out.predictions, attention: out.attention! };
  }
  const pred = new Float32Array(ends.length), attention = new Float32Array(ends.length * T);
  const x = new Float32Array(Math.min(options.chunk, ends.length) * T * F);
  const y = new Float32Array(Math.min(options.chunk, ends.length));
  for (let s = 0; s < ends.length; s += options.chunk) {
    const w = fillWindows(frame, ends, { start: s, count: options.chunk, x, y });
    const out = await predict(model, w.x, predictOptions);
    pred.set(out.predictions, s);
    attention.set(out.attention!, s * T);
  }
  return { pred, attention };
}
