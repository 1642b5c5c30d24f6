// lastStepAttention: per layer, the heads' mean of the last query row; equal to predict()'s row.
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  attentionMaps,
  createModel,
  disposeModel,
  initBackend,
  lastStepAttention,
  lastStepAttentionPlot,
  modelConfig,
  predict,
} from "../lib/model/mod.ts";
import { svgMarkup } from "../lib/plot/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });
const T = 60, F = 8;

Deno.test("lastStepAttention: sums to 1 per layer and matches predict() for every layer", async () => {
  const model = createModel(modelConfig("tiny", { seed: 11 }));
  for (const v of Object.values(model.params)) tf.tidy(() => v.assign(tf.mul(v, 12)));
  const rng = seededRng(12, { algorithm: "mulberry32" });
  const x = Float32Array.from({ length: 3 * T * F }, () => rng.normal());
  const maps = await attentionMaps(model, x);
  for (const w of [0, 2]) {
    const rows = lastStepAttention(maps, { window: w });
    assert.equal(rows.length, 2 * T);
    for (const layer of [0, 1]) {
      const mine = rows.filter((r) => r.layer === layer);
      assert.deepEqual(mine.map((r) => r.key), [...Array(T).keys()]);
      const sum = mine.reduce((a, r) => a + r.weight, 0);
      assert.ok(Math.abs(sum - 1) < 1e-5, `layer ${layer} sums to ${sum}`);
      const fast = (await predict(model, x.subarray(w * T * F, (w + 1) * T * F), {
        returnAttention: true,
        attentionLayer: layer,
      })).attention!;
      mine.forEach((r, j) => assert.ok(Math.abs(r.weight - fast[j]) < 1e-6, `key ${j}`));
    }
    // Hand check of one entry: mean over the two heads of row T−1.
    const a = maps.layers[1];
    const at = (h: number) => a[((w * 2 + h) * T + T - 1) * T + 7];
    assert.ok(Math.abs(rows[T + 7].weight - (at(0) + at(1)) / 2) < 1e-7);
  }
  assert.throws(() => lastStepAttention(maps, { window: 3 }), RangeError);

  const svg = svgMarkup(lastStepAttentionPlot(lastStepAttention(maps), { title: "Sharp model" }));
  assert.ok(svg.includes(">Sharp model<"));
  assert.ok(svg.includes("Bold: layer 1"), "the last layer is named as the strategy's");
  assert.ok(svg.includes("uniform, 1/60"));
  assert.equal([...svg.matchAll(/aria-label="line"/g)].length, 2, "two line marks");
  disposeModel(model);
});
