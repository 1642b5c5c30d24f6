/**
 * The strategy beside the oracle (the generator's true expected return traded the same way), in
 * and out of sample, as table rows.
 *
 * @module
 */
import type { BacktestRun } from "../study/mod.ts";
import type { Summary } from "../backtest/summarize.ts";
import { formatMetric } from "./format_metric.ts";

/**
 * Per period, three rows: the strategy (model prediction + attention gate), the oracle with the
 * model's attention gate, and the oracle with no gate; each with trades, P&L before costs, costs,
 * net P&L, and after costs the annualised return (notional), Sharpe, max drawdown and win rate.
 * Without ground truth only the strategy rows are given.
 *
 * @example
 * ```ts
 * showTable(oracleTable(run)); // 6 rows on data with ground truth
 * ```
 */
export function oracleTable(run: BacktestRun): Record<string, string>[] {
  const row = (period: string, strategy: string, s: Summary) => ({
    period,
    strategy,
    trades: formatMetric(s.trades, "count"),
    "P&L before costs": formatMetric(s.before.pnl, "CNY"),
    costs: formatMetric(s.costs, "CNY"),
    "net P&L": formatMetric(s.after.pnl, "CNY"),
    "annualised return": formatMetric(s.after.notional.annualReturn, "%"),
    Sharpe: formatMetric(s.after.notional.sharpe, "ratio"),
    "max drawdown": formatMetric(s.after.notional.maxDrawdown, "%"),
    "win rate": formatMetric(s.after.winRate, "%"),
  });
  return Object.values(run.periods).flatMap((p) => [
    row(p.label, "model + attention gate (the strategy)", p.summary),
    ...(p.oracle
      ? [
        row(p.label, "oracle + attention gate", p.oracle.gated.summary),
        row(p.label, "oracle, no gate", p.oracle.ungated.summary),
      ]
      : []),
  ]);
}
