/**
 * The uncertainty of a strategy's headline figures: day-block bootstrap intervals (lib/stats
 * `dayBlockBootstrap`) of its net P&L, annualised return and Sharpe after costs. A trading day is
 * the block: whole days are resampled, so whatever ties the minutes of one day together stays
 * together; days are treated as independent of each other.
 *
 * @module
 */
import type { SignalRun } from "../backtest/mod.ts";
import { type BootstrapInterval, dayBlockBootstrap, mean, std } from "../stats/mod.ts";

/** The intervals of one run's after-cost figures. */
export interface ReturnIntervals {
  /** Total net P&L, CNY (the sum of the days' P&L). */
  netPnl: BootstrapInterval;
  /** Mean daily return × periodsPerYear, notional base. */
  annualReturn: BootstrapInterval;
  /** Annualised Sharpe of the daily returns, notional base. */
  sharpe: BootstrapInterval;
}

/** Options of {@linkcode returnIntervals}. */
export interface ReturnIntervalOptions {
  /** Resamples. Default 2000. */
  reps?: number;
  /** Coverage. Default 0.9. */
  level?: number;
  /** Seed. Default 1. */
  seed?: number;
  /** Days per year. Default 242. */
  periodsPerYear?: number;
}

/**
 * Day-block bootstrap intervals of a run's net P&L, annual return and Sharpe after costs (see
 * the module doc). Days without a finite return (a ruined account) are left out of the returns'
 * statistics.
 *
 * @example
 * ```ts
 * const ci = returnIntervals(run, { reps: 2000 });
 * ci.sharpe.lo; ci.sharpe.hi; // the 90 % interval of the out-of-sample Sharpe
 * ```
 */
export function returnIntervals(
  run: Pick<SignalRun, "daily" | "curve">,
  options: ReturnIntervalOptions = {},
): ReturnIntervals {
  const { day, returns, endIndex } = run.daily;
  const pnl = Float64Array.from(
    endIndex,
    (e, d) => run.curve.pnlNet[e] - (d > 0 ? run.curve.pnlNet[endIndex[d - 1]] : 0),
  );
  const p = options.periodsPerYear ?? 242;
  const opts = { reps: options.reps ?? 2000, level: options.level ?? 0.9, seed: options.seed ?? 1 };
  const pick = (rows: Int32Array, x: Float64Array) => Float64Array.from(rows, (i) => x[i]);
  return {
    netPnl: dayBlockBootstrap(day, (rows) => {
      let s = 0;
      for (const i of rows) s += pnl[i];
      return s;
    }, opts),
    annualReturn: dayBlockBootstrap(day, (rows) => mean(pick(rows, returns)) * p, opts),
    sharpe: dayBlockBootstrap(day, (rows) => {
      const r = pick(rows, returns), sd = std(r);
      return sd > 0 ? (mean(r) / sd) * Math.sqrt(p) : NaN;
    }, opts),
  };
}
