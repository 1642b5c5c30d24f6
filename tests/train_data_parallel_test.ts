import assert from "node:assert/strict";
import {
  createModel,
  disposeModel,
  flatGradients,
  initBackend,
  modelConfig,
  readWeights,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";
import { adamwStep, clipGlobalNorm, createAdamW, decayMask } from "../lib/train/adamw.ts";
import { createGradientPool } from "../lib/train/gradient_pool.ts";

await initBackend("wasm", { fallback: false });
const config = modelConfig("tiny", { dropout: 0, seed: 5 });
const T = config.seqLen, F = config.nFeatures, B = 12;

/** A batch of every-step targets with a few left out (weight 0), as all-step training has. */
function batch(seed: number) {
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  const x = Float32Array.from({ length: B * T * F }, () => rng.normal());
  const y = Float32Array.from({ length: B * T }, () => rng.normal());
  const weight = Float32Array.from({ length: B * T }, (_, i) => (i % T < 4 ? 0 : 1));
  return { x, y, weight };
}
const opts = { steps: "all" as const, loss: "mse" as const, huberDelta: 1, dropoutSeed: 9 };

/** Two AdamW steps with the pool's gradients; returns the weights and the replicas' tensors. */
async function twoSteps(workers: number) {
  const model = createModel(config);
  const weights = readWeights(model);
  disposeModel(model);
  const pool = await createGradientPool(config, { workers });
  const opt = createAdamW(weights.length, { weightDecay: 0.1, mask: decayMask(config) });
  const tensors: number[][] = [];
  try {
    for (const seed of [1, 2, 3]) {
      const g = await pool.gradients(weights, batch(seed), opts);
      clipGlobalNorm(g.grads, 1);
      adamwStep(opt, weights, g.grads, 1e-2);
      tensors.push(g.numTensors);
    }
  } finally {
    pool.close();
  }
  return { weights, tensors };
}

Deno.test("2 Workers, 1 Worker and this thread give the same weights after each step", async () => {
  const [zero, one, two] = [await twoSteps(0), await twoSteps(1), await twoSteps(2)];
  // One replica sees the same batch whether it lives in a Worker or here: bit for bit.
  assert.deepEqual(one.weights, zero.weights);
  // Two shards add their gradients: the same up to float rounding.
  let worst = 0;
  for (let i = 0; i < one.weights.length; i++) {
    worst = Math.max(worst, Math.abs(two.weights[i] - one.weights[i]));
  }
  assert.ok(worst < 1e-5, `largest weight difference ${worst}`);
  // The weights moved (so the comparison is not between two untouched copies).
  const fresh = createModel(config);
  const init = readWeights(fresh);
  disposeModel(fresh);
  assert.ok(one.weights.some((w, i) => Math.abs(w - init[i]) > 1e-3));
});

Deno.test("numTensors stays flat over data-parallel steps in every Worker", async () => {
  const { tensors } = await twoSteps(2);
  assert.equal(tensors[0].length, 2);
  for (let k = 0; k < 2; k++) {
    assert.deepEqual(tensors.map((t) => t[k]), [tensors[0][k], tensors[0][k], tensors[0][k]]);
  }
});

Deno.test("the pool's gradient equals the gradient of the whole batch in one replica", async () => {
  const b = batch(4);
  const model = createModel(config);
  const whole = flatGradients(model, b, { steps: "all" });
  const pool = await createGradientPool(config, { workers: 2 });
  try {
    const g = await pool.gradients(readWeights(model), b, opts);
    assert.ok(Math.abs(g.loss - whole.loss) < 1e-5 * Math.abs(whole.loss));
    let worst = 0, size = 0;
    for (let i = 0; i < g.grads.length; i++) {
      worst = Math.max(worst, Math.abs(g.grads[i] - whole.grads[i]));
      size = Math.max(size, Math.abs(whole.grads[i]));
    }
    assert.ok(worst < 1e-5 * size, `largest difference ${worst} of ${size}`);
    // Predictions are shared out among the replicas and put back in order.
    const p = await pool.predict(readWeights(model), b.x, { allSteps: true });
    const local = await pool.predict(readWeights(model), b.x.slice(0, T * F), { allSteps: true });
    assert.equal(p.predictions.length, B * T);
    assert.deepEqual(p.predictions.subarray(0, T), local.predictions);
  } finally {
    pool.close();
    disposeModel(model);
  }
});
