/**
 * simulateGrid: every cell of a threshold grid is the plain backtest of its thresholds (signals of
 * lib/strategy → simulate → summarize), exactly, under every position rule, with and without a
 * book, ruined cells included; bad inputs throw.
 */
import assert from "node:assert/strict";
import { type BacktestConfig, simulate, simulateGrid, summarize } from "../lib/backtest/mod.ts";
import type { BarTable } from "../lib/data/mod.ts";
import { generateMarket, MARKET_PRESETS } from "../lib/market/mod.ts";
import { seededRng } from "../lib/stats/mod.ts";
import { signals } from "../lib/strategy/mod.ts";

const bars = generateMarket({ ...MARKET_PRESETS.tiny, seed: 5 });
const n = bars.time.length;

/** Predictions around ±5 bp with attention scores in [0.3, 0.8]; NaN on the first 59 bars. */
function inputs(seed: number) {
  const u = seededRng(seed);
  const pred = new Float64Array(n).fill(NaN), bull = new Float32Array(n).fill(NaN);
  const bear = new Float32Array(n).fill(NaN);
  for (let i = 59; i < n; i++) {
    pred[i] = (u.uniform() - 0.5) * 1e-3;
    bull[i] = 0.3 + 0.5 * u.uniform();
    bear[i] = 0.3 + 0.5 * u.uniform();
  }
  return { pred, bull, bear };
}

function checkCells(
  table: BarTable,
  x: ReturnType<typeof inputs>,
  config: Partial<BacktestConfig>,
): { traded: number; ruined: number } {
  const axes = { signal: [0, 1e-4, 2.5e-4, 4e-4], attention: [null, 0.4, 0.55, 0.7] };
  const g = simulateGrid(table, x, { ...axes, config });
  let traded = 0, ruined = 0;
  axes.signal.forEach((s, i) =>
    axes.attention.forEach((a, k) => {
      const c = i * axes.attention.length + k;
      const pass = new Uint8Array(n).fill(1);
      const sig = a === null
        ? signals(x.pred, { bull: pass, bear: pass }, { signalThreshold: s, attentionThreshold: 0 })
        : signals(x.pred, x, { signalThreshold: s, attentionThreshold: a });
      const sum = summarize(table, simulate(table, sig, config));
      const at = `cell (${s}, ${a})`;
      assert.equal(g.trades[c], sum.trades, `${at} trades`);
      assert.ok(Object.is(g.netPnl[c], sum.after.pnl), `${at} net ${g.netPnl[c]} ${sum.after.pnl}`);
      assert.ok(Object.is(g.grossPnl[c], sum.before.pnl), `${at} gross`);
      assert.ok(Object.is(g.winRate[c], sum.after.winRate), `${at} win rate`);
      assert.ok(Object.is(g.sharpe[c], sum.after.notional.sharpe), `${at} Sharpe`);
      assert.ok(Object.is(g.annualReturn[c], sum.after.notional.annualReturn), `${at} return`);
      if (sum.trades > 0) traded++;
      if (sum.after.notional.ruined) ruined++;
    })
  );
  assert.equal(g.days, 10);
  return { traded, ruined };
}

Deno.test("simulateGrid: each cell equals signals → simulate → summarize exactly", () => {
  const x = inputs(1);
  const rules: Partial<BacktestConfig>[] = [
    {},
    { onOpposite: "exit", maxHold: 7 },
    { onOpposite: "ignore", extraSlippageTicks: 1 },
  ];
  let ruined = 0;
  for (const config of rules) {
    const r = checkCells(bars, x, config);
    assert.ok(r.traded >= 12, `${r.traded} of 16 cells trade under ${JSON.stringify(config)}`);
    ruined += r.ruined;
  }
  const noBook = checkCells({ ...bars, book: null }, inputs(2), { slippageTicks: 2 });
  assert.ok(noBook.traded >= 12);
  ruined += noBook.ruined;
  // Trading every bar loses more than a lot's notional: ruin (equity held at 0) is covered too.
  assert.ok(ruined > 0, "some cell is ruined");
});

Deno.test("simulateGrid: mismatched inputs and negative thresholds throw", () => {
  const x = inputs(3);
  assert.throws(
    () => simulateGrid(bars, { ...x, bull: x.bull.subarray(1) }, { signal: [0], attention: [0.5] }),
    RangeError,
  );
  assert.throws(() => simulateGrid(bars, x, { signal: [-1e-4], attention: [0.5] }), RangeError);
  assert.throws(() => simulateGrid(bars, x, { signal: [0], attention: [NaN] }), RangeError);
});
