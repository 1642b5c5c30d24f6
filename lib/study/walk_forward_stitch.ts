/**
 * The folds' test blocks stitched into one out-of-sample run. The blocks tile a contiguous range
 * of days and the engine is flat at every day end, so trading the stitched signals in one
 * simulation gives exactly the trades of the folds traded one by one. Two strategies: the
 * strategy's own thresholds everywhere (the headline), and each fold's validation-chosen
 * thresholds on its own block (flat where a fold chose nothing).
 *
 * @module
 */
import { type BacktestConfig, runSignals, type SignalRun } from "../backtest/mod.ts";
import type { BarTable } from "../data/schema.ts";
import { sliceBars } from "../data/slice_bars.ts";
import { signals, type StrategyConfig } from "../strategy/mod.ts";
import {
  type ReturnIntervalOptions,
  type ReturnIntervals,
  returnIntervals,
} from "./return_intervals.ts";
import type { ThresholdPoint } from "./records.ts";
import type { FoldRecord } from "./walk_forward_store.ts";

/** One stitched strategy: its engine run and the intervals of its headline figures. */
export interface StitchedStrategy extends SignalRun {
  /** What it trades. */
  label: string;
  /** Day-block bootstrap intervals of net P&L, annual return and Sharpe after costs. */
  intervals: ReturnIntervals;
}

/** The stitched out-of-sample period. */
export interface Stitched {
  /** Its bars (views into the table). */
  bars: BarTable;
  /** First bar in the table. */
  start: number;
  /** Its trading days. */
  days: number[];
  /** Per bar: predicted 5-minute return (NaN without a window). */
  prediction: Float64Array;
  /** Per bar: bullish attention. */
  bull: Float32Array;
  /** Per bar: bearish attention. */
  bear: Float32Array;
  /** Per bar: the fold that predicted it. */
  fold: Int32Array;
  /** The strategy's thresholds on every block. */
  spec: StitchedStrategy;
  /** Each fold's validation-chosen thresholds on its block. */
  chosen: StitchedStrategy;
}

function blockSignals(
  r: FoldRecord,
  point: ThresholdPoint | null,
): Int8Array {
  const n = r.test.end - r.test.start;
  if (point === null) return new Int8Array(n);
  const gate = point.attentionThreshold === null;
  const pass = new Uint8Array(n).fill(1);
  return signals(r.test.prediction, gate ? { bull: pass, bear: pass } : r.test, {
    signalThreshold: point.signalThreshold,
    attentionThreshold: gate ? 0 : point.attentionThreshold!,
  });
}

/**
 * Stitch the folds' test blocks of `table` (see the module doc). Throws RangeError when the blocks
 * do not follow each other.
 *
 * @example
 * ```ts
 * const s = stitchFolds(table, records, { strategy, backtest, periodsPerYear: 242 });
 * s.spec.summary.after.pnl; s.spec.intervals.netPnl; // out of sample, with its interval
 * ```
 */
export function stitchFolds(
  table: BarTable,
  records: readonly FoldRecord[],
  o: {
    strategy: StrategyConfig;
    backtest: BacktestConfig;
    periodsPerYear: number;
    bootstrap: ReturnIntervalOptions;
  },
): Stitched {
  const start = records[0].test.start, end = records.at(-1)!.test.end, n = end - start;
  const prediction = new Float64Array(n), bull = new Float32Array(n), bear = new Float32Array(n);
  const fold = new Int32Array(n), spec = new Int8Array(n), chosen = new Int8Array(n);
  let at = start;
  for (const r of records) {
    if (r.test.start !== at) {
      throw new RangeError(
        `Fold ${r.fold.index}'s test block starts at bar ${r.test.start}, not ${at}`,
      );
    }
    const off = r.test.start - start;
    prediction.set(r.test.prediction, off);
    bull.set(r.test.bull, off);
    bear.set(r.test.bear, off);
    fold.fill(r.fold.index, off, off + r.test.end - r.test.start);
    spec.set(blockSignals(r, r.spec), off);
    chosen.set(blockSignals(r, r.chosen), off);
    at = r.test.end;
  }
  const bars = sliceBars(table, start, end, "walk-forward out-of-sample");
  const run = (sig: Int8Array, label: string): StitchedStrategy => {
    const r = runSignals(bars, sig, o.backtest, o);
    return { ...r, label, intervals: returnIntervals(r, { ...o.bootstrap, ...o }) };
  };
  return {
    bars,
    start,
    days: records.flatMap((r) => r.fold.test),
    prediction,
    bull,
    bear,
    fold,
    spec: run(spec, "strategy thresholds (spec), every fold"),
    chosen: run(chosen, "thresholds chosen on each fold's validation days"),
  };
}
