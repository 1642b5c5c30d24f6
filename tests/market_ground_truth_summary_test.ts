import assert from "node:assert/strict";
import { readBars } from "../lib/data/mod.ts";
import {
  generateMarket,
  groundTruthPlot,
  groundTruthSummary,
  marketsSummary,
  oracleIC,
} from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile } from "./real_data.ts";

Deno.test("groundTruthSummary: per-regime shares and moments of gt_exp_ret_5m", () => {
  // Without the bounce, whose expected reversal is part of gt on every bar.
  const table = generateMarket({ maxDays: 40, bounceTicks: 0 });
  const gt = table.groundTruth!.gt_exp_ret_5m!, regime = table.groundTruth!.gt_regime!;
  const rows = groundTruthSummary(table);
  assert.deepEqual(rows.map((r) => r.regime), ["down (−1)", "flat (0)", "up (+1)", "all"]);
  const n = gt.length;
  assert.equal(rows[3].bars, n);
  assert.equal(rows[0].bars as number + (rows[1].bars as number) + (rows[2].bars as number), n);
  const up = [...gt.keys()].filter((i) => regime[i] === 1);
  assert.equal(rows[2].bars, up.length);
  const meanUp = up.reduce((s, i) => s + gt[i], 0) / up.length * 1e4;
  assert.ok(Math.abs((rows[2]["mean gt (bp)"] as number) - meanUp) < 1e-9);
  assert.ok((rows[2]["mean gt (bp)"] as number) > 0 && (rows[0]["mean gt (bp)"] as number) < 0);
  // Trends never have gt exactly 0; most flat bars do (inside the price band).
  assert.equal(rows[0]["gt = 0 (%)"], 0);
  assert.ok((rows[1]["gt = 0 (%)"] as number) > 50);
  const strong = [...gt].filter((g) => Math.abs(g) > 0.002).length / n * 100;
  const all20 = groundTruthSummary(table, { threshold: 0.002 })[3];
  assert.ok(Math.abs((all20["|gt| > 20 bp (%)"] as number) - strong) < 1e-9);
  assert.equal(Object.keys(rows[0]).at(-1), "|gt| > 10 bp (%)");
});

Deno.test("groundTruthPlot: a log-scale histogram panel per regime; no ground truth throws", () => {
  const table = generateMarket({ maxDays: 40 });
  const el = groundTruthPlot(table, { binBp: 1 });
  const rects = [...el.querySelectorAll('g[aria-label="rect"] rect')];
  const gt = table.groundTruth!.gt_exp_ret_5m!, regime = table.groundTruth!.gt_regime!;
  const bins = new Set([...gt.keys()].map((i) => `${regime[i]}|${Math.round(gt[i] * 1e4)}`));
  assert.equal(rects.length, bins.size, "one rect per non-empty (regime, bin)");
  const panels = [...el.querySelectorAll('g[aria-label="fy-axis tick label"] text')].map((e) =>
    e.textContent
  );
  assert.deepEqual(panels, ["down (−1)", "flat (0)", "up (+1)"]);
  const labels = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  assert.deepEqual(labels, ["−10 bp threshold", "+10 bp threshold"]);
  assert.match(el.querySelector('g[aria-label="y-axis label"]')?.textContent ?? "", /log/);
  const bare = { ...table, groundTruth: null, source: "bare table" };
  assert.throws(() => groundTruthSummary(bare), /bare table has no gt_exp_ret_5m/);
  assert.throws(() => groundTruthPlot(bare), /bare table has no gt_exp_ret_5m/);
  assert.throws(() => groundTruthPlot(table, { binBp: 0 }), RangeError);
});

realDataTest("groundTruthSummary: the real rb bars have no ground truth", [RB_BARS], async () => {
  const real = await readBars(realFile(RB_BARS));
  assert.throws(() => groundTruthSummary(real), /has no gt_exp_ret_5m/);
});

Deno.test("marketsSummary: oracle IC, strong-gt share, trend share and informed minutes per market", () => {
  const days = { maxDays: 40 };
  const d = generateMarket(days), z = generateMarket({ ...days, market: "null" });
  const rows = marketsSummary({ default: d, null: z });
  const gt = d.groundTruth!.gt_exp_ret_5m!, n = gt.length;
  assert.deepEqual(rows[0], {
    market: "default",
    "oracle IC": oracleIC(d),
    "|gt| > 10 bp (%)": 100 * gt.filter((g) => Math.abs(g) > 0.001).length / n,
    "bars in a trend (%)": 100 * d.groundTruth!.gt_regime!.filter((r) => r !== 0).length / n,
    "informed minutes per day": d.groundTruth!.gt_informed!.filter((x) => x !== 0).length / 40,
  });
  assert.ok(Number.isNaN(rows[1]["oracle IC"]), "no oracle IC when gt is identically 0");
  assert.equal(rows[1]["|gt| > 10 bp (%)"], 0);
  assert.equal(rows[1]["informed minutes per day"], 0);
  assert.throws(() => marketsSummary({ bare: { ...d, groundTruth: null } }), RangeError);
});
