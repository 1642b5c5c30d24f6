/**
 * The controls study's verdicts: the pipeline run on markets where the answer is known, each judged
 * from its own results by rules fixed in advance (nothing here is tuned to make a control pass):
 *
 * - `null` (nothing to predict) passes when the strategy shows no significant after-cost profit
 *   out of sample (the 90 % day-block interval of its net P&L does not lie above 0) and the
 *   model's test IC interval includes 0. Otherwise something leaks or overfits, and the verdict
 *   says so loudly.
 * - `trend` (the strategy's premise holds) passes when the strategy at the spec thresholds trades
 *   at least once a day out of sample and its after-cost P&L interval lies above 0. When it fails,
 *   the oracle runs say which stage lost the edge: costs (even the oracle without a gate loses),
 *   the gate (the oracle with the model's gate makes far less than without), or the forecast.
 * - `default`: whatever it is, stated plainly.
 *
 * Each verdict is a pure function of {@linkcode ControlInputs}, which {@linkcode controlInputs}
 * reads from a run's `eval.json` (deno task train) and `metrics.json` (deno task backtest).
 *
 * @module
 */
import type { AttentionGroundTruth } from "../attention/mod.ts";
import type { MarketName } from "../market/mod.ts";

/** A 90 % interval `[lo, hi]`. */
export type Interval = [number, number];

/** What a verdict reads: the out-of-sample figures of one market's run. */
export interface ControlInputs {
  /** The market. */
  market: MarketName;
  /** The generator's seed. */
  seed: number;
  /** Out-of-sample (test) trading days. */
  days: number;
  /** The model's test forecast quality. */
  forecast: {
    ic: number;
    icCi90: Interval;
    /** corr(prediction, gt_exp_ret_5m); NaN when the oracle is identically 0 (null market). */
    corrOracle: number;
    /** Share of test bars whose |prediction| passes the signal threshold. */
    shareAbove: number;
  };
  /** The `ceiling` diagnostic (summaries fitted to the noise-free target); null without one. */
  ceiling: { corrOracle: number; shareAbove: number } | null;
  /** Test IC of the reference forecasters scored on the same days (missing ones left out). */
  baselines: { forecaster: string; ic: number; icCi90: Interval }[];
  /** Share of test bars whose |gt_exp_ret_5m| passes the signal threshold; null without one. */
  oracleShareAbove: number | null;
  /** The strategy at the spec thresholds, out of sample, one lot. */
  strategy: { trades: number; pnlBefore: number; pnlAfter: number; pnlCi90: Interval };
  /** The oracle traded with the same rules: with the model's attention gate, and without. */
  oracle: {
    gated: { trades: number; pnlAfter: number };
    ungated: { trades: number; pnlAfter: number };
  } | null;
  /** The gate ablation's out-of-sample p-value; null when the gate could not be judged. */
  ablationP: number | null;
  /** The attention against gt_informed; null without it. */
  attention: AttentionGroundTruth | null;
}

/** A control's verdict. */
export interface ControlVerdict {
  market: MarketName;
  seed: number;
  /** `pass`/`fail` for the controls, `report` for the default market (no expected answer). */
  status: "pass" | "fail" | "report";
  /** One line. */
  headline: string;
  /** The checks behind it, in words with their figures. */
  reasons: string[];
  /** Trend market only, when it fails: the stage that lost the edge. */
  lostAt: "forecast" | "gate" | "costs" | null;
  /**
   * Trend market only: the strategy's after-cost P&L is at least half the oracle's (the oracle
   * traded with the same rules and the model's gate). Null elsewhere or without an oracle.
   */
  halfOracle: boolean | null;
}

const cny = (x: number) => `${Math.round(x).toLocaleString("en-US")} CNY`;
const num = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const iv = (i: Interval, f: (x: number) => string) => `[${f(i[0])}, ${f(i[1])}]`;

