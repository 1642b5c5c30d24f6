import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  attentionMaps,
  createModel,
  describeModel,
  disposeModel,
  forward,
  initBackend,
  type Model,
  MODEL_PRESETS,
  modelConfig,
  paramCount,
  predict,
  predictParallel,
} from "../lib/model/mod.ts";
import { colSum } from "../lib/model/col_sum.ts";
import { dropout } from "../lib/model/dropout.ts";
import { layerNorm } from "../lib/model/layer_norm.ts";
import { seededRng } from "../lib/stats/random.ts";

const backend = await initBackend("wasm", { fallback: false });
const T = 60, F = 8;

/** Deterministic standard-normal windows [n, T, F]. */
function windows(n: number, seed: number): Float32Array {
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  return Float32Array.from({ length: n * T * F }, () => rng.normal());
}

/** Random weights large enough that attention is far from uniform. */
function sharpModel(seed: number, preset: "tiny" | "default" = "tiny", gain = 15): Model {
  const model = createModel(modelConfig(preset, { seed }));
  for (const v of Object.values(model.params)) tf.tidy(() => v.assign(tf.mul(v, gain)));
  return model;
}

Deno.test("initBackend starts wasm offline", () => {
  assert.equal(backend, "wasm");
  assert.equal(tf.getBackend(), "wasm");
});

Deno.test("modelConfig validates", () => {
  assert.equal(modelConfig("default", { nFeatures: 11 }).nFeatures, 11);
  assert.throws(() => modelConfig("tiny", { dModel: 10, nHeads: 4 }), RangeError);
  assert.throws(() => modelConfig("tiny", { nLayers: 0 }), RangeError);
  assert.throws(() => modelConfig("tiny", { dropout: 1 }), RangeError);
  assert.throws(() => modelConfig("tiny", { seed: -1 }), RangeError);
  assert.throws(() => modelConfig("tiny", { dmodel: 8 } as never), TypeError);
});

Deno.test("parameter count matches the architecture", () => {
  const c = MODEL_PRESETS.default;
  const d = c.dModel;
  const block = 2 * 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + (d * c.dFF + c.dFF) +
    (c.dFF * d + d);
  const expected = (F * d + d) + T * d + c.nLayers * block + 2 * d + (d + 1);
  assert.equal(paramCount(c), expected);
  const rows = describeModel(c);
  assert.deepEqual(rows[0], { layer: "inProj/kernel", shape: [8, 64], params: 512 });
  const model = createModel(c);
  const live = Object.values(model.params).reduce((a, v) => a + v.size, 0);
  disposeModel(model);
  assert.equal(live, expected);
});

Deno.test("same seed gives the same weights; another seed different ones", async () => {
  const a = createModel(modelConfig("tiny", { seed: 7 }));
  const b = createModel(modelConfig("tiny", { seed: 7 }));
  const c = createModel(modelConfig("tiny", { seed: 8 }));
  for (const name of Object.keys(a.params)) {
    assert.deepEqual(await a.params[name].data(), await b.params[name].data(), name);
  }
  const k = "block0/attn/qkv/kernel";
  assert.notDeepEqual(await a.params[k].data(), await c.params[k].data());
  // GPT-2 init: std 0.02, residual projections 0.02 / √(2L)
  const std = async (name: string) => {
    const v = await a.params[name].data() as Float32Array;
    let s = 0;
    for (const x of v) s += x * x;
    return Math.sqrt(s / v.length);
  };
  assert.ok(Math.abs(await std("block0/mlp/fc/kernel") - 0.02) < 0.002);
  assert.ok(Math.abs(await std("block0/mlp/proj/kernel") - 0.02 / 2) < 0.001);
  [a, b, c].forEach(disposeModel);
});

