/**
 * Hand-built scenarios for the execution rules. Every expected number is worked out by hand in
 * the comments (REBAR: 10 t/lot, tick 1, commission 1e-4 per side on entry and exit).
 */
import assert from "node:assert/strict";
import { closeTo } from "./_close.ts";
import {
  markToMarket,
  scenarioBars,
  simulate,
  summarize,
  tradeRecords,
} from "../lib/backtest/mod.ts";
import { contractSpec, rateFee } from "../lib/calendar/mod.ts";

const close = closeTo(1e-9);

/** A rising path with a book: close = bid = 3500 + i, ask = bid + 1, open = close − 1. */
function risingBook(n: number, sessions?: number[], days?: number[]) {
  const bid = Array.from({ length: n }, (_, i) => 3500 + i);
  return scenarioBars({
    open: bid.map((b) => b - 1),
    close: bid,
    bid,
    ask: bid.map((b) => b + 1),
    sessions,
    days,
  });
}

function signalAt(n: number, at: Record<number, number>): Int8Array {
  const s = new Int8Array(n);
  for (const [k, v] of Object.entries(at)) s[Number(k)] = v;
  return s;
}

Deno.test("long: signal at t fills at t+1's ask, exits at the 15-bar limit at that bar's bid", () => {
  const bars = risingBook(30);
  const sim = simulate(bars, signalAt(30, { 3: 1 }));
  const [t] = tradeRecords(sim.trades);
  assert.equal(sim.trades.count, 1);
  // Entry at bar 4: ask[4] = 3505. Exit at bar 4 + 15 = 19: bid[19] = 3519.
  assert.equal(t.entryIndex, 4);
  assert.equal(t.exitIndex, 19);
  assert.equal(t.side, 1);
  assert.equal(t.entryPrice, 3505);
  assert.equal(t.exitPrice, 3519);
  assert.equal(t.exitReason, "max-hold");
  // Commission 1e-4 × 3505 × 10 = 3.505 and 1e-4 × 3519 × 10 = 3.519 → 7.024.
  // Net = (3519 − 3505) × 10 − 7.024 = 132.976.
  // Gross at mids: (3519.5 − 3504.5) × 10 = 150; slippage = half spread × 2 × 10 = 10.
  close(t.commission, 7.024);
  close(t.netPnl, 132.976);
  close(t.grossPnl, 150);
  close(t.slippage, 10);
  close(t.costs, 17.024);
  // No fill on the signal bar: flat at bar 3's close, long from bar 4 to 18, flat at 19.
  assert.deepEqual(Array.from(sim.position.subarray(2, 21)), [0, 0, ...Array(15).fill(1), 0, 0]);

  // One extra tick per fill: entry 3506, exit 3518: 120 − 3.506 − 3.518 = 112.976.
  const stressed = tradeRecords(
    simulate(bars, signalAt(30, { 3: 1 }), { extraSlippageTicks: 1 }).trades,
  );
  assert.equal(stressed[0].entryPrice, 3506);
  assert.equal(stressed[0].exitPrice, 3518);
  close(stressed[0].netPnl, 112.976);

  // Accounting, marked at close: bar 4: (3504 − 3505) × 10 − 3.505 = −13.505; bar 10:
  // (3510 − 3505) × 10 − 3.505 = 46.495; from bar 19 on: realised 132.976. Gross at bar 4:
  // (3504 − 3504.5) × 10 = −5.
  const curve = markToMarket(bars, sim);
  assert.equal(curve.capital, 3500 * 10); // close[0] × multiplier × lots
  close(curve.marginCapital, 3500);
  close(curve.pnlNet[3], 0);
  close(curve.pnlNet[4], -13.505);
  close(curve.pnlNet[10], 46.495);
  close(curve.pnlNet[19], 132.976);
  close(curve.pnlNet[29], 132.976);
  close(curve.pnlGross[4], -5);
  close(curve.pnlGross[29], 150);
  close(curve.equityNet[29], 35_000 + 132.976);

  // Summary, one trading day: before/after P&L, costs, exposure 15/30, turnover
  // (3505 + 3519) × 10 / 35 000 per day.
  const s = summarize(bars, sim);
  assert.equal(s.days, 1);
  assert.equal(s.trades, 1);
  close(s.after.pnl, 132.976);
  close(s.before.pnl, 150);
  close(s.costs, 17.024);
  close(s.commission, 7.024);
  close(s.slippage, 10);
  close(s.exposure, 0.5);
  close(s.turnoverPerDay, 70_240 / 35_000);
  close(s.after.notional.totalReturn, 132.976 / 35_000);
  close(s.after.margin.totalReturn, 132.976 / 3_500);
  close(s.before.averageTradeTicks, 15);
  close(s.after.averageTradeTicks, 13.2976);
  assert.equal(s.after.winRate, 1);
  assert.equal(s.exits["max-hold"], 1);
});

