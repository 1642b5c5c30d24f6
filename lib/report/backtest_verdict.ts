/**
 * The plain-language verdict of a backtest run.
 *
 * @module
 */
import type { BacktestRun, ReturnIntervals } from "../study/mod.ts";
import { formatTradingDay } from "../data/mod.ts";
import {
  type BootstrapInterval,
  type MeanTTest,
  meanTTest,
  studentTQuantile,
} from "../stats/mod.ts";
import { formatMetric } from "./format_metric.ts";

/** The verdict: flags and the sentences that say them. */
export interface BacktestVerdict {
  /** Out-of-sample net P&L after costs > 0. */
  makesMoneyOutOfSample: boolean;
  /**
   * t statistic of the mean out-of-sample daily net return (mean / sd · √n over the n days with
   * a finite return: a ruined margin account has none after its ruin).
   */
  outOfSampleT: number;
  /** Days the t statistic used. */
  outOfSampleDays: number;
  /** Two-sided p-value of t under Student's t with n − 1 degrees of freedom; null without t. */
  outOfSampleP: number | null;
  /** p < 0.05: the out-of-sample mean daily return is distinguishable from zero at 5 %. */
  significantOutOfSample: boolean;
  /**
   * Out-of-sample gate permutation p-value < 0.05; null when the gate passed no signal or every
   * prediction-qualified signal (nothing to judge).
   */
  gateBeatsRandom: boolean | null;
  /**
   * One sentence for the top of a report: the strategy makes money, loses money, breaks even, or
   * makes no trade after costs out of sample.
   */
  headline: string;
  /** The verdict in sentences, the main finding first. */
  sentences: string[];
}

/** One sentence with the day-block bootstrap intervals of the after-cost figures. */
export function intervalSentence(ci: ReturnIntervals): string {
  const range = (x: BootstrapInterval, unit: "CNY" | "%" | "ratio") =>
    `[${formatMetric(x.lo, unit)}, ${formatMetric(x.hi, unit)}]`;
  return `${Math.round(ci.netPnl.level * 100)} % day-block bootstrap intervals (whole days ` +
    `resampled, ${ci.netPnl.blocks} days): net P&L ${range(ci.netPnl, "CNY")} CNY, annualised ` +
    `return ${range(ci.annualReturn, "%")}, Sharpe ${range(ci.sharpe, "ratio")}.`;
}

const pct = (x: number) => formatMetric(x, "%");
const count = (x: number) => formatMetric(Math.round(x), "count");
const cny = (x: number) => `${formatMetric(x, "CNY")} CNY`;

function span(days: number[]): string {
  return `${days.length} test days, ${formatTradingDay(days[0])} to ${
    formatTradingDay(days.at(-1)!)
  }`;
}

/** Why there is no trade: the largest prediction against the threshold, and the gate's share. */
function noTradeSentence(run: BacktestRun): string {
  const oos = run.periods.outOfSample, g = oos.analysis.gates, st = run.config.strategy;
  return `Out of sample (${span(oos.days)}) the strategy makes no trade at all, so it neither ` +
    `makes nor loses money: no bar passes both gates. The largest |predicted 5-minute return| ` +
    `is ${formatMetric(g.prediction.maxAbs * 1e4, "ratio")} bp against a threshold of ` +
    `${formatMetric(st.signalThreshold * 1e4, "ratio")} bp (a round trip costs about ` +
    `${formatMetric(g.roundTripCostBp, "ratio")} bp), and bullish (bearish) attention ` +
    `exceeds ${st.attentionThreshold} in ${count(g.share.bullAbove * g.windows)} ` +
    `(${count(g.share.bearAbove * g.windows)}) of the ${count(g.windows)} windows.`;
}

/** What the trades made, before and after costs, with intervals and the t test. */
function tradeSentences(run: BacktestRun, test: MeanTTest): string[] {
  const oos = run.periods.outOfSample, s = oos.summary;
  const { multiplier, tick } = run.config.backtest.contract, lots = run.config.backtest.lots;
  const after = s.after, n = after.notional;
  return [
    `Out of sample (${span(oos.days)}), after costs, the strategy ${
      after.pnl > 0 ? "MAKES" : "LOSES"
    } money: ${cny(after.pnl)} on one lot over ${s.trades} trades (${pct(n.annualReturn)} ` +
    `annualised on notional, Sharpe ${formatMetric(n.sharpe, "ratio")}, max drawdown ` +
    `${pct(n.maxDrawdown)}, win rate ${pct(after.winRate)}).`,
    `Before costs it ${s.before.pnl > 0 ? "made" : "lost"} ${cny(Math.abs(s.before.pnl))}; ` +
    `costs (spread, slippage, commission) were ${cny(s.costs)}, ${
      formatMetric(s.costs / s.trades / (multiplier * tick * lots), "ticks")
    } ticks per round trip and lot.`,
    intervalSentence(oos.intervals),
    `The mean daily return has t = ${formatMetric(test.t, "ratio")} over ${test.n} days ` +
    `(p = ${formatMetric(test.pValue, "p")}, two-sided, Student's t with ${test.df} degrees ` +
    "of freedom): " +
    (test.pValue < 0.05
      ? "distinguishable from zero at the 5 % level."
      : `NOT distinguishable from zero at the 5 % level (that needs |t| ≥ ${
        formatMetric(studentTQuantile(0.975, test.df), "ratio")
      } with ${test.n} days); the sign of the result could be luck.`),
  ];
}