for (const attentionKernel of [true, false]) {
  const path = attentionKernel ? "SIMD kernel" : "tfjs ops";

  Deno.test(`causality (${path}): steps after k change nothing at or before k`, () => {
    const model = sharpModel(3);
    const B = 3, k = 29;
    const x1 = windows(B, 1);
    const x2 = x1.slice();
    const rng = seededRng(99, { algorithm: "mulberry32" });
    for (let b = 0; b < B; b++) {
      for (let t = k + 1; t < T; t++) {
        for (let f = 0; f < F; f++) x2[(b * T + t) * F + f] += 3 * rng.normal();
      }
    }
    const run = (x: Float32Array) =>
      tf.tidy(() => {
        const out = forward(model, tf.tensor3d(x, [B, T, F]), {
          allSteps: true,
          returnAttention: true,
          attentionKernel,
        });
        return [out.y.arraySync() as number[][], out.attention!.map((a) => a.arraySync())];
      }) as [number[][], number[][][][][]];
    const [y1, a1] = run(x1);
    const [y2, a2] = run(x2);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t <= k; t++) assert.equal(y1[b][t], y2[b][t], `y[${b}, ${t}]`);
      assert.notEqual(y1[b][T - 1], y2[b][T - 1]); // the change is visible after k
      for (let l = 0; l < model.config.nLayers; l++) {
        for (let h = 0; h < model.config.nHeads; h++) {
          for (let i = 0; i <= k; i++) assert.deepEqual(a1[l][b][h][i], a2[l][b][h][i]);
          assert.notDeepEqual(a1[l][b][h][T - 1], a2[l][b][h][T - 1]);
        }
      }
    }
    disposeModel(model);
  });

  Deno.test(`attention rows sum to 1 and the upper triangle is exactly 0 (${path})`, () => {
    const model = sharpModel(4);
    const B = 2;
    const maps = tf.tidy(() =>
      forward(model, tf.tensor3d(windows(B, 2), [B, T, F]), {
        returnAttention: true,
        attentionKernel,
      }).attention!.map((a) => a.arraySync())
    );
    let maxEntry = 0;
    for (const layer of maps) {
      for (const batch of layer) {
        for (const head of batch) {
          head.forEach((row, i) => {
            const s = row.reduce((a, b) => a + b, 0);
            assert.ok(Math.abs(s - 1) < 1e-5, `row ${i} sums to ${s}`);
            for (let j = i + 1; j < T; j++) assert.equal(row[j], 0);
            for (let j = 0; j <= i; j++) maxEntry = Math.max(maxEntry, row[j]);
          });
        }
      }
    }
    assert.ok(maxEntry > 0.5, `attention is not trivially uniform (max ${maxEntry})`);
    disposeModel(model);
  });
}

Deno.test("the SIMD attention kernel matches the tfjs-ops reference, values and gradients", () => {
  for (const preset of ["tiny", "default"] as const) {
    const model = sharpModel(5, preset, 6);
    const B = 4;
    const x = tf.tensor3d(windows(B, 3), [B, T, F]);
    const target = tf.tensor1d([0.5, -1, 2, 0]);
    const run = (attentionKernel: boolean) =>
      tf.tidy(() => {
        const out = forward(model, x, { allSteps: true, returnAttention: true, attentionKernel });
        const { grads } = tf.variableGrads(
          () =>
            tf.mean(
              tf.square(tf.sub(forward(model, x, { attentionKernel }).y, target)),
            ) as tf.Scalar,
          Object.values(model.params),
        );
        return {
          y: out.y,
          a: tf.stack(out.attention!),
          g: tf.concat(Object.values(grads).map((g) => tf.reshape(g, [-1]))),
        };
      });
    const k = run(true), o = run(false);
    const rel = (p: tf.Tensor, q: tf.Tensor) =>
      tf.tidy(() => tf.max(tf.abs(tf.sub(p, q))).dataSync()[0] / tf.max(tf.abs(q)).dataSync()[0]);
    assert.ok(rel(k.y, o.y) < 1e-4, `${preset} y ${rel(k.y, o.y)}`);
    assert.ok(rel(k.a, o.a) < 1e-4, `${preset} attention ${rel(k.a, o.a)}`);
    assert.ok(rel(k.g, o.g) < 1e-3, `${preset} gradients ${rel(k.g, o.g)}`);
    tf.dispose([x, target, k.y, k.a, k.g, o.y, o.a, o.g]);
    disposeModel(model);
  }
});

