// The main job end to end, on a small market with the tiny preset: generate → train → backtest.
import assert from "node:assert/strict";
import { RB_BARS, realDataTest, realFile } from "./real_data.ts";
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

Deno.test("pipeline: an unknown flag or a bad value exits non-zero with a message, writes nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_pipeline_bad_" });
  try {
    // Data and artefacts point into `dir` and the run is tiny and short, so a bad flag that were
    // accepted would write there, quickly, and never into the repository's data/.
    const cases: [Record<string, string>, RegExp][] = [
      [
        { bogus: "1" },
        /^error: Unknown flag --bogus \(known: --market, --preset, --seed, --years, --data/m,
      ],
      [
        { market: "bull" },
        /^error: Flag --market must be one of default, null, trend; got "bull"$/m,
      ],
      [{ preset: "huge" }, /^error: Flag --preset must be one of default, tiny; got "huge"$/m],
      [{ "max-days": "0" }, /^error: Flag --max-days must be ≥ 1, got 0$/m],
      [{ seed: "x" }, /^error: Flag --seed expects an integer, got "x"$/m],
    ];
    for (const [bad, message] of cases) {
      const flags = {
        preset: "tiny",
        "max-days": "20",
        data: `${dir}/market.csv`,
        artefacts: dir,
        ...bad,
      };
      const out = await runScript(
        "pipeline.ts",
        Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]),
      );
      const what = JSON.stringify(bad);
      assert.notEqual(out.code, 0, what);
      assert.match(out.stderr, message, what);
      assert.doesNotMatch(out.stdout, /== (generate|train|backtest)/, what);
      assert.deepEqual(await Array.fromAsync(Deno.readDir(dir)), [], `${what} wrote nothing`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

realDataTest("pipeline on the real rb file: runs, and says what ten days cannot estimate", [
  RB_BARS,
], async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_pipeline_real_" });
  try {
    const out = await runScript("pipeline.ts", [
      "--preset",
      "tiny",
      "--data",
      realFile(RB_BARS),
      "--symbol",
      "rb",
      "--artefacts",
      dir,
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /exists \(use --regenerate to rebuild it\)/);
    assert.match(
      out.stdout,
      /== data: 10 trading day\(s\) of rb \(SHFE, from --symbol\); sessions night 21:00–23:00/,
    );
    assert.match(out.stdout, /split 6 train \/ 1 validation \/ 1 test day\(s\), 2 purged/);
    assert.match(out.stdout, /cannot estimate: the out-of-sample Sharpe ratio.*1 test day\(s\)/);
    assert.match(out.stdout, /cannot estimate: the oracle: the file has no ground truth/);
    assert.match(out.stdout, /--symbol rb\n/); // the flag reaches train and backtest
    assert.match(out.stdout, /rb \(SHFE\) from --symbol: tick 1, multiplier 10, fee 1e-4/);
    assert.match(out.stdout, /== backtest took/);
    assert.ok((await Deno.stat(`${dir}/backtest/tiny/metrics.json`)).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pipeline refuses a file too short to split, saying why", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_pipeline_short_" });
  try {
    const data = new URL("./fixtures/layout_vnpy_bars.csv", import.meta.url).pathname;
    const out = await runScript("pipeline.ts", [
      "--preset",
      "tiny",
      "--data",
      data,
      "--artefacts",
      dir,
    ]);
    assert.equal(out.code, 1);
    assert.match(out.stdout, /cannot estimate: any model: 1 trading day\(s\) cannot be split/);
    assert.match(out.stderr, /error: .*layout_vnpy_bars.csv is too short to train on/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
