/**
 * The oracle: the generator's ground truth (`gt_exp_ret_5m`, the true expected 5-minute return)
 * traded in place of the prediction, on the same bars (those with a model window), with the same
 * execution and costs: once through the model's attention gate and once with no gate. No
 * forecast can know more on these data, so it is the ceiling for the strategy traded this way.
 *
 * @module
 */
import { type BacktestConfig, runSignals } from "../backtest/mod.ts";
import { signals, type StrategyConfig } from "../strategy/mod.ts";
import type { PeriodWindows } from "./predict_period.ts";
import type { OracleRun, StrategyRun } from "./records.ts";

/**
 * The oracle runs of a predicted period, or `null` when its bars carry no ground truth.
 *
 * @example
 * ```ts
 * const o = oracleRuns(period, { strategy, backtest, periodsPerYear: 242 });
 * o?.ungated.summary.after.pnl; // the ceiling, after costs
 * ```
 */
export function oracleRuns(
  p: PeriodWindows,
  o: { strategy: StrategyConfig; backtest: BacktestConfig; periodsPerYear: number },
): OracleRun | null {
  const gt = p.bars.groundTruth?.gt_exp_ret_5m;
  if (!gt) return null;
  const n = p.bars.time.length;
  const truth = new Float64Array(n).fill(NaN);
  for (const i of p.ends) truth[i] = gt[i];
  const pass = new Uint8Array(n).fill(1);
  const run = (sig: Int8Array): StrategyRun => {
    const { signals, sim, summary } = runSignals(p.bars, sig, o.backtest, o);
    return { signals, sim, summary };
  };
  return {
    gated: run(signals(truth, p, o.strategy)),
    ungated: run(signals(truth, { bull: pass, bear: pass }, {
      signalThreshold: o.strategy.signalThreshold,
      attentionThreshold: 0,
    })),
  };
}