/** The lines every verdict carries: forecast, P&L, oracle and attention, with their figures. */
function figures(x: ControlInputs): string[] {
  const s = x.strategy, f = x.forecast;
  const out = [
    `model test IC ${num(f.ic)} ${iv(f.icCi90, (v) => num(v))}, corr with the oracle ` +
    `${num(f.corrOracle)}; |prediction| passes the signal threshold on ` +
    `${num(100 * f.shareAbove, 2)} % of test bars` +
    (x.oracleShareAbove === null ? "" : ` (oracle ${num(100 * x.oracleShareAbove, 2)} %)`) +
    (x.ceiling === null
      ? ""
      : `; the ceiling forecaster reaches corr ${num(x.ceiling.corrOracle)} and passes it on ${
        num(100 * x.ceiling.shareAbove, 2)
      } %`),
    `strategy at the spec thresholds: ${s.trades} trades in ${x.days} test days, after costs ` +
    `${cny(s.pnlAfter)} ${iv(s.pnlCi90, cny)} (90 %), before costs ${cny(s.pnlBefore)}`,
  ];
  if (x.oracle) {
    out.push(
      `oracle with the model's gate: ${cny(x.oracle.gated.pnlAfter)} on ${x.oracle.gated.trades} ` +
        `trades; without a gate: ${cny(x.oracle.ungated.pnlAfter)} on ` +
        `${x.oracle.ungated.trades} trades`,
    );
  }
  if (x.ablationP !== null) out.push(`gate ablation p-value ${num(x.ablationP)}`);
  if (x.attention) {
    const a = x.attention;
    out.push(
      `attention on informed minutes ${num(a.informedLift, 2)}× their share, on up minutes ` +
        `${num(a.upLift, 2)}×, entropy ${num(a.entropyRatio, 3)} of uniform: ` +
        (a.informedLift > 1.2
          ? "the model looks at the informed minutes"
          : "the model does not single out the informed minutes"),
    );
  }
  return out;
}

/** What a null run's IC interval away from 0 may mean, with the baselines on the same days. */
function nullIcContext(x: ControlInputs): string[] {
  const below = x.forecast.icCi90[1] < 0;
  const others = x.baselines.map((b) =>
    `${b.forecaster} ${num(b.ic)} [${num(b.icCi90[0])}, ${num(b.icCi90[1])}]`
  );
  return [
    (below
      ? "the IC lies below 0: the forecast is anti-correlated with the outcome, which a leak of " +
        "the future does not produce (it makes the IC positive); "
      : "the IC lies above 0: look for a leak of the future first; ") +
    "a 90 % interval misses 0 on about one clean null run in ten by construction",
    ...(others.length ? [`on the same test days: ${others.join(", ")}`] : []),
  ];
}

function nullVerdict(x: ControlInputs): ControlVerdict {
  const profit = x.strategy.pnlCi90[0] > 0;
  const [lo, hi] = x.forecast.icCi90;
  const icZero = !(lo > 0 || hi < 0); // an undefined interval (a constant forecast) finds nothing
  const pass = !profit && icZero;
  const problems = [
    ...(profit ? ["the strategy shows a significant after-cost profit"] : []),
    ...(icZero ? [] : ["the model's IC interval excludes 0"]),
  ];
  return {
    market: x.market,
    seed: x.seed,
    status: pass ? "pass" : "fail",
    headline: pass
      ? "null: nothing found, as it should be (no significant profit, IC interval includes 0)."
      : `NULL CONTROL FAILED: ${problems.join(" and ")}, on a market with nothing to predict: ` +
        "something leaks or overfits.",
    reasons: [...figures(x), ...(icZero ? [] : nullIcContext(x))],
    lostAt: null,
    halfOracle: null,
  };
}

function lostAt(x: ControlInputs): "forecast" | "gate" | "costs" {
  const o = x.oracle;
  if (o === null || o.ungated.pnlAfter <= 0) return "costs";
  if (o.gated.pnlAfter <= 0.5 * o.ungated.pnlAfter) return "gate";
  if (x.strategy.pnlBefore > 0 && x.strategy.trades >= x.days) return "costs";
  return "forecast";
}

function trendVerdict(x: ControlInputs): ControlVerdict {
  const s = x.strategy;
  const daily = s.trades >= x.days;
  const profit = s.pnlCi90[0] > 0;
  const pass = daily && profit;
  const stage = pass ? null : lostAt(x);
  const why = {
    costs: "costs: even the oracle traded this way does not keep a profit after them",
    gate: "the attention gate: the oracle with the model's gate makes at most half of what " +
      "it makes without",
    forecast: "the forecast: the oracle makes money through the same gate, the model does not",
  };
  return {
    market: x.market,
    seed: x.seed,
    status: pass ? "pass" : "fail",
    headline: pass
      ? "trend: the pipeline finds the edge (trades daily, after-cost P&L interval above 0)."
      : `TREND CONTROL FAILED: the pipeline does not find the planted edge (${
        [
          ...(daily ? [] : ["fewer than one trade a day"]),
          ...(profit ? [] : [
            "after-cost P&L interval not above 0",
          ]),
        ].join(", ")
      }); lost at ${why[stage!]}.`,
    reasons: figures(x),
    lostAt: stage,
    halfOracle: x.oracle ? s.pnlAfter >= 0.5 * x.oracle.gated.pnlAfter : null,
  };
}

