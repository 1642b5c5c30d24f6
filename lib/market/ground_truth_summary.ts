/**
 * The generator's ground truth `gt_exp_ret_5m` (the true expected 5-minute return given the
 * latent state) by regime: a summary table and its distribution. It is the oracle, never a model
 * input.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { BarTable } from "../data/schema.ts";
import { document } from "../plot/mod.ts";
import { oracleIC } from "./stylized_facts.ts";

/** One row of {@linkcode groundTruthSummary}, keyed by its column header. */
export type GroundTruthRow = Record<string, string | number>;

const REGIMES: [number, string][] = [[-1, "down (−1)"], [0, "flat (0)"], [1, "up (+1)"]];

function columns(table: BarTable): { gt: Float64Array; regime: Float64Array } {
  const gt = table.groundTruth?.gt_exp_ret_5m, regime = table.groundTruth?.gt_regime;
  if (!gt || !regime) {
    throw new RangeError(`${table.source} has no gt_exp_ret_5m and gt_regime ground truth`);
  }
  return { gt, regime };
}

/**
 * Ground truth by latent regime (down, flat, up, then all bars): bars, their share of all bars
 * (%), the share with gt exactly 0 (%), mean gt and mean |gt| in basis points, and the share with
 * |gt| above `threshold` (%; default 0.001, the strategy's signal threshold). Throws RangeError
 * when the table has no ground truth.
 *
 * @example
 * ```ts
 * showTable(groundTruthSummary(table), { digits: 2 });
 * // regime | bars | share of bars (%) | gt = 0 (%) | mean gt (bp) | mean |gt| (bp) | |gt| > 10 bp (%)
 * ```
 * @param options.threshold |gt| cut for the last column; default 0.001.
 */
export function groundTruthSummary(
  table: BarTable,
  options: { threshold?: number } = {},
): GroundTruthRow[] {
  const { gt, regime } = columns(table);
  const threshold = options.threshold ?? 0.001;
  const n = gt.length;
  const strongLabel = `|gt| > ${+(threshold * 1e4).toFixed(2)} bp (%)`;
  const row = (label: string, keep: (r: number) => boolean): GroundTruthRow => {
    let k = 0, zero = 0, sum = 0, abs = 0, strong = 0;
    for (let i = 0; i < n; i++) {
      if (!keep(regime[i]) || !Number.isFinite(gt[i])) continue;
      k++;
      if (gt[i] === 0) zero++;
      sum += gt[i];
      abs += Math.abs(gt[i]);
      if (Math.abs(gt[i]) > threshold) strong++;
    }
    return {
      regime: label,
      bars: k,
      "share of bars (%)": (100 * k) / n,
      "gt = 0 (%)": k ? (100 * zero) / k : NaN,
      "mean gt (bp)": k ? (sum / k) * 1e4 : NaN,
      "mean |gt| (bp)": k ? (abs / k) * 1e4 : NaN,
      [strongLabel]: k ? (100 * strong) / k : NaN,
    };
  };
  return [...REGIMES.map(([r, label]) => row(label, (x) => x === r)), row("all", () => true)];
}

/** Options of {@linkcode groundTruthPlot}. */
export interface GroundTruthPlotOptions {
  /** Histogram bin width in basis points. Default 0.5. */
  binBp?: number;
  /** Threshold drawn as ± rules (a return, e.g. 0.001 = 10 bp). Default 0.001; null for none. */
  threshold?: number | null;
  /** Chart title. Default "Ground truth gt_exp_ret_5m by latent regime". */
  title?: string;
  /** Width in px. Default 900. */
  width?: number;
  /** Height in px (all three panels). Default 420. */
  height?: number;
}

/**
 * Histogram of `gt_exp_ret_5m` in basis points, one panel per latent regime (down red, flat grey,
 * up green), bars per bin on a log scale so that both the spike at exactly 0 (flat regime inside
 * the price band) and the thin tails of the strong trends show; bins are centred on multiples of
 * `binBp` (0 has a bin of its own) and drawn from 1 bar up, with a line at each bin's count (so a
 * bin of one bar still shows); dashed rules at ±`threshold`.
 *
 * @example
 * ```ts
 * showPlot(groundTruthPlot(table, { threshold: 0.001 }));
 * ```
 * @param options.binBp bin width in bp; default 0.5.
 * @param options.threshold ± rules (return units); default 0.001, null for none.
 * @param options.title chart title.
 * @param options.width width in px; default 900.
 * @param options.height height in px; default 420.
 */
