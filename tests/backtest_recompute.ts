/**
 * Independent recomputations for the backtest tests, so a test compares the runner against
 * something other than its own code path: a checkpoint's predictions and attention rows for a
 * period's windows, predicted directly with lib/model and de-standardised here (not through
 * lib/backtest's periodWindows), and the bullish/bearish scores summed here from the candles.
 */
import type { BarTable } from "../lib/data/mod.ts";
import { fillWindows, type NormStats, windowEnds } from "../lib/features/mod.ts";
import { disposeModel, loadCheckpoint, predict } from "../lib/model/mod.ts";
import { prepareDataset, type TrainConfig } from "../lib/train/mod.ts";

/** A period's windows as recomputed here; arrays are per window (aligned with `ends`). */
export interface RecomputedPeriod {
  /** Window ends as indices into the whole table. */
  ends: Int32Array;
  /** Model output × the checkpoint's target std + mean: a 5-minute return. */
  prediction: Float64Array;
  /** The last step's attention row per window, last layer, heads averaged: [windows, T]. */
  attention: Float32Array;
  /** Window length T. */
  length: number;
  /** The checkpoint's normalisation. */
  norm: NormStats;
}

/**
 * Predict every window ending on `days` with the checkpoint in `<dir>/best`: features normalised
 * with the checkpoint's own statistics, model output de-standardised with its target mean/std.
 */
export async function predictPeriod(
  table: BarTable,
  dir: string,
  days: readonly number[],
): Promise<RecomputedPeriod> {
  const { model, meta } = await loadCheckpoint(`${dir}/best`);
  try {
    const norm = meta.norm as NormStats;
    const features = (meta.train as TrainConfig).features;
    const ds = prepareDataset(table, { features, split: meta.split as TrainConfig["split"] }, {
      norm,
    });
    const ends = windowEnds(ds.frame, days, { requireTarget: false });
    const out = await predict(model, fillWindows(ds.frame, ends).x, { returnAttention: true });
    const prediction = Float64Array.from(
      out.predictions,
      (z) => z * norm.targetStd + norm.targetMean,
    );
    return { ends, prediction, attention: out.attention!, length: ds.frame.spec.window, norm };
  } finally {
    disposeModel(model);
  }
}

/** Scores of windows summed by hand; one element per window. */
export interface CandleScores {
  /** Attention on up minutes (close > open). */
  bull: Float64Array;
  /** Attention on down minutes (close < open). */
  bear: Float64Array;
  /** Share of up minutes in the window. */
  upFraction: Float64Array;
  /** Share of down minutes in the window. */
  downFraction: Float64Array;
}

/**
 * Bullish/bearish attention and up/down fractions of the windows ending at `ends` (indices into
 * `bars`): row k of `attention` weighs bars ends[k]−T+1 … ends[k]; a doji counts in neither.
 */
export function candleScores(
  attention: Float32Array,
  bars: Pick<BarTable, "open" | "close">,
  ends: ArrayLike<number>,
  length: number,
): CandleScores {
  const n = ends.length;
  const out = {
    bull: new Float64Array(n),
    bear: new Float64Array(n),
    upFraction: new Float64Array(n),
    downFraction: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    let up = 0, down = 0;
    for (let j = 0; j < length; j++) {
      const bar = ends[k] - length + 1 + j, w = attention[k * length + j];
      if (bars.close[bar] > bars.open[bar]) (out.bull[k] += w, up++);
      else if (bars.close[bar] < bars.open[bar]) (out.bear[k] += w, down++);
    }
    out.upFraction[k] = up / length;
    out.downFraction[k] = down / length;
  }
  return out;
}

/** `values` spread over `n` bars at `at` (NaN elsewhere): per-window arrays laid out per bar. */
export function perBar(n: number, at: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  for (let k = 0; k < at.length; k++) out[at[k]] = values[k];
  return out;
}
