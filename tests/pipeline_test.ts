// The main job end to end, on a small market with the tiny preset: generate → train → backtest.
import assert from "node:assert/strict";
import { runScript } from "./run_script.ts";

Deno.test("pipeline --preset tiny: generate, train and backtest leave every artefact", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_pipeline_" });
  try {
    const out = await runScript("pipeline.ts", [
      "--preset",
      "tiny",
      "--max-days",
      "30",
      "--data",
      `${dir}/market.csv`,
      "--artefacts",
      dir,
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /== generate took/);
    assert.match(out.stdout, /== train took/);
    assert.match(out.stdout, /== backtest took/);
    assert.match(out.stdout, /pipeline done in \d+ s/);
    for (
      const f of [
        "market.csv",
        "models/tiny/best/model.json",
        "models/tiny/eval.json",
        "backtest/tiny/metrics.json",
        "backtest/tiny/report.html",
        "backtest/tiny/trades.csv",
        "backtest/tiny/equity.csv",
        "backtest/tiny/daily.csv",
      ]
    ) {
      assert.ok((await Deno.stat(`${dir}/${f}`)).isFile, f);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
