/**
 * A grid of signal thresholds × attention thresholds backtested in one pass over the bars, the way
 * vectorbt broadcasts parameters: one prediction pass, every cell's position advanced bar by bar
 * with the execution rules of `simulate` (the same code, `_execution.ts`), and per cell only what
 * its metrics need (trades, wins, P&L before and after costs, equity at each day's end).
 *
 * Because the engine is flat at every day end, a cell's daily returns need no minute marks: its
 * equity at a day's last bar is the capital plus its realised net P&L. So each cell's trades,
 * P&L, win rate, Sharpe and annual return equal `summarize(bars, simulate(bars, signals))` of the
 * cell's thresholds exactly (tests/backtest_grid_test.ts checks it), on the notional base. Ruin
 * follows `summarize`'s convention: a cell whose minute-marked equity reaches 0 has equity 0 from
 * then on, so its Sharpe and annual return stop at the ruin day.
 *
 * @module
 */
import { type ClosedTrade, Execution, Market, type TradeSink } from "./_execution.ts";
import { type BacktestConfig, backtestConfig } from "./backtest_config.ts";
import { annualReturn, sharpe, TRADING_DAYS_PER_YEAR } from "./metrics.ts";
import { DAY_END, sessionEnds } from "./session_ends.ts";
import type { SimulationBars } from "./simulate.ts";

/** The grid's axes. `null` on the attention axis means no attention gate. */
export interface GridAxes {
  /** Prediction thresholds (|pred| must exceed it), any order. */
  signal: readonly number[];
  /** Attention thresholds; `null` = no gate (the prediction alone decides). */
  attention: readonly (number | null)[];
}

/** Per-bar inputs of the signal rule (NaN where no window ends). */
export interface GridInputs {
  /** Predicted forward return. */
  pred: ArrayLike<number>;
  /** Bullish attention. */
  bull: ArrayLike<number>;
  /** Bearish attention. */
  bear: ArrayLike<number>;
}

/** Metrics of every cell, row-major: cell (i, j) = signal[i] × attention[j] is at i·A + j. */
export interface GridMetrics {
  /** The signal axis, as given. */
  signal: number[];
  /** The attention axis, as given. */
  attention: (number | null)[];
  /** Closed trades. */
  trades: Float64Array;
  /** Net P&L after costs, CNY. */
  netPnl: Float64Array;
  /** P&L before costs, CNY. */
  grossPnl: Float64Array;
  /** Share of trades with net P&L > 0 (NaN without trades). */
  winRate: Float64Array;
  /** Annualised Sharpe of the daily returns after costs, notional base. */
  sharpe: Float64Array;
  /** Mean daily return after costs × periodsPerYear, notional base. */
  annualReturn: Float64Array;
  /** Trading days. */
  days: number;
}

class CellTotals implements TradeSink {
  trades = 0;
  wins = 0;
  net = 0;
  gross = 0;
  constructor(private readonly size: number) {}
  trade(t: Readonly<ClosedTrade>): void {
    // The same arithmetic, in the same order, as TradeLog.finish in simulate.ts.
    const net = t.side * (t.exitPrice - t.entryPrice) * this.size -
      (t.entryCommission + t.exitCommission);
    this.trades++;
    if (net > 0) this.wins++;
    this.net += net;
    this.gross += t.side * (t.exitReference - t.entryReference) * this.size;
  }
}

/**
 * Backtest every cell of `axes` on `bars` (see the module doc): a cell trades the signals of
 * lib/strategy's rule with its thresholds (long: pred > s and bull > a; short: pred < −s and
 * bear > a). Config as `simulate` (defaults `BACKTEST_DEFAULTS`); `periodsPerYear` 242; capital
 * one lot's notional at the first close. Throws RangeError for mismatched lengths or a negative
 * threshold.
 *
 * @example
 * ```ts
 * const g = simulateGrid(bars, { pred, bull, bear }, {
 *   signal: [0.0005, 0.001], attention: [null, 0.6],
 * });
 * g.netPnl[1 * 2 + 1]; // net P&L at (0.001, 0.6)
 * ```
 */
