/**
 * ensureModel: the default run when its checkpoint exists (with its data, read or generated),
 * otherwise a tiny stand-in trained into a temporary directory that cleanup() removes.
 */
import assert from "node:assert/strict";
import { resolveCheckpointDir } from "../lib/study/mod.ts";
import { pathExists, writeBars } from "../lib/data/mod.ts";
import { ensureModel, fingerprintBars } from "../lib/train/mod.ts";
import { tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

Deno.test("ensureModel: uses the default run when best/model.json exists, with its data", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ensure_model_" });
  try {
    const table = tinyMarket();
    await tinyCheckpoint(`${dir}/model`, table);
    await writeBars(table, `${dir}/market.csv`);
    const m = await ensureModel({ modelDir: `${dir}/model/`, dataPath: `${dir}/market.csv` });
    assert.equal(m.kind, "default");
    assert.equal(m.dir, `${dir}/model`);
    assert.equal(m.data, `${dir}/market.csv`);
    assert.equal(m.table.time.length, table.time.length);
    assert.deepEqual(Array.from(m.table.close), Array.from(table.close));
    assert.equal(m.training, null);
    assert.equal(m.finished, false, "no eval.json yet");
    assert.match(m.note, /default model/);
    assert.match(m.note, /may still be in progress/);
    await Deno.writeTextFile(`${dir}/model/eval.json`, "{}");
    const done = await ensureModel({ modelDir: `${dir}/model`, dataPath: `${dir}/market.csv` });
    assert.equal(done.finished, true);
    assert.doesNotMatch(done.note, /in progress/);
    await done.cleanup();
    assert.ok(await pathExists(`${dir}/model/best/model.json`), "cleanup keeps the default run");

    // A missing data file is generated (ensureMarket's default year) rather than failing.
    const fresh = await ensureModel({ modelDir: `${dir}/model`, dataPath: `${dir}/new/m.csv` });
    assert.ok(await pathExists(`${dir}/new/m.csv`));
    assert.match(fresh.note, /generated just now/);
    assert.equal(new Set(fresh.table.tradingDay).size, 242);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureModel: trains a seeded tiny stand-in when there is no default run", async () => {
  const missing = `${await Deno.makeTempDir({ prefix: "ensure_model_none_" })}/nothing`;
  const opts = {
    modelDir: missing,
    standInDays: 15,
    standInTrain: { epochs: 1, samplesPerEpoch: 256, valStride: 50 },
  };
  const m = await ensureModel(opts);
  try {
    assert.equal(m.kind, "stand-in");
    assert.equal(m.data, "generated in memory");
    assert.equal(new Set(m.table.tradingDay).size, 15);
    assert.deepEqual({ epochs: m.training!.epochs, best: m.training!.bestEpoch }, {
      epochs: 1,
      best: 1,
    });
    assert.ok(m.training!.seconds > 0);
    assert.match(m.note, /tiny stand-in/);
    assert.match(m.note, /deno task pipeline/);
    // A run directory the backtest can read, fingerprinted with the stand-in's own bars.
    const ckpt = await resolveCheckpointDir(m.dir);
    assert.equal(ckpt, `${m.dir}/best`);
    const meta = JSON.parse(await Deno.readTextFile(`${ckpt}/meta.json`));
    assert.equal(meta.fingerprint, await fingerprintBars(m.table));
    assert.equal(meta.train.model, "tiny");
    // Seeded: a second stand-in has the same weights.
    const again = await ensureModel(opts);
    const w = (d: string) => Deno.readFile(`${d}/best/weights.bin`);
    assert.deepEqual(await w(again.dir), await w(m.dir));
    await again.cleanup();
  } finally {
    await m.cleanup();
    await Deno.remove(missing.replace(/\/nothing$/, ""), { recursive: true });
  }
  assert.equal(await pathExists(m.dir), false, "cleanup removes the stand-in");
});

Deno.test("ensureModel: too few stand-in days is a RangeError", async () => {
  await assert.rejects(() => ensureModel({ modelDir: "/nonexistent", standInDays: 5 }), RangeError);
});
