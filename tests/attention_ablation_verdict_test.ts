/**
 * ablationTable and ablationVerdict: the ablation's rows, and what it can and cannot say — no
 * qualified signal, a gate that passes none or all of them, and a real test either way.
 */
import assert from "node:assert/strict";
import { gateAblation } from "../lib/study/mod.ts";
import { ablationTable, ablationVerdict } from "../lib/report/mod.ts";
import { generateMarket, MARKET_PRESETS } from "../lib/market/mod.ts";
import { formatMetric } from "../lib/report/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

const bars = generateMarket({ ...MARKET_PRESETS.tiny, seed: 11 }); // 10 days, with a book
const n = bars.time.length, HOLD = 5;
const backtest = { maxHold: HOLD };
const u = seededRng(3);
const pred = Float64Array.from({ length: n }, () => (u.uniform() < 0.5 ? 0.01 : -0.01));
const zeros = new Float32Array(n), ones = new Float32Array(n).fill(1);

/** A gate that passes the bars whose round trip (entry t+1, exit t+1+HOLD) gains ≥ 2 ticks. */
function winnerGate(): { bull: Float32Array; bear: Float32Array } {
  const { bidPrice1: bid, askPrice1: ask } = bars.book!;
  const bull = new Float32Array(n), bear = new Float32Array(n);
  for (let t = 0; t + 1 + HOLD < n; t++) {
    if (bid[t + 1 + HOLD] - ask[t + 1] >= 2) bull[t] = 1;
    if (bid[t + 1] - ask[t + 1 + HOLD] >= 2) bear[t] = 1;
  }
  return { bull, bear };
}

Deno.test("ablationVerdict: the cases where the ablation cannot judge the gate", () => {
  const flat = gateAblation(bars, { pred: new Float64Array(n), bull: ones, bear: ones }, {
    permutations: 5,
    backtest,
  });
  const none = ablationVerdict(flat);
  assert.equal(none.case, "no-qualified");
  assert.equal(none.gateBeatsRandom, null);
  assert.match(none.sentence, /No prediction clears the signal threshold/);

  const closed = ablationVerdict(
    gateAblation(bars, { pred, bull: zeros, bear: zeros }, { permutations: 5, backtest }),
  );
  assert.equal(closed.case, "passes-none");
  assert.equal(closed.gateBeatsRandom, null);
  assert.ok(closed.sentence.includes(`none of the ${formatMetric(n, "count")} prediction`));

  const open = gateAblation(bars, { pred, bull: ones, bear: ones }, { permutations: 5, backtest });
  const all = ablationVerdict(open);
  assert.equal(all.case, "passes-all");
  assert.equal(all.gateBeatsRandom, null);
  assert.match(all.sentence, /passes every one of the/);
});

Deno.test("ablationVerdict: a winner gate beats random gates; alpha decides the wording", () => {
  const K = 50;
  const ab = gateAblation(bars, { pred, ...winnerGate() }, { permutations: K, seed: 2, backtest });
  const v = ablationVerdict(ab);
  assert.equal(v.case, "tested");
  assert.equal(ab.pValue, 1 / (K + 1));
  assert.equal(v.gateBeatsRandom, true);
  assert.ok(v.sentence.includes(`p = ${formatMetric(ab.pValue, "p")} (shift null`));
  assert.match(v.sentence, /picks better trades than chance at the 0.05 level/);
  assert.ok(v.sentence.includes(`${formatMetric(ab.ungated.trades, "count")} trades`));
  const strict = ablationVerdict(ab, { alpha: 0.01 }); // p = 1/51 ≈ 0.0196
  assert.equal(strict.gateBeatsRandom, false);
  assert.match(
    strict.sentence,
    /does \*\*not\*\* pick better trades than chance at the 0.01 level/,
  );
});

Deno.test("ablationTable: one row per gate, then one per null model with its p-value", () => {
  const u2 = seededRng(9);
  const bull = Float32Array.from({ length: n }, () => (u2.uniform() < 0.2 ? 1 : 0));
  const bear = Float32Array.from({ length: n }, () => (u2.uniform() < 0.2 ? 1 : 0));
  const ab = gateAblation(bars, { pred, bull, bear }, {
    permutations: 40,
    backtest,
    baseline: { label: "baseline gate", bull: ones, bear: zeros },
  });
  const rows = ablationTable(ab);
  assert.deepEqual(rows.map((r) => r.gate), [
    "attention gate",
    "no gate (prediction only)",
    "baseline gate",
    "40 random gates, shift null: mean [5 %, 50 %, 95 %]",
    "40 random gates, uniform null: mean [5 %, 50 %, 95 %]",
  ]);
  assert.equal(rows[0]["net P&L (CNY)"], formatMetric(ab.gated.netPnl, "CNY"));
  assert.equal(rows[1].trades, formatMetric(ab.ungated.trades, "count"));
  assert.equal(rows[3]["p-value"], `${formatMetric(ab.nulls.shift!.pValue, "p")} (primary)`);
  assert.equal(rows[4]["p-value"], formatMetric(ab.nulls.uniform!.pValue, "p"));
  assert.ok(rows[3]["net P&L (CNY)"].startsWith(formatMetric(ab.nulls.shift!.mean, "CNY")));
  assert.equal(rows[3]["long signals"], formatMetric(ab.gated.longSignals, "count"));
});
