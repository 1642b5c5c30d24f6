/**
 * Look-ahead and invariants on random paths: nothing before bar T may depend on prices or signals
 * from T on. The calendar (time, tradingDay) is not changed: the session schedule is known in
 * advance, and whether bar T − 1 ends its session legitimately depends on it.
 */
import assert from "node:assert/strict";
import { markToMarket, simulate, type SimulationBars } from "../lib/backtest/mod.ts";
import { barSchedule, tradingDays } from "../lib/calendar/mod.ts";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const schedule = barSchedule(tradingDays(2023).slice(20, 24)); // 4 days, 1380 bars

function randomMarket(u: () => number, withBook: boolean) {
  const n = schedule.time.length;
  const open = new Float64Array(n), close = new Float64Array(n);
  const bid = new Float64Array(n), ask = new Float64Array(n);
  let p = 3800;
  for (let i = 0; i < n; i++) {
    open[i] = p;
    p += Math.round((u() - 0.5) * 6);
    close[i] = p;
    bid[i] = p - Math.floor(u() * 2);
    ask[i] = bid[i] + 1 + Math.floor(u() * 2);
  }
  const sig = Int8Array.from({ length: n }, () => (u() < 0.08 ? (u() < 0.5 ? 1 : -1) : 0));
  const bars: SimulationBars = {
    time: schedule.time,
    tradingDay: schedule.tradingDay,
    open,
    close,
    book: withBook ? { bidPrice1: bid, askPrice1: ask } : null,
  };
  return { bars, sig };
}

/** The same market with prices and signals from bar T on replaced by fresh random ones. */
function rewriteFrom(bars: SimulationBars, sig: Int8Array, T: number, u: () => number) {
  const open = Float64Array.from(bars.open), close = Float64Array.from(bars.close);
  const book = bars.book && {
    bidPrice1: Float64Array.from(bars.book.bidPrice1),
    askPrice1: Float64Array.from(bars.book.askPrice1),
  };
  const s2 = Int8Array.from(sig);
  for (let i = T; i < open.length; i++) {
    open[i] += Math.round((u() - 0.5) * 40);
    close[i] += Math.round((u() - 0.5) * 40);
    if (book) (book.bidPrice1[i] = close[i] - 1, book.askPrice1[i] = close[i] + 1);
    s2[i] = u() < 0.3 ? (u() < 0.5 ? 1 : -1) : 0;
  }
  return { bars: { ...bars, open, close, book }, sig: s2 };
}

Deno.test("look-ahead: changing prices and signals from bar T on changes nothing decided before T", () => {
  let cases = 0;
  for (let seed = 1; seed <= 16; seed++) {
    const u = rng(seed);
    const onOpposite = (["reverse", "exit", "ignore"] as const)[seed % 3];
    const { bars, sig } = randomMarket(u, seed % 2 === 0);
    const n = sig.length;
    const a = simulate(bars, sig, { onOpposite });
    const ta = a.trades;
    const ea = markToMarket(bars, a);
    // Cut points: random bars, and the bar right after an entry or an exit, so that a peek of a
    // single bar into the future at a fill would be caught.
    const cuts = [100 + Math.floor(u() * (n - 200)), 100 + Math.floor(u() * (n - 200))];
    for (let r = 0; r < 3; r++) {
      const k = Math.floor(u() * ta.count);
      cuts.push(ta.entryIndex[k] + 1, ta.exitIndex[k] + 1);
    }
    for (const T of cuts) {
      if (T >= n - 50) continue; // leave room for the rewrite to change something
      cases++;
      const alt = rewriteFrom(bars, sig, T, u);
      const b = simulate(alt.bars, alt.sig, { onOpposite });
      const tb = b.trades;
      let opened = 0;
      for (let k = 0; k < ta.count && ta.entryIndex[k] < T; k++) {
        opened++;
        // Entries before T: identical index, side and price.
        const at = `seed ${seed} T ${T} trade ${k}`;
        assert.equal(tb.entryIndex[k], ta.entryIndex[k], `${at} entry index`);
        assert.equal(tb.side[k], ta.side[k], `${at} side`);
        assert.equal(tb.entryPrice[k], ta.entryPrice[k], `${at} entry price`);
        assert.equal(tb.entryCommission[k], ta.entryCommission[k], `${at} entry commission`);
        // Trades fully closed before T: identical in every column.
        if (ta.exitIndex[k] < T) {
          for (
            const col of [
              "exitIndex",
              "exitPrice",
              "exitReason",
              "grossPnl",
              "netPnl",
              "costs",
            ] as const
          ) {
            assert.equal(tb[col][k], ta[col][k], `${at} ${col}`);
          }
        }
      }
      // No extra trade opened before T in the rewritten run.
      assert.ok(tb.count <= opened || tb.entryIndex[opened] >= T, `seed ${seed} T ${T}: new entry`);
      // Positions and the marked equity before T are identical too.
      assert.deepEqual(b.position.subarray(0, T), a.position.subarray(0, T));
      const eb = markToMarket(alt.bars, b);
      assert.deepEqual(eb.pnlNet.subarray(0, T), ea.pnlNet.subarray(0, T));
      assert.deepEqual(eb.pnlGross.subarray(0, T), ea.pnlGross.subarray(0, T));
      // And the rewrite did change the run from T on (the test is not vacuous).
      let changed = false;
      for (let i = T; i < n && !changed; i++) changed = ea.pnlNet[i] !== eb.pnlNet[i];
      assert.ok(changed, `seed ${seed} T ${T}: the rewrite changed nothing`);
    }
  }
  assert.ok(cases >= 100);
});

Deno.test("invariants on random paths: next-bar fills, flat at session ends, accounting reconciles", () => {
  for (let seed = 100; seed < 112; seed++) {
    const u = rng(seed);
    const { bars, sig } = randomMarket(u, seed % 2 === 0);
    const maxHold = 1 + (seed % 20);
    const sim = simulate(bars, sig, { maxHold, onOpposite: "reverse" });
    const { trades, position, sessionEnds } = sim;
    const curve = markToMarket(bars, sim);
    let realised = 0;
    for (let k = 0; k < trades.count; k++) {
      const e = trades.entryIndex[k], x = trades.exitIndex[k];
      // Entered one bar after a signal of its side; never on a session's last bar.
      assert.equal(sig[e - 1], trades.side[k]);
      assert.equal(sessionEnds[e - 1], 0);
      assert.equal(sessionEnds[e], 0);
      assert.ok(x > e && x - e <= maxHold);
      // No session end strictly inside the trade.
      for (let i = e; i < x; i++) assert.equal(sessionEnds[i], 0);
      for (let i = e; i < x; i++) assert.equal(position[i], trades.side[k]);
      if (k > 0) assert.ok(e >= trades.exitIndex[k - 1]);
      // Costs are never negative; net + costs = gross.
      assert.ok(trades.costs[k] > 0);
      assert.ok(Math.abs(trades.netPnl[k] + trades.costs[k] - trades.grossPnl[k]) < 1e-9);
      realised += trades.netPnl[k];
      assert.ok(Math.abs(curve.pnlNet[x] - realised) < 1e-6 || position[x] !== 0);
    }
    // Flat at every session's last bar.
    for (let i = 0; i < position.length; i++) {
      if (sessionEnds[i] !== 0) assert.equal(position[i], 0);
    }
    assert.ok(Math.abs(curve.pnlNet[curve.pnlNet.length - 1] - realised) < 1e-6);
  }
});
