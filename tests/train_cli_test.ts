// scripts/train.ts as a real process: bad flags are clear errors, and a tiny run writes its
// checkpoints and evaluation.
import assert from "node:assert/strict";
import { writeBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { runScript as run } from "./run_script.ts";

Deno.test("train: unknown flags and bad values exit 1 with a message naming them", async () => {
  const unknown = await run("train.ts", ["--epoch", "3"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error: .*--epoch/m);
  const badLr = await run("train.ts", ["--lr", "fast"]);
  assert.equal(badLr.code, 1);
  assert.match(badLr.stderr, /^error: .*--lr.*fast/m);
  const badPreset = await run("train.ts", ["--preset", "huge"]);
  assert.equal(badPreset.code, 1);
  assert.match(badPreset.stderr, /^error: .*--preset.*huge/m);
  const missing = await run("train.ts", ["--preset", "tiny", "--data", "/nonexistent/bars.csv"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: .*\/nonexistent\/bars\.csv/m);
});

Deno.test("train --preset tiny: checkpoints, eval.json and the evaluation table", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_train_cli_" });
  try {
    const gen = await run("generate.ts", ["--max-days", "30", "--out", `${dir}/bars.csv`]);
    assert.equal(gen.code, 0, gen.stderr);
    const r = await run("train.ts", [
      "--preset",
      "tiny",
      "--data",
      `${dir}/bars.csv`,
      "--out",
      `${dir}/run`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /epoch 1\/3 \[#{20}\]/);
    for (
      const f of [
        "best/model.json",
        "best/weights.bin",
        "best/meta.json",
        "last/meta.json",
        "loss.png",
      ]
    ) {
      assert.ok((await Deno.stat(`${dir}/run/${f}`)).size > 0, f);
    }
    const evaluation = JSON.parse(await Deno.readTextFile(`${dir}/run/eval.json`));
    assert.equal(evaluation.rows.length, 14);
    assert.equal(evaluation.history.length, evaluation.config.epochs);
    assert.match(r.stdout, /^test +oracle +\d+/m);
    assert.match(r.stdout, /test IC: model \/ oracle = /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train on data without ground truth: no oracle rows, no NaN ratio", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_train_cli_nogt_" });
  try {
    const table = generateMarket({ maxDays: 30 });
    await writeBars({ ...table, groundTruth: null }, `${dir}/bars.csv`);
    const r = await run("train.ts", [
      "--preset",
      "tiny",
      "--epochs",
      "1",
      "--data",
      `${dir}/bars.csv`,
      "--out",
      `${dir}/run`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /oracle +\d/);
    assert.doesNotMatch(r.stdout, /NaN|corrOracle \[/);
    assert.match(
      r.stdout,
      /^no ground truth, so no oracle; model beats every traded baseline: (yes|no)$/m,
    );
    const evaluation = JSON.parse(await Deno.readTextFile(`${dir}/run/eval.json`));
    assert.deepEqual(
      evaluation.rows.map((x: { forecaster: string }) => x.forecaster),
      ["val", "test"].flatMap(() => ["model", "zero", "momentum", "ridge", "summary-ridge"]),
    );
    assert.equal(evaluation.modelToOracleTestIc, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
