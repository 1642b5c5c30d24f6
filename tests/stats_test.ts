import assert from "node:assert/strict";
import { closeTo } from "./_close.ts";
import {
  autocorrelation,
  kurtosis,
  mean,
  pearson,
  ranks,
  spearman,
  std,
} from "../lib/stats/mod.ts";

const close = closeTo(1e-12);

Deno.test("mean and std skip non-finite values; std uses ddof 1 by default", () => {
  close(mean([1, 2, NaN, 3, Infinity]), 2);
  close(std([0.01, -0.02, 0.015, -0.005, 0.025]), Math.sqrt(0.0003125));
  close(std([1, 3], { ddof: 0 }), 1);
  assert.ok(Number.isNaN(mean([NaN])));
  assert.ok(Number.isNaN(std([5])));
});

Deno.test("kurtosis: 1 for a symmetric two-point law, about 3 for normal draws", () => {
  close(kurtosis([1, -1, 1, -1]), 1);
  // Box–Muller with a fixed LCG: 200k draws put the normal's kurtosis within 0.05 of 3.
  let s = 12345;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 1) / 2147483649;
  const xs = Float64Array.from(
    { length: 200_000 },
    () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
  );
  assert.ok(Math.abs(kurtosis(xs) - 3) < 0.05, `kurtosis ${kurtosis(xs)}`);
});

Deno.test("pearson, autocorrelation and spearman against hand values", () => {
  // x̄ = 2, ȳ = 13/3: Sxy = 5, Sxx = 2, Syy = 12.666…; r = 5 / √(2 · 12.666…)
  close(pearson([1, 2, 3], [2, 4, 7]), 5 / Math.sqrt(2 * 38 / 3));
  close(pearson([1, 2, NaN, 3], [2, 4, 100, 7]), 5 / Math.sqrt(2 * 38 / 3));
  close(autocorrelation([1, 2, 3, 4, 5], 1), 1);
  close(autocorrelation([1, -1, 1, -1, 1, -1], 1), -1);
  assert.deepEqual([...ranks([10, 30, 20, 20])], [1, 4, 2.5, 2.5]);
  close(spearman([1, 2, 3], [2, 4, 70]), 1);
  close(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  assert.throws(() => pearson([1], [1, 2]), RangeError);
  assert.throws(() => autocorrelation([1, 2], 0), RangeError);
});
