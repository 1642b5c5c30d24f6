import assert from "node:assert/strict";
import type { BarTable } from "../lib/data/schema.ts";
import {
  calibrationFacts,
  generateMarket,
  MARKET_PRESETS,
  marketConfig,
  oracleIC,
  REAL_RB_TARGETS,
  stylizedFacts,
  withinTarget,
} from "../lib/market/mod.ts";
import { kurtosis, mean, pearson, std } from "../lib/stats/mod.ts";
import { seededRng } from "../lib/stats/random.ts";
import { barSchedule, tradingDays } from "../lib/calendar/mod.ts";

// The default year (2023, seed 42), generated once for the whole file.
const year = generateMarket();
const facts = stylizedFacts(year);
const n = year.time.length;
const book = year.book!;
const gt = year.groundTruth!.gt_exp_ret_5m!;
const regime = year.groundTruth!.gt_regime!;

const columns = (t: BarTable): Float64Array[] => [
  t.open,
  t.high,
  t.low,
  t.close,
  t.volume,
  t.openInterest!,
  t.book!.bidPrice1,
  t.book!.askPrice1,
  t.book!.bidVolume1,
  t.book!.askVolume1,
  t.groundTruth!.gt_exp_ret_5m!,
  t.groundTruth!.gt_regime!,
  t.groundTruth!.gt_informed!,
];

Deno.test("seededRng: deterministic; uniform, normal and unit-variance Student-t moments", () => {
  const a = seededRng(7), b = seededRng(7), c = seededRng(8);
  const xa = Array.from({ length: 5 }, a.uniform), xb = Array.from({ length: 5 }, b.uniform);
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, Array.from({ length: 5 }, c.uniform));
  const r = seededRng(1);
  const u = Float64Array.from({ length: 100_000 }, r.uniform);
  assert.ok(u.every((x) => x >= 0 && x < 1));
  assert.ok(Math.abs(mean(u) - 0.5) < 0.005, `uniform mean ${mean(u)}`);
  const z = Float64Array.from({ length: 100_000 }, r.normal);
  assert.ok(Math.abs(std(z) - 1) < 0.01, `normal sd ${std(z)}`);
  assert.ok(Math.abs(kurtosis(z) - 3) < 0.1, `normal kurtosis ${kurtosis(z)}`);
  const t = Float64Array.from({ length: 200_000 }, () => r.studentT(8));
  assert.ok(Math.abs(std(t) - 1) < 0.02, `t(8) sd ${std(t)}`);
  assert.ok(kurtosis(t) > 3.8, `t(8) kurtosis ${kurtosis(t)} (theory 4.5)`);
});

Deno.test("marketConfig: defaults, presets, unknown keys and bad values", () => {
  assert.equal(marketConfig().seed, 42);
  assert.equal(marketConfig().year, 2023);
  assert.equal(MARKET_PRESETS.tiny.maxDays, 10);
  assert.throws(() => marketConfig({ sead: 1 } as never), TypeError);
  assert.throws(() => marketConfig({ years: 0 }), RangeError);
  assert.throws(() => marketConfig({ shockDf: 2 }), RangeError);
  assert.throws(() => marketConfig({ informedProb: 1.5 }), RangeError);
});

Deno.test("generator: follows the 2023 calendar and the tiny preset", () => {
  const schedule = barSchedule(tradingDays(2023));
  assert.equal(n, 82_770);
  assert.deepEqual(year.time, schedule.time);
  assert.deepEqual(year.tradingDay, schedule.tradingDay);
  assert.equal(year.source, "synthetic default seed=42");
  const tiny = generateMarket(MARKET_PRESETS.tiny);
  assert.equal(new Set(tiny.tradingDay).size, 10);
  assert.equal(tiny.time.length, barSchedule(tradingDays(2023).slice(0, 10)).time.length);
  // The tiny table is the first bars of the default year: same seed, same draws.
  assert.deepEqual(tiny.close, year.close.subarray(0, tiny.time.length));
});

Deno.test("generator: same seed gives identical arrays, another seed differs", () => {
  const again = generateMarket({ seed: 42 });
  const a = columns(year), b = columns(again);
  for (let k = 0; k < a.length; k++) assert.deepEqual(a[k], b[k], `column ${k}`);
  const other = generateMarket({ ...MARKET_PRESETS.tiny, seed: 43 });
  const m = other.time.length;
  let same = 0;
  for (let i = 0; i < m; i++) if (other.close[i] === year.close[i]) same++;
  assert.ok(same < m / 2, `${same} of ${m} closes equal across seeds`);
});

