// The main job end to end, on a small market with the tiny preset: generate → train → backtest.
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("pipeline --preset tiny: generate, train and backtest leave every artefact", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_pipeline_" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `${ROOT}scripts/pipeline.ts`,
        "--preset",
        "tiny",
        "--max-days",
        "30",
        "--data",
        `${dir}/market.csv`,
        "--artefacts",
        dir,
      ],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.match(stdout, /== generate took/);
    assert.match(stdout, /== train took/);
    assert.match(stdout, /== backtest took/);
    assert.match(stdout, /pipeline done in \d+ s/);
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
