/**
 * Signals in, everything the engine says about them out: the simulation, the minute equity, the
 * summary before and after costs, and daily returns. The one composition of the engine's steps
 * that the backtest, the oracle, the cost grid and the walk-forward all run.
 *
 * @module
 */
import type { BacktestConfig } from "./backtest_config.ts";
import { type DailyReturns, dailyReturns } from "./daily_returns.ts";
import { type EquityCurve, markToMarket } from "./mark_to_market.ts";
import { simulate, type Simulation, type SimulationBars } from "./simulate.ts";
import { summarize, type Summary } from "./summarize.ts";

/** The engine's result for one signal column. */
export interface SignalRun {
  /** The signals traded. */
  signals: Int8Array;
  /** Trades and positions. */
  sim: Simulation;
  /** Minute equity, net and gross of costs. */
  curve: EquityCurve;
  /** Every metric, before and after costs. */
  summary: Summary;
  /** Daily returns after costs (notional base). */
  daily: DailyReturns;
  /** Daily returns before costs (notional base). */
  dailyGross: DailyReturns;
}

/**
 * simulate → markToMarket → summarize → dailyReturns, on one lot's notional (see each step for
 * its conventions). `periodsPerYear` defaults to 242.
 *
 * @example
 * ```ts
 * const r = runSignals(bars, signals(pred, { bull, bear }), backtestConfig());
 * r.summary.after.notional.sharpe; r.daily.returns;
 * ```
 */
export function runSignals(
  bars: SimulationBars & { tradingDay: ArrayLike<number> },
  signals: Int8Array,
  config: Partial<BacktestConfig>,
  options: { periodsPerYear?: number } = {},
): SignalRun {
  const sim = simulate(bars, signals, config);
  const curve = markToMarket(bars, sim);
  const summary = summarize(bars, sim, { curve, periodsPerYear: options.periodsPerYear });
  const daily = (equity: Float64Array) =>
    dailyReturns(equity, bars.tradingDay, { start: curve.capital });
  return {
    signals,
    sim,
    curve,
    summary,
    daily: daily(curve.equityNet),
    dailyGross: daily(curve.equityGross),
  };
}