Deno.test("generator: prices on the 1-CNY tick grid, in a sane rebar band, OHLC and book valid", () => {
  for (const col of [year.open, year.high, year.low, year.close, book.bidPrice1, book.askPrice1]) {
    for (let i = 0; i < n; i++) assert.ok(Number.isInteger(col[i]), `price ${col[i]} at ${i}`);
  }
  assert.ok(
    facts.closeMin >= 3300 && facts.closeMax <= 4500,
    `${facts.closeMin}–${facts.closeMax}`,
  );
  let farOff = 0;
  for (let i = 0; i < n; i++) {
    const o = year.open[i], h = year.high[i], l = year.low[i], c = year.close[i];
    assert.ok(h >= Math.max(o, c) && l <= Math.min(o, c), `OHLC ${o} ${h} ${l} ${c} at ${i}`);
    assert.ok(book.bidPrice1[i] < book.askPrice1[i], `bid ≥ ask at ${i}`);
    if (c < book.bidPrice1[i] - 1 || c > book.askPrice1[i] + 1) farOff++;
    const v = year.volume[i], bv = book.bidVolume1[i], av = book.askVolume1[i];
    assert.ok(Number.isInteger(v) && v >= 1, `volume ${v}`);
    assert.ok(Number.isInteger(bv) && bv >= 1 && Number.isInteger(av) && av >= 1);
    assert.ok(Number.isInteger(year.openInterest![i]));
  }
  assert.equal(farOff, 0);
  assert.equal(facts.maxInSessionOpenGapTicks <= 2, true);
  assert.ok(
    facts.meanSessionOpenGapTicks > 1.5,
    `session-open gap ${facts.meanSessionOpenGapTicks}`,
  );
  assert.ok(facts.meanDepth! > 200 && facts.meanDepth! < 3000, `depth ${facts.meanDepth}`);
  assert.ok(facts.meanOpenInterest! > 1.5e6 && facts.meanOpenInterest! < 2.5e6);
  assert.ok(facts.oiChangeVolumeCorr! > 0.2, `OI/volume corr ${facts.oiChangeVolumeCorr}`);
});

Deno.test("generator: spreads, fat tails, volatility clustering, bounce, volume profile", () => {
  const s = facts.spreadTicksShare!;
  assert.ok(s[1] >= 0.9, `1-tick share ${s[1]}`);
  assert.ok(s[2] > 0.01 && s[2] < 0.1, `2-tick share ${s[2]}`);
  assert.ok(facts.returnKurtosis > 3, `kurtosis ${facts.returnKurtosis}`);
  assert.ok(facts.absReturnAutocorr1 > 0.1, `|r| autocorr ${facts.absReturnAutocorr1}`);
  assert.ok(
    facts.closeChangeStdTicks > 3 && facts.closeChangeStdTicks < 4.5,
    `1-min close change s.d. ${facts.closeChangeStdTicks} ticks (about 9.7 bp at 3,900 CNY/t)`,
  );
  assert.ok(facts.returnAutocorr1 < -0.03, `bounce: lag-1 autocorr ${facts.returnAutocorr1}`);
  // Every calibration fact within its tolerance of real rebar (lib/market/calibration.ts).
  const values = calibrationFacts(year);
  for (const target of REAL_RB_TARGETS) {
    assert.ok(withinTarget(target, values[target.key]), `${target.label}: ${values[target.key]}`);
  }
  assert.ok(facts.meanVolume > 1000 && facts.meanVolume < 20_000, `volume ${facts.meanVolume}`);
});

Deno.test("generator: U-shaped volume, largest bursts at the 21:00 and 09:00 opens", () => {
  assert.ok(facts.dayOpenVolume > facts.middayVolume, `${facts.dayOpenVolume}`);
  assert.ok(facts.dayCloseVolume > facts.middayVolume, `${facts.dayCloseVolume}`);
  const byMinute = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const m = (year.time[i] % 86_400_000) / 60_000;
    (byMinute.get(m) ?? byMinute.set(m, []).get(m)!).push(year.volume[i]);
  }
  const avg = [...byMinute].map(([m, v]) => [m, mean(v)] as const).sort((a, b) => b[1] - a[1]);
  const top2 = new Set([avg[0][0], avg[1][0]]);
  assert.deepEqual(top2, new Set([21 * 60 + 1, 9 * 60 + 1]));
});