/** The ablation's judgement of the gate: null when it has nothing to judge. */
function ablationSentence(run: BacktestRun): { sentence: string; beats: boolean | null } {
  const ab = run.periods.outOfSample.ablation;
  const passed = ab.gated.longSignals + ab.gated.shortSignals;
  const noOp = passed > 0 && ab.gated.longSignals === ab.qualified.long &&
    ab.gated.shortSignals === ab.qualified.short;
  if (passed === 0) {
    return {
      sentence:
        "The attention gate passed no out-of-sample signal, so the ablation cannot judge it.",
      beats: null,
    };
  }
  if (noOp) {
    return {
      sentence: "The attention gate passes every prediction-qualified signal out of sample: it " +
        "selects nothing, so the ablation cannot judge it (every random gate is the same gate, " +
        "p = 1).",
      beats: null,
    };
  }
  const beats = ab.pValue < 0.05;
  const uniform = ab.nulls.uniform && ab.random.null !== "uniform"
    ? `; p = ${formatMetric(ab.nulls.uniform.pValue, "p")} with uniformly drawn gates`
    : "";
  return {
    sentence: `Attention gate vs ${ab.permutations} random gates passing the same number of ` +
      `prediction-qualified signals (statistic: net P&L after costs): p = ${
        formatMetric(ab.pValue, "p")
      } (${ab.random.null} null${uniform}). ` +
      (beats
        ? "The gate picks better trades than chance."
        : "The gate does not pick better trades than chance.") +
      ` Without the gate: ${cny(ab.ungated.netPnl)} over ${ab.ungated.trades} trades` +
      (ab.baseline ? `; the candle-count gate: ${cny(ab.baseline.netPnl)}.` : "."),
    beats,
  };
}

/** The candle-count finding, the in-sample figures, the oracle, the claim, the data caveat. */
function contextSentences(run: BacktestRun): string[] {
  const is = run.periods.inSample, oos = run.periods.outOfSample, sc = oos.analysis.scores;
  const out: string[] = [];
  if (sc.correlation > 0.98) {
    out.push(
      `The bullish score is, in effect, the candle count: its correlation with the window's ` +
        `plain fraction of up minutes is ${formatMetric(sc.correlation, "p")} out of sample ` +
        `(mean ${formatMetric(sc.bull.mean, "p")} vs ${formatMetric(sc.upFraction.mean, "p")}), ` +
        "because the model's last-step attention is nearly uniform over the window.",
    );
  }
  out.push(
    `In sample (${is.days.length} training days the model was fitted on) after costs: ` +
      `${cny(is.summary.after.pnl)}, Sharpe ${
        formatMetric(is.summary.after.notional.sharpe, "ratio")
      }, ${is.summary.trades} trades.`,
  );
  return out;
}

function closingSentences(run: BacktestRun): string[] {
  const oos = run.periods.outOfSample, c = run.claim, out: string[] = [];
  if (oos.oracle) {
    out.push(
      `The oracle (the generator's true expected return in place of the prediction, same ` +
        `execution and costs) makes ${cny(oos.oracle.gated.summary.after.pnl)} with the model's ` +
        `attention gate and ${cny(oos.oracle.ungated.summary.after.pnl)} without a gate, out ` +
        "of sample: the ceiling for any forecast traded this way.",
    );
  }
  out.push(
    `The seed's claim (${c.scope}: ${pct(c.annualReturn)} annualised, Sharpe ${c.sharpe}, max ` +
      `drawdown ${pct(c.maxDrawdown)}, win rate ${pct(c.winRate)}) is shown for reference ` +
      "only: it was not reproduced, it is on different (real) data, and nothing here was tuned " +
      "towards it.",
  );
  if (run.data.matchesCheckpoint === false) {
    out.push(
      "Caution: the data are not those the checkpoint was trained on, so the in-sample column " +
        "is not truly in-sample.",
    );
  }
  return out;
}

/**
 * Says plainly whether the strategy makes money after costs out of sample, whether that is
 * distinguishable from luck, whether the attention gate beats random gates, what the oracle
 * makes, and how this relates to the seed's claim.
 *
 * @example
 * ```ts
 * const v = backtestVerdict(run);
 * v.sentences[0]; // "Out of sample, after costs, the strategy LOSES money: …"
 * ```
 */
export function backtestVerdict(run: BacktestRun): BacktestVerdict {
  const s = run.periods.outOfSample.summary;
  const test = meanTTest(run.periods.outOfSample.daily.returns);
  const ablation = ablationSentence(run);
  const sentences = [
    ...(s.trades === 0 ? [noTradeSentence(run)] : tradeSentences(run, test)),
    ...contextSentences(run),
    ablation.sentence,
    ...closingSentences(run),
  ];
  const makes = s.after.pnl > 0;
  const headline = s.trades === 0
    ? "The strategy makes no trade out of sample, so it neither makes nor loses money."
    : `The strategy ${
      makes ? "makes money" : s.after.pnl < 0 ? "loses money" : "breaks even"
    } after costs out of sample.`;
  return {
    makesMoneyOutOfSample: makes,
    outOfSampleT: test.t,
    outOfSampleDays: test.n,
    outOfSampleP: Number.isFinite(test.pValue) ? test.pValue : null,
    significantOutOfSample: test.pValue < 0.05,
    gateBeatsRandom: ablation.beats,
    headline,
    sentences,
  };
}
