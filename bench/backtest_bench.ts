/**
 * Backtest engine speed: simulate + markToMarket on ~1M one-minute bars (12 synthetic years of
 * the SHFE rb session layout, weekdays only), signals given. Target: ≥ 5 M bars/s.
 *
 *   deno bench -A bench/backtest_bench.ts
 *
 * Besides Deno.bench's per-iteration times, the file prints the best-of-N throughput in bars/s
 * for the engine (simulate + accounting), with and without a book.
 */
import { markToMarket, simulate, type SimulationBars, summarize } from "../lib/backtest/mod.ts";
import { barSchedule, tradingDays } from "../lib/calendar/mod.ts";

function buildBars(years: number, seed: number) {
  const days: number[] = [];
  for (let y = 2012; y < 2012 + years; y++) {
    days.push(...tradingDays(y, { unknownHolidays: "weekdays-only" }));
  }
  const { time, tradingDay } = barSchedule(days, { unknownHolidays: "weekdays-only" });
  const n = time.length;
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const open = new Float64Array(n), close = new Float64Array(n);
  const bid = new Float64Array(n), ask = new Float64Array(n);
  let p = 3800;
  for (let i = 0; i < n; i++) {
    open[i] = p;
    p = Math.max(1000, p + Math.round((u() - 0.5) * 6));
    close[i] = p;
    bid[i] = p - (u() < 0.5 ? 0 : 1);
    ask[i] = bid[i] + 1;
  }
  // About one signal every 20 bars, random side.
  const signals = new Int8Array(n);
  for (let i = 0; i < n; i++) if (u() < 0.05) signals[i] = u() < 0.5 ? 1 : -1;
  const bars: SimulationBars & { tradingDay: Int32Array } = {
    time,
    tradingDay,
    open,
    close,
    book: { bidPrice1: bid, askPrice1: ask },
  };
  return { bars, signals };
}

const { bars, signals } = buildBars(12, 42);
const noBook = { ...bars, book: null };
const N = bars.time.length;

function engine(b: SimulationBars) {
  const sim = simulate(b, signals);
  return markToMarket(b, sim).pnlNet[N - 1];
}

function throughput(label: string, b: SimulationBars, reps = 7) {
  engine(b); // warm-up (JIT)
  engine(b);
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    engine(b);
    best = Math.min(best, performance.now() - t0);
  }
  const rate = N / (best / 1000);
  const sim = simulate(b, signals);
  console.log(
    `${label}: ${N.toLocaleString("en")} bars, ${sim.trades.count.toLocaleString("en")} trades, ` +
      `best ${best.toFixed(1)} ms → ${(rate / 1e6).toFixed(1)} M bars/s ` +
      `(target ≥ 5 M bars/s: ${rate >= 5e6 ? "met" : "NOT met"})`,
  );
}

throughput("simulate + markToMarket, book   ", bars);
throughput("simulate + markToMarket, no book", noBook);

Deno.bench({
  name: `simulate + markToMarket, ${N} bars, book`,
  group: "engine",
  baseline: true,
  fn: () => void engine(bars),
});
Deno.bench({
  name: `simulate + markToMarket, ${N} bars, no book`,
  group: "engine",
  fn: () => void engine(noBook),
});
Deno.bench({
  name: `simulate only, ${N} bars`,
  group: "parts",
  fn: () => void simulate(bars, signals),
});
const sim = simulate(bars, signals);
Deno.bench({
  name: `markToMarket only, ${N} bars`,
  group: "parts",
  fn: () => void markToMarket(bars, sim),
});
Deno.bench({
  name: `summarize (metrics), ${N} bars`,
  group: "parts",
  fn: () => void summarize(bars, sim),
});
