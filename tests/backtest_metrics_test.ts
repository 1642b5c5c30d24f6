import assert from "node:assert/strict";
import { closeTo } from "./_close.ts";
import {
  annualReturn,
  averageTradeTicks,
  cagr,
  calmar,
  dailyReturns,
  exposure,
  maxDrawdown,
  notionalTraded,
  profitFactor,
  sharpe,
  sortino,
  summarize,
  winRate,
} from "../lib/backtest/mod.ts";
import { simulate } from "../lib/backtest/mod.ts";
import { barSchedule, tradingDays } from "../lib/calendar/mod.ts";

const close = closeTo(1e-12);

const R = [0.01, -0.02, 0.015, -0.005, 0.025];

Deno.test("Sharpe of the known vector with 252 periods is 4.48998886412873", () => {
  close(sharpe(R, { periodsPerYear: 252 }), 4.48998886412873);
  // Default 242: mean 0.005 / std √0.0003125 × √242.
  close(sharpe(R), (0.005 / Math.sqrt(0.0003125)) * Math.sqrt(242));
  assert.ok(Number.isNaN(sharpe([0.01, 0.01])));
});

Deno.test("Sortino: mean over the root-mean-square of the negative part, over all periods", () => {
  // Negative parts: −0.02, −0.005 → (0.0004 + 0.000025) / 5 = 0.000085.
  close(sortino(R, { periodsPerYear: 252 }), (0.005 / Math.sqrt(0.000085)) * Math.sqrt(252));
  assert.ok(Number.isNaN(sortino([0.01, 0.02])));
});

Deno.test("max drawdown equals min(equity / running max − 1) on a hand vector", () => {
  const eq = [100, 110, 99, 105, 120, 90, 95, 130, 125];
  // Running max: 100 110 110 110 120 120 120 130 130 → worst 90 / 120 − 1 = −0.25.
  let peak = -Infinity, ref = 0;
  for (const e of eq) (peak = Math.max(peak, e), ref = Math.min(ref, e / peak - 1));
  close(maxDrawdown(eq), ref);
  close(maxDrawdown(eq), -0.25);
  assert.equal(maxDrawdown([1, 2, 3]), 0);
});

Deno.test("CAGR = growth^(1/years) − 1 with years = trading days / 242; annual return; Calmar", () => {
  close(cagr(1.21, { days: 484 }), 0.1);
  close(cagr(1.5, { days: 121 }), 1.5 ** 2 - 1);
  close(cagr(1.1, { days: 252, periodsPerYear: 252 }), 0.1);
  assert.equal(cagr(0, { days: 10 }), -1);
  assert.ok(Number.isNaN(cagr(1.1, { days: 0 })));
  close(annualReturn(R), 0.005 * 242);
  close(annualReturn(R, { periodsPerYear: 252 }), 0.005 * 252);
  close(calmar(0.2, -0.1), 2);
  assert.ok(Number.isNaN(calmar(0.2, 0)));
});

Deno.test("daily returns: night minutes land in the next trading day", () => {
  // 2023-01-03 has no night session (after the New Year holiday); 01-04 and 01-05 have one,
  // on the evenings of 01-03 and 01-04.
  const days = tradingDays(2023).slice(0, 3);
  assert.deepEqual(days, [20230103, 20230104, 20230105]);
  const { time, tradingDay } = barSchedule(days);
  const n = time.length;
  assert.equal(n, 225 + 345 + 345);
  // Equity 1000, +10 at the first night bar of the evening of 01-03 (21:01), −5 at 09:01 on 01-04,
  // +20 at 22:00 on the evening of 01-04.
  const eq = new Float64Array(n).fill(1000);
  const at = (y: number, m: number, d: number, hh: number, mm: number) =>
    time.indexOf(Date.UTC(y, m - 1, d, hh, mm));
  const night1 = at(2023, 1, 3, 21, 1), morning2 = at(2023, 1, 4, 9, 1);
  const night2 = at(2023, 1, 4, 22, 0);
  assert.ok(night1 > 0 && morning2 > night1 && night2 > morning2);
  assert.equal(tradingDay[night1], 20230104);
  assert.equal(tradingDay[night2], 20230105);
  for (let i = night1; i < n; i++) eq[i] += 10;
  for (let i = morning2; i < n; i++) eq[i] -= 5;
  for (let i = night2; i < n; i++) eq[i] += 20;
  const dr = dailyReturns(eq, tradingDay, { start: 1000 });
  assert.deepEqual(Array.from(dr.day), days);
  // 01-03 ends at 15:00 on 01-03 before the night: 1000 → 1000. 01-04 (night of 01-03 + day):
  // 1000 → 1005. 01-05 (night of 01-04 + day): 1005 → 1025.
  close(dr.returns[0], 0);
  close(dr.returns[1], 1005 / 1000 - 1);
  close(dr.returns[2], 1025 / 1005 - 1);
  assert.equal(dr.endIndex[0], night1 - 1);
  assert.equal(time[dr.endIndex[0]], Date.UTC(2023, 0, 3, 15, 0));
  assert.throws(() => dailyReturns([1, 2], [20230104, 20230103]), RangeError);
  assert.ok(Number.isNaN(dailyReturns([0, -1], [1, 2], { start: 1 }).returns[1]));
});

