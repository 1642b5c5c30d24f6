/**
 * The gate ablation's permutation test: a gate that truly picks winners gets the smallest
 * possible p-value, random gates get p-values spread over (0, 1], with seeded random gates.
 */
import assert from "node:assert/strict";
import { gateAblation, permutationPValue } from "../lib/study/mod.ts";
import { gateAblationPlot } from "../lib/report/mod.ts";
import { generateMarket, MARKET_PRESETS } from "../lib/market/mod.ts";
import { svgMarkup } from "../lib/plot/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

const bars = generateMarket({ ...MARKET_PRESETS.tiny, seed: 11 }); // 10 days, 3,450 bars, book
const n = bars.time.length;
const HOLD = 5;
const cfg = { maxHold: HOLD };

/** A prediction of ±1 % on every bar, side from a seeded coin (every bar qualifies). */
function predictions(seed: number): Float64Array {
  const u = seededRng(seed);
  return Float64Array.from({ length: n }, () => (u.uniform() < 0.5 ? 0.01 : -0.01));
}

Deno.test("permutationPValue: (1 + #{draws ≥ actual}) / (K + 1)", () => {
  assert.equal(permutationPValue(10, [1, 2, 12, 3]), 2 / 5);
  assert.equal(permutationPValue(10, [10, 11]), 3 / 3);
  assert.equal(permutationPValue(10, [1, NaN, 3]), 1 / 4);
  assert.equal(permutationPValue(5, []), 1);
});

Deno.test("gateAblation: a gate that picks winners gets p = 1/(K+1) under both nulls", () => {
  const pred = predictions(1);
  const { bidPrice1: bid, askPrice1: ask } = bars.book!;
  const bull = new Float32Array(n), bear = new Float32Array(n);
  // Signal at t → entry at t+1, max-hold exit at t+1+HOLD: pass the bars whose round trip gains
  // at least 2 ticks across the spread (commission is ≈ 0.8 tick per round trip).
  for (let t = 0; t + 1 + HOLD < n; t++) {
    const e = t + 1, x = t + 1 + HOLD;
    if (bid[x] - ask[e] >= 2) bull[t] = 1;
    if (bid[e] - ask[x] >= 2) bear[t] = 1;
  }
  const K = 200;
  const ab = gateAblation(bars, { pred, bull, bear }, { permutations: K, seed: 5, backtest: cfg });
  let longs = 0, shorts = 0;
  for (let i = 0; i < n; i++) (longs += pred[i] > 0 ? 1 : 0, shorts += pred[i] < 0 ? 1 : 0);
  assert.deepEqual(ab.qualified, { long: longs, short: shorts });
  let gl = 0, gs = 0;
  for (let i = 0; i < n; i++) {
    gl += pred[i] > 0 && bull[i] > 0.6 ? 1 : 0;
    gs += pred[i] < 0 && bear[i] > 0.6 ? 1 : 0;
  }
  assert.equal(ab.gated.longSignals, gl);
  assert.equal(ab.gated.shortSignals, gs);
  assert.ok(gl > 50 && gs > 50, `the winner gate passes ${gl} longs and ${gs} shorts`);
  assert.ok(ab.gated.netPnl > 0 && ab.gated.winRate > 0.6, JSON.stringify(ab.gated));
  assert.ok(ab.ungated.netPnl < ab.gated.netPnl);
  for (const r of [ab.nulls.shift!, ab.nulls.uniform!]) {
    assert.equal(r.netPnl.length, K);
    assert.equal(r.atLeastGated, 0);
    assert.equal(r.pValue, 1 / (K + 1));
    assert.ok(r.q95 < ab.gated.netPnl);
  }
  assert.equal(ab.random, ab.nulls.shift, "shift is the primary null");
  assert.equal(ab.pValue, ab.nulls.shift!.pValue);
});

Deno.test("gateAblation: random gates get p-values spread over (0, 1], seeded and reproducible", () => {
  const pred = predictions(2);
  const pShift: number[] = [], pUniform: number[] = [];
  for (let s = 1; s <= 16; s++) {
    const u = seededRng(100 + s);
    const bull = Float32Array.from({ length: n }, () => (u.uniform() < 0.3 ? 1 : 0));
    const bear = Float32Array.from({ length: n }, () => (u.uniform() < 0.3 ? 1 : 0));
    const ab = gateAblation(bars, { pred, bull, bear }, {
      permutations: 100,
      seed: s,
      backtest: cfg,
    });
    pShift.push(ab.nulls.shift!.pValue);
    pUniform.push(ab.nulls.uniform!.pValue);
    if (s === 1) {
      const again = gateAblation(bars, { pred, bull, bear }, {
        permutations: 100,
        seed: s,
        backtest: cfg,
      });
      assert.deepEqual(again.nulls.uniform!.netPnl, ab.nulls.uniform!.netPnl);
      assert.deepEqual(again.nulls.shift!.netPnl, ab.nulls.shift!.netPnl);
    }
  }
  for (const ps of [pShift, pUniform]) {
    const mean = ps.reduce((a, b) => a + b, 0) / ps.length;
    const small = ps.filter((p) => p < 0.05).length;
    assert.ok(
      mean > 0.3 && mean < 0.7,
      `mean p ${mean.toFixed(3)} of ${ps.map((p) => p.toFixed(2))}`,
    );
    assert.ok(small <= 3, `${small} of ${ps.length} random gates have p < 0.05: ${ps}`);
  }
});

