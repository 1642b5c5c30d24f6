/**
 * The backtest at the DEFAULT strategy thresholds (0.001 / 0.6) on the tiny fixture. A threshold
 * of 10 bp means something only if the predictions are returns, so they are recomputed here from
 * the checkpoint (not through the runner's code path) and the signals from them; the untrained
 * model never clears 10 bp, and the no-trade result must be said plainly, with its figures.
 */
import assert from "node:assert/strict";
import { type PeriodName, runBacktest } from "../lib/study/mod.ts";
import { splitByDay } from "../lib/features/mod.ts";
import { backtestMetrics, backtestVerdict, formatMetric, reportHtml } from "../lib/report/mod.ts";
import { signals, STRATEGY_DEFAULTS } from "../lib/strategy/mod.ts";
import { TINY_SPLIT, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";
import {
  type CandleScores,
  candleScores,
  perBar,
  predictPeriod,
  type RecomputedPeriod,
} from "./backtest_recompute.ts";

const table = tinyMarket();

Deno.test("runBacktest at the default thresholds: predictions are returns, signals follow them, no trade said plainly", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "bt_default_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const run = await runBacktest(table, `${dir}/model`, { preset: "tiny", permutations: 20 });
    assert.equal(run.config.strategy.signalThreshold, 0.001);
    assert.equal(run.config.strategy.attentionThreshold, 0.6);
    const split = splitByDay(table.tradingDay, TINY_SPLIT);
    const periods = [["inSample", split.train], ["outOfSample", split.test]] as const;
    const again = {} as Record<PeriodName, RecomputedPeriod & { scores: CandleScores }>;
    for (const [key, days] of periods) {
      const r = await predictPeriod(table, `${dir}/model`, days);
      again[key] = { ...r, scores: candleScores(r.attention, table, r.ends, r.length) };
    }

    await t.step("predictions are 5-minute returns and signals the rule applied to them", () => {
      for (const [key] of periods) {
        const p = run.periods[key], r = again[key], n = p.bars.time.length;
        const local = Int32Array.from(r.ends, (e) => e - p.start);
        assert.deepEqual(p.ends, local, `${key}: window ends`);
        assert.ok(
          r.norm.targetStd > 0 && r.norm.targetStd < 0.01,
          `target std ${r.norm.targetStd}`,
        );
        const tol = 1e-6 * r.norm.targetStd;
        for (let k = 0; k < local.length; k++) {
          const got = p.prediction[local[k]], want = r.prediction[k];
          assert.ok(Math.abs(got - want) <= tol, `${key} window ${k}: ${got} vs ${want} (returns)`);
        }
        assert.equal(p.prediction.filter(Number.isFinite).length, local.length);
        const want = signals(
          perBar(n, local, r.prediction),
          { bull: perBar(n, local, r.scores.bull), bear: perBar(n, local, r.scores.bear) },
          STRATEGY_DEFAULTS,
        );
        assert.deepEqual(p.signals, want, `${key}: signals`);
        // The gate diagnostics count the same predictions against the same threshold.
        const g = p.analysis.gates, thr = STRATEGY_DEFAULTS.signalThreshold;
        assert.equal(g.windows, local.length);
        assert.equal(g.share.predLong, r.prediction.filter((x) => x > thr).length / local.length);
        assert.equal(g.share.predShort, r.prediction.filter((x) => x < -thr).length / local.length);
        const maxAbs = Math.max(...r.prediction.map(Math.abs));
        assert.ok(Math.abs(g.prediction.maxAbs - maxAbs) <= tol, `${g.prediction.maxAbs}`);
      }
    });

    await t.step("no trade: the verdict says so, with the recomputed figures", () => {
      const oos = run.periods.outOfSample, is = run.periods.inSample;
      const { prediction: oosPred, scores: oosScores } = again.outOfSample;
      // The untrained model's largest |prediction| is below 10 bp: no bar passes, no trade.
      assert.equal(oos.summary.trades, 0);
      assert.equal(is.summary.trades, 0);
      const maxAbs = Math.max(...oosPred.map(Math.abs));
      assert.ok(maxAbs < STRATEGY_DEFAULTS.signalThreshold, `max |prediction| ${maxAbs}`);
      // Round trip at the book: spread + both commissions (1e-4 each), mean over the bars, in bp.
      const { bidPrice1: bid, askPrice1: ask } = oos.bars.book!;
      let cost = 0;
      for (let i = 0; i < bid.length; i++) {
        const mid = (bid[i] + ask[i]) / 2;
        cost += ((ask[i] - bid[i]) / mid + 2e-4) * 1e4 / bid.length;
      }
      const above = (a: Float64Array) => a.filter((x) => x > 0.6).length;
      const bull = above(oosScores.bull), bear = above(oosScores.bear);
      assert.ok(bull > 0 && bear > 0, `attention alone passes: ${bull} long, ${bear} short`);
      const v = backtestVerdict(run);
      assert.equal(
        v.sentences[0],
        "Out of sample (3 test days, 2023-01-12 to 2023-01-16) the strategy makes no trade at " +
          "all, so it neither makes nor loses money: no bar passes both gates. The largest " +
          `|predicted 5-minute return| is ${formatMetric(maxAbs * 1e4, "ratio")} bp against a ` +
          `threshold of 10.00 bp (a round trip costs about ${formatMetric(cost, "ratio")} bp), ` +
          `and bullish (bearish) attention exceeds 0.6 in ${bull} (${bear}) of the ` +
          `${oosPred.length.toLocaleString("en-US")} windows.`,
      );
      assert.ok(v.sentences.includes(
        "In sample (5 training days the model was fitted on) after " +
          "costs: 0 CNY, Sharpe n/a, 0 trades.",
      ));
      assert.ok(v.sentences.includes(
        "The attention gate passed no out-of-sample signal, so the ablation cannot judge it.",
      ));
      assert.equal(v.makesMoneyOutOfSample, false);
      const noTrade =
        "The strategy makes no trade out of sample, so it neither makes nor loses money.";
      assert.equal(v.headline, noTrade);
      assert.equal(reportHtml(run).match(/<p class="headline">([^<]*)<\/p>/)?.[1], noTrade);
      assert.equal(v.gateBeatsRandom, null);
      assert.ok(Number.isNaN(v.outOfSampleT), "flat equity: no t statistic");
      assert.equal(v.significantOutOfSample, false);
      assert.deepEqual(JSON.parse(JSON.stringify(backtestMetrics(run).verdict)), {
        ...v,
        outOfSampleT: null,
      });
      for (const label of ["in-sample (training days)", "out-of-sample (test days)"]) {
        assert.ok(
          run.warnings.includes(
            `No trades ${label}: no bar passes both the prediction threshold 0.001 and the ` +
              "attention threshold 0.6.",
          ),
          run.warnings.join("\n"),
        );
      }
      // The heatmap falls back to the window with the largest |prediction|.
      const k = oosPred.findIndex((x) => Math.abs(x) === maxAbs);
      assert.deepEqual(oos.heatmaps.map((h) => [h.end, h.why]), [
        [oos.ends[k], "the window with the largest |prediction| (no signals)"],
      ]);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
