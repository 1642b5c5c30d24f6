import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  createModel,
  disposeModel,
  initBackend,
  loadCheckpoint,
  modelConfig,
  predict,
  saveCheckpoint,
  trainStep,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });
const T = 60, F = 8;
const FEATURES = ["ret1", "ret5", "ret15", "vol", "range", "oi", "spread", "imb"];

function windows(n: number, seed: number): Float32Array {
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  return Float32Array.from({ length: n * T * F }, () => rng.normal());
}

/** A briefly trained tiny model, so its weights are not the seeded init. */
function trainedModel() {
  const model = createModel(modelConfig("tiny", { seed: 9 }));
  const opt = tf.train.adam(1e-2);
  const x = windows(16, 1);
  const y = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i));
  for (let i = 0; i < 3; i++) trainStep(model, opt, x, y);
  opt.dispose();
  return model;
}

async function listDir(dir: string): Promise<string[]> {
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test("checkpoint round trip gives identical predictions, config, meta and manifest", async () => {
  const root = await Deno.makeTempDir();
  const dir = `${root}/ckpt`;
  const model = trainedModel();
  const meta = { features: FEATURES, targetStd: 1.3e-3, history: [{ epoch: 1, loss: 0.9 }] };
  await saveCheckpoint(dir, model, meta);
  assert.deepEqual(await listDir(root), ["ckpt"]);
  assert.deepEqual(await listDir(dir), ["meta.json", "model.json", "weights.bin"]);
  const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  assert.equal(json.weightsManifest[0].paths[0], "weights.bin");
  assert.deepEqual(json.weightsManifest[0].weights[0], {
    name: "inProj/kernel",
    shape: [8, 16],
    dtype: "float32",
  });
  const loaded = await loadCheckpoint(dir, {
    expect: { config: { nFeatures: F }, features: FEATURES },
  });
  assert.deepEqual(loaded.model.config, model.config);
  assert.deepEqual(loaded.meta, meta);
  assert.equal(loaded.model.dropoutCalls, model.dropoutCalls);
  const w = windows(20, 2);
  const a = await predict(model, w, { returnAttention: true });
  const b = await predict(loaded.model, w, { returnAttention: true });
  assert.deepEqual(b.predictions, a.predictions);
  assert.deepEqual(b.attention, a.attention);
  disposeModel(model);
  disposeModel(loaded.model);
  await Deno.remove(root, { recursive: true });
});

Deno.test("saving over a checkpoint replaces it and leaves no temporary directories", async () => {
  const root = await Deno.makeTempDir();
  const dir = `${root}/ckpt/`; // trailing slash is accepted
  const first = createModel(modelConfig("tiny", { seed: 1 }));
  const second = createModel(modelConfig("tiny", { seed: 2 }));
  await saveCheckpoint(dir, first, { features: FEATURES, run: 1 });
  await saveCheckpoint(dir, second, { features: FEATURES, run: 2 });
  assert.deepEqual(await listDir(root), ["ckpt"]);
  const loaded = await loadCheckpoint(dir);
  assert.equal(loaded.meta.run, 2);
  const w = windows(4, 3);
  assert.deepEqual(
    (await predict(loaded.model, w)).predictions,
    (await predict(second, w)).predictions,
  );
  [first, second, loaded.model].forEach(disposeModel);
  await Deno.remove(root, { recursive: true });
});

Deno.test("a save interrupted between its renames still loads the previous checkpoint", async () => {
  const root = await Deno.makeTempDir();
  const model = createModel(modelConfig("tiny", { seed: 4 }));
  await saveCheckpoint(`${root}/ckpt`, model, { features: FEATURES });
  // The state after `rename(dir, dir.old-…)` and before `rename(tmp, dir)`:
  await Deno.rename(`${root}/ckpt`, `${root}/ckpt.old-0123abcd`);
  await Deno.mkdir(`${root}/ckpt.tmp-4567ef01`); // a half-written new one
  const loaded = await loadCheckpoint(`${root}/ckpt`);
  assert.equal(loaded.path, `${root}/ckpt.old-0123abcd`);
  disposeModel(loaded.model);
  disposeModel(model);
  await assert.rejects(() => loadCheckpoint(`${root}/nothing`), Deno.errors.NotFound);
  await Deno.remove(root, { recursive: true });
});

Deno.test("mismatched checkpoints fail with errors naming the path and the difference", async () => {
  const root = await Deno.makeTempDir();
  const dir = `${root}/ckpt`;
  const model = createModel(modelConfig("tiny"));
  await saveCheckpoint(dir, model, { features: FEATURES });
  await assert.rejects(
    () => loadCheckpoint(dir, { expect: { config: { dModel: 64, nLayers: 2 } } }),
    (e: Error) =>
      e instanceof RangeError && e.message.includes(dir) &&
      e.message.includes("config.dModel is 16 in the checkpoint, expected 64") &&
      !e.message.includes("nLayers"),
  );
  await assert.rejects(
    () => loadCheckpoint(dir, { expect: { features: [...FEATURES.slice(0, 7), "vwap"] } }),
    (e: Error) =>
      e instanceof RangeError && e.message.includes(dir) && e.message.includes("missing vwap") &&
      e.message.includes("unexpected imb"),
  );
  await assert.rejects(
    () => loadCheckpoint(dir, { expect: { features: [...FEATURES].reverse() } }),
    (e: Error) => e instanceof RangeError && e.message.includes("another order"),
  );
  // A truncated weights file and a manifest that does not fit the config.
  const bytes = await Deno.readFile(`${dir}/weights.bin`);
  await Deno.writeFile(`${dir}/weights.bin`, bytes.subarray(0, bytes.length - 4));
  await assert.rejects(() => loadCheckpoint(dir), RangeError);
  await Deno.writeFile(`${dir}/weights.bin`, bytes);
  const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  json.config.nLayers = 3;
  await Deno.writeTextFile(`${dir}/model.json`, JSON.stringify(json));
  await assert.rejects(
    () => loadCheckpoint(dir),
    (e: Error) => e instanceof TypeError && e.message.includes(`${dir}/model.json`),
  );
  await Deno.writeTextFile(`${dir}/model.json`, "{ not json");
  await assert.rejects(() => loadCheckpoint(dir), SyntaxError);
  disposeModel(model);
  await Deno.remove(root, { recursive: true });
});
