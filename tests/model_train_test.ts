import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  createModel,
  disposeModel,
  initBackend,
  lossOf,
  modelConfig,
  predict,
  trainStep,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });
const T = 60, F = 8;

/**
 * Planted task: the target is the mean of feature 0 over the whole window, standardised. Only
 * attention can bring the earlier steps to the last one, so learning it exercises every part.
 */
function planted(n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  const x = Float32Array.from({ length: n * T * F }, () => rng.normal());
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < T; t++) s += x[(i * T + t) * F];
    y[i] = s / Math.sqrt(T); // unit variance
  }
  return { x, y };
}

function batchOf(d: { x: Float32Array; y: Float32Array }, start: number, size: number) {
  return {
    x: d.x.subarray(start * T * F, (start + size) * T * F),
    y: d.y.subarray(start, start + size),
  };
}

Deno.test("lossOf: MSE and Huber against hand values, with their gradients", () => {
  const p = tf.tensor1d([0, 2, -3]), t = tf.tensor1d([0, 0, 0]);
  assert.ok(Math.abs(lossOf(p, t).dataSync()[0] - 13 / 3) < 1e-6);
  // Huber δ = 1: 0, 2 − ½ = 1.5, 3 − ½ = 2.5 → mean 4/3
  assert.ok(Math.abs(lossOf(p, t, { loss: "huber" }).dataSync()[0] - 4 / 3) < 1e-6);
  const g = tf.grad((q: tf.Tensor) => lossOf(q, t, { loss: "huber" }))(p);
  const wantH = [0, 1 / 3, -1 / 3];
  g.dataSync().forEach((v, i) => assert.ok(Math.abs(v - wantH[i]) < 1e-6));
  const gm = tf.grad((q: tf.Tensor) => lossOf(q, t))(p);
  const want = [0, 4 / 3, -2];
  gm.dataSync().forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6));
  assert.throws(() => lossOf(p, t, { loss: "mae" as never }), RangeError);
  tf.dispose([p, t, g, gm]);
});

Deno.test("trainStep: numTensors flat across steps and across predict", async () => {
  const model = createModel(modelConfig("tiny"));
  const opt = tf.train.adam(1e-3);
  const d = planted(32, 1);
  trainStep(model, opt, d.x, d.y, { clipNorm: 1 }); // Adam creates its slots here
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) trainStep(model, opt, d.x, d.y, { clipNorm: 1, loss: "huber" });
  assert.equal(tf.memory().numTensors, before);
  await predict(model, d.x, { returnAttention: true });
  assert.equal(tf.memory().numTensors, before);
  opt.dispose();
  disposeModel(model);
});

Deno.test("same seed → same loss sequence, dropout included; another seed differs", () => {
  const d = planted(16, 2);
  const run = (seed: number) => {
    const model = createModel(modelConfig("tiny", { seed, dropout: 0.1 }));
    const opt = tf.train.adam(3e-3);
    const losses = [];
    for (let i = 0; i < 4; i++) losses.push(trainStep(model, opt, d.x, d.y, { clipNorm: 1 }));
    opt.dispose();
    disposeModel(model);
    return losses;
  };
  const a = run(1), b = run(1), c = run(2);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("clipNorm bounds the update: a tiny clip barely moves the weights", async () => {
  const d = planted(16, 3);
  const moved = async (clipNorm: number) => {
    const model = createModel(modelConfig("tiny", { dropout: 0 }));
    const w0 = await model.params["head/kernel"].data() as Float32Array;
    const opt = tf.train.sgd(1);
    trainStep(model, opt, d.x, d.y, { clipNorm });
    const w1 = await model.params["head/kernel"].data() as Float32Array;
    opt.dispose();
    disposeModel(model);
    let s = 0;
    for (let i = 0; i < w0.length; i++) s += (w1[i] - w0[i]) ** 2;
    return Math.sqrt(s);
  };
  const small = await moved(1e-3), big = await moved(Infinity);
  assert.ok(small <= 1e-3 + 1e-6, `step ${small} exceeds the clip`);
  assert.ok(big > 10 * small, `unclipped step ${big}`);
});

Deno.test("the tiny model learns a planted signal (held-out loss falls by half)", async () => {
  const train = planted(512, 4), test = planted(128, 5);
  const model = createModel(modelConfig("tiny", { seed: 3 }));
  const opt = tf.train.adam(3e-3);
  const mse = async () => {
    const { predictions } = await predict(model, test.x);
    let s = 0;
    for (let i = 0; i < predictions.length; i++) s += (predictions[i] - test.y[i]) ** 2;
    return s / predictions.length;
  };
  const before = await mse();
  for (let epoch = 0; epoch < 6; epoch++) {
    for (let start = 0; start < 512; start += 32) {
      const b = batchOf(train, start, 32);
      trainStep(model, opt, b.x, b.y, { clipNorm: 1 });
    }
  }
  const after = await mse();
  assert.ok(after < 0.5 * before, `held-out MSE ${before.toFixed(3)} → ${after.toFixed(3)}`);
  opt.dispose();
  disposeModel(model);
});
