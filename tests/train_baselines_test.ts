import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { fitRidge, fitSlope, momentum, predictRidge } from "../lib/train/baselines.ts";
import { scoreForecast } from "../lib/train/evaluate.ts";

await tf.setBackend("cpu");

Deno.test("scoreForecast: MSE, IC, rank IC and directional accuracy by hand", () => {
  const s = scoreForecast([0.001, -0.002, 0.0005, NaN], [0.002, -0.001, -0.001, 0.5]);
  assert.equal(s.n, 3);
  // squared errors: 1e-6, 1e-6, 2.25e-6 → mean 4.25e-6 / 3
  assert.ok(Math.abs(s.mse - 4.25e-6 / 3) < 1e-18);
  assert.equal(s.directionalAccuracy, 2 / 3);
  // ranks (3, 1, 2) vs (3, 1.5, 1.5): Sxy = 1.5, Sxx = 2, Syy = 1.5 → 1.5/√3
  assert.ok(Math.abs(s.rankIc - Math.sqrt(3) / 2) < 1e-12);
  assert.ok(Number.isNaN(scoreForecast([0, 0], [1, -1]).directionalAccuracy));
});

Deno.test("momentum is close[t]/close[t-5] − 1 and fitSlope is Σxy/Σx²", () => {
  const close = [100, 101, 102, 103, 104, 105, 106, 110];
  const m = momentum(close, [4, 5, 7]);
  assert.ok(Number.isNaN(m[0]));
  assert.equal(m[1], 105 / 100 - 1);
  assert.equal(m[2], 110 / 102 - 1);
  assert.equal(fitSlope([1, 2, NaN], [2, 4, 9]), 2);
});

Deno.test("ridge recovers planted weights and shrinks them as lambda grows", () => {
  const n = 2000, d = 6, w = [0.5, -1, 0, 2, 0.25, -0.75];
  let s = 7;
  const u = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const x = new Float32Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 3;
    for (let j = 0; j < d; j++) v += (x[i * d + j] = u()) * w[j];
    y[i] = v + 0.01 * u();
  }
  const before = tf.memory().numTensors;
  const m = fitRidge(x, y, { lambda: 1e-6 });
  assert.equal(tf.memory().numTensors, before);
  m.weights.forEach((v, j) => assert.ok(Math.abs(v - w[j]) < 0.01, `w${j} = ${v}`));
  assert.ok(Math.abs(m.bias - 3) < 0.01);
  const p = predictRidge(m, x);
  assert.ok(scoreForecast(p, y).ic > 0.999);
  const shrunk = fitRidge(x, y, { lambda: 1 });
  assert.ok(Math.abs(shrunk.weights[3]) < Math.abs(m.weights[3]) / 2);
});