Deno.test("short without a book: open ∓ 1 tick slippage, P&L by hand", () => {
  // open = 4000 − 2i, close = open − 1. Short signal at 2 → sell at open[3] − 1 = 3993.
  // Max hold → buy at open[18] + 1 = 3965. Net = (3993 − 3965) × 10 − (3.993 + 3.965) = 272.042.
  // Gross at opens: (3994 − 3964) × 10 = 300; slippage 2 ticks × 10 = 20; costs 27.958.
  const open = Array.from({ length: 25 }, (_, i) => 4000 - 2 * i);
  const bars = scenarioBars({ open, close: open.map((o) => o - 1) });
  const sim = simulate(bars, signalAt(25, { 2: -1 }));
  const [t] = tradeRecords(sim.trades);
  assert.equal(sim.trades.count, 1);
  assert.deepEqual([t.entryIndex, t.exitIndex, t.side], [3, 18, -1]);
  assert.equal(t.entryPrice, 3993);
  assert.equal(t.exitPrice, 3965);
  close(t.netPnl, 272.042);
  close(t.grossPnl, 300);
  close(t.slippage, 20);
  close(t.costs, 27.958);
  assert.equal(sim.position[5], -1);
  // Marked at close[3] = 3993: (3993 − 3993) × −10 − 3.993 = −3.993.
  close(markToMarket(bars, sim).pnlNet[3], -3.993);
});

Deno.test("forced flat at a session break; signals on or next to a session's last bar are dropped", () => {
  // Two sessions of 10 bars on one trading day. Long at 5 → entry at 6 (ask 3507), forced exit at
  // bar 9 (the session's last bar) at bid[9] = 3509: net = 20 − 3.507 − 3.509 = 12.984.
  const bars = risingBook(20, [10, 10]);
  let sim = simulate(bars, signalAt(20, { 5: 1 }));
  let trades = tradeRecords(sim.trades);
  assert.equal(trades.length, 1);
  assert.deepEqual([trades[0].entryIndex, trades[0].exitIndex], [6, 9]);
  assert.equal(trades[0].exitReason, "session-end");
  assert.equal(trades[0].exitPrice, 3509);
  close(trades[0].netPnl, 12.984);
  assert.equal(sim.position[9], 0);
  assert.equal(sim.position[10], 0);

  // Signal on the last bar of session 1 (bar 9: t + 1 is in the next session) → dropped.
  // Signal at 8 (t + 1 = 9 is the session's last bar: no instant round trip) → dropped.
  // Signal on the last bar of the data → dropped. Signal at 17 (t + 1 = 18 is not last) → trades.
  sim = simulate(bars, signalAt(20, { 8: 1, 9: 1, 19: -1, 17: -1 }));
  trades = tradeRecords(sim.trades);
  assert.equal(trades.length, 1);
  assert.deepEqual([trades[0].entryIndex, trades[0].exitIndex, trades[0].side], [18, 19, -1]);
  assert.equal(trades[0].exitReason, "day-end"); // the data ends at bar 19

  // Without a book the forced exit fills at close[9] − 1 = 3508 (entry open[6] + 1 = 3506).
  const noBook = { ...bars, book: null };
  const [t] = tradeRecords(simulate(noBook, signalAt(20, { 5: 1 })).trades);
  assert.deepEqual([t.entryPrice, t.exitPrice, t.exitReason], [3506, 3508, "session-end"]);
});

Deno.test("day end: a position is closed at the last bar before the trading day changes", () => {
  // Sessions of 10 bars on 2023-01-03 and 2023-01-04 (e.g. a night session): the exit at bar 9 is
  // a "day-end", and the long signal at bar 9 cannot cross into the next day.
  const bars = risingBook(20, [10, 10], [20230103, 20230104]);
  const sim = simulate(bars, signalAt(20, { 4: 1, 9: 1 }));
  const trades = tradeRecords(sim.trades);
  assert.equal(trades.length, 1);
  assert.deepEqual([trades[0].entryIndex, trades[0].exitIndex], [5, 9]);
  assert.equal(trades[0].exitReason, "day-end");
  assert.equal(summarize(bars, sim).days, 2);
});

