/**
 * The last step's attention row of one window, averaged over heads, per layer: what the
 * strategy's attention score reads (from the last layer), as data and as a chart (notebook 03).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import type { AttentionMaps } from "./predict.ts";

/** The weight the last step puts on one key step, in one layer, averaged over heads. */
export interface LastStepWeight {
  /** 0-based layer. */
  layer: number;
  /** Key step, 0 = the oldest minute, T − 1 = the last bar. */
  key: number;
  /** Mean over heads of the attention weight. */
  weight: number;
}

/**
 * The last query step's attention row, averaged over heads, for every layer of window `window`
 * of `maps`: L·T rows, layer-major. Each layer's weights sum to 1. For the last layer this is
 * what `predict(…, { returnAttention: true })` returns.
 *
 * @example
 * ```ts
 * const maps = await attentionMaps(model, windows.subarray(0, 60 * 8));
 * const rows = lastStepAttention(maps).filter((r) => r.layer === 3); // 60 weights summing to 1
 * ```
 * @param options.window window of the maps; default 0.
 * @throws {RangeError} when the window is out of range.
 */
export function lastStepAttention(
  maps: AttentionMaps,
  options: { window?: number } = {},
): LastStepWeight[] {
  const [n, H, T] = maps.shape;
  const w = options.window ?? 0;
  if (!Number.isInteger(w) || w < 0 || w >= n) {
    throw new RangeError(`lastStepAttention: window ${w} is not in the maps' ${n} windows`);
  }
  const out: LastStepWeight[] = [];
  maps.layers.forEach((a, layer) => {
    for (let key = 0; key < T; key++) {
      let s = 0;
      for (let h = 0; h < H; h++) s += a[((w * H + h) * T + T - 1) * T + key];
      out.push({ layer, key, weight: s / H });
    }
  });
  return out;
}

/**
 * A line per layer of {@linkcode lastStepAttention}'s weights against the key step, the last layer
 * (the one the strategy reads) drawn bold, and the uniform level 1/T as a dashed rule.
 *
 * @example
 * ```ts
 * showPlot(lastStepAttentionPlot(lastStepAttention(maps), { title: "Untrained model" }));
 * ```
 * @param options.title title; default "Last-step attention row, mean over heads".
 * @param options.width chart width in px; default 640.
 * @param options.height chart height in px; default 260.
 */
export function lastStepAttentionPlot(
  rows: readonly LastStepWeight[],
  options: { title?: string; width?: number; height?: number } = {},
): Element {
  const T = Math.max(1, ...rows.map((r) => r.key + 1));
  const last = Math.max(...rows.map((r) => r.layer));
  const data = rows.map((r) => ({ ...r, series: `layer ${r.layer}` }));
  return Plot.plot({
    document,
    title: options.title ?? "Last-step attention row, mean over heads",
    subtitle: `Bold: layer ${last}, the row the strategy's attention score reads. ` +
      `Dashed: uniform, 1/${T}.`,
    width: options.width ?? 640,
    height: options.height ?? 260,
    marginLeft: 60,
    x: { label: "key step (0 = oldest minute, " + (T - 1) + " = last bar) →", domain: [0, T - 1] },
    y: { label: "↑ attention weight", grid: true, zero: true },
    color: { legend: true, scheme: "tableau10" },
    marks: [
      Plot.ruleY([1 / T], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.lineY(data.filter((d) => d.layer !== last), {
        x: "key",
        y: "weight",
        stroke: "series",
        z: "series",
        strokeWidth: 1.2,
      }),
      Plot.lineY(data.filter((d) => d.layer === last), {
        x: "key",
        y: "weight",
        stroke: "series",
        z: "series",
        strokeWidth: 2.8,
      }),
    ],
  });
}
