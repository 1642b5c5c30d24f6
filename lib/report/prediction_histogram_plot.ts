/**
 * The predicted 5-minute returns against the signal threshold and the cost of a round trip: a
 * picture of why the strategy trades as often (or as rarely) as it does.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { BacktestRun } from "../study/mod.ts";
import { document } from "../plot/mod.ts";

/** One histogram bin of one period. */
export interface PredictionBin {
  /** Period label. */
  period: string;
  /** Lower edge, bp. */
  x1: number;
  /** Upper edge, bp. */
  x2: number;
  /** Share of the period's windows in the bin. */
  share: number;
}

/**
 * Histogram data of the predicted 5-minute return in basis points, per period, on shared bins
 * spanning ±max(1.2 × the signal threshold, the largest |prediction|): the share of each
 * period's windows per bin. Windows without a prediction are skipped.
 *
 * @example
 * ```ts
 * const { bins, limit } = predictionHistogram(run, { bins: 200 });
 * ```
 * @param options.bins number of bins; default 200.
 */
export function predictionHistogram(
  run: BacktestRun,
  options: { bins?: number } = {},
): { bins: PredictionBin[]; limit: number } {
  const nb = options.bins ?? 200;
  if (!Number.isInteger(nb) || nb < 1) throw new RangeError(`bins must be ≥ 1, got ${nb}`);
  const thr = run.config.strategy.signalThreshold * 1e4;
  let maxAbs = 0;
  for (const p of Object.values(run.periods)) {
    for (const x of p.prediction) if (Number.isFinite(x)) maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  const limit = Math.max(1.2 * thr, maxAbs * 1e4 * 1.02, 1e-6);
  const width = (2 * limit) / nb;
  const bins: PredictionBin[] = [];
  for (const p of Object.values(run.periods)) {
    const counts = new Float64Array(nb);
    let n = 0;
    for (const x of p.prediction) {
      if (!Number.isFinite(x)) continue;
      const k = Math.min(nb - 1, Math.max(0, Math.floor((x * 1e4 + limit) / width)));
      counts[k]++;
      n++;
    }
    for (let k = 0; k < nb; k++) {
      bins.push({
        period: p.label,
        x1: -limit + k * width,
        x2: -limit + (k + 1) * width,
        share: n > 0 ? counts[k] / n : NaN,
      });
    }
  }
  return { bins, limit };
}

/**
 * Overlaid histograms of the predicted 5-minute return (bp) of both periods, with the signal
 * threshold (±, solid) and the out-of-sample mean round-trip cost (±, dashed) marked. A
 * prediction must clear the solid rules to make a signal, and the dashed ones to pay for itself.
 *
 * @example
 * ```ts
 * showPlot(predictionHistogramPlot(run));
 * ```
 * @param options.bins number of bins; default 200.
 * @param options.width width in px; default 900.
 * @param options.height height in px; default 280.
 */
export function predictionHistogramPlot(
  run: BacktestRun,
  options: { bins?: number; width?: number; height?: number } = {},
): Element {
  const { bins, limit } = predictionHistogram(run, options);
  const thr = run.config.strategy.signalThreshold * 1e4;
  const cost = run.periods.outOfSample.analysis.gates.roundTripCostBp;
  const rules = [{ x: thr, sign: 1, label: `signal threshold ±${+thr.toFixed(2)} bp` }, {
    x: -thr,
    sign: -1,
    label: "",
  }];
  const costs = Number.isFinite(cost)
    ? [{ x: cost, sign: 1, label: "" }, {
      x: -cost,
      sign: -1,
      label: `round-trip cost ±${cost.toFixed(1)} bp`,
    }]
    : [];
  return Plot.plot({
    document,
    width: options.width ?? 900,
    height: options.height ?? 280,
    marginLeft: 60,
    marginTop: 30,
    x: { label: "predicted 5-minute return (bp) →", domain: [-limit, limit] },
    y: { label: "↑ share of windows", grid: true },
    color: { legend: true },
    marks: [
      Plot.rectY(bins, {
        x1: "x1",
        x2: "x2",
        y1: 0,
        y2: "share",
        fill: "period",
        fillOpacity: 0.5,
        mixBlendMode: "multiply",
      }),
      Plot.ruleX(rules, { x: "x", stroke: "#222", strokeWidth: 1.5 }),
      Plot.ruleX(costs, { x: "x", stroke: "#222", strokeWidth: 1.2, strokeDasharray: "5,3" }),
      Plot.text([...rules, ...costs].filter((r) => r.label !== ""), {
        x: "x",
        text: "label",
        frameAnchor: "top",
        dx: -4,
        textAnchor: "end",
        dy: -14,
        fontSize: 11,
      }),
      Plot.ruleY([0]),
    ],
  });
}