Deno.test("opposite signals: reverse, exit or ignore; same-side signals never reset the clock", () => {
  // One session of 40 bars; bid = 3500 + i, ask = bid + 1. Long at 2 → entry at 3 (ask 3504).
  // Short at 6 → acts at bar 7 (bid 3507).
  const bars = risingBook(40);
  const sig = signalAt(40, { 2: 1, 6: -1 });

  // reverse: long 3→7 at 3507: 30 − 3.504 − 3.507 = 22.989; then short 7→22 (7 + 15), bought
  // back at ask[22] = 3523: −160 − 3.507 − 3.523 = −167.03.
  let t = tradeRecords(simulate(bars, sig, { onOpposite: "reverse" }).trades);
  assert.equal(t.length, 2);
  assert.deepEqual([t[0].entryIndex, t[0].exitIndex, t[0].side, t[0].exitReason], [
    3,
    7,
    1,
    "opposite",
  ]);
  close(t[0].netPnl, 22.989);
  assert.deepEqual([t[1].entryIndex, t[1].exitIndex, t[1].side, t[1].exitReason], [
    7,
    22,
    -1,
    "max-hold",
  ]);
  assert.equal(t[1].entryPrice, 3507);
  assert.equal(t[1].exitPrice, 3523);
  close(t[1].netPnl, -167.03);
  assert.equal(simulate(bars, sig, { onOpposite: "reverse" }).position[7], -1);

  // exit: only the long, closed at bar 7; flat afterwards.
  const ex = simulate(bars, sig, { onOpposite: "exit" });
  t = tradeRecords(ex.trades);
  assert.equal(t.length, 1);
  assert.deepEqual([t[0].exitIndex, t[0].exitReason], [7, "opposite"]);
  assert.equal(ex.position[7], 0);

  // ignore: the long runs to its max hold, 3 + 15 = 18.
  t = tradeRecords(simulate(bars, sig, { onOpposite: "ignore" }).trades);
  assert.equal(t.length, 1);
  assert.deepEqual([t[0].exitIndex, t[0].exitReason], [18, "max-hold"]);

  // Same-side signals at 5, 10 and 17 while long: the exit stays at 18, and the signal at 17
  // (emitted while long) does not re-enter at 18. A long signal at 18 (flat) enters at 19.
  const same = simulate(bars, signalAt(40, { 2: 1, 5: 1, 10: 1, 17: 1, 18: 1 }));
  t = tradeRecords(same.trades);
  assert.equal(t.length, 2);
  assert.deepEqual([t[0].entryIndex, t[0].exitIndex], [3, 18]);
  assert.deepEqual([t[1].entryIndex, t[1].exitIndex], [19, 34]);
  assert.equal(same.position[18], 0);

  // Max hold and an opposite signal on the same bar with "reverse": exit labelled max-hold at 18,
  // and the short enters at 18.
  t = tradeRecords(simulate(bars, signalAt(40, { 2: 1, 17: -1 })).trades);
  assert.deepEqual([t[0].exitIndex, t[0].exitReason], [18, "max-hold"]);
  assert.deepEqual([t[1].entryIndex, t[1].side], [18, -1]);
});

Deno.test("close-today commission: entries pay the open fee, exits the close-today fee", () => {
  // Entry 1e-4, exit (always close-today: flat at every day end) 3e-4 of notional.
  const contract = contractSpec({ fee: rateFee(1e-4, 3e-4) });
  const bars = risingBook(40);
  // Long at 3 → ask[4] = 3505, max hold → bid[19] = 3519. Entry 1e-4 × 3505 × 10 = 3.505; exit
  // 3e-4 × 3519 × 10 = 10.557; commission 14.062; net 140 − 14.062 = 125.938; costs with the
  // 10 of spread: 24.062.
  const sim = simulate(bars, signalAt(40, { 3: 1 }), { contract });
  close(sim.trades.entryCommission[0], 3.505);
  close(sim.trades.exitCommission[0], 10.557);
  const [t] = tradeRecords(sim.trades);
  close(t.commission, 14.062);
  close(t.netPnl, 125.938);
  close(t.costs, 24.062);
  // The entry bar books the entry commission only: (3504 − 3505) × 10 − 3.505.
  close(markToMarket(bars, sim).pnlNet[4], -13.505);
  const s = summarize(bars, sim);
  close(s.commission, 14.062);
  close(s.costs, 24.062);
  close(s.after.pnl, 125.938);

  // A reversal fills an exit and an entry at the same price, each at its own rate: long 3 → 7
  // (ask[3] = 3504 → bid[7] = 3507), short 7 → 22 (bid[7] = 3507 → ask[22] = 3523).
  const rev = simulate(bars, signalAt(40, { 2: 1, 6: -1 }), { contract }).trades;
  assert.equal(rev.count, 2);
  assert.deepEqual([rev.exitPrice[0], rev.entryPrice[1]], [3507, 3507]);
  close(rev.entryCommission[0], 3.504);
  close(rev.exitCommission[0], 10.521);
  close(rev.entryCommission[1], 3.507);
  close(rev.exitCommission[1], 10.569);
});