Deno.test("generator: ground truth is the conditional expectation with a realistic oracle IC", () => {
  const ic = oracleIC(year);
  assert.ok(ic >= 0.05 && ic <= 0.2, `oracle IC ${ic}`);
  const strong = facts.strongSignalShare!;
  assert.ok(strong > 0.005 && strong < 0.05, `share |gt| > 0.1%: ${strong}`);
  // Realised 5-bar returns regress on gt with slope ≈ 1 (gt is E[r | latent state]).
  const xs = new Float64Array(n - 5), ys = new Float64Array(n - 5);
  for (let i = 0; i + 5 < n; i++) (xs[i] = gt[i], ys[i] = year.close[i + 5] / year.close[i] - 1);
  const slope = pearson(xs, ys) * std(ys) / std(xs);
  assert.ok(slope > 0.8 && slope < 1.25, `slope ${slope}`);
  // Regimes: flat most of the time, trends last tens of bars.
  let flat = 0, runs = 0;
  for (let i = 0; i < n; i++) {
    if (regime[i] === 0) flat++;
    else if (i === 0 || regime[i - 1] !== regime[i]) runs++;
  }
  assert.ok(flat / n > 0.7 && flat / n < 0.95, `flat share ${flat / n}`);
  const meanRun = (n - flat) / runs;
  assert.ok(meanRun > 15 && meanRun < 60, `mean trend length ${meanRun}`);
});

Deno.test("generator: informed minutes reveal the regime through book imbalance and bodies", () => {
  // Mean log(bid_volume1 / ask_volume1) and volume-weighted body sign, by regime.
  const sums = { up: [0, 0, 0], down: [0, 0, 0], flat: [0, 0, 0] };
  for (let i = 0; i < n; i++) {
    const k = regime[i] > 0 ? "up" : regime[i] < 0 ? "down" : "flat";
    sums[k][0] += Math.log(book.bidVolume1[i] / book.askVolume1[i]);
    sums[k][1] += Math.sign(year.close[i] - year.open[i]) * year.volume[i];
    sums[k][2]++;
  }
  const imb = (k: "up" | "down" | "flat") => sums[k][0] / sums[k][2];
  const flow = (k: "up" | "down" | "flat") => sums[k][1] / sums[k][2];
  assert.ok(imb("up") > 0.05 && imb("down") < -0.05, `imbalance ${imb("up")} ${imb("down")}`);
  assert.ok(Math.abs(imb("flat")) < 0.02, `flat imbalance ${imb("flat")}`);
  assert.ok(flow("up") > 0 && flow("down") < 0, `signed volume ${flow("up")} ${flow("down")}`);
  // Trends come with more volume than flat markets (informed minutes).
  let vt = 0, nt = 0, vf = 0, nf = 0;
  for (let i = 0; i < n; i++) {
    if (regime[i] !== 0) (vt += year.volume[i], nt++);
    else (vf += year.volume[i], nf++);
  }
  assert.ok(vt / nt > 1.1 * (vf / nf), `trend volume ${vt / nt} vs flat ${vf / nf}`);
});

Deno.test("stylizedFacts and oracleIC work on a table without book, OI or ground truth", () => {
  const bare: BarTable = {
    ...year,
    openInterest: null,
    book: null,
    groundTruth: null,
    source: "bare",
  };
  const f = stylizedFacts(bare);
  assert.equal(f.spreadTicksShare, null);
  assert.equal(f.meanDepth, null);
  assert.equal(f.meanOpenInterest, null);
  assert.equal(f.strongSignalShare, null);
  assert.equal(f.returnKurtosis, facts.returnKurtosis);
  assert.equal(f.tradingDays, 242);
  assert.throws(() => oracleIC(bare), RangeError);
});

Deno.test("generator: multi-year runs go weekdays-only past the holiday tables", () => {
  const two = generateMarket({ year: 2026, years: 2 });
  const days = new Set(two.tradingDay);
  assert.equal(days.size, 242 + 261); // 2026 from the table, 2027 all weekdays
  assert.ok(days.has(20270101)); // unknown holiday treated as a trading day
  assert.ok(!days.has(20261001));
});
