/**
 * The threshold study of runBacktest: its grid's cell at the strategy's thresholds is the plain
 * backtest of the period, exactly; the cell chosen on the validation days does not move when the
 * test days change; the spec thresholds stay the headline.
 */
import assert from "node:assert/strict";
import type { GridMetrics, Summary } from "../lib/backtest/mod.ts";
import type { BarTable } from "../lib/data/mod.ts";
import { splitByDay } from "../lib/features/mod.ts";
import { runBacktest, type ThresholdStudy } from "../lib/study/mod.ts";
import { LOOSE_STRATEGY, TINY_SPLIT, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

const table = tinyMarket();
const dir = await Deno.makeTempDir({ prefix: "threshold_study_" });
await tinyCheckpoint(`${dir}/model`, table);
const grid = { minTrades: 3 };

function specCell(t: ThresholdStudy, g: GridMetrics) {
  const c = t.spec.row * t.attention.length + t.spec.column;
  return {
    trades: g.trades[c],
    net: g.netPnl[c],
    gross: g.grossPnl[c],
    sharpe: g.sharpe[c],
    annual: g.annualReturn[c],
    win: g.winRate[c],
  };
}

function plain(s: Summary) {
  return {
    trades: s.trades,
    net: s.after.pnl,
    gross: s.before.pnl,
    sharpe: s.after.notional.sharpe,
    annual: s.after.notional.annualReturn,
    win: s.after.winRate,
  };
}

/** The table with every price of the test days moved by +37 and back, alternately. */
function perturbTestDays(t: BarTable): BarTable {
  const test = new Set(splitByDay(t.tradingDay, TINY_SPLIT).test);
  const move = (a: Float64Array) =>
    Float64Array.from(a, (x, i) => (test.has(t.tradingDay[i]) ? x + (i % 2 ? 37 : -23) : x));
  const book = t.book!;
  return {
    ...t,
    open: move(t.open),
    high: move(t.high).map((h, i) => Math.max(h, move(t.open)[i], move(t.close)[i])),
    low: move(t.low).map((l, i) => Math.min(l, move(t.open)[i], move(t.close)[i])),
    close: move(t.close),
    book: { ...book, bidPrice1: move(book.bidPrice1), askPrice1: move(book.askPrice1) },
    source: "test days perturbed",
  };
}

Deno.test("threshold grid: the cell at the strategy's thresholds equals the plain backtest exactly", async () => {
  for (const strategy of [LOOSE_STRATEGY, {}]) {
    const run = await runBacktest(table, `${dir}/model`, {
      preset: "tiny",
      strategy,
      permutations: 5,
      thresholdGrid: grid,
    });
    const t = run.thresholds!;
    assert.equal(t.signal[t.spec.row].value, run.config.strategy.signalThreshold);
    assert.equal(t.attention[t.spec.column], run.config.strategy.attentionThreshold);
    for (const k of ["inSample", "outOfSample"] as const) {
      const want = plain(run.periods[k].summary), got = specCell(t, t.grids[k]);
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        assert.ok(Object.is(got[key], want[key]), `${k} ${key}: ${got[key]} vs ${want[key]}`);
      }
    }
    if (strategy === LOOSE_STRATEGY) {
      assert.ok(run.periods.outOfSample.summary.trades > 0, "the loose point trades");
    }
  }
});

Deno.test("threshold choice: made on the validation days alone, unmoved by the test days", async () => {
  const opts = { preset: "tiny" as const, permutations: 5, thresholdGrid: grid };
  const a = await runBacktest(table, `${dir}/model`, opts);
  const b = await runBacktest(perturbTestDays(table), `${dir}/model`, opts);
  const ta = a.thresholds!, tb = b.thresholds!;
  assert.ok(ta.chosen !== null, "a cell qualifies on the validation days");
  assert.deepEqual(tb.chosen, ta.chosen);
  assert.deepEqual(tb.signal, ta.signal, "quantiles of the validation |pred| only");
  assert.deepEqual(tb.grids.validation, ta.grids.validation);
  assert.notDeepEqual(
    tb.grids.outOfSample.netPnl,
    ta.grids.outOfSample.netPnl,
    "the test days did change",
  );
  // The headline stays the strategy's thresholds, whatever was chosen.
  assert.equal(a.config.strategy.signalThreshold, 0.001);
  assert.notDeepEqual([ta.chosen!.signalThreshold, ta.chosen!.attentionThreshold], [0.001, 0.6]);
});

Deno.test({
  name: "threshold study: cleanup",
  fn: () => Deno.remove(dir, { recursive: true }),
});
