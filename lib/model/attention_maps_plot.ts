/**
 * Full T×T attention maps of one window as a grid of heatmaps, one per layer and head, with the
 * masked upper triangle drawn as what it is: exactly zero (notebook 03).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import type { AttentionMaps } from "./predict.ts";

/** Options of {@linkcode attentionMapsPlot}. */
export interface AttentionMapsPlotOptions {
  /** Window of the maps to draw; default 0. */
  window?: number;
  /** Layers to draw (columns), 0-based; default all. */
  layers?: readonly number[];
  /** Heads to draw (rows), 0-based; default all. */
  heads?: readonly number[];
  /** Title; default "Attention maps". */
  title?: string;
  /** Subtitle; default says what the grey triangle is and its largest weight (0). */
  subtitle?: string;
  /** Pixels per attention cell (one map is T·cell px square); default 3. Whole pixels keep the
   * SVG small (integer coordinates) and the cells crisp. */
  cell?: number;
  /** Lower end of the log colour scale (smaller weights are clamped to it); default 1e-3. */
  minWeight?: number;
}

/**
 * A grid of heatmaps of `maps` (from `attentionMaps`): one column per layer, one row per head,
 * query step down and key step across (0 = the oldest minute), each drawn as T×T cells coloured
 * by weight on a log scale. Cells above the diagonal (future keys) are drawn grey; the default
 * subtitle reports the largest weight found there, which the causal mask makes exactly 0. The
 * bottom row of each map is the last step's row, the one the strategy reads.
 *
 * @example
 * ```ts
 * const maps = await attentionMaps(model, windows.subarray(0, 60 * 8));
 * showPlot(attentionMapsPlot(maps, { title: "Untrained model" }));
 * ```
 * @param maps full maps of one or more windows.
 * @param options see {@linkcode AttentionMapsPlotOptions}; defaults: window 0, every layer and
 *   head, title "Attention maps", 3 px per cell, colour floor 1e-3.
 * @throws {RangeError} when the window, a layer or a head is out of range.
 */
export function attentionMapsPlot(
  maps: AttentionMaps,
  options: AttentionMapsPlotOptions = {},
): Element {
  const [n, H, T] = maps.shape;
  const L = maps.layers.length;
  const w = options.window ?? 0;
  const layers = options.layers ?? [...Array(L).keys()];
  const heads = options.heads ?? [...Array(H).keys()];
  if (!Number.isInteger(w) || w < 0 || w >= n) {
    throw new RangeError(`attentionMapsPlot: window ${w} is not in the maps' ${n} windows`);
  }
  for (const l of layers) {
    if (!Number.isInteger(l) || l < 0 || l >= L) {
      throw new RangeError(`attentionMapsPlot: no layer ${l} in ${L} layers`);
    }
  }
  for (const h of heads) {
    if (!Number.isInteger(h) || h < 0 || h >= H) {
      throw new RangeError(`attentionMapsPlot: no head ${h} in ${H} heads`);
    }
  }
  const cells: { layer: number; head: number; query: number; key: number; weight: number }[] = [];
  const masked: { layer: number; head: number; query: number }[] = [];
  let maxAbove = 0;
  for (const layer of layers) {
    for (const head of heads) {
      const base = (w * H + head) * T * T;
      for (let query = 0; query < T; query++) {
        const row = base + query * T;
        for (let key = 0; key <= query; key++) {
          cells.push({ layer, head, query, key, weight: maps.layers[layer][row + key] });
        }
        for (let key = query + 1; key < T; key++) {
          maxAbove = Math.max(maxAbove, Math.abs(maps.layers[layer][row + key]));
        }
        if (query < T - 1) masked.push({ layer, head, query });
      }
    }
  }
  const cell = options.cell ?? 3;
  if (!Number.isInteger(cell) || cell < 1) {
    throw new RangeError(`attentionMapsPlot: cell must be a positive integer (px), got ${cell}`);
  }
  const panel = cell * T;
  const margin = { left: 58, right: 64, top: 34, bottom: 42 };
  const gap = 18;
  const minWeight = options.minWeight ?? 1e-3;
  // Ticks at cell centres: first, thirds, last step.
  const centres = [0, Math.round(T / 3), Math.round((2 * T) / 3), T - 1].map((s) => s + 0.5);
  // Legend options (width, margins) ride on the scale options, as Plot's docs allow.
  const color: Plot.ScaleOptions & Omit<Plot.LegendOptions, "legend"> = {
    type: "log",
    scheme: "viridis",
    domain: [minWeight, 1],
    clamp: true,
    legend: "ramp",
    width: 380,
    marginLeft: 14,
    marginRight: 20,
    ticks: [1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1].filter((t) => t >= minWeight),
    tickFormat: (t: number) => String(t),
    label: "attention weight (log scale)",
  };
  return Plot.plot({
    document,
    title: options.title ?? "Attention maps",
    subtitle: options.subtitle ??
      `Grey: future keys (key > query), masked by the causal mask; largest weight there: ${maxAbove}`,
    caption: "Query step down, key step across (0 = the oldest minute of the window). The bottom " +
      "row of each map is the last step's row.",
    width: margin.left + margin.right + layers.length * panel + (layers.length - 1) * gap,
    height: margin.top + margin.bottom + heads.length * panel + (heads.length - 1) * gap,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    // No extra facet margins: each map gets exactly T·cell px, so cells sit on whole pixels.
    facet: { marginTop: 0, marginRight: 0, marginBottom: 0, marginLeft: 0 },
    style: { fontSize: "11px" },
    color,
    fx: {
      domain: layers,
      label: null,
      tickFormat: (l: number) => `layer ${l}`,
      axis: "top",
      // d3 gives a lone band the whole range minus padding: no padding then.
      paddingInner: layers.length > 1 ? gap / (panel + gap) : 0,
      paddingOuter: 0,
      round: true,
    },
    fy: {
      domain: heads,
      label: null,
      tickFormat: (h: number) => `head ${h}`,
      paddingInner: heads.length > 1 ? gap / (panel + gap) : 0,
      paddingOuter: 0,
      round: true,
    },
    x: { domain: [0, T], label: "key step →", ticks: centres, tickFormat: Math.floor },
    y: { domain: [T, 0], label: "↓ query step", ticks: centres, tickFormat: Math.floor },
    marks: [
      Plot.rect(masked, {
        fx: "layer",
        fy: "head",
        x1: (d) => d.query + 1,
        x2: T,
        y1: "query",
        y2: (d) => d.query + 1,
        fill: "#d9d9d9",
        shapeRendering: "crispEdges",
      }),
      Plot.rect(cells, {
        fx: "layer",
        fy: "head",
        x1: "key",
        x2: (d) => d.key + 1,
        y1: "query",
        y2: (d) => d.query + 1,
        fill: "weight",
        shapeRendering: "crispEdges", // no hairline seams between adjacent cells
      }),
      Plot.frame({ stroke: "#888" }),
    ],
  });
}