Deno.test("summary: minute-level drawdown (not daily closes), CAGR and Calmar by hand", () => {
  // Two trading days of 10 bars, no book, no costs (slippage 0, commissions 0), open = close.
  // Day 1: long at 1 → open[2] = 3500, marked 3400 at bar 3 (−1,000), day-end exit at
  // close[9] = 3520: +200. Day 2: short at 11 → open[12] = 3520, day-end exit at 3530: −100.
  const px = [
    ...[3500, 3500, 3500, 3400, 3450, 3500, 3510, 3520, 3520, 3520],
    ...[3520, 3520, 3520, 3530, 3530, 3530, 3530, 3530, 3530, 3530],
  ];
  const bars = scenarioBars({
    open: px,
    close: px,
    sessions: [10, 10],
    days: [20230103, 20230104],
  });
  const contract = contractSpec({ fee: rateFee(0) });
  const sim = simulate(bars, signalAt(20, { 1: 1, 11: -1 }), { contract, slippageTicks: 0 });
  assert.deepEqual(tradeRecords(sim.trades).map((t) => [t.netPnl, t.exitReason]), [
    [200, "day-end"],
    [-100, "day-end"],
  ]);
  const s = summarize(bars, sim);
  assert.equal(s.days, 2);
  // Notional base 3500 × 10 = 35,000. Minute equity bottoms at 34,000 under a 35,000 peak:
  // −1/35 (daily closes 35,200 → 35,100 would say −1/352). Growth 35,100 / 35,000 over
  // 2 / 242 years: CAGR (351/350)^121 − 1 ≈ 0.41230; Calmar = CAGR / (1/35) ≈ 14.43.
  // Margin base 3,500 (rate 0.1): bottom 2,500, drawdown −2/7 (daily closes: −1/37); growth
  // 3,600 / 3,500: CAGR (36/35)^121 − 1 ≈ 29.23; Calmar = CAGR / (2/7) ≈ 102.3.
  const expected = [
    ["notional", -1 / 35, (351 / 350) ** 121 - 1, 35, 100 / 35_000],
    ["margin", -2 / 7, (36 / 35) ** 121 - 1, 7 / 2, 100 / 3_500],
  ] as const;
  for (const [base, dd, cagr, perDd, total] of expected) {
    for (const side of ["before", "after"] as const) {
      const m = s[side][base];
      close(m.maxDrawdown, dd, 1e-12);
      close(m.cagr, cagr, 1e-9 * Math.abs(cagr));
      close(m.calmar, cagr * perDd, 1e-9 * cagr * perDd);
      close(m.totalReturn, total, 1e-12);
    }
  }
  close(s.after.notional.cagr, 0.41230, 1e-5);
  close(s.after.margin.calmar, 102.288, 1e-3);
});

Deno.test("simulate validates its inputs", () => {
  const bars = risingBook(5);
  assert.throws(() => simulate(bars, new Int8Array(4)), RangeError);
  assert.throws(() => simulate(bars, Int8Array.of(0, 2, 0, 0, 0)), RangeError);
  assert.throws(
    () => simulate({ ...bars, time: Float64Array.of(1, 2, 2, 3, 4) }, new Int8Array(5)),
    RangeError,
  );
  assert.throws(() => simulate(bars, new Int8Array(5), { maxhold: 3 } as never), TypeError);
  // No signals → no trades, flat everywhere, equity = capital.
  const sim = simulate(bars, new Int8Array(5));
  assert.equal(sim.trades.count, 0);
  assert.ok(sim.position.every((p) => p === 0));
  assert.ok(markToMarket(bars, sim).pnlNet.every((p) => p === 0));
});
