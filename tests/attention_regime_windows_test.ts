/**
 * regimeWindows picks the strongest up trend, the strongest down trend and the quietest flat
 * stretch of hand-built bars (by ground truth, or by realised prices without it);
 * windowAttentionData/Plot split one attention row by candle direction.
 */
import assert from "node:assert/strict";
import { regimeWindows, windowAttentionData, windowAttentionPlot } from "../lib/attention/mod.ts";
import { scenarioBars } from "../lib/backtest/mod.ts";
import { svgMarkup } from "../lib/plot/mod.ts";

// 200 bars: flat 0–49 (±2 ticks of noise), weak up trend 50–109, flat and tight 110–139 (±0.5),
// strong down trend 140–199. Windows of 20 bars.
const n = 200, T = 20;
const regime = new Float64Array(n), gt = new Float64Array(n);
const open = new Float64Array(n), close = new Float64Array(n);
let price = 4000;
for (let i = 0; i < n; i++) {
  const r = i >= 50 && i < 110 ? 1 : i >= 140 ? -1 : 0;
  regime[i] = r;
  gt[i] = r > 0 ? 0.0002 : r < 0 ? -0.001 : 0;
  const step = r > 0 ? 1 : r < 0 ? -3 : 0;
  const wiggle = i >= 110 && i < 140 ? 0.5 : 2;
  open[i] = price;
  price += step;
  close[i] = price + (i % 2 === 0 ? wiggle : -wiggle);
}
const bars = {
  ...scenarioBars({ open, close }),
  groundTruth: { gt_regime: regime, gt_exp_ret_5m: gt },
};
const ends = Array.from({ length: n - T + 1 }, (_, k) => k + T - 1);

Deno.test("regimeWindows: with ground truth, the strongest trends and the quietest flat window", () => {
  const picks = regimeWindows(bars, ends, { length: T });
  assert.deepEqual(picks.map((w) => w.kind), ["up trend", "down trend", "quiet"]);
  const [up, down, quiet] = picks;
  // Up: every window wholly inside 50–109 has 20 up minutes and the same drift: the first one.
  assert.equal(up.end, 69);
  assert.equal(up.upRegimeMinutes, 20);
  assert.equal(up.basis, "ground truth");
  assert.equal(down.end, 159);
  assert.equal(down.downRegimeMinutes, 20);
  assert.ok(down.windowReturn < 0 && up.windowReturn > 0);
  // Quiet: all 20 minutes flat and the smallest range: inside the tight stretch 110–139.
  assert.ok(quiet.end >= 129 && quiet.end <= 139, `quiet ends at ${quiet.end}`);
  assert.equal(quiet.upRegimeMinutes! + quiet.downRegimeMinutes!, 0);
  const wide = regimeWindows(bars, ends.filter((e) => e < 50), { length: T })[0];
  assert.ok(quiet.range < wide.range, `${quiet.range} < ${wide.range}`);
  assert.match(
    up.label,
    /^up trend: 20 of 20 minutes in an up regime, \+[\d.]+ %, ends 2023-01-03 10:10$/,
  );
  assert.equal(up.when, "2023-01-03 10:10");
});

Deno.test("regimeWindows: without ground truth, by realised move and range; distinct; checks bounds", () => {
  const plain = { ...bars, groundTruth: null };
  const picks = regimeWindows(plain, ends, { length: T });
  assert.deepEqual(picks.map((w) => w.basis), [
    "realised prices",
    "realised prices",
    "realised prices",
  ]);
  const ret = (e: number) => close[e] / open[e - T + 1] - 1;
  const best = ends.reduce((a, e) => (ret(e) > ret(a) ? e : a));
  const worst = ends.reduce((a, e) => (ret(e) < ret(a) ? e : a));
  assert.equal(picks[0].end, best);
  assert.equal(picks[1].end, worst);
  assert.equal(picks[0].upRegimeMinutes, null);
  assert.equal(new Set(picks.map((w) => w.end)).size, 3);
  assert.match(picks[2].label, /chosen by realised prices/);
  // Only flat windows: no trend to show, the quiet one is still picked.
  const flatOnly = regimeWindows(bars, [30, 40, 120], { length: T });
  assert.deepEqual(flatOnly.map((w) => w.kind), ["quiet"]);
  assert.throws(() => regimeWindows(bars, [5], { length: T }), RangeError);
  assert.throws(() => regimeWindows(bars, [n], { length: T }), RangeError);
});

Deno.test("windowAttentionData/Plot: bullish = weight on up minutes, one bar per minute", () => {
  const weights = [0.1, 0.2, 0.3, 0.4], direction = [1, -1, 0, 1];
  const d = windowAttentionData([{ label: "w", weights, direction }]);
  assert.equal(d.scores[0].bull, 0.1 + 0.4);
  assert.equal(d.scores[0].bear, 0.2);
  assert.equal(d.scores[0].upFraction, 0.5);
  assert.equal(d.scores[0].downFraction, 0.25);
  assert.deepEqual(d.bars.map((b) => [b.minute, b.candle]), [
    [-3, "up minute"],
    [-2, "down minute"],
    [-1, "doji"],
    [0, "up minute"],
  ]);
  assert.throws(() => windowAttentionData([{ label: "x", weights, direction: [1] }]), RangeError);
  const svg = svgMarkup(windowAttentionPlot([
    { label: "first window", weights, direction },
    { label: "second window", weights: [0.25, 0.25, 0.25, 0.25], direction: [1, 1, -1, 0] },
  ]));
  assert.ok(svg.includes("first window") && svg.includes("second window"));
  assert.ok(svg.includes("bullish 0.500 vs up fraction 0.500"), "the panel states both scores");
  const from = svg.indexOf('<g aria-label="rect"');
  const marks = svg.slice(from, svg.indexOf('<g aria-label="', from + 1)); // the rect mark only
  assert.equal((marks.match(/<rect\b/g) ?? []).length, 8, "one bar per minute of each window");
});