Deno.test("trade metrics: zero P&L is not a win; profit factor; ticks; exposure; notional", () => {
  const pnl = [10, -5, 0, 3];
  close(winRate(pnl), 0.5);
  close(profitFactor(pnl), 13 / 5);
  assert.equal(profitFactor([1, 0]), Infinity);
  assert.ok(Number.isNaN(profitFactor([0])));
  assert.ok(Number.isNaN(winRate([])));
  // 100 CNY on 1 lot = 10 ticks; −40 CNY on 2 lots = −2 ticks per lot → mean 4.
  close(averageTradeTicks([100, -40], { lots: [1, 2], multiplier: 10, tick: 1 }), 4);
  close(exposure(Int8Array.of(0, 1, -1, 0, 0)), 0.4);
  const trades = {
    count: 2,
    entryPrice: Float64Array.of(3500, 3600),
    exitPrice: Float64Array.of(3510, 3590),
    lots: Int32Array.of(1, 2),
  };
  close(notionalTraded(trades, { multiplier: 10 }), (7010 + 7190 * 2) * 10);
});

Deno.test("summarize: metrics before and after costs agree with the pure metric functions", () => {
  // A random walk over 5 days with a book and random signals.
  let s = 99;
  const u = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const { time, tradingDay } = barSchedule(tradingDays(2023).slice(10, 15));
  const n = time.length;
  const mid = new Float64Array(n);
  for (let i = 0, p = 3600; i < n; i++) mid[i] = p += Math.round((u() - 0.5) * 4);
  const bid = mid.map((m) => m - 1), ask = mid.map((m) => m + 1);
  const bars = {
    time,
    tradingDay,
    open: mid,
    close: mid,
    book: { bidPrice1: bid, askPrice1: ask },
  };
  const sig = Int8Array.from({ length: n }, () => (u() < 0.05 ? (u() < 0.5 ? 1 : -1) : 0));
  const sim = simulate(bars, sig);
  const sum = summarize(bars, sim);
  assert.ok(sum.trades > 10);
  assert.equal(sum.days, 5);
  const cap = mid[0] * 10;
  // After costs: P&L curve → equity → daily returns → Sharpe, recomputed here.
  let cum = 0;
  const eq = new Float64Array(n).fill(cap);
  for (let k = 0; k < sim.trades.count; k++) {
    cum += sim.trades.netPnl[k];
    for (let i = sim.trades.exitIndex[k]; i < n; i++) eq[i] = cap + cum;
  }
  // Flat bars hold exactly the realised P&L; check day ends where flat (every day end is flat).
  const dr = dailyReturns(eq, tradingDay, { start: cap });
  close(sum.after.notional.sharpe, sharpe(dr.returns), 1e-9);
  close(sum.after.notional.totalReturn, cum / cap, 1e-12);
  close(sum.after.pnl, cum, 1e-9);
  close(sum.before.pnl - sum.after.pnl, sum.costs, 1e-9);
  close(sum.after.margin.totalReturn, cum / (0.1 * cap), 1e-12);
  assert.ok(sum.before.notional.sharpe > sum.after.notional.sharpe);
  assert.equal(
    Object.values(sum.exits).reduce((a, b) => a + b, 0),
    sum.trades,
  );
  close(sum.tradesPerDay, sum.trades / 5);
});
