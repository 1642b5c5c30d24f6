/**
 * The CSV tables of a backtest run: trades, the per-minute equity curve and daily returns, each
 * with a `period` column (`in_sample`, `out_of_sample`). Times are bar ends in naive local time
 * (`2023-01-03T09:01:00`), trading days `YYYY-MM-DD` (night bars belong to the next trading day),
 * money in CNY, returns as fractions. An undefined value is an empty cell.
 *
 * @module
 */
import type { BacktestRun, PeriodName, PeriodRun } from "../study/mod.ts";

import { EXIT_REASONS } from "../backtest/simulate.ts";
import { formatLocalDateTime, formatTradingDay } from "../data/mod.ts";

/** The three CSV files' text. */
export interface BacktestCsv {
  /** trades.csv: one row per closed trade. */
  trades: string;
  /** equity.csv: one row per bar of each period. */
  equity: string;
  /** daily.csv: one row per trading day of each period. */
  daily: string;
}

/** Column names of trades.csv. */
export const TRADES_COLUMNS = [
  "period",
  "trade",
  "signal_time",
  "entry_time",
  "exit_time",
  "trading_day",
  "side",
  "lots",
  "entry_price",
  "exit_price",
  "hold_minutes",
  "gross_pnl",
  "commission",
  "slippage",
  "costs",
  "net_pnl",
  "exit_reason",
  "prediction",
  "bull",
  "bear",
] as const;

/** Column names of equity.csv. */
export const EQUITY_COLUMNS = [
  "period",
  "datetime",
  "trading_day",
  "close",
  "prediction",
  "bull",
  "bear",
  "signal",
  "position",
  "pnl_gross",
  "pnl_net",
  "equity_gross",
  "equity_net",
  "drawdown_net",
] as const;

/** Column names of daily.csv. */
export const DAILY_COLUMNS = [
  "period",
  "trading_day",
  "trades",
  "pnl_gross",
  "pnl_net",
  "equity_gross",
  "equity_net",
  "return_gross",
  "return_net",
] as const;

const PERIOD_KEYS: Record<PeriodName, string> = {
  inSample: "in_sample",
  outOfSample: "out_of_sample",
};

/** What a CSV needs of a traded period: its bars, outputs and engine result. */
export type CsvPeriod = Pick<
  PeriodRun,
  "bars" | "sim" | "curve" | "signals" | "prediction" | "bull" | "bear" | "daily" | "dailyGross"
>;

function num(x: number, digits: number): string {
  return Number.isFinite(x) ? String(Number(x.toFixed(digits))) : "";
}

function tradesRows(p: CsvPeriod, key: string, out: string[]): void {
  const t = p.sim.trades, b = p.bars;
  for (let k = 0; k < t.count; k++) {
    const e = t.entryIndex[k], x = t.exitIndex[k], s = e - 1;
    out.push([
      key,
      k + 1,
      formatLocalDateTime(b.time[s]),
      formatLocalDateTime(b.time[e]),
      formatLocalDateTime(b.time[x]),
      formatTradingDay(b.tradingDay[e]),
      t.side[k] > 0 ? "long" : "short",
      t.lots[k],
      num(t.entryPrice[k], 4),
      num(t.exitPrice[k], 4),
      x - e,
      num(t.grossPnl[k], 3),
      num(t.entryCommission[k] + t.exitCommission[k], 3),
      num(t.slippage[k], 3),
      num(t.costs[k], 3),
      num(t.netPnl[k], 3),
      EXIT_REASONS[t.exitReason[k]],
      num(p.prediction[s], 8),
      num(p.bull[s], 5),
      num(p.bear[s], 5),
    ].join(","));
  }
}

function equityRows(p: CsvPeriod, key: string, out: string[]): void {
  const b = p.bars, c = p.curve;
  let peak = -Infinity;
  for (let i = 0; i < b.time.length; i++) {
    const eq = c.equityNet[i];
    if (eq > peak) peak = eq;
    out.push([
      key,
      formatLocalDateTime(b.time[i]),
      formatTradingDay(b.tradingDay[i]),
      num(b.close[i], 4),
      num(p.prediction[i], 8),
      num(p.bull[i], 5),
      num(p.bear[i], 5),
      p.signals[i],
      p.sim.position[i],
      num(c.pnlGross[i], 3),
      num(c.pnlNet[i], 3),
      num(c.equityGross[i], 3),
      num(eq, 3),
      num(eq / peak - 1, 6),
    ].join(","));
  }
}

function dailyRows(p: CsvPeriod, key: string, out: string[]): void {
  const { daily, dailyGross, curve, sim } = p;
  const perDay = new Map<number, number>();
  for (let k = 0; k < sim.trades.count; k++) {
    const d = p.bars.tradingDay[sim.trades.entryIndex[k]];
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  let prevNet = 0, prevGross = 0;
  for (let d = 0; d < daily.day.length; d++) {
    const i = daily.endIndex[d];
    out.push([
      key,
      formatTradingDay(daily.day[d]),
      perDay.get(daily.day[d]) ?? 0,
      num(curve.pnlGross[i] - prevGross, 3),
      num(curve.pnlNet[i] - prevNet, 3),
      num(curve.equityGross[i], 3),
      num(curve.equityNet[i], 3),
      num(dailyGross.returns[d], 8),
      num(daily.returns[d], 8),
    ].join(","));
    prevNet = curve.pnlNet[i];
    prevGross = curve.pnlGross[i];
  }
}

/**
 * The trades, equity and daily CSV text of traded periods, each row keyed by its period (the
 * `period` column). Columns: {@linkcode TRADES_COLUMNS}, {@linkcode EQUITY_COLUMNS},
 * {@linkcode DAILY_COLUMNS}. In trades.csv `signal_time` is the bar whose close produced the
 * signal (the bar before the entry fill) and `prediction`/`bull`/`bear` are that bar's values;
 * equity.csv's equity is on one lot's notional at the period's first close, `drawdown_net` =
 * equity_net / running max − 1.
 *
 * @example
 * ```ts
 * const csv = periodsCsv([{ key: "walk_forward", period: stitched }]);
 * ```
 */
export function periodsCsv(periods: readonly { key: string; period: CsvPeriod }[]): BacktestCsv {
  const trades = [TRADES_COLUMNS.join(",")];
  const equity = [EQUITY_COLUMNS.join(",")];
  const daily = [DAILY_COLUMNS.join(",")];
  for (const { key, period } of periods) {
    tradesRows(period, key, trades);
    equityRows(period, key, equity);
    dailyRows(period, key, daily);
  }
  return {
    trades: trades.join("\n") + "\n",
    equity: equity.join("\n") + "\n",
    daily: daily.join("\n") + "\n",
  };
}

/**
 * The trades, equity and daily CSV text of a backtest run: both periods, in-sample first
 * (`in_sample`, `out_of_sample`; see {@linkcode periodsCsv}).
 *
 * @example
 * ```ts
 * const csv = backtestCsv(run);
 * csv.equity.split("\n").length - 2; // bars in both periods (header + trailing newline)
 * ```
 */
export function backtestCsv(run: BacktestRun): BacktestCsv {
  return periodsCsv(
    (["inSample", "outOfSample"] as const).map((name) => ({
      key: PERIOD_KEYS[name],
      period: run.periods[name],
    })),
  );
}
