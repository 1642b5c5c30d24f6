import assert from "node:assert/strict";
import { quantiles } from "../lib/stats/mod.ts";

Deno.test("quantiles interpolate linearly between order statistics, skipping non-finite values", () => {
  assert.deepEqual(quantiles([4, 1, NaN, 3, 2, Infinity], [0, 0.5, 1]), [1, 2.5, 4]);
  assert.deepEqual(quantiles([1, 2, 3, 4, NaN], [0, 0.5, 1]), [1, 2.5, 4]);
  assert.deepEqual(quantiles([10, 20], [0.25, 0.75]), [12.5, 17.5]);
  assert.equal(quantiles([10, 0, 5], [0.25])[0], 2.5); // unsorted input
  // 1…101: the p-quantile is 1 + 100·p exactly.
  const xs = Float64Array.from({ length: 101 }, (_, i) => 101 - i);
  assert.deepEqual(quantiles(xs, [0.01, 0.05, 0.95]), [2, 6, 96]);
  assert.deepEqual(quantiles([7], [0, 0.3, 1]), [7, 7, 7]);
});

Deno.test("quantiles: NaN without finite values, RangeError for q outside [0, 1]", () => {
  assert.ok(quantiles([NaN, -Infinity], [0.5]).every(Number.isNaN));
  assert.ok(Number.isNaN(quantiles([NaN], [0.5])[0]));
  assert.throws(() => quantiles([1, 2], [1.5]), RangeError);
  assert.throws(() => quantiles([1], [1.5]), RangeError);
  assert.throws(() => quantiles([1, 2], [NaN]), /Quantile must be in \[0, 1\], got NaN/);
});
