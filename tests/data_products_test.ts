// Every product of the instrument table validates a synthetic trading day of its own sessions
// (written with its contract code, read back, checked against its sessions and the calendar), and
// refuses the same bars shifted outside them.
import assert from "node:assert/strict";
import { barSchedule, INSTRUMENT_SYMBOLS, INSTRUMENTS, sessionBars } from "../lib/calendar/mod.ts";
import { type BarTable, describeBars, readBars, writeBars } from "../lib/data/mod.ts";

/** Monday 2023-01-09 of a product: Friday's night session (if any), then its day sessions. */
function synthDay(symbol: string): BarTable {
  const inst = INSTRUMENTS[symbol];
  const { time, tradingDay } = barSchedule([20230109], { sessions: inst.sessions });
  const n = time.length;
  const price = (i: number) => 1000 + inst.tick * (i % 7);
  const top = (i: number) => Math.max(price(i), price(i + 1)) + inst.tick;
  return {
    time,
    tradingDay,
    open: Float64Array.from({ length: n }, (_, i) => price(i)),
    high: Float64Array.from({ length: n }, (_, i) => top(i)),
    low: Float64Array.from({ length: n }, (_, i) => Math.min(price(i), price(i + 1)) - inst.tick),
    close: Float64Array.from({ length: n }, (_, i) => price(i + 1)),
    volume: new Float64Array(n).fill(3),
    openInterest: null,
    book: null,
    groundTruth: null,
    source: `synthetic ${symbol}`,
    instrument: inst,
    segments: null,
  };
}

Deno.test("every product validates a synthetic day of its own sessions", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_products_" });
  try {
    for (const symbol of INSTRUMENT_SYMBOLS) {
      const day = synthDay(symbol);
      const path = `${dir}/${symbol}2305_1min.csv`; // the file name names the contract
      await writeBars(day, path);
      const t = await readBars(path);
      assert.equal(t.instrument!.symbol, symbol);
      assert.equal(t.instrumentFrom, `file name (${symbol}2305)`);
      const { day: d, night } = sessionBars(INSTRUMENTS[symbol].sessions);
      assert.equal(t.time.length, d + night, symbol);
      assert.ok(t.tradingDay.every((x) => x === 20230109), `${symbol}: all bars are Monday's`);
      const s = describeBars(t);
      assert.equal(s.outsideSessions.count, 0, symbol);
      assert.equal(s.gaps.count, 0, symbol);
      assert.deepEqual(s.calendar.notTradingDays, [], symbol);
      // The same day 30 minutes later leaves the sessions: refused, naming the row.
      const late = { ...day, time: day.time.map((x) => x + 30 * 60_000) };
      await writeBars(late, path);
      await assert.rejects(() => readBars(path, { symbol }), (e: unknown) => {
        assert.ok(e instanceof RangeError, `${symbol}: ${e}`);
        assert.match((e as Error).message, /is outside the sessions of /);
        return true;
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
