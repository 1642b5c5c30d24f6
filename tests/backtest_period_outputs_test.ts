/**
 * periodOutputs: one period of the checkpoint's split, predicted exactly as runBacktest predicts
 * it (same days, windows, predictions, scores and targets), full maps that agree with the rows,
 * and its errors.
 */
import assert from "node:assert/strict";
import { periodOutputs, runBacktest } from "../lib/study/mod.ts";
import { splitByDay } from "../lib/features/mod.ts";
import { TINY_SPLIT, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";
import { candleScores, predictPeriod } from "./backtest_recompute.ts";

const table = tinyMarket();

/** Equal arrays, NaN equal to NaN. */
function sameArray(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    const ok = Number.isNaN(a[i]) ? Number.isNaN(b[i]) : a[i] === b[i];
    assert.ok(ok, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

Deno.test("periodOutputs: the test and train periods match runBacktest's out- and in-sample", async () => {
  const dir = await Deno.makeTempDir({ prefix: "period_outputs_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const run = await runBacktest(table, `${dir}/model`, { preset: "tiny" });
    const split = splitByDay(table.tradingDay, TINY_SPLIT);
    for (const [period, name] of [["test", "outOfSample"], ["train", "inSample"]] as const) {
      const out = await periodOutputs(table, `${dir}/model`, { period });
      const p = run.periods[name];
      try {
        assert.deepEqual(out.days, split[period]);
        assert.equal(out.label, p.label);
        assert.deepEqual([out.start, out.end], [p.start, p.end]);
        assert.equal(out.bars.time.length, p.bars.time.length);
        assert.equal(out.bars.groundTruth!.gt_regime![0], table.groundTruth!.gt_regime![p.start]);
        sameArray(out.ends, p.ends, "ends");
        assert.ok(out.ends.length > 100, `${out.ends.length} windows`);
        sameArray(out.prediction, p.prediction, "prediction");
        sameArray(out.bull, p.bull, "bull");
        sameArray(out.bear, p.bear, "bear");
        sameArray(out.upFraction, p.upFraction, "upFraction");
        sameArray(out.downFraction, p.downFraction, "downFraction");
        sameArray(out.forwardReturn, p.forwardReturn, "forwardReturn");
        sameArray(out.attention, p.attention, "attention");
        assert.ok(Number.isNaN(out.prediction[0]), "the first bars have no full window");
        // Both paths above share periodWindows: recompute independently, the predictions and
        // attention rows from the checkpoint, the scores from those rows and the candles.
        const again = await predictPeriod(table, `${dir}/model`, split[period]);
        sameArray(out.ends, again.ends.map((e) => e - out.start), "recomputed ends");
        const scores = candleScores(out.attention, out.bars, out.ends, out.length);
        const tol = 1e-6;
        for (let k = 0; k < out.ends.length; k++) {
          const i = out.ends[k];
          const pred = again.prediction[k], std = again.norm.targetStd;
          assert.ok(Math.abs(out.prediction[i] - pred) <= tol * std, `prediction ${k}`);
          for (let j = 0; j < out.length; j++) {
            const a = out.attention[k * out.length + j], b = again.attention[k * out.length + j];
            assert.ok(Math.abs(a - b) <= tol, `attention ${k}, ${j}: ${a} vs ${b}`);
          }
          for (const f of ["bull", "bear", "upFraction", "downFraction"] as const) {
            assert.ok(Math.abs(out[f][i] - scores[f][k]) <= tol, `${f} ${k}: ${out[f][i]}`);
          }
        }
        // Doji (close = open) count in neither score: some windows hold one, so bull + bear < 1.
        const doji = out.ends.filter((_, k) => scores.upFraction[k] + scores.downFraction[k] < 1);
        assert.ok(doji.length > 0.5 * out.ends.length, `${doji.length} windows with a doji`);
      } finally {
        out.dispose();
      }
    }

    // Full maps of chosen windows: the last layer's last row, heads averaged, is the strategy's row.
    const out = await periodOutputs(table, `${dir}/model`);
    try {
      const T = out.length, pick = [out.ends[0], out.ends[out.ends.length - 1]];
      const maps = await out.maps(pick);
      const [n, H] = maps.shape;
      assert.deepEqual(maps.shape, [2, out.model.config.nHeads, T, T]);
      const last = maps.layers[maps.layers.length - 1];
      for (const [j, k] of [[0, 0], [1, out.ends.length - 1]]) {
        for (let key = 0; key < T; key++) {
          let s = 0;
          for (let h = 0; h < H; h++) s += last[((j * H + h) * T + T - 1) * T + key];
          assert.ok(Math.abs(s / H - out.attention[k * T + key]) < 1e-6, `window ${j} key ${key}`);
        }
      }
      assert.equal(n, 2);
    } finally {
      out.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("periodOutputs: a bad period or a missing checkpoint throws", async () => {
  const dir = await Deno.makeTempDir({ prefix: "period_outputs_err_" });
  try {
    await assert.rejects(() => periodOutputs(table, `${dir}/none`), Deno.errors.NotFound);
    await tinyCheckpoint(`${dir}/model`, table);
    await assert.rejects(
      () => periodOutputs(table, `${dir}/model`, { period: "oos" as never }),
      RangeError,
    );
    await assert.rejects(() => periodOutputs(table, `${dir}/model`, { layer: 5 }), RangeError);
    await assert.rejects(() => periodOutputs(table, `${dir}/model`, { workers: 0 }), RangeError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
