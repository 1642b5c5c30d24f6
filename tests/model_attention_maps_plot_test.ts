// attentionMapsPlot: one cell per causal weight, grey rows for the mask, the mask's maximum in the
// subtitle, and argument checks.
import assert from "node:assert/strict";
import {
  attentionMaps,
  attentionMapsPlot,
  createModel,
  disposeModel,
  initBackend,
  modelConfig,
} from "../lib/model/mod.ts";
import { svgMarkup } from "../lib/plot/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });
const T = 60;
const model = createModel(modelConfig("tiny", { seed: 4 })); // 2 layers × 2 heads
const rng = seededRng(8, { algorithm: "mulberry32" });
const maps = await attentionMaps(
  model,
  Float32Array.from({ length: 2 * T * 8 }, () => rng.normal()),
);
disposeModel(model);

const GREY = "#d9d9d9";
/** A colour-scale fill: a hex colour other than the mask's grey. */
const coloured = (f: string) => /^#[0-9a-f]{6}$/i.test(f) && f !== GREY;

/** The fill of every rect: its own `fill`, else that of the `<g>` holding it. */
function rectFills(svg: string): string[] {
  const fills: string[] = [];
  for (const g of svg.matchAll(/<g\b([^>]*)>((?:<rect\b[^>]*\/?>(?:<\/rect>)?)+)<\/g>/g)) {
    const groupFill = /\sfill="([^"]+)"/.exec(g[1])?.[1] ?? "";
    for (const r of g[2].matchAll(/<rect\b([^>]*)>/g)) {
      fills.push(/\sfill="([^"]+)"/.exec(r[1])?.[1] ?? groupFill);
    }
  }
  return fills;
}

Deno.test("attentionMapsPlot: T(T+1)/2 coloured cells and T−1 grey mask rows per map", () => {
  const svg = svgMarkup(attentionMapsPlot(maps, { window: 1, title: "Untrained" }));
  const fills = rectFills(svg);
  const panels = 2 * 2;
  assert.equal(fills.filter((f) => f === GREY).length, panels * (T - 1));
  assert.equal(fills.filter(coloured).length, panels * (T * (T + 1)) / 2);
  assert.ok(svg.includes(">Untrained<"));
  assert.ok(svg.includes("largest weight there: 0<"), "the mask's maximum, computed, is 0");
  assert.ok(svg.includes("attention weight (log scale)"), "colour legend");
  for (const label of ["layer 0", "layer 1", "head 0", "head 1", "key step", "query step"]) {
    assert.ok(svg.includes(label), label);
  }
  // Untrained rows are near uniform: row 0 holds weight 1 (the brightest colour), later rows less,
  // so the cells do not all share one colour.
  assert.ok(new Set(fills.filter(coloured)).size > 20);
});

Deno.test("attentionMapsPlot: a subset of layers and heads draws only those maps", () => {
  const svg = svgMarkup(attentionMapsPlot(maps, { layers: [1], heads: [0] }));
  assert.equal(rectFills(svg).filter(coloured).length, (T * (T + 1)) / 2);
  assert.ok(svg.includes("layer 1") && !svg.includes("layer 0"));
  assert.ok(svg.includes(">Attention maps<"), "default title");
});

Deno.test("attentionMapsPlot: a leak above the diagonal is reported, bad indices throw", () => {
  const leaky = { ...maps, layers: maps.layers.map((a) => a.slice()) };
  leaky.layers[0][5] = 0.125; // window 0, head 0, query 0, key 5: a future key
  const svg = svgMarkup(attentionMapsPlot(leaky));
  assert.ok(svg.includes("largest weight there: 0.125<"));
  assert.throws(() => attentionMapsPlot(maps, { window: 2 }), RangeError);
  assert.throws(() => attentionMapsPlot(maps, { layers: [2] }), RangeError);
  assert.throws(() => attentionMapsPlot(maps, { heads: [-1] }), RangeError);
});
