/**
 * Full attention maps of one window, per layer and head, as plain cells and as a heatmap grid.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { AttentionMaps } from "../model/mod.ts";
import { document } from "../plot/mod.ts";

/** One attention weight: query step `query` attends to key step `key` (0 = oldest minute). */
export interface HeatmapCell {
  /** 0-based encoder layer. */
  layer: number;
  /** 0-based head. */
  head: number;
  /** Query step (row). */
  query: number;
  /** Key step (column), ≤ query: the model is causal. */
  key: number;
  /** Attention probability. */
  weight: number;
}

/** The maps of one window. */
export interface AttentionHeatmap {
  /** Index of the window in the maps. */
  window: number;
  /** Layers in the maps. */
  layers: number;
  /** Heads per layer. */
  heads: number;
  /** Window length T. */
  length: number;
  /** The causal cells (key ≤ query) of the selected layers and heads, layer-major. */
  cells: HeatmapCell[];
}

/**
 * The causal attention cells of window `window` of `maps` (from lib/model `attentionMaps`), for
 * the selected layers and heads. Throws RangeError for a window, layer or head out of range.
 *
 * @example
 * ```ts
 * const maps = await attentionMaps(model, windows); // a few windows
 * const h = attentionHeatmap(maps, { window: 0 }); // every layer and head
 * h.cells.filter((c) => c.query === h.length - 1); // the rows the strategy reads
 * ```
 * @param options.window window index; default 0.
 * @param options.layers layer indices; default all.
 * @param options.heads head indices; default all.
 */
export function attentionHeatmap(
  maps: AttentionMaps,
  options: { window?: number; layers?: readonly number[]; heads?: readonly number[] } = {},
): AttentionHeatmap {
  const [n, H, T] = maps.shape;
  const L = maps.layers.length;
  const w = options.window ?? 0;
  const layers = options.layers ?? Array.from({ length: L }, (_, i) => i);
  const heads = options.heads ?? Array.from({ length: H }, (_, i) => i);
  if (!Number.isInteger(w) || w < 0 || w >= n) {
    throw new RangeError(`Window ${w} is not in the maps' ${n} windows`);
  }
  for (const l of layers) {
    if (!Number.isInteger(l) || l < 0 || l >= L) {
      throw new RangeError(`No layer ${l} in ${L} layers`);
    }
  }
  for (const h of heads) {
    if (!Number.isInteger(h) || h < 0 || h >= H) throw new RangeError(`No head ${h} in ${H} heads`);
  }
  const cells: HeatmapCell[] = [];
  for (const layer of layers) {
    const a = maps.layers[layer];
    for (const head of heads) {
      const base = (w * H + head) * T * T;
      for (let query = 0; query < T; query++) {
        for (let key = 0; key <= query; key++) {
          cells.push({ layer, head, query, key, weight: a[base + query * T + key] });
        }
      }
    }
  }
  return { window: w, layers: L, heads: H, length: T, cells };
}

/**
 * A grid of heatmaps, one column per layer and one row per head (query step down, key step
 * across; the strategy reads each map's bottom row), log colour scale clamped to [0.001, 1].
 * Drawn as rasters (one small embedded PNG per panel), so even 4 × 4 maps of 60 × 60 stay a few
 * kB; lib/model's `attentionMapsPlot` draws the same maps as vector cells (sharper, ~100× larger).
 *
 * @example
 * ```ts
 * const svg = attentionHeatmapPlot(attentionHeatmap(maps, { window: 0 }));
 * ```
 * @param options.width chart width in px; default 160 per layer + margins.
 * @param options.title caption above the grid; default none.
 */
export function attentionHeatmapPlot(
  heatmap: AttentionHeatmap,
  options: { width?: number; title?: string } = {},
): Element {
  const T = heatmap.length;
  const layers = new Set(heatmap.cells.map((c) => c.layer)).size;
  const heads = new Set(heatmap.cells.map((c) => c.head)).size;
  const panel = 150;
  return Plot.plot({
    document,
    title: options.title,
    width: options.width ?? layers * panel + 80,
    height: heads * panel + 70,
    marginLeft: 45,
    marginRight: 60,
    marginTop: 30,
    color: {
      type: "log",
      scheme: "viridis",
      domain: [1e-3, 1],
      clamp: true,
      legend: true,
      ticks: [1e-3, 1e-2, 0.1, 1],
      tickFormat: (t: number) => String(t),
      label: "attention weight (log scale)",
      marginLeft: 16, // legend option: room for the first tick label
    } as Plot.ScaleOptions,
    fx: { label: null, tickFormat: (l: number) => `layer ${l}`, axis: "top" },
    fy: { label: null, tickFormat: (h: number) => `head ${h}` },
    x: { domain: [0, T], label: "key step →", ticks: 3 },
    y: { domain: [T, 0], label: "query step ↓", ticks: 3 },
    marks: [
      Plot.raster(heatmap.cells, {
        x: (c: HeatmapCell) => c.key + 0.5,
        y: (c: HeatmapCell) => c.query + 0.5,
        fill: "weight",
        fx: "layer",
        fy: "head",
        x1: 0,
        x2: T,
        y1: 0,
        y2: T,
        width: T,
        height: T,
        imageRendering: "pixelated",
      }),
      Plot.frame({ stroke: "#999" }),
    ],
  });
}
