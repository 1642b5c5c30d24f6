// causalCheck: exact zeros at and before k, visible changes after k, argument checks.
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  causalCheck,
  createModel,
  disposeModel,
  initBackend,
  modelConfig,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });
const T = 60, F = 8;

function window(seed: number): Float32Array {
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  return Float32Array.from({ length: T * F }, () => rng.normal());
}

Deno.test("causalCheck: steps ≤ k do not move, every step > k does", async () => {
  const model = createModel(modelConfig("tiny", { seed: 5 }));
  // Larger weights make attention far from uniform, so a leak would show clearly.
  for (const v of Object.values(model.params)) tf.tidy(() => v.assign(tf.mul(v, 15)));
  for (const k of [0, 29, 57]) {
    const check = await causalCheck(model, window(k + 1), { k });
    assert.equal(check.k, k);
    assert.equal(check.rows.length, T);
    assert.deepEqual(check.rows.map((r) => r.step), [...Array(T).keys()]);
    for (const r of check.rows) {
      assert.equal(r.perturbed, r.step > k);
      if (r.step <= k) {
        assert.equal(r.attentionDelta, 0, `attention row ${r.step}`);
        assert.equal(r.outputDelta, 0, `output ${r.step}`);
      } else {
        assert.ok(r.attentionDelta > 1e-6, `attention row ${r.step} moved`);
        assert.ok(r.outputDelta > 1e-6, `output ${r.step} moved`);
      }
    }
    assert.equal(check.maxDeltaUpToK, 0);
    assert.ok(check.minAttentionDeltaAfterK > 1e-6);
    assert.ok(check.minOutputDeltaAfterK > 1e-6);
  }
  disposeModel(model);
});

Deno.test("causalCheck: no noise, no change; the default k is ⌊2T/3⌋ − 1", async () => {
  const model = createModel(modelConfig("tiny", { seed: 6 }));
  const check = await causalCheck(model, window(9), { scale: 0 });
  assert.equal(check.k, 39);
  assert.ok(check.rows.every((r) => r.attentionDelta === 0 && r.outputDelta === 0));
  disposeModel(model);
});

Deno.test("causalCheck: a wrong window size or k throws RangeError", async () => {
  const model = createModel(modelConfig("tiny"));
  await assert.rejects(() => causalCheck(model, new Float32Array(10)), RangeError);
  await assert.rejects(() => causalCheck(model, window(1), { k: T - 1 }), RangeError);
  await assert.rejects(() => causalCheck(model, window(1), { k: -1 }), RangeError);
  await assert.rejects(() => causalCheck(model, window(1), { k: 2.5 }), RangeError);
  disposeModel(model);
});
