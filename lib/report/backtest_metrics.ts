/**
 * metrics.json: every figure of a backtest run as plain JSON, with its conventions.
 *
 * @module
 */
import type {
  BacktestRun,
  GateAblation,
  PeriodName,
  PeriodRun,
  RandomGates,
} from "../study/mod.ts";
import { formatFee } from "../calendar/mod.ts";
import { formatTradingDay } from "../data/mod.ts";
import { backtestVerdict } from "./backtest_verdict.ts";
import { comparisonTable } from "./comparison_table.ts";
import { thresholdJson } from "./threshold_report.ts";

/** The conventions every figure follows (copied into metrics.json and the report). */
export function backtestConventions(run: BacktestRun): Record<string, string | number> {
  const b = run.config.backtest, c = b.contract;
  return {
    tradingDaysPerYear: run.config.run.periodsPerYear,
    ddof: 1,
    sharpe: `mean / std (ddof 1) of daily returns × √${run.config.run.periodsPerYear}, risk-free 0`,
    sortino: "mean / downside deviation (√ mean of min(r, 0)² over all days) × √days-per-year",
    dailyReturns: "simple return per trading day; the night session (21:00–23:00) belongs to the " +
      "NEXT trading day",
    maxDrawdown: "on the minute-level equity: min over t of equity / running max − 1, in [−1, 0]",
    ruin: "an account whose equity reaches 0 (possible on the margin base) is ruined and stops: " +
      "equity is held at 0 from that bar on, so drawdown and total return are −100 % and the " +
      "days after the ruin day have no return",
    days: "each return figure's `days` is the number of daily returns its Sharpe, Sortino and " +
      "annual return used: every day of the period unless the account was ruined; the verdict's " +
      "t statistic states its own days",
    significance: "t = mean / sd × √n of the out-of-sample daily returns after costs; two-sided " +
      "p under Student's t with n − 1 degrees of freedom; significant when p < 0.05",
    cagr: "(ending / starting equity)^(1 / years) − 1, years = trading days / days-per-year",
    annualReturn: "mean daily return × days-per-year (simple, no compounding)",
    capital: "notional of one position at the period's first close (close × multiplier × lots), " +
      `unlevered; the margin base is ${c.marginRate} of it`,
    winRate: "share of trades with net P&L > 0 after costs (a zero-P&L trade is not a win)",
    beforeCosts: "at the cost-free reference prices (mid with a book) and without commission",
    execution:
      "signal at bar t's close, fill at bar t+1 (never on the signal bar); one position; " +
      `flat before every session break and at the day end; max hold ${b.maxHold} bars; opposite ` +
      `signal: ${b.onOpposite}`,
    costModel: `with a book: buy at the ask, sell at the bid of the fill bar; without: open ± ` +
      `${b.slippageTicks} tick(s); plus ${b.extraSlippageTicks} extra tick(s) on every fill; ` +
      `commission ${formatFee(c.fee)} (every exit closes today); ${c.symbol} (${c.exchange}), ` +
      `multiplier ${c.multiplier}, tick ${c.tick}`,
    prediction: "model output × the checkpoint's target std + mean: the predicted 5-minute return",
    attentionScores:
      `attention row of the last step in layer ${
        run.config.strategy.attention.layer === "last"
          ? "L−1 (the last)"
          : run.config.strategy.attention.layer
      }, heads averaged, summed over up (close > open) or down (close < open) minutes of the ` +
      "window; doji in neither",
    permutationTest:
      "p = (1 + #{random gate ≥ attention gate}) / (K + 1) on net P&L after costs; " +
      "random gates pass the same number of long and of short prediction-qualified signals; " +
      "primary null 'shift' rotates the gate's pass/fail pattern along the qualified bars (keeps " +
      "its clustering), secondary 'uniform' draws the bars uniformly",
    nullValues: "null = undefined (no trades, zero volatility, no losses, …)",
  };
}

function ablationJson(a: GateAblation) {
  const brief = (r: RandomGates | undefined) => {
    if (!r) return null;
    const { netPnl: _n, trades: _t, ...rest } = r;
    return rest;
  };
  const { random: _r, nulls, ...rest } = a;
  return {
    ...rest,
    primaryNull: a.random.null,
    nulls: Object.fromEntries(Object.entries(nulls).map(([k, r]) => [k, brief(r)])),
  };
}

function periodJson(p: PeriodRun) {
  return {
    label: p.label,
    days: {
      count: p.days.length,
      first: formatTradingDay(p.days[0]),
      last: formatTradingDay(p.days.at(-1)!),
    },
    bars: p.bars.time.length,
    windows: p.ends.length,
    signals: {
      long: p.signals.reduce((s, x) => s + (x > 0 ? 1 : 0), 0),
      short: p.signals.reduce((s, x) => s + (x < 0 ? 1 : 0), 0),
    },
    summary: p.summary,
    intervals: p.intervals,
    forecast: p.analysis.forecast,
    gates: p.analysis.gates,
    attention: {
      scores: p.analysis.scores,
      byLag: p.analysis.byLag,
      returnByBull: p.analysis.returnByBull,
      returnByBear: p.analysis.returnByBear,
      groundTruth: p.analysis.groundTruth,
    },
  };
}

/**
 * The metrics.json object of a run: data and checkpoint identity, configs, conventions, both
 * periods (every metric before and after costs), the oracle (with and without the attention
 * gate), the ablation with its p-value, the cost-sensitivity table, the claim, the headline
 * comparison, the verdict, warnings and timings. Non-finite numbers become `null` when
 * serialised.
 *
 * @example
 * ```ts
 * const json = JSON.stringify(backtestMetrics(run), null, 2);
 * ```
 */
export function backtestMetrics(run: BacktestRun): Record<string, unknown> {
  const periods = ["inSample", "outOfSample"] as const;
  const per = <T>(f: (p: PeriodRun) => T) =>
    Object.fromEntries(periods.map((k) => [k, f(run.periods[k])])) as Record<PeriodName, T>;
  const { run: runCfg, strategy, backtest } = run.config;
  return {
    format: "trendformer-backtest",
    version: 1,
    data: run.data,
    checkpoint: run.checkpoint,
    backend: run.backend,
    config: { strategy, backtest, runner: runCfg },
    conventions: backtestConventions(run),
    inSample: periodJson(run.periods.inSample),
    outOfSample: periodJson(run.periods.outOfSample),
    oracle: {
      note: "ground truth gt_exp_ret_5m in place of the prediction; 'gated' keeps the model's " +
        "attention gate, 'ungated' uses the signal threshold only; same bars, execution and costs",
      ...per((p) =>
        p.oracle ? { gated: p.oracle.gated.summary, ungated: p.oracle.ungated.summary } : null
      ),
    },
    ablation: per((p) => ablationJson(p.ablation)),
    costSensitivity: run.costSensitivity,
    thresholds: run.thresholds ? thresholdJson(run.thresholds) : null,
    claim: run.claim,
    comparison: comparisonTable(run),
    verdict: backtestVerdict(run),
    warnings: run.warnings,
    timings: run.timings,
  };
}
