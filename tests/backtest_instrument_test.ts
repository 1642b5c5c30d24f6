// The backtest trades the table's product: its fee model (per lot or on notional, close today
// apart), its tick and multiplier; counts the 15-minute holding period in bars of the table; and
// never holds a position across a roll.
import assert from "node:assert/strict";
import { simulate, tradeRecords } from "../lib/backtest/mod.ts";
import { runBacktest } from "../lib/study/mod.ts";
import { instrument } from "../lib/calendar/mod.ts";
import type { BarTable } from "../lib/data/mod.ts";
import { LOOSE_STRATEGY, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

const M = 60_000;

/** One-minute bars folded into N-minute bars (ends on multiples of N minutes; rb's sessions). */
function fold(t: BarTable, n: number): BarTable {
  const idx: number[][] = [];
  let lastEnd = NaN;
  for (let i = 0; i < t.time.length; i++) {
    const end = Math.ceil(t.time[i] / (n * M)) * n * M;
    if (end !== lastEnd) (idx.push([]), lastEnd = end);
    idx.at(-1)!.push(i);
  }
  const pick = (f: (is: number[]) => number) => Float64Array.from(idx, f);
  const last = (a: Float64Array) => pick((is) => a[is.at(-1)!]);
  return {
    ...t,
    time: Float64Array.from(idx, (is) => Math.ceil(t.time[is[0]] / (n * M)) * n * M),
    tradingDay: Int32Array.from(idx, (is) => t.tradingDay[is[0]]),
    open: pick((is) => t.open[is[0]]),
    high: pick((is) => Math.max(...is.map((i) => t.high[i]))),
    low: pick((is) => Math.min(...is.map((i) => t.low[i]))),
    close: last(t.close),
    volume: pick((is) => is.reduce((s, i) => s + t.volume[i], 0)),
    openInterest: last(t.openInterest!),
    book: {
      bidPrice1: last(t.book!.bidPrice1),
      askPrice1: last(t.book!.askPrice1),
      bidVolume1: last(t.book!.bidVolume1),
      askVolume1: last(t.book!.askVolume1),
    },
    groundTruth: null,
    barMinutes: n,
  };
}

Deno.test("simulate: a per-lot fee (al: 3 CNY to open, closing today free)", () => {
  const t = tinyMarket();
  const sig = new Int8Array(t.time.length).fill(1);
  const sim = simulate(t, sig, { contract: instrument("al"), lots: 2 });
  assert.ok(sim.trades.count > 10);
  for (const r of tradeRecords(sim.trades)) assert.equal(r.commission, 6);
  const rb = simulate(t, sig, { lots: 2 });
  const first = tradeRecords(rb.trades)[0];
  const expected = 1e-4 * (first.entryPrice + first.exitPrice) * 10 * 2;
  assert.ok(Math.abs(first.commission - expected) < 1e-9);
});

Deno.test("simulate: no trade crosses a roll (rolls fall between trading days)", () => {
  const t = tinyMarket();
  const days = [...new Set(t.tradingDay)];
  const roll = t.tradingDay.indexOf(days[5]);
  const sig = new Int8Array(t.time.length).fill(1);
  const trades = tradeRecords(simulate(t, sig).trades);
  assert.ok(trades.length > 0);
  for (const r of trades) {
    assert.ok(r.exitIndex < roll || r.entryIndex >= roll, `${r.entryIndex} → ${r.exitIndex}`);
  }
});

Deno.test("runBacktest: the table's product and its 5-minute bars reach the engine", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_inst_" });
  try {
    const five = { ...fold(tinyMarket(), 5), instrument: instrument("al") };
    await tinyCheckpoint(`${dir}/model`, five);
    const run = await runBacktest(five, `${dir}/model`, {
      preset: "tiny",
      strategy: LOOSE_STRATEGY,
      permutations: 20,
    });
    const b = run.config.backtest;
    assert.equal(b.contract.symbol, "al");
    assert.deepEqual(b.contract.fee, { unit: "per-lot", open: 3, close: 3, closeToday: 0 });
    assert.equal(b.maxHold, 3); // the 15-minute holding period in 5-minute bars
    const override = await runBacktest(five, `${dir}/model`, {
      preset: "tiny",
      strategy: LOOSE_STRATEGY,
      permutations: 20,
      commissionRate: 2e-4,
    });
    assert.deepEqual(override.config.backtest.contract.fee, {
      unit: "rate",
      open: 2e-4,
      close: 2e-4,
      closeToday: 2e-4,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
