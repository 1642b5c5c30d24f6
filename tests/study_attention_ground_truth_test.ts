/**
 * The backtest's periods check the strategy's attention rows against gt_informed when the data
 * carry it, and say null when they do not.
 */
import assert from "node:assert/strict";
import { attentionGroundTruth } from "../lib/attention/mod.ts";
import { backtestMetrics } from "../lib/report/mod.ts";
import { candleDirection } from "../lib/strategy/mod.ts";
import { runBacktest } from "../lib/study/mod.ts";
import { tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

Deno.test("runBacktest: attention against gt_informed per period, in metrics.json", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_gt_attention_" });
  try {
    const table = tinyMarket(42, { market: "trend" });
    await tinyCheckpoint(`${dir}/model`, table);
    const run = await runBacktest(table, `${dir}/model`, { preset: "tiny", permutations: 5 });
    const p = run.periods.outOfSample, T = p.attention.length / p.ends.length;
    const g = p.analysis.groundTruth!;
    const informed = p.bars.groundTruth!.gt_informed!;
    assert.deepEqual(
      g,
      attentionGroundTruth(p.attention, informed, {
        length: T,
        ends: p.ends,
        direction: candleDirection(p.bars.open, p.bars.close),
      }),
    );
    assert.equal(g.windows, p.ends.length);
    assert.ok(g.informedWindows > 0.2 * g.windows, `${g.informedWindows} of ${g.windows}`);
    // An untrained model attends almost evenly: lifts near 1, entropy ratio near 1.
    assert.ok(Math.abs(g.informedLift - 1) < 0.1 && g.entropyRatio > 0.95, JSON.stringify(g));
    const m = JSON.parse(JSON.stringify(backtestMetrics(run)));
    assert.equal(m.outOfSample.attention.groundTruth.windows, g.windows);

    const real = { ...table, groundTruth: null, source: "no ground truth" };
    const bare = await runBacktest(real, `${dir}/model`, { preset: "tiny", permutations: 5 });
    assert.equal(bare.periods.outOfSample.analysis.groundTruth, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