Deno.test("gradients agree with central finite differences (directional derivative)", () => {
  const model = createModel(modelConfig("tiny", { seed: 11, dropout: 0 }));
  const B = 4;
  const x = tf.tensor3d(windows(B, 4), [B, T, F]);
  const target = tf.tensor1d([0.3, -0.2, 0.1, 0.5]);
  const vars = Object.values(model.params);
  const loss = () =>
    tf.tidy(() => tf.mean(tf.square(tf.sub(forward(model, x).y, target))).dataSync()[0]);
  const { grads } = tf.variableGrads(
    () => tf.mean(tf.square(tf.sub(forward(model, x).y, target))) as tf.Scalar,
    vars,
  );
  const rng = seededRng(5, { algorithm: "mulberry32" });
  const dirs = vars.map((v) =>
    tf.tensor(Float32Array.from({ length: v.size }, () => rng.normal()), v.shape)
  );
  const analytic = vars.reduce(
    (s, v, i) => s + tf.tidy(() => tf.sum(tf.mul(grads[v.name], dirs[i])).dataSync()[0]),
    0,
  );
  const eps = 1e-3;
  const originals = vars.map((v) => tf.clone(v));
  const shift = (sign: number) =>
    vars.forEach((v, i) =>
      tf.tidy(() => v.assign(tf.add(originals[i], tf.mul(dirs[i], sign * eps))))
    );
  shift(1);
  const up = loss();
  shift(-1);
  const down = loss();
  const numeric = (up - down) / (2 * eps);
  assert.ok(
    Math.abs(numeric - analytic) < 0.02 * Math.abs(analytic) + 1e-4,
    `finite difference ${numeric} vs gradient ${analytic}`,
  );
  tf.dispose([x, target, ...dirs, ...originals, ...Object.values(grads)]);
  disposeModel(model);
});

Deno.test("predict: batched = one pass, lastRowOnly exact, attention rows [N, T], no leaks", async () => {
  const model = sharpModel(6);
  const N = 37;
  const w = windows(N, 5);
  const before = tf.memory().numTensors;
  const full = await predict(model, w, {
    batchSize: 64,
    lastRowOnly: false,
    returnAttention: true,
  });
  const fast = await predict(model, w, { batchSize: 10, returnAttention: true });
  const mid = await predict(model, w, { batchSize: 16, returnAttention: true, attentionLayer: 0 });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(full.predictions.length, N);
  assert.equal(full.attention!.length, N * T);
  const ref = tf.tidy(() => {
    const out = forward(model, tf.tensor3d(w, [N, T, F]), { returnAttention: true });
    const L = model.config.nLayers;
    const rowOf = (l: number) =>
      tf.mean(tf.slice(out.attention![l], [0, 0, T - 1, 0], [N, -1, 1, T]), 1).dataSync();
    return { y: out.y.dataSync(), last: rowOf(L - 1), first: rowOf(0) };
  });
  for (let n = 0; n < N; n++) {
    assert.ok(Math.abs(full.predictions[n] - ref.y[n]) <= 1e-5 * (1 + Math.abs(ref.y[n])));
    assert.ok(Math.abs(fast.predictions[n] - ref.y[n]) <= 1e-4 * (1 + Math.abs(ref.y[n])));
    const row = fast.attention!.subarray(n * T, (n + 1) * T);
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    for (let t = 0; t < T; t++) {
      assert.ok(Math.abs(row[t] - ref.last[n * T + t]) < 1e-5);
      assert.ok(Math.abs(mid.attention![n * T + t] - ref.first[n * T + t]) < 1e-5);
    }
  }
  assert.notDeepEqual(mid.attention, fast.attention);
  await assert.rejects(() => predict(model, w.subarray(1)), RangeError);
  disposeModel(model);
});

