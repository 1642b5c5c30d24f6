/**
 * A margin account that is wiped out: the run stops at the ruin (equity held at 0), so the
 * drawdown is −100 % and not beyond, the figures say how many days they used, and the t test
 * counts only days with a return.
 */
import assert from "node:assert/strict";
import { scenarioBars, simulate, summarize } from "../lib/backtest/mod.ts";
import { meanTTest } from "../lib/stats/mod.ts";
import { dailyReturns, markToMarket } from "../lib/backtest/mod.ts";

// Five trading days of 20 one-minute bars. Day 2 crashes 500 CNY/t while long: one lot loses
// 5,000 CNY, more than the 3,500 CNY margin base (10 % of 3,500 × 10 t), not the notional.
const days = [20230103, 20230104, 20230105, 20230106, 20230109];
const open: number[] = [], close: number[] = [];
for (let d = 0; d < 5; d++) {
  for (let k = 0; k < 20; k++) {
    const p = d === 1 && k >= 5 ? 3000 : d >= 2 ? 3000 + k : 3500 + k % 2;
    open.push(p);
    close.push(p);
  }
}
const bars = scenarioBars({ open, close, sessions: days.map(() => 20), days });
const signals = new Int8Array(100);
signals[21] = 1; // long on day 2 before the crash
signals[61] = 1; // and again on day 4 (the account is already gone)

Deno.test("summarize: a ruined margin account stops at −100 %, and says how many days count", () => {
  const sim = simulate(bars, signals, { slippageTicks: 0 });
  const s = summarize(bars, sim);
  const m = s.after.margin, n = s.after.notional;
  assert.equal(s.days, 5);
  assert.equal(m.ruined, true);
  assert.equal(m.maxDrawdown, -1, "not beyond −100 %");
  assert.equal(m.totalReturn, -1);
  assert.equal(m.cagr, -1);
  assert.equal(m.days, 2, "day 1 and the ruin day; no return after");
  assert.equal(n.ruined, false);
  assert.equal(n.days, 5);
  assert.ok(n.maxDrawdown > -1 && n.maxDrawdown < -0.1, `notional drawdown ${n.maxDrawdown}`);
  // The margin figures are the two days' returns: 0 and −100 %.
  assert.ok(Math.abs(m.annualReturn - (-1 / 2) * 242) < 1e-9, `${m.annualReturn}`);
});

Deno.test("meanTTest on a ruined account's daily returns counts the days that have one", () => {
  const sim = simulate(bars, signals, { slippageTicks: 0 });
  const curve = markToMarket(bars, sim, { capital: 3_500 });
  const { returns } = dailyReturns(curve.equityNet, bars.tradingDay, { start: 3_500 });
  assert.equal(returns.filter(Number.isNaN).length, 3, "equity ≤ 0: no return after");
  const t = meanTTest(returns);
  assert.equal(t.n, 2);
  assert.equal(t.df, 1);
  assert.ok(returns[1] < -1, "the crash day loses more than the base");
});
