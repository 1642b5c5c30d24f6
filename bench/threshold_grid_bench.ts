/**
 * The threshold grid's speed: 20 signal thresholds × 20 attention thresholds (400 cells) over one
 * generated year (2023, seed 42: 82,770 bars with a book), from one pass of predictions and
 * attention scores, against the same 400 cells run one by one (signals → simulate → summarize).
 * The goal: the 20 × 20 grid in under 5 s.
 *
 * Predictions are a noisy copy of the generator's true expected 5-minute return (so cells trade),
 * attention scores uniform in [0.3, 0.8].
 *
 * Run: deno bench -A bench/threshold_grid_bench.ts
 */
import { simulate, simulateGrid, summarize } from "../lib/backtest/mod.ts";
import { generateMarket } from "../lib/market/generate_market.ts";
import { seededRng } from "../lib/stats/random.ts";
import { signals } from "../lib/strategy/mod.ts";

const table = generateMarket({ seed: 42, year: 2023 });
const n = table.time.length, gt = table.groundTruth!.gt_exp_ret_5m!;
const u = seededRng(1);
const pred = Float64Array.from(gt, (g) => g + (u.uniform() - 0.5) * 2e-3);
const bull = Float32Array.from({ length: n }, () => 0.3 + 0.5 * u.uniform());
const bear = Float32Array.from({ length: n }, () => 0.3 + 0.5 * u.uniform());
const signal = Array.from({ length: 20 }, (_, i) => i * 1e-4);
const attention = [null, ...Array.from({ length: 19 }, (_, k) => 0.3 + k * 0.025)];
let sink = 0;

Deno.bench({
  name: `simulateGrid 20 × 20 cells, ${n.toLocaleString("en-US")} bars, one pass`,
  group: "grid",
  baseline: true,
  n: 5,
  warmup: 1,
  fn: () => {
    sink += simulateGrid(table, { pred, bull, bear }, { signal, attention }).trades[0];
  },
});

Deno.bench({
  name: "the same 400 cells one by one (signals → simulate → summarize)",
  group: "grid",
  n: 2,
  warmup: 0,
  fn: () => {
    const pass = new Uint8Array(n).fill(1);
    for (const s of signal) {
      for (const a of attention) {
        const sig = a === null
          ? signals(pred, { bull: pass, bear: pass }, { signalThreshold: s, attentionThreshold: 0 })
          : signals(pred, { bull, bear }, { signalThreshold: s, attentionThreshold: a });
        sink += summarize(table, simulate(table, sig)).trades;
      }
    }
  },
});

globalThis.addEventListener("unload", () => {
  if (sink === -1) console.log(sink);
});
