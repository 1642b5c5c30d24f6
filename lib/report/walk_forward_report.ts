/**
 * A walk-forward's tables and chart: the stitched out-of-sample figures with their day-block
 * bootstrap intervals beside the single-split backtest's, one row per fold, and the stitched
 * equity. The files are written by `walk_forward_files.ts`.
 *
 * @module
 */
import { formatTradingDay } from "../data/mod.ts";
import type { BootstrapInterval } from "../stats/mod.ts";
import type { ReturnIntervals, StitchedStrategy, WalkForwardRun } from "../study/mod.ts";
import { equityPlot } from "./equity_plot.ts";
import { formatMetric, type MetricUnit } from "./format_metric.ts";

/** The single-split backtest's out-of-sample figures, read from its metrics.json. */
export interface SingleSplitResult {
  /** Where they were read. */
  path: string;
  /** Test days and their span. */
  days: { count: number; first: string; last: string };
  /** Trades. */
  trades: number;
  /** Net P&L after costs, CNY. */
  netPnl: number;
  /** Annualised return after costs, notional base. */
  annualReturn: number;
  /** Sharpe after costs. */
  sharpe: number;
  /** Max drawdown after costs, minute level. */
  maxDrawdown: number;
  /** Win rate after costs. */
  winRate: number;
  /** Their intervals, when the backtest wrote them. */
  intervals: ReturnIntervals | null;
}

/**
 * The out-of-sample figures of the backtest in `dir` (its metrics.json), or `null` when there is
 * none (the backtest has not been run).
 *
 * @example
 * ```ts
 * const single = await readSingleSplit("data/backtest/default");
 * ```
 */
export async function readSingleSplit(dir: string): Promise<SingleSplitResult | null> {
  const path = `${dir.replace(/\/+$/, "")}/metrics.json`;
  let m;
  try {
    m = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  const o = m.outOfSample,
    a = o.summary.after,
    num = (x: unknown) => (x === null ? NaN : x as number);
  return {
    path,
    days: o.days,
    trades: o.summary.trades,
    netPnl: num(a.pnl),
    annualReturn: num(a.notional.annualReturn),
    sharpe: num(a.notional.sharpe),
    maxDrawdown: num(a.notional.maxDrawdown),
    winRate: num(a.winRate),
    intervals: o.intervals ?? null,
  };
}

function withInterval(x: number, ci: BootstrapInterval | undefined, unit: MetricUnit): string {
  const v = formatMetric(x, unit);
  return ci ? `${v} [${formatMetric(ci.lo, unit)}, ${formatMetric(ci.hi, unit)}]` : v;
}

/**
 * The headline comparison: rows of after-cost figures (90 % intervals in brackets) for the single
 * split's test days, the walk-forward with the strategy's thresholds and with the thresholds
 * chosen per fold.
 *
 * @example
 * ```ts
 * showTable(walkForwardSummary(wf, await readSingleSplit("data/backtest/default")));
 * ```
 */
export function walkForwardSummary(
  run: WalkForwardRun,
  single: SingleSplitResult | null,
): Record<string, string>[] {
  type Col = Omit<SingleSplitResult, "path" | "days" | "intervals"> & {
    days: string;
    ci: ReturnIntervals | null;
  };
  const wf = (s: StitchedStrategy): Col => ({
    days: `${run.stitched.days.length} (${formatTradingDay(run.stitched.days[0])} to ${
      formatTradingDay(run.stitched.days.at(-1)!)
    })`,
    trades: s.summary.trades,
    netPnl: s.summary.after.pnl,
    annualReturn: s.summary.after.notional.annualReturn,
    sharpe: s.summary.after.notional.sharpe,
    maxDrawdown: s.summary.after.notional.maxDrawdown,
    winRate: s.summary.after.winRate,
    ci: s.intervals,
  });
  const cols: Record<string, Col | null> = {
    "single split: test days": single && {
      ...single,
      days: `${single.days.count} (${single.days.first} to ${single.days.last})`,
      ci: single.intervals,
    },
    "walk-forward: strategy thresholds": wf(run.stitched.spec),
    "walk-forward: thresholds chosen per fold": wf(run.stitched.chosen),
  };
  const row = (metric: string, f: (c: Col) => string) => ({
    metric,
    ...Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, c ? f(c) : "not run"])),
  });
  return [
    row("out-of-sample trading days", (c) => c.days),
    row("trades", (c) => formatMetric(c.trades, "count")),
    row("net P&L after costs (CNY)", (c) => withInterval(c.netPnl, c.ci?.netPnl, "CNY")),
    row(
      "annualised return (notional)",
      (c) => withInterval(c.annualReturn, c.ci?.annualReturn, "%"),
    ),
    row("Sharpe", (c) => withInterval(c.sharpe, c.ci?.sharpe, "ratio")),
    row("max drawdown (minute level)", (c) => formatMetric(c.maxDrawdown, "%")),
    row("win rate", (c) => formatMetric(c.winRate, "%")),
  ];
}

/** Net P&L after costs of each fold's block, from the stitched trades (by entry bar). */
function foldPnl(run: WalkForwardRun, s: StitchedStrategy): Map<number, number> {
  const out = new Map<number, number>(), t = s.sim.trades;
  for (let k = 0; k < t.count; k++) {
    const f = run.stitched.fold[t.entryIndex[k]];
    out.set(f, (out.get(f) ?? 0) + t.netPnl[k]);
  }
  return out;
}

/**
 * One row per fold: its days, training, the thresholds chosen on its validation days and what the
 * two strategies made on its test days.
 *
 * @example
 * ```ts
 * showTable(walkForwardFoldTable(wf));
 * ```
 */
export function walkForwardFoldTable(run: WalkForwardRun): Record<string, string>[] {
  const spec = foldPnl(run, run.stitched.spec), chosen = foldPnl(run, run.stitched.chosen);
  const span = (d: number[]) =>
    d.length === 0 ? "–" : `${formatTradingDay(d[0])} to ${formatTradingDay(d.at(-1)!)}`;
  return run.folds.map((r) => ({
    fold: String(r.fold.index),
    train: `${r.fold.train.length} days, ${span(r.fold.train)}`,
    validation: `${r.fold.val.length} days`,
    test: `${r.fold.test.length} days, ${span(r.fold.test)}`,
    training: `${r.training.epochs} epochs (best ${r.training.bestEpoch})${
      r.training.warmFrom ? ", warm" : ""
    }`,
    "chosen (|pred| >, attention >)": r.chosen
      ? `${formatMetric(r.chosen.signalThreshold * 1e4, "ratio")} bp, ${
        r.chosen.attentionThreshold ?? "no gate"
      } (val Sharpe ${formatMetric(r.validation.chosen?.sharpe ?? NaN, "ratio")})`
      : "none qualified",
    "test IC": formatMetric(r.forecast.pearson, "p"),
    "test P&L, spec (CNY)": formatMetric(spec.get(r.fold.index) ?? 0, "CNY"),
    "test P&L, chosen (CNY)": formatMetric(chosen.get(r.fold.index) ?? 0, "CNY"),
  }));
}

/**
 * Cumulative after-cost return of the two stitched strategies over the out-of-sample days.
 *
 * @example
 * ```ts
 * showPlot(walkForwardEquityPlot(wf));
 * ```
 */
export function walkForwardEquityPlot(run: WalkForwardRun): Element {
  const s = run.stitched;
  return equityPlot({
    periods: {
      spec: { label: s.spec.label, bars: s.bars, curve: s.spec.curve },
      chosen: { label: s.chosen.label, bars: s.bars, curve: s.chosen.curve },
    },
  });
}