export function simulateGrid(
  bars: SimulationBars,
  inputs: GridInputs,
  options: GridAxes & { config?: Partial<BacktestConfig>; periodsPerYear?: number },
): GridMetrics {
  const cfg = backtestConfig(options.config ?? {});
  const n = bars.time.length, { pred, bull, bear } = inputs;
  if (pred.length !== n || bull.length !== n || bear.length !== n) {
    throw new RangeError(
      `simulateGrid needs one value per bar (${n}): pred ${pred.length}, bull ${bull.length}, ` +
        `bear ${bear.length}`,
    );
  }
  const sig = Float64Array.from(options.signal);
  const att = Float64Array.from(options.attention, (a) => (a === null ? -Infinity : a));
  if (sig.some((s) => !(s >= 0)) || options.attention.some((a) => a !== null && !(a >= 0))) {
    throw new RangeError("simulateGrid thresholds must be non-negative numbers");
  }
  const S = sig.length, A = att.length, C = S * A;
  const ends = sessionEnds(bars);
  const market = new Market(bars, ends, cfg);
  const cells = Array.from({ length: C }, () => new CellTotals(market.size));
  const execs = cells.map((c) => new Execution(market, c));
  let days = 0;
  for (let j = 0; j < n; j++) if (ends[j] === DAY_END) days++;
  const dayNet = new Float64Array(C * days), ruined = new Uint8Array(C);
  const capital = n > 0 ? bars.close[0] * cfg.contract.multiplier * cfg.lots : NaN;
  const pl = new Uint8Array(S), ps = new Uint8Array(S), al = new Uint8Array(A);
  const as = new Uint8Array(A);
  let d = 0;
  for (let j = 0; j < n; j++) {
    if (j > 0) {
      const p = pred[j - 1], bu = bull[j - 1], be = bear[j - 1];
      for (let i = 0; i < S; i++) (pl[i] = p > sig[i] ? 1 : 0, ps[i] = p < -sig[i] ? 1 : 0);
      for (let k = 0; k < A; k++) (al[k] = bu > att[k] ? 1 : 0, as[k] = be > att[k] ? 1 : 0);
      for (let i = 0, c = 0; i < S; i++) {
        for (let k = 0; k < A; k++, c++) {
          const ex = execs[c];
          ex.step(j, pl[i] && al[k] ? 1 : ps[i] && as[k] ? -1 : 0);
          if (!ruined[c] && capital + ex.mark(j, cells[c].net) <= 0) ruined[c] = 1;
        }
      }
    }
    if (ends[j] === DAY_END) {
      for (let c = 0; c < C; c++) dayNet[c * days + d] = ruined[c] ? -capital : cells[c].net;
      d++;
    }
  }
  return gridMetrics(cells, dayNet, { ...options, days, capital });
}

function gridMetrics(
  cells: CellTotals[],
  dayNet: Float64Array,
  o: GridAxes & { days: number; capital: number; periodsPerYear?: number },
): GridMetrics {
  const C = cells.length, days = o.days, capital = o.capital;
  const periodsPerYear = o.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  const out: GridMetrics = {
    signal: [...o.signal],
    attention: [...o.attention],
    trades: new Float64Array(C),
    netPnl: new Float64Array(C),
    grossPnl: new Float64Array(C),
    winRate: new Float64Array(C),
    sharpe: new Float64Array(C),
    annualReturn: new Float64Array(C),
    days,
  };
  const returns = new Float64Array(days);
  for (let c = 0; c < C; c++) {
    const t = cells[c];
    out.trades[c] = t.trades;
    out.netPnl[c] = t.net;
    out.grossPnl[c] = t.gross;
    out.winRate[c] = t.trades > 0 ? t.wins / t.trades : NaN;
    let prev = capital;
    for (let k = 0; k < days; k++) {
      const e = capital + dayNet[c * days + k];
      returns[k] = prev > 0 ? e / prev - 1 : NaN;
      prev = e;
    }
    out.sharpe[c] = sharpe(returns, { periodsPerYear });
    out.annualReturn[c] = annualReturn(returns, { periodsPerYear });
  }
  return out;
}
