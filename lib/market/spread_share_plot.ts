/**
 * The spread distribution as grouped bars: the share of bars by bar-end spread in ticks (1, 2,
 * 3+), one bar per data set, with the percentages written on the bars.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import { type FactsColumn, spreadBuckets } from "./stylized_facts_table.ts";

/** One data set of {@linkcode spreadSharePlot}. */
export interface SpreadShareSeries {
  /** Legend label, e.g. "synthetic 2023". */
  label: string;
  /** Spread in ticks → share of bars (`StylizedFacts.spreadTicksShare`). */
  shares: Readonly<Record<number, number>>;
}

/**
 * The spread shares of the columns whose table has a book, as plot series; the others are left
 * out.
 *
 * @example
 * ```ts
 * showPlot(spreadSharePlot(spreadSeries(factsColumns({ synthetic: table, ...real.tables }))));
 * ```
 */
export function spreadSeries(columns: readonly FactsColumn[]): SpreadShareSeries[] {
  return columns.flatMap(({ label, facts }) =>
    facts.spreadTicksShare === null ? [] : [{ label, shares: facts.spreadTicksShare }]
  );
}

/** Options of {@linkcode spreadSharePlot}. */
export interface SpreadSharePlotOptions {
  /** Chart title. Default "Bar-end spread: share of bars by spread in ticks". */
  title?: string;
  /** Width in px. Default 640. */
  width?: number;
  /** Height in px. Default 320. */
  height?: number;
}

/**
 * Grouped bars of the share of bars by spread bucket ({@linkcode spreadBuckets}: 1, 2, 3+ ticks),
 * one colour per series, each bar labelled with its percentage (one decimal) so that the small
 * 2- and 3+-tick shares can be read next to the dominant 1-tick share.
 *
 * @example
 * ```ts
 * showPlot(spreadSharePlot([
 *   { label: "synthetic 2023", shares: stylizedFacts(table).spreadTicksShare! },
 *   { label: "real RM705 ticks → bars", shares: stylizedFacts(rm).spreadTicksShare! },
 * ]));
 * ```
 * @param options.title chart title.
 * @param options.width width in px; default 640.
 * @param options.height height in px; default 320.
 */
export function spreadSharePlot(
  series: readonly SpreadShareSeries[],
  options: SpreadSharePlotOptions = {},
): Element {
  const data = series.flatMap((s) =>
    spreadBuckets(s.shares).map((b) => ({ ...b, label: s.label }))
  );
  const labels = series.map((s) => s.label);
  return Plot.plot({
    document,
    title: options.title ?? "Bar-end spread: share of bars by spread in ticks",
    width: options.width ?? 640,
    height: options.height ?? 320,
    marginLeft: 56,
    marginBottom: 40,
    fx: {
      label: "spread at bar end (ticks) →",
      labelAnchor: "right",
      padding: 0.15,
      domain: [...new Set(data.map((d) => d.bucket))],
    },
    x: { axis: null, domain: labels, padding: 0.08 },
    y: { label: "↑ share of bars (%)", percent: true, grid: true, domain: [0, 100] },
    color: { legend: true, domain: labels },
    marks: [
      Plot.barY(data, { fx: "bucket", x: "label", y: "share", fill: "label" }),
      Plot.text(data, {
        fx: "bucket",
        x: "label",
        y: "share",
        text: (d: { share: number }) => `${(d.share * 100).toFixed(1)} %`,
        dy: -7,
        fontSize: 11,
      }),
      Plot.ruleY([0]),
    ],
  });
}
