/**
 * A checkpoint's outputs on ONE period of its split: the prediction and the last-step attention
 * of every window in the period, the bullish/bearish scores and their candle-count baselines,
 * per bar, exactly as {@linkcode runBacktest} computes them for its periods, without predicting
 * the others (the attention notebook analyses the test days alone, which takes seconds instead
 * of the minute the whole year takes with the default model).
 *
 * @module
 */
import { windowScores } from "../attention/mod.ts";
import { readJsonFile } from "../data/read_json_file.ts";
import type { BarTable } from "../data/schema.ts";
import {
  FEATURE_CATALOG,
  featureConfig,
  type FeaturePresetName,
  fillWindows,
  parseNormStats,
  windowEnds,
} from "../features/mod.ts";
import {
  type AttentionMaps,
  attentionMaps,
  type BackendName,
  disposeModel,
  initBackend,
  loadCheckpoint,
  type Model,
  predict,
} from "../model/mod.ts";
import { candleDirection, type StrategyConfig, strategyConfig } from "../strategy/mod.ts";
import { prepareDataset } from "../train/mod.ts";
import { resolveCheckpointDir } from "./run_backtest.ts";

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
}

/** The outputs of one period; per-bar arrays align with `bars` (NaN where no window ends). */
export interface PeriodOutputs {
  /** Split part. */
  period: SplitPart;
  /** Human label. */
  label: string;
  /** Trading days (YYYYMMDD). */
  days: number[];
  /** First bar of the period in the source table. */
  start: number;
  /** End (exclusive) in the source table. */
  end: number;
  /** The period's bars (views into the source table, ground truth included when present). */
  bars: BarTable;
  /** Window length T. */
  length: number;
  /** Window ends, as indices into `bars`. */
  ends: Int32Array;
  /** Last-step attention rows [windows, T] of the chosen layer, heads averaged. */
  attention: Float32Array;
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
  /** The model (disposed by `dispose`). */
  model: Model;
  /** Full attention maps (every layer and head) of the windows ending at these `bars` indices. */
  maps(ends: readonly number[]): Promise<AttentionMaps>;
  /** Frees the model's tensors. */
  dispose(): void;
}

/** Windows copied out of the frame at a time (bounds memory on long periods). */
const CHUNK = 4096;

function slice(table: BarTable, start: number, end: number, label: string): BarTable {
  const v = <T extends Float64Array | Int32Array>(a: T) => a.subarray(start, end) as T;
  const b = table.book, gt = table.groundTruth;
  return {
    time: v(table.time),
    tradingDay: v(table.tradingDay),
    open: v(table.open),
    high: v(table.high),
    low: v(table.low),
    close: v(table.close),
    volume: v(table.volume),
    openInterest: table.openInterest ? v(table.openInterest) : null,
    book: b
      ? {
        bidPrice1: v(b.bidPrice1),
        askPrice1: v(b.askPrice1),
        bidVolume1: v(b.bidVolume1),
        askVolume1: v(b.askVolume1),
        ...(b.spreadMean ? { spreadMean: v(b.spreadMean) } : {}),
        ...(b.depthMean ? { depthMean: v(b.depthMean) } : {}),
      }
      : null,
    groundTruth: gt
      ? Object.fromEntries(Object.entries(gt).map(([k, a]) => [k, a ? v(a) : a]))
      : null,
    source: `${table.source} [${label}]`,
  };
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
 *   the checkpoint's backend, batchSize 256.
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
  const layerOption = strategyConfig({
    attention: { layer: options.layer ?? "last", aggregation: "mean-heads" },
  }).attention.layer;
  const dir = await resolveCheckpointDir(checkpointDir);
  const meta = await readJsonFile(`${dir}/meta.json`) as {
    norm: unknown;
    split: { train: number; val: number; test: number; purgeDays: number };
    train: { features: FeaturePresetName; backend?: BackendName };
  };
  if (!meta?.train?.features || !meta.split || meta.norm === undefined) {
    throw new TypeError(`${dir}/meta.json lacks train.features, split or norm`);
  }
  const spec = featureConfig({ preset: meta.train.features });
  const names = spec.features.filter((f) => {
    const needs = FEATURE_CATALOG[f].needs;
    return needs === "bars" ||
      (needs === "book" ? table.book !== null : table.openInterest !== null);
  });
  await initBackend(options.backend ?? meta.train.backend ?? "wasm");
  const { model } = await loadCheckpoint(dir, {
    expect: { features: names, config: { nFeatures: names.length, seqLen: spec.window } },
  });
  try {
    const norm = parseNormStats(meta.norm);
    const ds = prepareDataset(table, { features: meta.train.features, split: meta.split }, {
      norm,
    });
    const frame = ds.frame, T = spec.window, L = model.config.nLayers;
    const layer = layerOption === "last" ? L - 1 : layerOption;
    if (layer >= L) {
      throw new RangeError(`Attention layer ${layer} does not exist: the model has ${L} layers`);
    }
    const days = ds.split[period];
    if (days.length === 0) throw new RangeError(`The checkpoint's split has no ${period} days`);
    const daySet = new Set(days);
    let start = -1, end = -1;
    for (let i = 0; i < table.time.length; i++) {
      if (daySet.has(table.tradingDay[i])) (start = start < 0 ? i : start, end = i + 1);
    }
    const label = SPLIT_PART_LABELS[period];
    const bars = slice(table, start, end, label);
    const ends = windowEnds(frame, days, { requireTarget: false });
    const pred = new Float32Array(ends.length), attention = new Float32Array(ends.length * T);
    for (let s = 0; s < ends.length; s += CHUNK) {
      const w = fillWindows(frame, ends, { start: s, count: CHUNK });
      const out = await predict(model, w.x, {
        batchSize: options.batchSize ?? 128,
        returnAttention: true,
        attentionLayer: layer,
      });
      pred.set(out.predictions, s);
      attention.set(out.attention!, s * T);
    }
    const scores = windowScores(attention, candleDirection(table.open, table.close), {
      length: T,
      ends,
    });
    const n = end - start;
    const nan32 = () => new Float32Array(n).fill(NaN);
    const prediction = new Float64Array(n).fill(NaN);
    const [bull, bear, upFraction, downFraction] = [nan32(), nan32(), nan32(), nan32()];
    const forwardReturn = Float32Array.from(frame.target.subarray(start, end));
    const local = new Int32Array(ends.length);
    for (let k = 0; k < ends.length; k++) {
      const i = local[k] = ends[k] - start;
      prediction[i] = pred[k] * norm.targetStd + norm.targetMean;
      bull[i] = scores.bull[k];
      bear[i] = scores.bear[k];
      upFraction[i] = scores.upFraction[k];
      downFraction[i] = scores.downFraction[k];
    }
    return {
      period,
      label,
      days,
      start,
      end,
      bars,
      length: T,
      ends: local,
      attention,
      prediction,
      bull,
      bear,
      upFraction,
      downFraction,
      forwardReturn,
      model,
      maps: (sel) => {
        const x = fillWindows(frame, Int32Array.from(sel, (i) => i + start)).x;
        return attentionMaps(model, x, { maxWindows: Math.max(1, sel.length) });
      },
      dispose: () => disposeModel(model),
    };
  } catch (e) {
    disposeModel(model);
    throw e;
  }
}
