/**
 * A gate ablation (see {@linkcode gateAblation}) as table rows: each gate's signals, trades and
 * P&L, then the random gates' spread and p-value under each null model.
 *
 * @module
 */
import { formatMetric } from "./format_metric.ts";
import type { GateAblation } from "../study/mod.ts";

/**
 * Text rows: the attention gate, no gate, the baseline gate (when given), then one row per null
 * model with the random gates' mean net P&L and its 5/50/95 % quantiles, mean trades and the
 * p-value (the primary null marked). The random gates pass as many long and short signals as the
 * attention gate.
 *
 * @example
 * ```ts
 * showTable(ablationTable(gateAblation(bars, { pred, bull, bear })));
 * ```
 */
export function ablationTable(ablation: GateAblation): Record<string, string>[] {
  const a = ablation;
  const rows: Record<string, string>[] = [];
  for (const g of [a.gated, a.ungated, ...(a.baseline ? [a.baseline] : [])]) {
    rows.push({
      gate: g.label,
      "long signals": formatMetric(g.longSignals, "count"),
      "short signals": formatMetric(g.shortSignals, "count"),
      trades: formatMetric(g.trades, "count"),
      "P&L before costs (CNY)": formatMetric(g.grossPnl, "CNY"),
      "net P&L (CNY)": formatMetric(g.netPnl, "CNY"),
      "win rate": formatMetric(g.winRate, "%"),
      "p-value": "",
    });
  }
  for (const r of Object.values(a.nulls)) {
    if (!r) continue;
    rows.push({
      gate: `${
        formatMetric(a.permutations, "count")
      } random gates, ${r.null} null: mean [5 %, 50 %, 95 %]`,
      "long signals": formatMetric(a.gated.longSignals, "count"),
      "short signals": formatMetric(a.gated.shortSignals, "count"),
      trades: formatMetric(r.meanTrades, "ratio"),
      "P&L before costs (CNY)": "",
      "net P&L (CNY)": `${formatMetric(r.mean, "CNY")} [${formatMetric(r.q05, "CNY")}, ${
        formatMetric(r.q50, "CNY")
      }, ${formatMetric(r.q95, "CNY")}]`,
      "win rate": "",
      "p-value": formatMetric(r.pValue, "p") + (r === a.random ? " (primary)" : ""),
    });
  }
  return rows;
}
