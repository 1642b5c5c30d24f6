/**
 * The cost-sensitivity grid of a backtest run as table rows.
 *
 * @module
 */
import type { BacktestRun } from "../study/mod.ts";
import { formatMetric } from "./format_metric.ts";

/**
 * One text row per period × extra slippage × commission rate of `run.costSensitivity`: the same
 * signals re-run with extra adverse ticks on every fill and the commission rate on entries and
 * exits. P&L before costs is the same in every row of a period; costs and everything after
 * them change.
 *
 * @example
 * ```ts
 * showTable(costTable(run)); // 12 rows with the default grid (2 periods × 3 ticks × 2 rates)
 * ```
 */
export function costTable(run: BacktestRun): Record<string, string>[] {
  return run.costSensitivity.map((r) => ({
    period: run.periods[r.period].label,
    "extra slippage (ticks/fill)": String(r.extraSlippageTicks),
    "commission (per side)": formatMetric(r.commissionRate, "rate"),
    trades: formatMetric(r.trades, "count"),
    "P&L before costs": formatMetric(r.grossPnl, "CNY"),
    costs: formatMetric(r.costs, "CNY"),
    "net P&L": formatMetric(r.netPnl, "CNY"),
    "annualised return": formatMetric(r.annualReturn, "%"),
    Sharpe: formatMetric(r.sharpe, "ratio"),
    "max drawdown": formatMetric(r.maxDrawdown, "%"),
    "win rate": formatMetric(r.winRate, "%"),
  }));
}
