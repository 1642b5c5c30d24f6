// attentionMapChecks on hand-built maps (known answers) and on a real untrained model.
import assert from "node:assert/strict";
import {
  attentionMapChecks,
  type AttentionMaps,
  attentionMaps,
  createModel,
  disposeModel,
  initBackend,
  modelConfig,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });

/** Maps of n windows, H heads, T steps whose rows are uniform over the visible keys. */
function uniformMaps(n: number, H: number, T: number, L: number): AttentionMaps {
  const layers = Array.from({ length: L }, () => {
    const a = new Float32Array(n * H * T * T);
    for (let b = 0; b < n * H; b++) {
      for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) a[(b * T + i) * T + j] = 1 / (i + 1);
    }
    return a;
  });
  return { shape: [n, H, T, T], layers, predictions: new Float32Array(n) };
}

Deno.test("attentionMapChecks: uniform causal rows score 0; planted faults are found", () => {
  const T = 5, H = 2;
  const maps = uniformMaps(2, H, T, 2);
  const clean = attentionMapChecks(maps, { window: 1 });
  assert.equal(clean.length, 2);
  for (const c of clean) {
    assert.ok(c.maxRowSumError < 1e-6);
    assert.equal(c.maxAboveDiagonal, 0);
    assert.ok(c.maxDeviationFromUniform < 1e-6);
  }
  // Window 1, head 1, row 2 of layer 1: move 0.25 of weight from key 0 to future key 4.
  const row = ((1 * H + 1) * T + 2) * T;
  maps.layers[1][row + 0] -= 0.25;
  maps.layers[1][row + 4] += 0.25;
  const [l0, l1] = attentionMapChecks(maps, { window: 1 });
  assert.equal(l0.maxAboveDiagonal, 0);
  assert.equal(l1.maxAboveDiagonal, 0.25);
  assert.ok(Math.abs(l1.maxRowSumError) < 1e-6, "the row still sums to 1");
  assert.ok(Math.abs(l1.maxDeviationFromUniform - 0.75) < 1e-6); // |(1/3 − 1/4)·3 − 1|
  assert.equal(attentionMapChecks(maps, { window: 0 })[1].maxAboveDiagonal, 0, "other window");
  assert.throws(() => attentionMapChecks(maps, { window: 2 }), RangeError);
});

Deno.test("attentionMapChecks: an untrained model is causal and near uniform", async () => {
  const model = createModel(modelConfig("tiny", { seed: 2 }));
  const rng = seededRng(3, { algorithm: "mulberry32" });
  const x = Float32Array.from({ length: 60 * 8 }, () => rng.normal());
  const checks = attentionMapChecks(await attentionMaps(model, x));
  assert.equal(checks.length, 2);
  for (const c of checks) {
    assert.ok(c.maxRowSumError < 1e-5, `row sums: ${c.maxRowSumError}`);
    assert.equal(c.maxAboveDiagonal, 0);
    assert.ok(c.maxDeviationFromUniform > 0 && c.maxDeviationFromUniform < 0.5);
  }
  disposeModel(model);
});
