/**
 * The one seeded generator: both streams reproduce the draws the market generator and the model
 * made before they shared this module (so seed 42 is still the same year and the same initial
 * weights), are deterministic, and have the right moments.
 */
import assert from "node:assert/strict";
import { kurtosis, mean, mixSeed, type RngAlgorithm, seededRng, std } from "../lib/stats/mod.ts";

Deno.test("seededRng: the streams are the ones the market and the model have always drawn", () => {
  // Recorded from lib/market/seeded_rng.ts and lib/model/rng.ts before they were merged here.
  const s = seededRng(42);
  assert.deepEqual([s.uniform(), s.uniform(), s.normal(), s.normal(), s.studentT(5)], [
    0.7912528037559241,
    0.23419718188233674,
    0.44343864579158387,
    0.5277197332768931,
    -1.0696594890266438,
  ]);
  const m = seededRng(42, { algorithm: "mulberry32" });
  assert.deepEqual([m.uniform(), m.uint32(), m.normal(), m.normal()], [
    0.6011037519201636,
    1925393290,
    -0.9453528099747296,
    -1.7128042818055647,
  ]);
});

Deno.test("seededRng: deterministic per seed and algorithm, sound moments, bad input throws", () => {
  for (const algorithm of ["sfc32", "mulberry32"] as RngAlgorithm[]) {
    const a = seededRng(7, { algorithm }), b = seededRng(7, { algorithm });
    const c = seededRng(mixSeed(7, 1), { algorithm });
    const xa = Array.from({ length: 5 }, a.uint32), xb = Array.from({ length: 5 }, b.uint32);
    assert.deepEqual(xa, xb);
    assert.notDeepEqual(xa, Array.from({ length: 5 }, c.uint32));
    const r = seededRng(1, { algorithm });
    const u = Float64Array.from({ length: 100_000 }, r.uniform);
    assert.ok(u.every((x) => x >= 0 && x < 1));
    assert.ok(Math.abs(mean(u) - 0.5) < 0.005, `${algorithm} uniform mean ${mean(u)}`);
    const z = Float64Array.from({ length: 100_000 }, r.normal);
    assert.ok(Math.abs(mean(z)) < 0.02 && Math.abs(std(z) - 1) < 0.01, `${algorithm} normal`);
    assert.ok(Math.abs(kurtosis(z) - 3) < 0.1, `${algorithm} normal kurtosis ${kurtosis(z)}`);
    const t = Float64Array.from({ length: 200_000 }, () => r.studentT(8));
    assert.ok(Math.abs(std(t) - 1) < 0.02, `${algorithm} t(8) sd ${std(t)}`);
  }
  assert.notEqual(seededRng(3).uint32(), seededRng(3, { algorithm: "mulberry32" }).uint32());
  assert.throws(() => seededRng(NaN), RangeError);
  assert.throws(() => seededRng(1, { algorithm: "xorshift" as never }), RangeError);
});