Deno.test("gateAblation: a gate that passes nothing has p = 1; bad options throw", () => {
  const pred = predictions(3);
  const zero = new Float32Array(n);
  const ab = gateAblation(bars, { pred, bull: zero, bear: zero }, {
    permutations: 20,
    backtest: cfg,
  });
  assert.equal(ab.gated.trades, 0);
  assert.equal(ab.pValue, 1);
  assert.throws(
    () => gateAblation(bars, { pred: pred.subarray(1), bull: zero, bear: zero }),
    RangeError,
  );
  assert.throws(
    () => gateAblation(bars, { pred, bull: zero, bear: zero }, { permutations: 0 }),
    RangeError,
  );
  assert.throws(
    () => gateAblation(bars, { pred, bull: zero, bear: zero }, { nulls: ["block" as never] }),
    RangeError,
  );
});

/** Pixel span [left, right] of the non-empty histogram bars and the x of each gate's rule. */
function histogramGeometry(svg: string): { bars: [number, number]; rules: number[] } {
  const group = (label: string) => {
    const from = svg.indexOf(`aria-label="${label}"`);
    return svg.slice(from, svg.indexOf("</g>", from));
  };
  let left = Infinity, right = -Infinity;
  for (const m of group("rect").matchAll(/<rect [^>]*>/g)) {
    const a = (k: string) => Number(m[0].match(new RegExp(` ${k}="([^"]+)"`))![1]);
    if (a("height") > 0) {
      (left = Math.min(left, a("x")), right = Math.max(right, a("x") + a("width")));
    }
  }
  const rules = [...group("rule").matchAll(/<line [^>]*x1="([^"]+)"/g)].map((m) => Number(m[1]));
  return { bars: [left, right], rules };
}

Deno.test("gateAblationPlot: a far-off no-gate result is an arrow at the edge unless asked", () => {
  const pred = predictions(4);
  const u = seededRng(44);
  const bull = Float32Array.from({ length: n }, () => (u.uniform() < 0.05 ? 1 : 0));
  const bear = Float32Array.from({ length: n }, () => (u.uniform() < 0.05 ? 1 : 0));
  const ab = gateAblation(bars, { pred, bull, bear }, { permutations: 50, backtest: cfg });
  const r = ab.random;
  const spread = Math.max(...r.netPnl) - Math.min(...r.netPnl);
  assert.ok(
    Math.min(...r.netPnl) - ab.ungated.netPnl > 5 * spread,
    `no gate (${ab.ungated.netPnl}) is far below the random gates (${r.q05} … ${r.q95})`,
  );
  const edge = svgMarkup(gateAblationPlot(ab)); // default "edge"
  const cny = Math.round(ab.ungated.netPnl).toLocaleString("en-US");
  assert.ok(edge.includes(`← no gate: ${cny} CNY`), "the arrow states the no-gate P&L");
  const e = histogramGeometry(edge);
  assert.equal(e.rules.length, 1, "a rule for the attention gate only, none for no gate");
  // Plot area 55…620 px: the histogram fills most of it.
  assert.ok(e.bars[1] - e.bars[0] > 0.8 * (620 - 55), `histogram spans ${e.bars} px`);

  const wide = svgMarkup(gateAblationPlot(ab, { ungated: "domain" }));
  assert.ok(!wide.includes("← no gate"));
  const w = histogramGeometry(wide);
  assert.equal(w.rules.length, 2, "rules for the attention gate and no gate");
  assert.ok(Math.min(...w.rules) < w.bars[0], "the no-gate rule is left of the histogram");
  assert.ok(w.bars[1] - w.bars[0] < 0.2 * (620 - 55), `squashed: ${w.bars} px`);
  assert.throws(() => gateAblationPlot(ab, { ungated: "clip" as never }), RangeError);
});

Deno.test("gateAblationPlot: random gates that all tie get one bin centred on their P&L", () => {
  const zero = new Float32Array(n);
  const ab = gateAblation(bars, { pred: predictions(3), bull: zero, bear: zero }, {
    permutations: 20,
    backtest: cfg,
  });
  assert.ok(ab.random.netPnl.every((v) => v === 0));
  const { bars: [left, right], rules } = histogramGeometry(svgMarkup(gateAblationPlot(ab)));
  const mid = (55 + 620) / 2;
  assert.ok(left < mid && right > mid && right - left < 40, `bin at ${left}…${right} px`);
  assert.ok(Math.abs(rules[0] - mid) < 1, "the attention gate (0 CNY) is in the middle too");
});
