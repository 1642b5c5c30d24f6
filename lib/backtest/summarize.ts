/**
 * The backtest report: every metric before and after costs, on the notional and the margin base.
 *
 * @module
 */
import { mean } from "../stats/mod.ts";
import { dailyReturns } from "./daily_returns.ts";
import { type EquityCurve, markToMarket } from "./mark_to_market.ts";
import {
  annualReturn,
  cagr,
  calmar,
  maxDrawdown,
  sharpe,
  sortino,
  TRADING_DAYS_PER_YEAR,
} from "./metrics.ts";
import {
  averageTradeTicks,
  exposure,
  notionalTraded,
  profitFactor,
  winRate,
} from "./metrics_trades.ts";
import { EXIT_REASONS, type ExitReason, type Simulation } from "./simulate.ts";

/**
 * Return metrics of one equity curve on one capital base.
 *
 * Ruin: when equity on the base reaches 0 or less (possible on the margin base), the account is
 * ruined and the run stops there: equity is held at 0 from that bar on. So the drawdown and the
 * total return are −100 % (never below), CAGR is −100 %, the ruin day's return is −100 % and the
 * days after it have no return; Sharpe, Sortino and the annual return use the days up to and
 * including the ruin day, and `days` says how many.
 */
export interface ReturnMetrics {
  /** Daily returns the Sharpe, Sortino and annual return used (all days unless ruined). */
  days: number;
  /** Whether equity reached 0 or less (see the interface doc). */
  ruined: boolean;
  /** Ending equity / capital − 1 (−1 when ruined). */
  totalReturn: number;
  /** growth^(1/years) − 1, years = trading days / periodsPerYear. */
  cagr: number;
  /** Mean daily return × periodsPerYear. */
  annualReturn: number;
  /** Annualised Sharpe of daily returns (ddof 1). */
  sharpe: number;
  /** Annualised Sortino of daily returns. */
  sortino: number;
  /** Minute-level max drawdown, in [−1, 0]. */
  maxDrawdown: number;
  /** CAGR / |maxDrawdown|. */
  calmar: number;
}

/** All cost-dependent metrics on one side of costs. */
export interface CostSideMetrics {
  /** Total P&L, CNY. */
  pnl: number;
  /** Share of trades with P&L > 0. */
  winRate: number;
  /** Gains / |losses|. */
  profitFactor: number;
  /** Mean P&L per trade, CNY. */
  averageTrade: number;
  /** Mean P&L per trade in ticks per lot. */
  averageTradeTicks: number;
  /** Return metrics on the notional capital base (unlevered). */
  notional: ReturnMetrics;
  /** Return metrics on the margin base (levered 1 / marginRate). */
  margin: ReturnMetrics;
}

/** The full report of {@linkcode summarize}. */
export interface Summary {
  /** Bars in the run. */
  bars: number;
  /** Trading days in the run. */
  days: number;
  /** days / periodsPerYear. */
  years: number;
  /** Periods per year used to annualise. */
  periodsPerYear: number;
  /** Notional capital base, CNY. */
  capital: number;
  /** Margin capital base, CNY. */
  marginCapital: number;
  /** Number of closed trades. */
  trades: number;
  /** trades / days. */
  tradesPerDay: number;
  /** Share of bars holding a position at the close. */
  exposure: number;
  /** Σ (entry + exit) notional, CNY. */
  notionalTraded: number;
  /** notionalTraded / capital / days. */
  turnoverPerDay: number;
  /** turnoverPerDay × periodsPerYear. */
  turnoverPerYear: number;
  /** Commissions paid, CNY. */
  commission: number;
  /** Slippage paid (spread and ticks vs the reference price), CNY. */
  slippage: number;
  /** commission + slippage, CNY. */
  costs: number;
  /** Trade counts by exit reason. */
  exits: Record<ExitReason, number>;
  /** Before costs (reference prices, no commission). */
  before: CostSideMetrics;
  /** After costs (fill prices and commissions). */
  after: CostSideMetrics;
}

/** Options of {@linkcode summarize}. */
export interface SummaryOptions {
  /** Notional capital base, CNY. Default close[0]·multiplier·lots. */
  capital?: number;
  /** Periods per year. Default 242. */
  periodsPerYear?: number;
  /** A curve already computed by `markToMarket` (else it is computed here). */
  curve?: EquityCurve;
}

