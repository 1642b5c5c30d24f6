/**
 * The plain-language verdict of a backtest run.
 *
 * @module
 */
import type { BacktestRun, ReturnIntervals } from "../study/mod.ts";
import { formatTradingDay } from "../data/mod.ts";
import { type BootstrapInterval, meanTTest, studentTQuantile } from "../stats/mod.ts";
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
  const is = run.periods.inSample, oos = run.periods.outOfSample;
  const s = oos.summary;
  const { multiplier, tick } = run.config.backtest.contract, lots = run.config.backtest.lots;
  const pct = (x: number) => formatMetric(x, "%");
  const count = (x: number) => formatMetric(Math.round(x), "count");
  const cny = (x: number) => `${formatMetric(x, "CNY")} CNY`;
  const test = meanTTest(oos.daily.returns), t = test.t;
  const significant = test.pValue < 0.05;
  const makes = s.after.pnl > 0;
  const sentences: string[] = [];
  const span = `${oos.days.length} test days, ${formatTradingDay(oos.days[0])} to ${
    formatTradingDay(oos.days.at(-1)!)
  }`;
  if (s.trades === 0) {
    const g = oos.analysis.gates, st = run.config.strategy;
    sentences.push(
      `Out of sample (${span}) the strategy makes no trade at all, so it neither makes nor loses ` +
        `money: no bar passes both gates. The largest |predicted 5-minute return| is ` +
        `${formatMetric(g.prediction.maxAbs * 1e4, "ratio")} bp against a threshold of ` +
        `${formatMetric(st.signalThreshold * 1e4, "ratio")} bp (a round trip costs about ` +
        `${formatMetric(g.roundTripCostBp, "ratio")} bp), and bullish (bearish) attention ` +
        `exceeds ${st.attentionThreshold} in ${count(g.share.bullAbove * g.windows)} ` +
        `(${count(g.share.bearAbove * g.windows)}) of the ${count(g.windows)} windows.`,
    );
  } else {
    sentences.push(
      `Out of sample (${span}), after costs, the strategy ${makes ? "MAKES" : "LOSES"} money: ` +
        `${cny(s.after.pnl)} on one lot over ${s.trades} trades (${
          pct(s.after.notional.annualReturn)
        } ` +
        `annualised on notional, Sharpe ${
          formatMetric(s.after.notional.sharpe, "ratio")
        }, max drawdown ` +
        `${pct(s.after.notional.maxDrawdown)}, win rate ${pct(s.after.winRate)}).`,
      `Before costs it ${s.before.pnl > 0 ? "made" : "lost"} ${
        cny(Math.abs(s.before.pnl))
      }; costs ` +
        `(spread, slippage, commission) were ${cny(s.costs)}, ${
          formatMetric(s.costs / s.trades / (multiplier * tick * lots), "ticks")
        } ticks per round trip and lot.`,
      intervalSentence(oos.intervals),
      `The mean daily return has t = ${formatMetric(t, "ratio")} over ${test.n} days ` +
        `(p = ${formatMetric(test.pValue, "p")}, two-sided, Student's t with ${test.df} degrees ` +
        "of freedom): " +
        (significant
          ? "distinguishable from zero at the 5 % level."
          : `NOT distinguishable from zero at the 5 % level (that needs |t| ≥ ${
            formatMetric(studentTQuantile(0.975, test.df), "ratio")
          } with ${test.n} days); the sign of the result could be luck.`),
    );
  }
  const sc = oos.analysis.scores;
  if (sc.correlation > 0.98) {
    sentences.push(
      `The bullish score is, in effect, the candle count: its correlation with the window's plain ` +
        `fraction of up minutes is ${formatMetric(sc.correlation, "p")} out of sample (mean ` +
        `${formatMetric(sc.bull.mean, "p")} vs ${
          formatMetric(sc.upFraction.mean, "p")
        }), because ` +
        "the model's last-step attention is nearly uniform over the window.",
    );
  }
  sentences.push(
    `In sample (${is.days.length} training days the model was fitted on) after costs: ` +
      `${cny(is.summary.after.pnl)}, Sharpe ${
        formatMetric(is.summary.after.notional.sharpe, "ratio")
      }, ` +
      `${is.summary.trades} trades.`,
  );
  const ab = oos.ablation;
  const passed = ab.gated.longSignals + ab.gated.shortSignals;
  const noOp = passed > 0 && ab.gated.longSignals === ab.qualified.long &&
    ab.gated.shortSignals === ab.qualified.short;
  const gateBeats = passed === 0 || noOp ? null : ab.pValue < 0.05;
  sentences.push(
    passed === 0
      ? "The attention gate passed no out-of-sample signal, so the ablation cannot judge it."
      : noOp
      ? "The attention gate passes every prediction-qualified signal out of sample: it selects " +
        "nothing, so the ablation cannot judge it (every random gate is the same gate, p = 1)."
      : `Attention gate vs ${ab.permutations} random gates passing the same number of ` +
        `prediction-qualified signals (statistic: net P&L after costs): p = ${
          formatMetric(ab.pValue, "p")
        } ` +
        `(${ab.random.null} null${
          ab.nulls.uniform && ab.random.null !== "uniform"
            ? `; p = ${formatMetric(ab.nulls.uniform.pValue, "p")} with uniformly drawn gates`
            : ""
        }). ` +
        (gateBeats
          ? "The gate picks better trades than chance."
          : "The gate does not pick better trades than chance.") +
        ` Without the gate: ${cny(ab.ungated.netPnl)} over ${ab.ungated.trades} trades` +
        (ab.baseline ? `; the candle-count gate: ${cny(ab.baseline.netPnl)}.` : "."),
  );
  if (oos.oracle) {
    sentences.push(
      `The oracle (the generator's true expected return in place of the prediction, same execution ` +
        `and costs) makes ${
          cny(oos.oracle.gated.summary.after.pnl)
        } with the model's attention gate ` +
        `and ${
          cny(oos.oracle.ungated.summary.after.pnl)
        } without a gate, out of sample: the ceiling ` +
        "for any forecast traded this way.",
    );
  }
  sentences.push(
    `The seed's claim (${run.claim.scope}: ${pct(run.claim.annualReturn)} annualised, Sharpe ` +
      `${run.claim.sharpe}, max drawdown ${pct(run.claim.maxDrawdown)}, win rate ${
        pct(run.claim.winRate)
      }) ` +
      "is shown for reference only: it was not reproduced, it is on different (real) data, and nothing " +
      "here was tuned towards it.",
  );
  if (run.data.matchesCheckpoint === false) {
    sentences.push(
      "Caution: the data are not those the checkpoint was trained on, so the in-sample column is not " +
        "truly in-sample.",
    );
  }
  const headline = s.trades === 0
    ? "The strategy makes no trade out of sample, so it neither makes nor loses money."
    : `The strategy ${
      makes ? "makes money" : s.after.pnl < 0 ? "loses money" : "breaks even"
    } after costs out of sample.`;
  return {
    makesMoneyOutOfSample: makes,
    outOfSampleT: t,
    outOfSampleDays: test.n,
    outOfSampleP: Number.isFinite(test.pValue) ? test.pValue : null,
    significantOutOfSample: significant,
    gateBeatsRandom: gateBeats,
    headline,
    sentences,
  };
}
