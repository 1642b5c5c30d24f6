/**
 * How often each gate of the strategy opens, per period, as table rows: why it trades as much,
 * or as little, as it does.
 *
 * @module
 */
import type { BacktestRun } from "../study/mod.ts";
import { formatMetric } from "./format_metric.ts";

/**
 * One text row per period: windows, the mean round-trip cost (bp of the price), the spread of the
 * predicted 5-minute return (sd, 1 %/99 % quantiles, max |prediction|, in bp), and the share of
 * windows passing the prediction threshold, the attention threshold and both, per side. Column
 * names carry the run's thresholds.
 *
 * @example
 * ```ts
 * showTable(gateTable(run)); // e.g. "pred > 0.001": "0.0 %" — no window clears 10 bp
 * ```
 */
export function gateTable(run: BacktestRun): Record<string, string>[] {
  const { signalThreshold: thr, attentionThreshold: att } = run.config.strategy;
  const bp = (x: number) => `${formatMetric(x * 1e4, "ratio")} bp`;
  return Object.values(run.periods).map((p) => {
    const g = p.analysis.gates;
    return {
      period: p.label,
      windows: formatMetric(g.windows, "count"),
      "round-trip cost": `${formatMetric(g.roundTripCostBp, "ratio")} bp`, // already in bp
      "prediction sd": bp(g.prediction.sd),
      "1 % / 99 % quantiles": `${bp(g.prediction.q01)} / ${bp(g.prediction.q99)}`,
      "max |prediction|": bp(g.prediction.maxAbs),
      [`pred > ${thr}`]: formatMetric(g.share.predLong, "%"),
      [`pred < −${thr}`]: formatMetric(g.share.predShort, "%"),
      [`bullish > ${att}`]: formatMetric(g.share.bullAbove, "%"),
      [`bearish > ${att}`]: formatMetric(g.share.bearAbove, "%"),
      "long (both)": formatMetric(g.share.long, "%"),
      "short (both)": formatMetric(g.share.short, "%"),
    };
  });
}
