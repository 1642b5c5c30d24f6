import assert from "node:assert/strict";
import {
  buildFeatures,
  fitNormalizer,
  normalizerTable,
  splitByDay,
  windowEnds,
  windowRows,
} from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { mean, std } from "../lib/stats/mod.ts";

const frame = buildFeatures(generateMarket({ maxDays: 24 }), { preset: "tiny" });
const split = splitByDay(frame.tradingDay);
const ends = { train: windowEnds(frame, split.train), val: windowEnds(frame, split.val) };
const norm = fitNormalizer(frame, ends.train);
const near = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

Deno.test("normalizerTable: train stats, z 0/1 on train, the train stats applied to val", () => {
  const rows = normalizerTable(frame, ends, { norm });
  assert.deepEqual(normalizerTable(frame, ends), rows, "by default fitted on ends.train");
  assert.deepEqual(rows.map((r) => r.feature), [...frame.names, "target (5-bar return)"]);
  assert.deepEqual(Object.keys(rows[0]), [
    "feature",
    "train mean",
    "train s.d.",
    "train z mean",
    "train z s.d.",
    "val z mean",
    "val z s.d.",
  ]);
  const f = frame.names.length;
  frame.names.forEach((_, j) => {
    assert.equal(rows[j]["train mean"], norm.mean[j]);
    near(rows[j]["train z mean"] as number, 0, 1e-6);
    near(rows[j]["train z s.d."] as number, 1, 1e-6);
    const x = Float64Array.from(
      windowRows(ends.val, { length: 20 }),
      (r) => frame.values[r * f + j],
    );
    near(rows[j]["val z mean"] as number, (mean(x) - norm.mean[j]) / norm.std[j], 1e-6);
    near(rows[j]["val z s.d."] as number, std(x) / norm.std[j], 1e-6);
  });
  const t = rows.at(-1)!;
  assert.equal(t["train s.d."], norm.targetStd);
  near(t["train z s.d."] as number, 1, 1e-6);
  const y = Float64Array.from(ends.val, (e) => frame.target[e]);
  near(t["val z mean"] as number, (mean(y) - norm.targetMean) / norm.targetStd, 1e-6);
  assert.throws(() => normalizerTable(frame, ends, { norm: { ...norm, names: ["x"] } }), TypeError);
  assert.throws(() => normalizerTable(frame, { val: ends.val }), RangeError);
});
