import assert from "node:assert/strict";
import { dayBlockBootstrap, pearson, pearsonAt } from "../lib/stats/mod.ts";

/** Seeded normal draws (Box–Muller over an LCG), so the simulations are the same every run. */
function normals(seed: number): () => number {
  let s = seed;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 1) / 2147483649;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/**
 * `days` days of `perDay` observations x = μ + day effect (s.d. 1) + noise (s.d. 2): the day
 * effect makes a day's observations move together, as regimes do in minute bars.
 */
function clustered(normal: () => number, days: number, perDay: number, mu: number) {
  const x = new Float64Array(days * perDay), day = new Int32Array(days * perDay);
  for (let d = 0; d < days; d++) {
    const effect = normal();
    for (let j = 0; j < perDay; j++) {
      x[d * perDay + j] = mu + effect + 2 * normal();
      day[d * perDay + j] = 20230101 + d;
    }
  }
  return { x, day };
}

const meanAt = (x: Float64Array) => (rows: Int32Array) => {
  let s = 0;
  for (const i of rows) s += x[i];
  return s / rows.length;
};

Deno.test("day-block intervals cover the true mean at about their nominal 90 %", () => {
  // 400 simulated samples of 36 days (one test split) × 40 bars; the true mean is 0.5.
  const normal = normals(7);
  let covered = 0, coveredIid = 0;
  const sims = 400;
  for (let s = 0; s < sims; s++) {
    const { x, day } = clustered(normal, 36, 40, 0.5);
    const ci = dayBlockBootstrap(day, meanAt(x), { reps: 400, seed: s + 1 });
    if (ci.lo <= 0.5 && 0.5 <= ci.hi) covered++;
    // Negative control: every bar its own block, as if bars were independent.
    const iid = dayBlockBootstrap(Int32Array.from(x, (_, i) => i), meanAt(x), {
      reps: 200,
      seed: s + 1,
    });
    if (iid.lo <= 0.5 && 0.5 <= iid.hi) coveredIid++;
  }
  const rate = covered / sims, rateIid = coveredIid / sims;
  // Binomial s.d. of a 90 % rate over 400 samples is 1.5 points; percentile intervals from 36
  // blocks run a little narrow, so the band is [0.84, 0.95].
  assert.ok(rate >= 0.84 && rate <= 0.95, `day-block coverage ${rate}`);
  // Resampling bars ignores the day effect: its intervals are far too narrow.
  assert.ok(rateIid < 0.6, `bar-level coverage ${rateIid}`);
});

Deno.test("day-block intervals of a correlation cover the true correlation", () => {
  // y = 0.3·x + noise inside days; x carries a day effect. True corr = 0.3·sd(x)/sd(y).
  const normal = normals(11);
  const sdX = Math.sqrt(1 + 4), sdY = Math.sqrt(0.09 * 5 + 1);
  const rho = 0.3 * sdX / sdY;
  let covered = 0;
  const sims = 300;
  for (let s = 0; s < sims; s++) {
    const { x, day } = clustered(normal, 36, 40, 0);
    const y = Float64Array.from(x, (v) => 0.3 * v + normal());
    const ci = dayBlockBootstrap(day, (rows) => pearsonAt(x, y, rows), { reps: 300, seed: s });
    if (ci.lo <= rho && rho <= ci.hi) covered++;
  }
  const rate = covered / sims;
  assert.ok(rate >= 0.84 && rate <= 0.96, `coverage ${rate}`);
});

Deno.test("dayBlockBootstrap: estimate, determinism, NaN replicates dropped and errors", () => {
  const x = [1, 2, 3, 4, 5, 6], day = [1, 1, 2, 2, 3, 3];
  const mean = (rows: Int32Array) => rows.reduce((s, i) => s + x[i], 0) / rows.length;
  const a = dayBlockBootstrap(day, mean, { reps: 200, seed: 3 });
  const b = dayBlockBootstrap(day, mean, { reps: 200, seed: 3 });
  assert.deepEqual(a, b);
  assert.equal(a.estimate, 3.5);
  assert.equal(a.blocks, 3);
  // Day means are 1.5, 3.5 and 5.5, so every resampled mean lies in [1.5, 5.5].
  assert.ok(a.lo >= 1.5 && a.hi <= 5.5 && a.lo < a.estimate && a.estimate < a.hi);
  assert.ok(a.se > 0);
  // A statistic that is NaN on some resamples: those are dropped, not counted.
  const onlyWithDay1 = (rows: Int32Array) => rows.some((i) => day[i] === 1) ? 1 : NaN;
  const c = dayBlockBootstrap(day, onlyWithDay1, { reps: 300 });
  assert.ok(c.reps < 300 && c.reps > 200, `${c.reps}`);
  assert.throws(() => dayBlockBootstrap([], mean), RangeError);
  assert.throws(() => dayBlockBootstrap(day, mean, { reps: 1 }), RangeError);
  assert.throws(() => dayBlockBootstrap(day, mean, { level: 1 }), RangeError);
});

Deno.test("pearsonAt equals pearson on the rows it is given", () => {
  const x = [1, 2, 3, 4, NaN, 6], y = [2, 4, 7, 1, 3, 5];
  const all = Int32Array.from(x, (_, i) => i);
  assert.ok(Math.abs(pearsonAt(x, y, all) - pearson(x, y)) < 1e-12);
  const rows = Int32Array.from([0, 1, 2, 2]);
  assert.ok(Math.abs(pearsonAt(x, y, rows) - pearson([1, 2, 3, 3], [2, 4, 7, 7])) < 1e-12);
  assert.ok(Number.isNaN(pearsonAt(x, y, Int32Array.from([0]))));
});