export function groundTruthPlot(table: BarTable, options: GroundTruthPlotOptions = {}): Element {
  const { gt, regime } = columns(table);
  const bin = options.binBp ?? 0.5;
  if (!(bin > 0 && Number.isFinite(bin))) {
    throw new RangeError(`binBp must be a positive number, got ${bin}`);
  }
  const counts = new Map<string, number>();
  for (let i = 0; i < gt.length; i++) {
    if (!Number.isFinite(gt[i])) continue;
    const k = Math.round((gt[i] * 1e4) / bin);
    const key = `${regime[i]}|${k}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const names = new Map(REGIMES.map(([r, label]) => [String(r), label]));
  const data = [...counts].map(([key, count]) => {
    const [r, k] = key.split("|");
    const bp = Number(k) * bin;
    return { regime: names.get(r) ?? `regime ${r}`, x1: bp - bin / 2, x2: bp + bin / 2, count };
  });
  const threshold = options.threshold === undefined ? 0.001 : options.threshold;
  const rules = threshold === null ? [] : [-threshold * 1e4, threshold * 1e4];
  const domain = REGIMES.map(([, label]) => label);
  const top = domain[0];
  return Plot.plot({
    document,
    title: options.title ?? "Ground truth gt_exp_ret_5m by latent regime",
    width: options.width ?? 900,
    height: options.height ?? 420,
    marginLeft: 60,
    marginRight: 80,
    marginBottom: 42,
    x: { label: `expected 5-minute return (bp; bins of ${bin} bp) →`, labelAnchor: "right" },
    y: {
      type: "log",
      domain: [1, Math.max(10, ...data.map((d) => d.count)) * 1.5],
      label: "↑ bars per bin (log)",
      grid: true,
    },
    fy: { domain, label: null },
    color: { domain, range: ["#c0392b", "#7f8c8d", "#27ae60"] },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleX(rules, { stroke: "#333", strokeDasharray: "4,3" }),
      ...[-1, 1].map((side) =>
        Plot.text(rules.filter((d) => Math.sign(d) === side).map((x) => ({ x, fy: top })), {
          x: "x",
          fy: "fy",
          text: (d: { x: number }) => `${d.x > 0 ? "+" : "−"}${Math.abs(d.x)} bp threshold`,
          frameAnchor: "top",
          textAnchor: side > 0 ? "start" : "end",
          dx: 4 * side,
          dy: 4,
          fontSize: 10,
        })
      ),
      Plot.rect(data, {
        x1: "x1",
        x2: "x2",
        y1: 1,
        y2: "count",
        fy: "regime",
        fill: "regime",
        fillOpacity: 0.75,
      }),
      Plot.ruleY(data, {
        x1: "x1",
        x2: "x2",
        y: "count",
        fy: "regime",
        stroke: "regime",
        strokeWidth: 1.5,
      }),
    ],
  });
}

/** One row of {@linkcode marketsSummary}. */
export type MarketSummaryRow = Record<string, string | number>;

/**
 * What each labelled synthetic market plants, from its ground truth: the oracle IC (NaN when the
 * oracle is identically 0, as in the `null` market), the share of bars whose |gt_exp_ret_5m|
 * passes the strategy's 10 bp threshold, the share of bars in a trend, and the informed minutes
 * per trading day.
 *
 * @example
 * ```ts
 * showTable(marketsSummary({ default: generateMarket(), trend: generateMarket({ market: "trend" }) }));
 * ```
 * @param options.threshold the |gt| threshold; default 0.001 (the strategy's signal threshold).
 */
export function marketsSummary(
  tables: Readonly<Record<string, BarTable>>,
  options: { threshold?: number } = {},
): MarketSummaryRow[] {
  const thr = options.threshold ?? 0.001;
  return Object.entries(tables).map(([market, t]) => {
    const gt = t.groundTruth?.gt_exp_ret_5m, regime = t.groundTruth?.gt_regime;
    const informed = t.groundTruth?.gt_informed;
    if (!gt || !regime || !informed) {
      throw new RangeError(`${t.source} has no gt_exp_ret_5m, gt_regime and gt_informed`);
    }
    const n = gt.length, days = new Set(t.tradingDay).size;
    const count = (a: Float64Array, f: (x: number) => boolean) => a.filter(f).length;
    return {
      market,
      "oracle IC": gt.every((g) => g === 0) ? NaN : oracleIC(t),
      [`|gt| > ${thr * 1e4} bp (%)`]: 100 * count(gt, (g) => Math.abs(g) > thr) / n,
      "bars in a trend (%)": 100 * count(regime, (r) => r !== 0) / n,
      "informed minutes per day": count(informed, (x) => x !== 0) / days,
    };
  });
}