function returnMetrics(
  pnl: Float64Array,
  tradingDay: ArrayLike<number>,
  capital: number,
  periodsPerYear: number,
): ReturnMetrics {
  const equity = new Float64Array(pnl.length);
  let ruined = false;
  for (let i = 0; i < pnl.length; i++) {
    equity[i] = ruined ? 0 : capital + pnl[i];
    if (equity[i] <= 0) (ruined = true, equity[i] = 0);
  }
  const { returns } = dailyReturns(equity, tradingDay, { start: capital });
  let days = 0;
  for (const r of returns) if (Number.isFinite(r)) days++;
  const growth = equity.length > 0 ? equity[equity.length - 1] / capital : NaN;
  const g = cagr(growth, { days: returns.length, periodsPerYear });
  const mdd = maxDrawdown(equity);
  return {
    days,
    ruined,
    totalReturn: growth - 1,
    cagr: g,
    annualReturn: annualReturn(returns, { periodsPerYear }),
    sharpe: sharpe(returns, { periodsPerYear }),
    sortino: sortino(returns, { periodsPerYear }),
    maxDrawdown: mdd,
    calmar: calmar(g, mdd),
  };
}

/**
 * Summarise a simulation: trade statistics, activity, costs, and return metrics before and
 * after costs on the notional and on the margin capital base. Conventions: see metrics.ts
 * (daily returns per trading day with night in the next day, Sharpe ddof 1, 242 days per year,
 * minute-level drawdown, CAGR over trading days / 242) and mark_to_market.ts (capital, marks).
 *
 * @example
 * ```ts
 * const s = summarize(bars, simulate(bars, sig));
 * console.log(s.after.notional.sharpe, s.before.notional.sharpe, s.costs);
 * ```
 */
export function summarize(
  bars: { close: ArrayLike<number>; tradingDay: ArrayLike<number> },
  sim: Simulation,
  options: SummaryOptions = {},
): Summary {
  const p = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  const curve = options.curve ?? markToMarket(bars, sim, { capital: options.capital });
  const { trades, config } = sim;
  const { multiplier, tick } = config.contract;
  const days = dailyReturns(curve.pnlNet, bars.tradingDay).day.length;
  let commission = 0, slippage = 0;
  const exits = Object.fromEntries(EXIT_REASONS.map((r) => [r, 0])) as Record<ExitReason, number>;
  for (let k = 0; k < trades.count; k++) {
    commission += trades.entryCommission[k] + trades.exitCommission[k];
    slippage += trades.slippage[k];
    exits[EXIT_REASONS[trades.exitReason[k]]]++;
  }
  const side = (pnlPerTrade: Float64Array, pnlCurve: Float64Array): CostSideMetrics => {
    let total = 0;
    for (let k = 0; k < pnlPerTrade.length; k++) total += pnlPerTrade[k];
    return {
      pnl: total,
      winRate: winRate(pnlPerTrade),
      profitFactor: profitFactor(pnlPerTrade),
      averageTrade: mean(pnlPerTrade),
      averageTradeTicks: averageTradeTicks(pnlPerTrade, { lots: trades.lots, multiplier, tick }),
      notional: returnMetrics(pnlCurve, bars.tradingDay, curve.capital, p),
      margin: returnMetrics(pnlCurve, bars.tradingDay, curve.marginCapital, p),
    };
  };
  const traded = notionalTraded(trades, { multiplier });
  const turnoverPerDay = traded / curve.capital / days;
  return {
    bars: curve.pnlNet.length,
    days,
    years: days / p,
    periodsPerYear: p,
    capital: curve.capital,
    marginCapital: curve.marginCapital,
    trades: trades.count,
    tradesPerDay: trades.count / days,
    exposure: exposure(sim.position),
    notionalTraded: traded,
    turnoverPerDay,
    turnoverPerYear: turnoverPerDay * p,
    commission,
    slippage,
    costs: commission + slippage,
    exits,
    before: side(trades.grossPnl, curve.pnlGross),
    after: side(trades.netPnl, curve.pnlNet),
  };
}
