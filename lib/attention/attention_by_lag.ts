/**
 * Where the model looks: the last step's attention weight against the lag of the minute it falls
 * on (lag 0 = the window's last minute, the bar the prediction is made at; lag T−1 = the oldest).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import { quantiles } from "../stats/quantiles.ts";

/** The attention at one lag, over all windows. */
export interface LagAttention {
  /** Minutes before the window's last bar (0 = the last bar itself). */
  lag: number;
  /** Mean weight at this lag. */
  mean: number;
  /** 10th percentile of the weight. */
  q10: number;
  /** Median weight. */
  q50: number;
  /** 90th percentile of the weight. */
  q90: number;
}

/**
 * Mean (and 10/50/90 % quantiles of) attention per lag over the windows of `rows` ([N, T]
 * row-major, each row the last step's weights over steps 0…T−1, oldest first). Returns T rows,
 * lag 0 first. Attention spread evenly would give 1/T at every lag. Throws RangeError when
 * `rows` is not a whole number of windows.
 *
 * @example
 * ```ts
 * const byLag = attentionByLag(attention, { length: 60 });
 * byLag[0].mean; // weight on the current minute; 1/60 ≈ 0.0167 would be "no preference"
 * ```
 * @param options.length window length T (required).
 */
export function attentionByLag(rows: Float32Array, options: { length: number }): LagAttention[] {
  const T = options.length;
  if (!Number.isInteger(T) || T < 1 || rows.length % T !== 0) {
    throw new RangeError(
      `Attention rows of ${rows.length} weights do not split into windows of ${T}`,
    );
  }
  const n = rows.length / T;
  const col = new Float32Array(n);
  const out: LagAttention[] = [];
  for (let lag = 0; lag < T; lag++) {
    const j = T - 1 - lag;
    let s = 0;
    for (let i = 0; i < n; i++) s += col[i] = rows[i * T + j];
    const [q10, q50, q90] = quantiles(col, [0.1, 0.5, 0.9]);
    out.push({ lag, mean: n > 0 ? s / n : NaN, q10, q50, q90 });
  }
  return out;
}

/**
 * A chart of {@linkcode attentionByLag} for one or more named series (e.g. in-sample and
 * out-of-sample): the mean per lag as a line, the 10–90 % band shaded, and the uniform level 1/T
 * as a dashed rule.
 *
 * @example
 * ```ts
 * const svg = attentionByLagPlot({ "out-of-sample": attentionByLag(rows, { length: 60 }) });
 * ```
 * @param options.width chart width in px; default 640.
 * @param options.height chart height in px; default 300.
 */
export function attentionByLagPlot(
  series: Record<string, LagAttention[]>,
  options: { width?: number; height?: number } = {},
): Element {
  const data = Object.entries(series).flatMap(([name, rows]) =>
    rows.map((r) => ({ ...r, series: name }))
  );
  const T = Math.max(1, ...Object.values(series).map((r) => r.length));
  return Plot.plot({
    document,
    width: options.width ?? 640,
    height: options.height ?? 300,
    marginLeft: 55,
    x: { label: "lag (minutes before the last bar) →" },
    y: { label: "↑ attention weight", grid: true },
    color: { legend: true },
    marks: [
      Plot.areaY(data, { x: "lag", y1: "q10", y2: "q90", fill: "series", fillOpacity: 0.15 }),
      Plot.lineY(data, { x: "lag", y: "mean", stroke: "series", strokeWidth: 2 }),
      Plot.ruleY([1 / T], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.text([{ x: T - 1, y: 1 / T }], {
        x: "x",
        y: "y",
        text: () => "uniform 1/T",
        textAnchor: "end",
        dy: -6,
        fill: "#555",
      }),
    ],
  });
}
