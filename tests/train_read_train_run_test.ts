// readTrainRun: null before a run, then the evaluation and history of a real tiny run read back.
import assert from "node:assert/strict";
import { generateMarket } from "../lib/market/mod.ts";
import { disposeModel, initBackend } from "../lib/model/mod.ts";
import {
  evaluateModel,
  prepareDataset,
  readTrainRun,
  trainConfig,
  trainModel,
} from "../lib/train/mod.ts";

await initBackend("wasm", { fallback: false });

Deno.test("readTrainRun: null without eval.json; a finished run round-trips", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_read_run_" });
  try {
    assert.equal(await readTrainRun(dir), null);
    assert.equal(await readTrainRun(`${dir}/never-made`), null);

    const cfg = trainConfig("tiny", { epochs: 2, samplesPerEpoch: 256, evalStride: 20 });
    const ds = prepareDataset(generateMarket({ maxDays: 12 }), cfg);
    const run = await trainModel(ds, cfg, { outDir: `${dir}/` });
    const report = await evaluateModel(run.model, ds, cfg);
    disposeModel(run.model);
    // As scripts/train.ts writes it (JSON turns NaN into null).
    const evaluation = {
      data: "memory",
      fingerprint: "-",
      backend: "wasm",
      config: cfg,
      bestEpoch: run.bestEpoch,
      bestValLoss: run.bestValLoss,
      stopReason: run.stopReason,
      trainSeconds: 1,
      ...report,
    };
    await Deno.writeTextFile(`${dir}/eval.json`, JSON.stringify(evaluation, null, 2));

    const saved = (await readTrainRun(`${dir}/`))!;
    assert.equal(saved.dir, dir);
    assert.deepEqual(saved.history, run.history);
    assert.equal(saved.history.length, 2);
    assert.equal(saved.evaluation.bestEpoch, run.bestEpoch);
    assert.equal(saved.evaluation.rows.length, 14);
    const zero = saved.evaluation.rows.find((r) => r.split === "test" && r.forecaster === "zero")!;
    assert.equal(zero.ic, null, "NaN comes back as null");
    const model = saved.evaluation.rows.find((r) => r.split === "val" && r.forecaster === "model")!;
    const original = report.rows.find((r) => r.split === "val" && r.forecaster === "model")!;
    assert.equal(model.mse, original.mse);

    // Without last/, the history comes from best/ (up to the best epoch).
    await Deno.remove(`${dir}/last`, { recursive: true });
    const fromBest = (await readTrainRun(dir))!;
    assert.equal(fromBest.history.length, run.bestEpoch);

    await Deno.writeTextFile(`${dir}/eval.json`, "{ not json");
    await assert.rejects(() => readTrainRun(dir), SyntaxError);
    await Deno.writeTextFile(`${dir}/eval.json`, "{}");
    await assert.rejects(() => readTrainRun(dir), SyntaxError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
