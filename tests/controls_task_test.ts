/**
 * `deno task controls --preset tiny`, end to end: three markets generated, trained and backtested,
 * one verdict each, and every verdict equal to the rule applied again to the run's own files.
 */
import assert from "node:assert/strict";
import { controlInputs, controlVerdict } from "../lib/study/mod.ts";
import { runScript } from "./run_script.ts";

Deno.test("controls --preset tiny: three markets, verdicts recomputed from the runs' files", async () => {
  const out = await Deno.makeTempDir({ prefix: "trendformer_controls_" });
  try {
    const r = await runScript("controls.ts", ["--preset", "tiny", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(await Deno.readTextFile(`${out}/controls.json`));
    assert.deepEqual(
      report.runs.map((x: { inputs: { market: string } }) => x.inputs.market),
      ["null", "default", "trend"],
    );
    for (const run of report.runs) {
      const evaluation = JSON.parse(await Deno.readTextFile(`${run.paths.model}/eval.json`));
      const metrics = JSON.parse(await Deno.readTextFile(`${run.paths.backtest}/metrics.json`));
      const x = controlInputs(evaluation, metrics, {
        market: run.inputs.market,
        seed: run.inputs.seed,
      });
      const v = controlVerdict(x);
      assert.equal(run.status, v.status, run.inputs.market);
      assert.equal(run.headline, v.headline);
      assert.deepEqual(run.reasons, v.reasons);
      // The figures are the run's: the model's test IC and the strategy's trades.
      const testModel = evaluation.rows.find((row: { split: string; forecaster: string }) =>
        row.split === "test" && row.forecaster === "model"
      );
      assert.equal(run.inputs.forecast.ic, testModel.ic);
      assert.equal(run.inputs.strategy.trades, metrics.outOfSample.summary.trades);
      assert.equal(run.inputs.days, metrics.outOfSample.days.count);
      assert.ok(run.inputs.days > 0);
    }
    // The default market is never judged; null and trend are.
    assert.equal(report.runs[1].status, "report");
    assert.ok(["pass", "fail"].includes(report.runs[0].status));
    assert.ok(["pass", "fail"].includes(report.runs[2].status));
    assert.match(report.byMarket.null.line, /^null: [01] of 1 seed\(s\) pass \(seeds 42\)/);
    const html = await Deno.readTextFile(`${out}/controls.html`);
    assert.match(html, /data-market="trend"/);
    assert.match(r.stdout, /^(PASS|FAIL) +null: /m);
    assert.doesNotMatch(r.stdout, /object Object|NaN/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
