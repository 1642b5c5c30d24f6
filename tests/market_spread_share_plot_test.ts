import assert from "node:assert/strict";
import { spreadSharePlot } from "../lib/market/mod.ts";

Deno.test("spreadSharePlot: a bar per series and bucket, labelled with its percentage", () => {
  const el = spreadSharePlot([
    { label: "synthetic", shares: { 1: 0.962, 2: 0.038 } },
    { label: "real", shares: { 1: 0.9526, 2: 0.0468, 3: 0.0006 } },
  ]);
  assert.equal(
    el.querySelector("h2")?.textContent,
    "Bar-end spread: share of bars by spread in ticks",
  );
  const bars = [...el.querySelectorAll('g[aria-label="bar"] rect')];
  assert.equal(bars.length, 6, "2 series × 3 buckets");
  const labels = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  assert.deepEqual(labels.sort(), ["0.0 %", "0.1 %", "3.8 %", "4.7 %", "95.3 %", "96.2 %"]);
  const facets = [...el.querySelectorAll('g[aria-label="fx-axis tick label"] text')].map((e) =>
    e.textContent
  );
  assert.deepEqual(facets, ["1 tick", "2 ticks", "3+ ticks"]);
  // Bar heights are proportional to the shares: 96.2 % vs 3.8 %.
  const h = bars.map((b) => Number(b.getAttribute("height"))).sort((a, b) => b - a);
  assert.ok(Math.abs(h[0] / h.find((x) => x > 0 && x < h[0] / 10)! - 0.962 / 0.0468) < 1.5);
});
