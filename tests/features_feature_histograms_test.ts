import assert from "node:assert/strict";
import { buildFeatures, featureHistogramPlot, featureHistograms } from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";

const frame = buildFeatures(generateMarket({ maxDays: 20 }), { preset: "tiny" });

Deno.test("featureHistograms: shares sum to 1 per feature; clipped values land in the edge bins", () => {
  const { bins, clipped, clip } = featureHistograms(frame, { bins: 40, clip: 3 });
  assert.equal(clip, 3);
  for (const name of frame.names) {
    const mine = bins.filter((b) => b.feature === name);
    const total = mine.reduce((s, b) => s + b.share, 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `${name}: ${total}`);
    assert.ok(mine.every((b) => b.x0 >= -3 - 1e-12 && b.x1 <= 3 + 1e-12 && b.share > 0));
    const edges = mine.filter((b) => b.x0 < -2.85 || b.x1 > 2.85).reduce((s, b) => s + b.share, 0);
    assert.ok(edges >= clipped[name] - 1e-12, `${name}: edge bins hold the clipped share`);
  }
  // Fat tails: some one-minute returns lie beyond ±3 s.d.; time in session never does.
  assert.ok(clipped.ret_1m > 0);
  assert.equal(clipped.time_in_session, 0);
  assert.throws(() => featureHistograms(frame, { bins: 1 }), RangeError);
});

Deno.test("featureHistogramPlot: one panel per feature with its clipped share", () => {
  const el = featureHistogramPlot(frame, { title: "hist" });
  assert.equal(el.querySelector("h2")?.textContent, "hist");
  const panels = [...el.querySelectorAll('g[aria-label="fy-axis tick label"] text')].map((e) =>
    e.textContent
  );
  assert.deepEqual(panels, frame.names);
  const notes = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  const { clipped } = featureHistograms(frame);
  assert.deepEqual(notes, frame.names.map((n) => `${(100 * clipped[n]).toFixed(2)} % beyond ±5`));
  const rects = el.querySelectorAll('g[aria-label="rect"] rect').length;
  assert.equal(rects, featureHistograms(frame).bins.length);
});
