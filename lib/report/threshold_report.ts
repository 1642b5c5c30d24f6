/**
 * The threshold study rendered: heatmaps of a metric over signal × attention thresholds with the
 * strategy's point and the validation-chosen point marked, a table of the two points on every
 * period, and the study as plain JSON for metrics.json.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { GridMetrics } from "../backtest/mod.ts";
import { document } from "../plot/mod.ts";
import type { ThresholdPoint, ThresholdStudy } from "../study/mod.ts";
import { formatMetric } from "./format_metric.ts";

/** A metric of the grid a heatmap can show. */
export type GridMetricName = "netPnl" | "sharpe" | "trades" | "winRate" | "annualReturn";

/** A period of the study. */
export type StudyPeriod = keyof ThresholdStudy["grids"];

const METRIC_LABELS: Record<GridMetricName, string> = {
  netPnl: "net P&L after costs (CNY)",
  sharpe: "Sharpe after costs",
  trades: "trades",
  winRate: "win rate after costs",
  annualReturn: "annual return after costs",
};

const PERIOD_TEXT: Record<StudyPeriod, string> = {
  validation: "validation days",
  inSample: "in-sample (training days)",
  outOfSample: "out-of-sample (test days)",
};

/** The label of a signal threshold on the axis: bp, and its quantile when it is one. */
export function signalLabel(s: { value: number; source: string }): string {
  const bp = `${formatMetric(s.value * 1e4, "ratio")} bp`;
  return s.source === "fixed" ? bp : `${bp} (${s.source.replace(" of validation |pred|", "")})`;
}

/** The label of an attention threshold on the axis. */
export function attentionLabel(a: number | null): string {
  return a === null ? "no gate" : `> ${a}`;
}

/** Options of {@linkcode thresholdHeatmapPlot}. */
export interface ThresholdHeatmapOptions {
  /** Period shown. Default `"outOfSample"`. */
  period?: StudyPeriod;
  /** Metric shown. Default `"netPnl"`. */
  metric?: GridMetricName;
  /** Width in px. Default 640. */
  width?: number;
}

/**
 * A heatmap of one metric of the grid on one period: signal thresholds down, attention thresholds
 * across, each cell labelled with its value; the strategy's point outlined in black ("spec") and
 * the point chosen on the validation days outlined in magenta ("chosen").
 *
 * @example
 * ```ts
 * showPlot(thresholdHeatmapPlot(run.thresholds!, { metric: "sharpe" }));
 * ```
 */
export function thresholdHeatmapPlot(
  study: ThresholdStudy,
  options: ThresholdHeatmapOptions = {},
): Element {
  const period = options.period ?? "outOfSample", metric = options.metric ?? "netPnl";
  const grid: GridMetrics = study.grids[period], A = study.attention.length;
  const cells = study.signal.flatMap((s, i) =>
    study.attention.map((a, j) => ({
      y: signalLabel(s),
      x: attentionLabel(a),
      value: grid[metric][i * A + j],
    }))
  );
  const mark = (p: ThresholdPoint | null, what: string) =>
    p === null ? [] : [{
      y: signalLabel(study.signal[p.row]),
      x: attentionLabel(study.attention[p.column]),
      what,
    }];
  const finite = cells.map((c) => c.value).filter(Number.isFinite);
  const extent = Math.max(1e-12, ...finite.map(Math.abs));
  const diverging = metric !== "trades" && metric !== "winRate";
  const unit = metric === "trades" ? "count" : metric === "netPnl" ? "CNY" : "ratio";
  return Plot.plot({
    document,
    width: options.width ?? 640,
    height: 60 + 26 * study.signal.length,
    marginLeft: 120,
    marginBottom: 40,
    x: { domain: study.attention.map(attentionLabel), label: "attention threshold →" },
    y: { domain: study.signal.map(signalLabel), label: "↑ |prediction| threshold" },
    color: diverging
      ? { type: "linear", scheme: "RdBu", domain: [-extent, extent], legend: true }
      : { type: "linear", scheme: "Blues", legend: true },
    caption: `${METRIC_LABELS[metric]}, ${PERIOD_TEXT[period]}`,
    marks: [
      Plot.cell(cells, { x: "x", y: "y", fill: "value", inset: 0.5 }),
      Plot.text(cells, {
        x: "x",
        y: "y",
        text: (c: { value: number }) => formatMetric(c.value, unit),
        fontSize: 9,
      }),
      Plot.cell([...mark(study.spec, "spec")], {
        x: "x",
        y: "y",
        stroke: "black",
        strokeWidth: 2.5,
        fill: "none",
      }),
      Plot.cell([...mark(study.chosen, "chosen")], {
        x: "x",
        y: "y",
        stroke: "#d6008f",
        strokeWidth: 2.5,
        strokeDasharray: "4,2",
        fill: "none",
        inset: 3,
      }),
    ],
  });
}

/**
 * One row per point (the strategy's thresholds, and the validation-chosen ones when there are
 * any) with its net P&L, Sharpe and trades on every period.
 *
 * @example
 * ```ts
 * showTable(thresholdTable(run.thresholds!));
 * ```
 */
export function thresholdTable(study: ThresholdStudy): Record<string, string>[] {
  const A = study.attention.length;
  const row = (what: string, p: ThresholdPoint) => {
    const c = p.row * A + p.column,
      out: Record<string, string> = {
        thresholds: what,
        "|prediction| >": signalLabel(study.signal[p.row]),
        attention: attentionLabel(p.attentionThreshold),
      };
    for (const k of ["validation", "inSample", "outOfSample"] as const) {
      const g = study.grids[k];
      out[PERIOD_TEXT[k]] = `${formatMetric(g.netPnl[c], "CNY")} CNY, Sharpe ${
        formatMetric(g.sharpe[c], "ratio")
      }, ${formatMetric(g.trades[c], "count")} trades`;
    }
    return out;
  };
  const rows = [row("the strategy's (spec, the headline)", study.spec)];
  rows.push(
    study.chosen ? row("chosen on the validation days", study.chosen) : {
      thresholds: "chosen on the validation days",
      "|prediction| >": "none: no cell qualified",
    },
  );
  return rows;
}

/**
 * The study as plain JSON: axes, the two points, the criterion and every metric as a matrix
 * [signal][attention] per period.
 *
 * @example
 * ```ts
 * JSON.stringify(thresholdJson(run.thresholds!));
 * ```
 */
export function thresholdJson(study: ThresholdStudy): Record<string, unknown> {
  const A = study.attention.length;
  const matrix = (a: Float64Array) =>
    study.signal.map((_, i) => Array.from(a.subarray(i * A, (i + 1) * A)));
  const grids = Object.fromEntries(
    Object.entries(study.grids).map(([k, g]) => [k, {
      days: g.days,
      trades: matrix(g.trades),
      netPnl: matrix(g.netPnl),
      grossPnl: matrix(g.grossPnl),
      sharpe: matrix(g.sharpe),
      annualReturn: matrix(g.annualReturn),
      winRate: matrix(g.winRate),
    }]),
  );
  return {
    note: "the headline uses the strategy's thresholds (spec); the cell chosen on the validation " +
      "days is reported beside it, never instead",
    signal: study.signal,
    attention: study.attention,
    spec: study.spec,
    chosen: study.chosen,
    criterion: study.criterion,
    grids,
  };
}
