/**
 * Attention analyses on hand-built inputs: bullish/bearish scores and their candle-count
 * baseline, attention by lag, the score distribution, forward return by bucket, heatmap cells.
 */
import assert from "node:assert/strict";
import {
  attentionByLag,
  attentionHeatmap,
  returnByBucket,
  scoreDistribution,
  windowScores,
} from "../lib/attention/mod.ts";

const near = (a: number, b: number, tol = 1e-6) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

Deno.test("windowScores: bullish/bearish attention and up/down fractions of hand-built windows", () => {
  // Bars:       0   1   2  3  4   5
  const dir = [1, -1, 0, 1, 1, -1];
  // Window ending at bar 3 covers bars 0..3, window ending at bar 5 covers bars 2..5.
  const rows = Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.4, 0.3, 0.2, 0.1);
  const s = windowScores(rows, dir, { length: 4, ends: [3, 5] });
  near(s.bull[0], 0.1 + 0.4); // bars 0 and 3 are up
  near(s.bear[0], 0.2); // bar 1 is down; bar 2 (doji) counts in neither
  near(s.upFraction[0], 2 / 4);
  near(s.downFraction[0], 1 / 4);
  near(s.bull[1], 0.3 + 0.2); // bars 3 and 4
  near(s.bear[1], 0.1); // bar 5
  near(s.upFraction[1], 2 / 4);
  near(s.downFraction[1], 1 / 4);
  // Uniform attention reproduces the candle count exactly.
  const flat = new Float32Array(8).fill(0.25);
  const u = windowScores(flat, dir, { length: 4, ends: [3, 5] });
  near(u.bull[0], u.upFraction[0]);
  near(u.bear[1], u.downFraction[1]);
  assert.throws(() => windowScores(rows, dir, { length: 4, ends: [2, 5] }), RangeError);
  assert.throws(() => windowScores(rows, dir, { length: 4, ends: [3] }), RangeError);
});

Deno.test("attentionByLag: lag 0 is the last step, means and quantiles per lag", () => {
  // Two windows of T = 3 (oldest first).
  const rows = Float32Array.of(0.2, 0.3, 0.5, 0.0, 0.1, 0.9);
  const byLag = attentionByLag(rows, { length: 3 });
  assert.deepEqual(byLag.map((r) => r.lag), [0, 1, 2]);
  near(byLag[0].mean, (0.5 + 0.9) / 2);
  near(byLag[1].mean, (0.3 + 0.1) / 2);
  near(byLag[2].mean, (0.2 + 0.0) / 2);
  near(byLag[0].q50, 0.7);
  near(byLag[0].q10, 0.5 + 0.1 * 0.4);
  near(byLag[0].q90, 0.5 + 0.9 * 0.4);
  assert.throws(() => attentionByLag(rows, { length: 4 }), RangeError);
});

Deno.test("scoreDistribution: shares above the gate, histogram, correlation with the baseline", () => {
  const bull = Float32Array.of(0.7, 0.5, 0.65, 0.2, NaN);
  const up = Float32Array.of(0.35, 0.5, 0.6, 0.3, 0.4);
  const d = scoreDistribution({ bull, upFraction: up }, { bins: 20, threshold: 0.6 });
  assert.equal(d.bull.count, 4);
  near(d.bull.shareAbove, 2 / 4); // 0.7 and 0.65
  // Float32 0.6 is 0.6000000238…, which is > 0.6: the comparison sees the stored value.
  near(d.upFraction.shareAbove, 1 / 5);
  near(
    scoreDistribution({ bull, upFraction: [0.35, 0.5, 0.6, 0.3, 0.4] }).upFraction.shareAbove,
    0,
  );
  near(d.bull.mean, (0.7 + 0.5 + 0.65 + 0.2) / 4);
  near(d.meanExcess, ((0.7 - 0.35) + (0.5 - 0.5) + (0.65 - 0.6) + (0.2 - 0.3)) / 4);
  assert.equal(d.bins.length, 20);
  near(d.bins.reduce((s, b) => s + b.bull, 0), 1);
  // Float32 0.35 is 0.3499999940…; it still lands in the [0.35, 0.40) bin.
  near(d.bins[7].upFraction, 1 / 4);
  assert.ok(d.correlation > 0.5 && d.correlation <= 1);
  // Scores a hair either side of 7/20 share a bin once the edges are offset by half a step.
  const hair = { bull: [0.35 - 1e-4, 0.35 + 1e-4], upFraction: [0.35, 0.35] };
  const split = scoreDistribution(hair).bins;
  assert.deepEqual([split[6].bull, split[7].bull], [0.5, 0.5]); // edge at 0.35 splits them
  const off = scoreDistribution(hair, { offset: 0.5 / 20 });
  assert.equal(off.bins.filter((b) => b.bull === 1).length, 1);
  near(off.bins[0].x0, 0);
  near(off.bins[1].x0, 0.05 - 0.025);
  near(off.bins.at(-1)!.x1, 1);
  assert.throws(() => scoreDistribution(hair, { offset: 0.1 }), RangeError);
});

Deno.test("returnByBucket: deciles order a monotone relation; fixed edges", () => {
  const n = 1000;
  const score = Float64Array.from({ length: n }, (_, i) => i / n);
  const ret = Float64Array.from(score, (s, i) => (s - 0.5) * 1e-3 + ((i % 2) - 0.5) * 1e-4);
  const dec = returnByBucket(score, ret);
  assert.equal(dec.length, 10);
  assert.ok(dec.every((b) => b.count === 100));
  for (let k = 1; k < 10; k++) assert.ok(dec[k].meanReturn > dec[k - 1].meanReturn);
  near(dec[0].lo, 0);
  near(dec[9].hi, 0.999);
  near(dec[0].meanReturn, (0.0495 - 0.5) * 1e-3, 1e-9);
  near(dec[0].upShare, 0);
  const fixed = returnByBucket(score, ret, { buckets: [0, 0.5, 1] });
  assert.deepEqual(fixed.map((b) => b.count), [500, 500]);
  assert.ok(fixed[0].meanReturn < 0 && fixed[1].meanReturn > 0);
  assert.throws(() => returnByBucket(score, ret, { buckets: [0.5, 0.2] }), RangeError);
  assert.throws(() => returnByBucket(score, ret.subarray(1)), RangeError);
});

Deno.test("attentionHeatmap: causal cells of one window, layer-major", () => {
  const n = 2, H = 2, T = 3;
  const layer = new Float32Array(n * H * T * T).map((_, i) => i);
  const maps = {
    shape: [n, H, T, T] as [number, number, number, number],
    layers: [layer, layer],
    predictions: new Float32Array(n),
  };
  const h = attentionHeatmap(maps, { window: 1, layers: [1], heads: [0] });
  assert.equal(h.cells.length, (T * (T + 1)) / 2);
  assert.ok(h.cells.every((c) => c.key <= c.query && c.layer === 1 && c.head === 0));
  const last = h.cells.find((c) => c.query === 2 && c.key === 1)!;
  assert.equal(last.weight, ((1 * H + 0) * T + 2) * T + 1);
  assert.throws(() => attentionHeatmap(maps, { window: 2 }), RangeError);
  assert.throws(() => attentionHeatmap(maps, { heads: [2] }), RangeError);
});
