/**
 * The headline table: our in-sample and out-of-sample figures, the oracle's, and the seed's claim
 * side by side, after costs.
 *
 * @module
 */
import type { BacktestRun } from "../study/mod.ts";
import type { Summary } from "../backtest/summarize.ts";
import { formatMetric, type MetricUnit } from "./format_metric.ts";

/** One metric across the runs; null where a run has no such figure. */
export interface ComparisonRow {
  /** Metric name. */
  metric: string;
  /** Unit, for formatting. */
  unit: MetricUnit;
  /** Strategy, in-sample (training days). */
  inSample: number | null;
  /** Strategy, out-of-sample (test days). */
  outOfSample: number | null;
  /** Oracle with the model's attention gate, out-of-sample. */
  oracleGated: number | null;
  /** Oracle without a gate, out-of-sample. */
  oracleUngated: number | null;
  /** The seed's claim (rebar 2023, in-sample). */
  claim: number | null;
}

/** Column headings of {@linkcode ComparisonRow}'s figures, in order. */
export const COMPARISON_COLUMNS = {
  metric: "metric (after costs)",
  inSample: "ours: in-sample",
  outOfSample: "ours: out-of-sample",
  oracleGated: "oracle + attention gate (OOS)",
  oracleUngated: "oracle, no gate (OOS)",
  claim: "claim (not reproduced; different data)",
} as const;

/**
 * The rows of the headline table, after costs, return metrics on the notional base (one lot,
 * unlevered) plus the margin-base annual return. The claim fills the four metrics it states.
 *
 * @example
 * ```ts
 * const rows = comparisonTable(run);
 * rows.find((r) => r.metric === "Sharpe")!.outOfSample; // out-of-sample Sharpe after costs
 * ```
 */
export function comparisonTable(run: BacktestRun): ComparisonRow[] {
  const is = run.periods.inSample.summary, oos = run.periods.outOfSample.summary;
  const og = run.periods.outOfSample.oracle?.gated.summary ?? null;
  const ou = run.periods.outOfSample.oracle?.ungated.summary ?? null;
  const c = run.claim;
  const row = (
    metric: string,
    unit: MetricUnit,
    f: (s: Summary) => number,
    claim: number | null = null,
  ): ComparisonRow => ({
    metric,
    unit,
    inSample: f(is),
    outOfSample: f(oos),
    oracleGated: og ? f(og) : null,
    oracleUngated: ou ? f(ou) : null,
    claim,
  });
  return [
    row(
      "annualised return (simple, notional)",
      "%",
      (s) => s.after.notional.annualReturn,
      c.annualReturn,
    ),
    row("annualised return (margin base)", "%", (s) => s.after.margin.annualReturn),
    row("CAGR (notional)", "%", (s) => s.after.notional.cagr),
    row(
      "max drawdown (minute equity, notional)",
      "%",
      (s) => s.after.notional.maxDrawdown,
      c.maxDrawdown,
    ),
    row("Sharpe", "ratio", (s) => s.after.notional.sharpe, c.sharpe),
    row("Sortino", "ratio", (s) => s.after.notional.sortino),
    row("win rate (net of costs)", "%", (s) => s.after.winRate, c.winRate),
    row("profit factor", "ratio", (s) => s.after.profitFactor),
    row("net P&L (CNY)", "CNY", (s) => s.after.pnl),
    row("P&L before costs (CNY)", "CNY", (s) => s.before.pnl),
    row("costs paid (CNY)", "CNY", (s) => s.costs),
    row("trades", "count", (s) => s.trades),
    row("trades per day", "count", (s) => s.tradesPerDay),
    row("average trade (ticks, net)", "ticks", (s) => s.after.averageTradeTicks),
    row("trading days", "count", (s) => s.days),
  ];
}

/**
 * The comparison rows as text cells (for `showTable`, the CLI and the HTML report).
 *
 * @example
 * ```ts
 * showTable(formatComparison(comparisonTable(run)));
 * ```
 */
export function formatComparison(rows: ComparisonRow[]): Record<string, string>[] {
  return rows.map((r) => ({
    [COMPARISON_COLUMNS.metric]: r.metric,
    [COMPARISON_COLUMNS.inSample]: formatMetric(r.inSample, r.unit),
    [COMPARISON_COLUMNS.outOfSample]: formatMetric(r.outOfSample, r.unit),
    [COMPARISON_COLUMNS.oracleGated]: formatMetric(r.oracleGated, r.unit),
    [COMPARISON_COLUMNS.oracleUngated]: formatMetric(r.oracleUngated, r.unit),
    [COMPARISON_COLUMNS.claim]: r.claim === null ? "" : formatMetric(r.claim, r.unit),
  }));
}
