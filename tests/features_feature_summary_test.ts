import assert from "node:assert/strict";
import {
  buildFeatures,
  featureColumn,
  featureSummary,
  fitNormalizer,
  splitByDay,
  windowEnds,
} from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { kurtosis, mean, quantiles, std } from "../lib/stats/mod.ts";

const frame = buildFeatures(generateMarket({ maxDays: 20 }), { preset: "tiny" });
const near = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

Deno.test("featureSummary: raw mean and s.d., quantiles of the self-standardised value", () => {
  const rows = featureSummary(frame);
  assert.deepEqual(rows.map((r) => r.feature), frame.names);
  const r = rows[frame.names.indexOf("ret_1m")];
  const x = Float64Array.from(featureColumn(frame, "ret_1m"));
  assert.equal(r.needs, "bars");
  assert.equal(r.finite, x.length - 1, "ret_1m is undefined at t = 0");
  near(r.mean as number, mean(x));
  near(r["s.d."] as number, std(x));
  const z = x.map((v) => (v - mean(x)) / std(x));
  const [p1, p99] = quantiles(z, [0.01, 0.99]);
  near(r["z 1%"] as number, p1);
  near(r["z 99%"] as number, p99);
  near(r.kurtosis as number, kurtosis(x));
  const beyond = [...z].filter((v) => Math.abs(v) > 5).length / (x.length - 1) * 100;
  near(r["|z| > 5 (%)"] as number, beyond);
  assert.equal(rows[frame.names.indexOf("spread_ticks")].needs, "book");
});

Deno.test("featureSummary with a train-fitted normaliser standardises with its statistics", () => {
  const split = splitByDay(frame.tradingDay);
  const norm = fitNormalizer(frame, windowEnds(frame, split.train), { clip: 4 });
  const valRows = windowEnds(frame, split.val);
  const rows = featureSummary(frame, { rows: valRows, norm });
  const j = frame.names.indexOf("depth_imb");
  const x = Float64Array.from(valRows, (i) => frame.values[i * frame.names.length + j]);
  const [med] = quantiles(x.map((v) => (v - norm.mean[j]) / norm.std[j]), [0.5]);
  near(rows[j]["z median"] as number, med);
  near(rows[j].mean as number, mean(x));
  assert.ok("|z| > 4 (%)" in rows[j], "the clip comes from the normaliser");
  const other = { ...norm, names: norm.names.slice(1) };
  assert.throws(() => featureSummary(frame, { norm: other }), TypeError);
});
