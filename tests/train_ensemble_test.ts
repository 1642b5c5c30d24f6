// --seeds K: K runs averaged into one ensemble checkpoint that every reader loads like any other.
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { runBacktest } from "../lib/study/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import {
  attentionMaps,
  disposeModel,
  ensembleMembers,
  initBackend,
  loadCheckpoint,
  predict,
  predictParallel,
} from "../lib/model/mod.ts";
import { makeWindows } from "../lib/features/mod.ts";
import { prepareDataset, trainConfig, trainSeeds } from "../lib/train/mod.ts";
import { LOOSE_STRATEGY } from "./backtest_fixture.ts";

await initBackend("wasm", { fallback: false });
const table = generateMarket({ seed: 4, maxDays: 24 });
const config = trainConfig("tiny", { epochs: 2, samplesPerEpoch: 256, seeds: 3, workers: 0 });
const ds = prepareDataset(table, config);

Deno.test("trainSeeds: three seeds, one ensemble checkpoint = the mean of its members", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_ensemble_" });
  try {
    const run = await trainSeeds(ds, config, { outDir: dir });
    assert.deepEqual(run.seeds.map((s) => s.seed), [42, 43, 44]);
    for (const s of run.seeds) assert.ok((await Deno.stat(`${s.dir}/best/model.json`)).isFile);

    const { model, meta } = await loadCheckpoint(`${dir}/best`, {
      expect: { features: ds.frame.names },
    });
    assert.equal(model.config.members, 3);
    assert.deepEqual((meta.ensemble as { seeds: number[] }).seeds, [42, 43, 44]);
    assert.deepEqual(meta.norm, ds.norm);

    const { x } = makeWindows(ds.frame, ds.ends.test.subarray(0, 40));
    const ens = await predict(model, x, { returnAttention: true });
    const parts = [];
    for (const m of run.members) parts.push(await predict(m, x, { returnAttention: true }));
    for (let i = 0; i < 40; i++) {
      const mean = parts.reduce((s, p) => s + p.predictions[i], 0) / 3;
      assert.ok(Math.abs(ens.predictions[i] - mean) < 1e-5, `prediction ${i}`);
    }
    // The ensemble's attention row is the mean of the members' rows, so it still sums to 1.
    const T = ds.frame.spec.window;
    for (const j of [0, 17, 40 * T - 1]) {
      const mean = parts.reduce((s, p) => s + p.attention![j], 0) / 3;
      assert.ok(Math.abs(ens.attention![j] - mean) < 1e-6);
    }
    let rowSum = 0;
    for (let j = 0; j < T; j++) rowSum += ens.attention![j];
    assert.ok(Math.abs(rowSum - 1) < 1e-5);
    // Workers, full maps and the member views read the same checkpoint.
    const par = await predictParallel(model, x, { workers: 2, chunkSize: 16 });
    assert.ok(par.predictions.every((p, i) => Math.abs(p - ens.predictions[i]) < 1e-6));
    const maps = await attentionMaps(model, x.subarray(0, 2 * T * ds.frame.names.length));
    assert.equal(maps.layers.length, model.config.nLayers);
    assert.equal(ensembleMembers(model).length, 3);
    const before = tf.memory().numTensors;
    await predict(model, x);
    assert.equal(tf.memory().numTensors, before);

    // The backtest loads the ensemble through the same loader.
    const bt = await runBacktest(table, dir, {
      preset: "tiny",
      strategy: LOOSE_STRATEGY,
      permutations: 20,
    });
    assert.equal(bt.checkpoint.model.members, 3);
    assert.ok(Object.keys(bt.periods).length === 2);
    for (const m of [model, ...run.members]) disposeModel(m);
    disposeModel(run.model);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
