/**
 * Every metric of a backtest run before and after costs, in and out of sample, as table rows.
 *
 * @module
 */
import type { BacktestRun } from "../study/mod.ts";
import type { Summary } from "../backtest/summarize.ts";
import { formatMetric, type MetricUnit } from "./format_metric.ts";

/** Column headings of {@linkcode metricsTable}, after the `metric` column. */
export const METRICS_TABLE_COLUMNS = [
  "in-sample, before costs",
  "in-sample, after costs",
  "out-of-sample, before costs",
  "out-of-sample, after costs",
] as const;

/**
 * One text row per metric: P&L, returns (notional and margin base), Sharpe, Sortino, drawdown,
 * Calmar, win rate, profit factor and average trade before and after costs; then trades,
 * exposure, turnover, costs paid, exits by reason, days and the capital base (cost-independent:
 * "before costs" left blank). Sharpe is labelled with the run's days per year. Cells are
 * {@linkcode formatMetric} text ("n/a" when undefined, e.g. a win rate without trades); a margin
 * account that was ruined says so, with the days its figures cover.
 *
 * @example
 * ```ts
 * showTable(metricsTable(run)); // 26 rows × metric + 4 columns
 * metricsTable(run)[0]["out-of-sample, after costs"]; // net P&L out of sample, e.g. "-1,234"
 * ```
 */
export function metricsTable(run: BacktestRun): Record<string, string>[] {
  const is = run.periods.inSample.summary, oos = run.periods.outOfSample.summary;
  const [isB, isA, oosB, oosA] = METRICS_TABLE_COLUMNS;
  const rows: Record<string, string>[] = [];
  const both = (
    name: string,
    unit: MetricUnit,
    f: (side: Summary["after"]) => number,
    note: (side: Summary["after"], days: number) => string = () => "",
  ) =>
    rows.push({
      metric: name,
      [isB]: formatMetric(f(is.before), unit) + note(is.before, is.days),
      [isA]: formatMetric(f(is.after), unit) + note(is.after, is.days),
      [oosB]: formatMetric(f(oos.before), unit) + note(oos.before, oos.days),
      [oosA]: formatMetric(f(oos.after), unit) + note(oos.after, oos.days),
    });
  const ruin = (side: Summary["after"], days: number) =>
    side.margin.ruined ? ` (ruined: ${side.margin.days} of ${days} days)` : "";
  const one = (name: string, unit: MetricUnit, f: (s: Summary) => number) =>
    rows.push({
      metric: name,
      [isB]: "",
      [isA]: formatMetric(f(is), unit),
      [oosB]: "",
      [oosA]: formatMetric(f(oos), unit),
    });
  const days = run.config.run.periodsPerYear;
  both("P&L (CNY)", "CNY", (s) => s.pnl);
  both("total return (notional)", "%", (s) => s.notional.totalReturn);
  both("annualised return (simple, notional)", "%", (s) => s.notional.annualReturn);
  both("CAGR (notional)", "%", (s) => s.notional.cagr);
  both(`Sharpe (daily, ddof 1, ×√${days})`, "ratio", (s) => s.notional.sharpe);
  both("Sortino", "ratio", (s) => s.notional.sortino);
  both("max drawdown (minute level)", "%", (s) => s.notional.maxDrawdown);
  both("Calmar", "ratio", (s) => s.notional.calmar);
  both("annualised return (margin base)", "%", (s) => s.margin.annualReturn, ruin);
  both("max drawdown (margin base)", "%", (s) => s.margin.maxDrawdown, ruin);
  both("win rate", "%", (s) => s.winRate);
  both("profit factor", "ratio", (s) => s.profitFactor);
  both("average trade (CNY)", "CNY", (s) => s.averageTrade);
  both("average trade (ticks per lot)", "ticks", (s) => s.averageTradeTicks);
  one("trades", "count", (s) => s.trades);
  one("trades per day", "count", (s) => s.tradesPerDay);
  one("exposure (share of minutes in a position)", "%", (s) => s.exposure);
  one("turnover per day (× capital)", "ratio", (s) => s.turnoverPerDay);
  one("commission paid (CNY)", "CNY", (s) => s.commission);
  one("slippage and spread paid (CNY)", "CNY", (s) => s.slippage);
  one("exits at max hold", "count", (s) => s.exits["max-hold"]);
  one("exits at a session end", "count", (s) => s.exits["session-end"]);
  one("exits at the day end", "count", (s) => s.exits["day-end"]);
  one("exits on an opposite signal", "count", (s) => s.exits.opposite);
  one("trading days", "count", (s) => s.days);
  one("capital base: one lot's notional (CNY)", "CNY", (s) => s.capital);
  return rows;
}