Deno.test("attentionMaps returns every layer's [n, H, T, T] and frees its tensors", async () => {
  const model = sharpModel(7);
  const before = tf.memory().numTensors;
  const maps = await attentionMaps(model, windows(3, 6));
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(maps.shape, [3, 2, T, T]);
  assert.equal(maps.layers.length, 2);
  assert.equal(maps.layers[1].length, 3 * 2 * T * T);
  // the last query row of window 0, head 0, sums to 1
  const row = maps.layers[1].subarray((T - 1) * T, T * T);
  assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  await assert.rejects(() => attentionMaps(model, windows(3, 6), { maxWindows: 2 }), RangeError);
  disposeModel(model);
});

Deno.test("colSum equals tf.sum over rows", () => {
  const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  const s = colSum(x);
  assert.deepEqual(Array.from(s.dataSync()), [5, 7, 9]);
  tf.dispose([x, s]);
});

Deno.test("forward rejects a wrongly shaped input", () => {
  const model = createModel(modelConfig("tiny"));
  const x = tf.zeros([2, 30, F]) as tf.Tensor3D;
  assert.throws(() => forward(model, x), RangeError);
  assert.throws(
    () => forward(model, tf.zeros([1, T, F]) as tf.Tensor3D, { training: true, lastRowOnly: true }),
    RangeError,
  );
  x.dispose();
  disposeModel(model);
});

Deno.test("inference LayerNorm kernel matches the differentiable tfjs version", () => {
  const rng = seededRng(12, { algorithm: "mulberry32" });
  const N = 50, d = 16;
  const x = tf.tensor2d(Float32Array.from({ length: N * d }, () => 3 * rng.normal() + 1), [N, d]);
  const g = tf.tensor1d(Float32Array.from({ length: d }, () => rng.normal()));
  const b = tf.tensor1d(Float32Array.from({ length: d }, () => rng.normal()));
  const fast = layerNorm(x, g, b); // no gradient recording: the SIMD kernel
  let slow: tf.Tensor | undefined;
  tf.grad((t: tf.Tensor) => {
    slow = tf.keep(layerNorm(t as tf.Tensor2D, g, b)); // under the tape: the tfjs ops
    return tf.sum(slow);
  })(x).dispose();
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(fast, slow!))).dataSync()[0]);
  assert.ok(diff < 1e-5, `max difference ${diff}`);
  const row = fast.arraySync()[0] as number[];
  const mean = row.reduce((s, v, j) => s + (v - b.arraySync()[j]) / g.arraySync()[j], 0) / d;
  assert.ok(Math.abs(mean) < 1e-4, `normalised row mean ${mean}`);
  tf.dispose([x, g, b, fast, slow!]);
});

Deno.test("predictParallel over 2 workers equals predict", async () => {
  const model = sharpModel(8);
  const N = 50;
  const w = windows(N, 7);
  const one = await predict(model, w, { returnAttention: true });
  const two = await predictParallel(model, w, {
    workers: 2,
    chunkSize: 16,
    batchSize: 8,
    returnAttention: true,
  });
  assert.deepEqual(two.predictions, one.predictions);
  assert.deepEqual(two.attention, one.attention);
  await assert.rejects(() => predictParallel(model, w, { workers: 0, chunkSize: 16 }), RangeError);
  disposeModel(model);
});

Deno.test("dropout: seeded mulberry32 mask, rate honoured, survivors scaled", () => {
  const n = 20_000, rate = 0.3;
  const x = tf.ones([n]);
  const m = dropout(x, rate, { seed: 42 });
  const values = m.dataSync();
  const rng = seededRng(42, { algorithm: "mulberry32" });
  const threshold = Math.floor(rate * 2 ** 32);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const want = rng.uint32() >= threshold ? Math.fround(1 / (1 - rate)) : 0;
    assert.equal(values[i], want);
    if (want > 0) kept++;
  }
  assert.ok(Math.abs(kept / n - (1 - rate)) < 0.01, `kept ${kept / n}`);
  assert.equal(dropout(x, 0), x);
  assert.throws(() => dropout(x, 1), RangeError);
  tf.dispose([x, m]);
});
