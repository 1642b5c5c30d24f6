/**
 * The gate ablation as a picture: the random gates' net P&L against the attention gate, no gate
 * and the baseline gate.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import type { GateAblation, RandomGates } from "../study/mod.ts";

/** Options of {@linkcode gateAblationPlot}. */
export interface GateAblationPlotOptions {
  /** Chart width in px. Default 640. */
  width?: number;
  /** Chart height in px. Default 280. */
  height?: number;
  /** Histogram bins. Default 30. */
  bins?: number;
  /**
   * Where the no-gate result goes. `"edge"` (default): the x-axis spans the random gates, the
   * attention gate and the baseline only; a no-gate result outside that span is an arrow with
   * its value at the nearer edge (inside it, a rule like the others), so a far-off no-gate
   * figure cannot squash the random-gate histogram. `"domain"`: always a rule, the x-axis
   * stretched to include it.
   */
  ungated?: "edge" | "domain";
}

/** Histogram bars of the random gates' net P&L on shared bins, and the span they cover. */
function randomGateBins(sets: RandomGates[], bins: number) {
  let lo = Infinity, hi = -Infinity;
  for (const r of sets) for (const v of r.netPnl) (lo = Math.min(lo, v), hi = Math.max(hi, v));
  let nb = bins, span = [lo, hi];
  if (!(hi > lo)) {
    // One value (or none): one narrow bin centred on it, the axis ± 5 % (at least ± 1 CNY) around.
    const v = Number.isFinite(lo) ? lo : 0, half = Math.max(1, Math.abs(v) * 0.05);
    (nb = 1, lo = v - half / 30, hi = v + half / 30, span = [v - half, v + half]);
  }
  const width = (hi - lo) / nb;
  const bars = sets.flatMap((r) => {
    const counts = new Array(nb).fill(0);
    for (const v of r.netPnl) {
      counts[Math.max(0, Math.min(nb - 1, Math.floor((v - lo) / width)))]++;
    }
    return counts.map((c, k) => ({
      x1: lo + k * width,
      x2: lo + (k + 1) * width,
      count: c,
      series: `random gates (${r.null})`,
    }));
  });
  return { bars, span };
}

/**
 * Histograms of the random gates' net P&L (one per null model, overlaid on shared bins) with the
 * attention gate, the ungated strategy and the baseline gate marked as vertical rules. Options:
 * width 640, height 280, bins 30, ungated `"edge"` (a no-gate result far outside the random
 * gates is an arrow at the edge, not a rule that stretches the axis; see
 * {@linkcode GateAblationPlotOptions}). When every random gate has the same P&L (e.g. none
 * trades) the single bin is centred on it.
 *
 * @example
 * ```ts
 * const svg = gateAblationPlot(gateAblation(bars, inputs)); // no gate at the edge if far off
 * const all = gateAblationPlot(gateAblation(bars, inputs), { ungated: "domain" });
 * ```
 */
export function gateAblationPlot(
  ablation: GateAblation,
  options: GateAblationPlotOptions = {},
): Element {
  const mode = options.ungated ?? "edge";
  if (mode !== "edge" && mode !== "domain") {
    throw new RangeError(`ungated must be "edge" or "domain", got ${mode}`);
  }
  const sets = Object.values(ablation.nulls).filter((r): r is RandomGates => r !== undefined);
  const { bars, span } = randomGateBins(sets, options.bins ?? 30);
  const others = [ablation.gated, ...(ablation.baseline ? [ablation.baseline] : [])];
  const u = ablation.ungated.netPnl;
  const x0 = Math.min(span[0], ...others.map((g) => g.netPnl));
  const x1 = Math.max(span[1], ...others.map((g) => g.netPnl));
  const off = mode === "edge" && (u < x0 || u > x1);
  const rules = [ablation.gated, ...(off ? [] : [ablation.ungated]), ...others.slice(1)];
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  const left = u < x0;
  const arrow = off
    ? [{ x: left ? x0 : x1, text: left ? `← no gate: ${fmt(u)} CNY` : `no gate: ${fmt(u)} CNY →` }]
    : [];
  const ymax = Math.max(1, ...bars.map((b) => b.count));
  const labels = [ablation.gated, ablation.ungated, ...others.slice(1)].map((m) => m.label);
  const domain = [...sets.map((r) => `random gates (${r.null})`), ...labels];
  const range = ["#9e9e9e", "#c7a4e0", "#d62728", "#1f77b4", "#ff7f0e"].slice(0, domain.length);
  const ungatedColour = range[sets.length + 1];
  return Plot.plot({
    document,
    width: options.width ?? 640,
    height: options.height ?? 280,
    marginLeft: 55,
    x: {
      label: "net P&L after costs (CNY) →",
      grid: true,
      domain: off ? [x0, x1] : [Math.min(x0, u), Math.max(x1, u)],
    },
    y: { label: "↑ random gates", domain: [0, ymax * (off ? 1.12 : 1)] },
    color: { legend: true, domain, range },
    marks: [
      Plot.rect(bars, {
        x1: "x1",
        x2: "x2",
        y1: 0,
        y2: "count",
        fill: "series",
        fillOpacity: 0.55,
        inset: 0.5,
      }),
      Plot.ruleX(rules, { x: "netPnl", stroke: "label", strokeWidth: 2.5 }),
      Plot.text(arrow, {
        x: "x",
        y: ymax * 1.06,
        text: "text",
        textAnchor: left ? "start" : "end",
        fill: ungatedColour,
        fontWeight: "bold",
        fontSize: 11,
      }),
      Plot.ruleY([0]),
    ],
  });
}