function defaultVerdict(x: ControlInputs): ControlVerdict {
  const s = x.strategy;
  const what = s.trades === 0
    ? "makes no trade out of sample"
    : `${s.pnlAfter > 0 ? "makes" : "loses"} ${cny(Math.abs(s.pnlAfter))} after costs out of ` +
      `sample on ${s.trades} trades, 90 % interval ${iv(s.pnlCi90, cny)}`;
  return {
    market: x.market,
    seed: x.seed,
    status: "report",
    headline: `default: the strategy ${what}; the claim (28 % a year, Sharpe 2.1, in sample, ` +
      "other data) is not reproduced.",
    reasons: figures(x),
    lostAt: null,
    halfOracle: null,
  };
}

/**
 * The verdict of one market's run (rules in the module doc).
 *
 * @example
 * ```ts
 * const v = controlVerdict(controlInputs(evalJson, metricsJson, { market: "null", seed: 1 }));
 * v.status; // "pass" when the null market shows nothing
 * ```
 */
export function controlVerdict(x: ControlInputs): ControlVerdict {
  if (x.market === "null") return nullVerdict(x);
  if (x.market === "trend") return trendVerdict(x);
  return defaultVerdict(x);
}

/** The parts of eval.json (deno task train) that {@linkcode controlInputs} reads. */
export interface EvalRecord {
  rows: {
    split: string;
    forecaster: string;
    ic: number | null;
    icCi90: [number | null, number | null];
    corrOracle: number | null;
    shareAboveThreshold: number | null;
  }[];
}

/** The parts of metrics.json (deno task backtest) that {@linkcode controlInputs} reads. */
export interface MetricsRecord {
  outOfSample: {
    /** The out-of-sample days: `{ count, first, last }` in metrics.json. */
    days: { count: number };
    summary: { trades: number; before: { pnl: number }; after: { pnl: number } };
    intervals: { netPnl: { lo: number | null; hi: number | null } };
    attention: { groundTruth?: AttentionGroundTruth | null };
  };
  oracle?: {
    outOfSample?: {
      gated: { trades: number; after: { pnl: number } };
      ungated: { trades: number; after: { pnl: number } };
    };
  } | null;
  ablation?: { outOfSample?: { pValue: number | null } } | null;
}

const n = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

/**
 * The inputs of a verdict, read from a run's eval.json and metrics.json (JSON `null` read as NaN).
 * Throws RangeError when eval.json has no test row for the model.
 *
 * @example
 * ```ts
 * const x = controlInputs(JSON.parse(evalText), JSON.parse(metricsText), { market, seed });
 * ```
 */
export function controlInputs(
  evaluation: EvalRecord,
  metrics: MetricsRecord,
  id: { market: MarketName; seed: number },
): ControlInputs {
  const row = (f: string) => evaluation.rows.find((r) => r.split === "test" && r.forecaster === f);
  const model = row("model");
  if (!model) throw new RangeError("eval.json has no test row for the model");
  const ceiling = row("ceiling"), oracle = row("oracle");
  const o = metrics.outOfSample, or = metrics.oracle?.outOfSample;
  const days = o.days.count;
  if (!Number.isInteger(days)) throw new RangeError("metrics.json has no outOfSample.days.count");
  return {
    ...id,
    days,
    forecast: {
      ic: n(model.ic),
      icCi90: [n(model.icCi90[0]), n(model.icCi90[1])],
      corrOracle: n(model.corrOracle),
      shareAbove: n(model.shareAboveThreshold),
    },
    ceiling: ceiling
      ? { corrOracle: n(ceiling.corrOracle), shareAbove: n(ceiling.shareAboveThreshold) }
      : null,
    baselines: ["momentum", "ridge", "summary-ridge"].flatMap((f) => {
      const r = row(f);
      return r ? [{ forecaster: f, ic: n(r.ic), icCi90: [n(r.icCi90[0]), n(r.icCi90[1])] }] : [];
    }),
    oracleShareAbove: oracle ? n(oracle.shareAboveThreshold) : null,
    strategy: {
      trades: o.summary.trades,
      pnlBefore: o.summary.before.pnl,
      pnlAfter: o.summary.after.pnl,
      pnlCi90: [n(o.intervals.netPnl.lo), n(o.intervals.netPnl.hi)],
    },
    oracle: or
      ? {
        gated: { trades: or.gated.trades, pnlAfter: or.gated.after.pnl },
        ungated: { trades: or.ungated.trades, pnlAfter: or.ungated.after.pnl },
      }
      : null,
    ablationP: metrics.ablation?.outOfSample?.pValue ?? null,
    attention: o.attention.groundTruth ?? null,
  };
}
