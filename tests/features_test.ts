import assert from "node:assert/strict";
import type { BarTable } from "../lib/data/schema.ts";
import {
  applyNormalizer,
  buildFeatures,
  featureColumn,
  featureConfig,
  type FeatureFrame,
  featureTargetCorrelation,
  fillWindows,
  fitNormalizer,
  makeWindows,
  parseNormStats,
  splitByDay,
  timeInSession,
  windowEnds,
  windowRows,
  withFutureFeature,
} from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { MARKET_PRESETS } from "../lib/market/mod.ts";
import { spearman } from "../lib/stats/moments.ts";

// ---------------------------------------------------------------------------------------------
// Hand-built bar tables

/** Bar-end stamps of SHFE rb trading days: night (previous calendar evening) then day sessions. */
function schedule(days: number[], night = true): { time: number[]; tradingDay: number[] } {
  const time: number[] = [], tradingDay: number[] = [];
  const segs = [[540, 615], [630, 690], [810, 900]];
  for (const d of days) {
    const y = Math.floor(d / 10000), mo = Math.floor(d / 100) % 100 - 1, da = d % 100;
    const midnight = Date.UTC(y, mo, da);
    if (night) {
      for (let m = 1261; m <= 1380; m++) {
        (time.push(midnight - 86_400_000 + m * 60_000), tradingDay.push(d));
      }
    }
    for (const [o, c] of segs) {
      for (let m = o + 1; m <= c; m++) (time.push(midnight + m * 60_000), tradingDay.push(d));
    }
  }
  return { time, tradingDay };
}

/** Consecutive calendar days from 2023-03-01 (weekends ignored: this is a fixture). */
function dayList(count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const dt = new Date(Date.UTC(2023, 2, 1 + i));
    return dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
  });
}

/** A random-walk bar table over `days` (seeded LCG), optionally with open interest and a book. */
function makeTable(
  days: number[],
  opts: { oi?: boolean; book?: boolean; seed?: number; spread?: number } = {},
): BarTable {
  const { time, tradingDay } = schedule(days);
  const n = time.length;
  let s = opts.seed ?? 7;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n);
  const close = new Float64Array(n), volume = new Float64Array(n), oi = new Float64Array(n);
  const bid = new Float64Array(n), ask = new Float64Array(n);
  const bv = new Float64Array(n), av = new Float64Array(n);
  let price = 3800, interest = 2e6;
  for (let i = 0; i < n; i++) {
    open[i] = price + Math.floor(rnd() * 3) - 1;
    close[i] = open[i] + Math.floor(rnd() * 9) - 4;
    high[i] = Math.max(open[i], close[i]) + Math.floor(rnd() * 3);
    low[i] = Math.min(open[i], close[i]) - Math.floor(rnd() * 3);
    volume[i] = 2 * Math.floor(rnd() * 500);
    interest += Math.floor(rnd() * 201) - 100;
    oi[i] = interest;
    const spread = opts.spread ?? 1 + Math.floor(rnd() * 3);
    bid[i] = close[i];
    ask[i] = close[i] + spread;
    bv[i] = Math.floor(rnd() * 300);
    av[i] = Math.floor(rnd() * 300);
    price = close[i];
  }
  return {
    time: Float64Array.from(time),
    tradingDay: Int32Array.from(tradingDay),
    open,
    high,
    low,
    close,
    volume,
    openInterest: opts.oi ? oi : null,
    book: opts.book ? { bidPrice1: bid, askPrice1: ask, bidVolume1: bv, askVolume1: av } : null,
    groundTruth: null,
    source: `test fixture seed=${opts.seed ?? 7}`,
  };
}

const f32 = Math.fround;
const at = (frame: FeatureFrame, row: number, name: string) =>
  frame.values[row * frame.names.length + frame.names.indexOf(name)];

// ---------------------------------------------------------------------------------------------
// Features and target

Deno.test("features match hand-computed values", () => {
  const t = makeTable(dayList(1), { oi: true, book: true });
  const fr = buildFeatures(t, { volumeLookback: 4, tickSize: 2 });
  assert.deepEqual(fr.names, [
    "ret_1m",
    "body",
    "range",
    "log_vol_rel",
    "oi_change",
    "spread_ticks",
    "depth_imb",
    "time_in_session",
  ]);
  assert.deepEqual(fr.absent, []);
  assert.equal(fr.values.length, t.time.length * 8);
  for (const i of [1, 2, 57, 200, 344]) {
    assert.equal(at(fr, i, "ret_1m"), f32(Math.log(t.close[i] / t.close[i - 1])));
    assert.equal(at(fr, i, "body"), f32((t.close[i] - t.open[i]) / t.open[i]));
    assert.equal(at(fr, i, "range"), f32((t.high[i] - t.low[i]) / t.open[i]));
    const doi = (t.openInterest![i] - t.openInterest![i - 1]) / t.openInterest![i - 1];
    assert.equal(at(fr, i, "oi_change"), f32(doi));
    const b = t.book!;
    assert.equal(at(fr, i, "spread_ticks"), f32((b.askPrice1[i] - b.bidPrice1[i]) / 2));
    const imb = (b.bidVolume1[i] - b.askVolume1[i]) / (b.bidVolume1[i] + b.askVolume1[i]);
    assert.equal(at(fr, i, "depth_imb"), f32(imb));
  }
  // log_vol_rel: median of the previous 4 volumes (current bar excluded).
  for (const i of [4, 5, 100]) {
    const prev = Array.from(t.volume.subarray(i - 4, i)).sort((a, b) => a - b);
    const med = (prev[1] + prev[2]) / 2;
    assert.equal(at(fr, i, "log_vol_rel"), f32(Math.log((t.volume[i] + 1) / (med + 1))));
  }
  // Warm-up and first-bar NaNs.
  for (let i = 0; i < 4; i++) assert.ok(Number.isNaN(at(fr, i, "log_vol_rel")));
  assert.ok(Number.isNaN(at(fr, 0, "ret_1m")));
  assert.ok(Number.isNaN(at(fr, 0, "oi_change")));
  // time_in_session: night 21:01, 23:00, am1 09:01, am2 10:31, pm 13:31, 15:00.
  const expect: [number, number][] = [[0, 1 / 120], [119, 1], [120, 1 / 75], [195, 1 / 60], [
    255,
    1 / 90,
  ], [344, 1]];
  for (const [i, v] of expect) assert.equal(at(fr, i, "time_in_session"), f32(v));
  // isUp / isDown.
  for (let i = 0; i < t.time.length; i++) {
    assert.equal(fr.isUp[i], t.close[i] > t.open[i] ? 1 : 0);
    assert.equal(fr.isDown[i], t.close[i] < t.open[i] ? 1 : 0);
  }
  assert.deepEqual(fr.spec, featureConfig({ volumeLookback: 4, tickSize: 2 }));
});

Deno.test("depth_imb is NaN when both book sizes are 0; zero OI gives NaN oi_change", () => {
  const t = makeTable(dayList(1), { oi: true, book: true });
  t.book!.bidVolume1[10] = 0;
  t.book!.askVolume1[10] = 0;
  t.openInterest![20] = 0;
  const fr = buildFeatures(t);
  assert.ok(Number.isNaN(at(fr, 10, "depth_imb")));
  assert.ok(Number.isNaN(at(fr, 21, "oi_change")));
  assert.ok(Number.isFinite(at(fr, 11, "depth_imb")));
});

Deno.test("time_in_session (polars) equals lib/market sessionOf on every bar", () => {
  const t = makeTable(dayList(2));
  const tis = featureColumn(buildFeatures(t, { features: ["time_in_session"] }), "time_in_session");
  for (let i = 0; i < t.time.length; i++) assert.equal(tis[i], f32(timeInSession(t.time[i])));
  // Outside every session → NaN.
  const odd = makeTable(dayList(1));
  odd.time[5] = odd.time[4] + 30_000; // 21:05:30 is fine (in session) …
  odd.time[200] = Date.UTC(2023, 2, 1, 12, 0); // … 12:00 is the lunch break
  odd.time = odd.time.map((x, i) => (i > 200 ? x + 3 * 3_600_000 : x)); // keep time increasing
  const fr = buildFeatures(odd, { features: ["time_in_session"] });
  assert.ok(Number.isNaN(fr.values[200]));
  assert.equal(fr.values[5], f32(timeInSession(odd.time[5])));
  assert.ok(Math.abs(fr.values[5] - 5.5 / 120) < 1e-6);
});

Deno.test("target never crosses a trading day and matches hand computation", () => {
  const t = makeTable(dayList(2));
  const fr = buildFeatures(t);
  const n = t.time.length;
  assert.equal(n, 690);
  // Day 1 is rows 0..344: its last 5 bars have no target; bar 339 looks at 344.
  for (let i = 340; i < 345; i++) assert.ok(Number.isNaN(fr.target[i]), `row ${i}`);
  assert.equal(fr.target[339], f32(t.close[344] / t.close[339] - 1));
  // Night bar 22:58 (row 117) crosses the night→day break inside the same trading day.
  assert.equal(fr.target[117], f32(t.close[122] / t.close[117] - 1));
  // Exhaustive: defined iff t+5 is in the same trading day, with the exact value.
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const same = i + 5 < n && t.tradingDay[i + 5] === t.tradingDay[i];
    if (same) assert.equal(fr.target[i], f32(t.close[i + 5] / t.close[i] - 1));
    else (assert.ok(Number.isNaN(fr.target[i])), nan++);
  }
  assert.equal(nan, 10);
  // Horizon 3.
  const fr3 = buildFeatures(t, { horizon: 3 });
  assert.ok(Number.isNaN(fr3.target[342]));
  assert.equal(fr3.target[341], f32(t.close[344] / t.close[341] - 1));
});

Deno.test("absent fields are reported and have no column", () => {
  const bare = buildFeatures(makeTable(dayList(1)));
  assert.deepEqual(bare.absent, ["oi_change", "spread_ticks", "depth_imb"]);
  assert.deepEqual(bare.names, ["ret_1m", "body", "range", "log_vol_rel", "time_in_session"]);
  assert.equal(bare.values.length, 345 * 5);
  const noBook = buildFeatures(makeTable(dayList(1), { oi: true }));
  assert.deepEqual(noBook.absent, ["spread_ticks", "depth_imb"]);
  assert.ok(noBook.names.includes("oi_change"));
  // An explicit subset reports only the absent ones it asked for.
  const sub = buildFeatures(makeTable(dayList(1)), { features: ["depth_imb", "body"] });
  assert.deepEqual(sub.names, ["body"]);
  assert.deepEqual(sub.absent, ["depth_imb"]);
});

Deno.test("config and table validation throw the right errors", () => {
  assert.throws(() => featureConfig({ window: 0 }), RangeError);
  assert.throws(() => featureConfig({ foo: 1 } as never), TypeError);
  assert.throws(() => featureConfig({ features: ["nope" as never] }), TypeError);
  assert.throws(() => featureConfig({ preset: "huge" as never }), TypeError);
  assert.equal(featureConfig({ preset: "tiny" }).window, 20);
  const t = makeTable(dayList(1));
  t.time[10] = t.time[9];
  assert.throws(() => buildFeatures(t), /not strictly increasing at row 10/);
  const u = makeTable(dayList(1));
  u.close = u.close.subarray(1);
  assert.throws(() => buildFeatures(u), /close has 344 values, expected 345/);
});

// ---------------------------------------------------------------------------------------------
// Splits and windows

Deno.test("splitByDay: chronological, purge days dropped at each boundary", () => {
  const days = dayList(22);
  const perBar = schedule(days).tradingDay; // repeats and all
  const s = splitByDay(perBar);
  assert.deepEqual(s.train, days.slice(0, 14));
  assert.deepEqual(s.purged, [days[14], days[18]]);
  assert.deepEqual(s.val, days.slice(15, 18));
  assert.deepEqual(s.test, days.slice(19, 22));
  const s2 = splitByDay(days, { train: 0.5, val: 0.25, test: 0.25, purgeDays: 2 });
  assert.equal(s2.train.length + s2.val.length + s2.test.length + s2.purged.length, 22);
  assert.deepEqual([s2.train.length, s2.val.length, s2.test.length], [9, 5, 4]);
  assert.deepEqual(s2.purged, days.slice(9, 11).concat(days.slice(16, 18)));
  const noVal = splitByDay(days, { train: 0.8, val: 0, test: 0.2 });
  assert.deepEqual(noVal.val, []);
  assert.equal(noVal.purged.length, 1);
  assert.throws(() => splitByDay(days, { train: 0.7, val: 0.2, test: 0.2 }), RangeError);
  assert.throws(() => splitByDay(days.slice(0, 4)), RangeError);
  assert.throws(() => splitByDay(days, { purge: 1 } as never), TypeError);
});

/** Brute-force window eligibility, straight from the rule. */
function eligible(
  fr: FeatureFrame,
  days: number[],
  L: number,
  H: number,
  requireTarget: boolean,
): number[] {
  const set = new Set(days), n = fr.time.length, f = fr.names.length, out: number[] = [];
  for (let t = L - 1; t < n; t++) {
    let ok = true;
    for (let r = t - L + 1; r <= t && ok; r++) {
      ok = set.has(fr.tradingDay[r]);
      for (let j = 0; j < f && ok; j++) ok = Number.isFinite(fr.values[r * f + j]);
    }
    if (ok && requireTarget) {
      ok = t + H < n && Number.isFinite(fr.target[t]);
      for (let r = t + 1; r <= t + H && ok; r++) ok = set.has(fr.tradingDay[r]);
    }
    if (ok) out.push(t);
  }
  return out;
}

const big = makeTable(dayList(12), { oi: true, book: true, seed: 11 });
const bigFrame = buildFeatures(big, { volumeLookback: 30 });
const bigSplit = splitByDay(bigFrame.tradingDay);

Deno.test("no window or target crosses a split; purge days never used (exhaustive)", () => {
  const fr = bigFrame, split = bigSplit;
  assert.deepEqual([split.train.length, split.val.length, split.test.length], [7, 2, 1]);
  for (const part of ["train", "val", "test"] as const) {
    const days = split[part], set = new Set(days);
    const ends = windowEnds(fr, days);
    assert.ok(ends.length > 100, `${part} has ${ends.length} windows`);
    assert.deepEqual(Array.from(ends), eligible(fr, days, 60, 5, true));
    for (const t of ends) {
      for (let r = t - 59; r <= t + 5; r++) {
        assert.ok(set.has(fr.tradingDay[r]), `${part} window ${t} touches ${fr.tradingDay[r]}`);
        assert.ok(!split.purged.includes(fr.tradingDay[r]));
      }
      assert.ok(Number.isFinite(fr.target[t]));
    }
  }
  // The first val window ends 59 bars into the val split (it needs 60 rows of val days).
  const valEnds = windowEnds(fr, split.val);
  const firstValRow = fr.tradingDay.indexOf(split.val[0]);
  assert.equal(valEnds[0], firstValRow + 59);
  // The last 5 bars of every day are excluded (their target crosses the day).
  const dayEnds = new Set<number>();
  for (let i = 0; i < fr.time.length; i++) {
    if (i + 1 === fr.time.length || fr.tradingDay[i + 1] !== fr.tradingDay[i]) {
      for (let k = 0; k < 5; k++) dayEnds.add(i - k);
    }
  }
  for (const part of ["train", "val", "test"] as const) {
    for (const t of windowEnds(fr, split[part])) assert.ok(!dayEnds.has(t));
  }
  // Windows do span day boundaries inside one split (documented rule).
  const trainEnds = windowEnds(fr, split.train);
  assert.ok(trainEnds.some((t) => fr.tradingDay[t - 59] !== fr.tradingDay[t]));
});

Deno.test("requireTarget false keeps day-end bars; stride keeps bar-index multiples", () => {
  const fr = bigFrame, days = bigSplit.test;
  const all = windowEnds(fr, days, { requireTarget: false });
  assert.deepEqual(Array.from(all), eligible(fr, days, 60, 5, false));
  const last = fr.time.length - 1;
  assert.equal(all[all.length - 1], last); // the split's very last bar, target NaN
  assert.ok(Number.isNaN(fr.target[last]));
  for (const stride of [3, 7]) {
    const ends = windowEnds(fr, bigSplit.train, { stride });
    const want = eligible(fr, bigSplit.train, 60, 5, true).filter((t) => t % stride === 0);
    assert.deepEqual(Array.from(ends), want);
  }
  // Other lengths and a longer guard horizon.
  const e20 = windowEnds(fr, bigSplit.val, { length: 20, horizon: 8 });
  assert.deepEqual(Array.from(e20), eligible(fr, bigSplit.val, 20, 8, true));
  assert.throws(() => windowEnds(fr, bigSplit.val, { horizon: 4 }), RangeError);
});

Deno.test("windows hold exactly the frame rows; fillWindows streams the same data", () => {
  const fr = bigFrame, f = fr.names.length;
  const ends = windowEnds(fr, bigSplit.train);
  const w = makeWindows(fr, ends);
  assert.deepEqual(w.shape, [ends.length, 60, f]);
  assert.equal(w.x.length, ends.length * 60 * f);
  for (const i of [0, 1, 17, ends.length - 1]) {
    const t = ends[i];
    assert.equal(w.y[i], fr.target[t]);
    for (const r of [0, 1, 30, 59]) {
      for (let j = 0; j < f; j++) {
        assert.equal(w.x[(i * 60 + r) * f + j], fr.values[(t - 59 + r) * f + j]);
      }
    }
  }
  // Streaming into a reused buffer gives the same numbers.
  const x = new Float32Array(64 * 60 * f), y = new Float32Array(64);
  for (let s = 0; s < ends.length; s += 64) {
    const b = fillWindows(fr, ends, { start: s, count: 64, x, y });
    const c = Math.min(64, ends.length - s);
    assert.deepEqual(b.shape, [c, 60, f]);
    assert.deepEqual(b.x, w.x.subarray(s * 60 * f, (s + c) * 60 * f));
    assert.deepEqual(b.y, w.y.subarray(s, s + c));
    assert.equal(b.x.buffer, x.buffer);
  }
  assert.throws(() => fillWindows(fr, ends, { count: 10, x: new Float32Array(5) }), RangeError);
  assert.throws(() => makeWindows(fr, [10]), RangeError); // would start before row 0
});

// ---------------------------------------------------------------------------------------------
// Normalisation

Deno.test("normaliser is fitted on training rows only and applied with clipping", () => {
  const fr = bigFrame, f = fr.names.length;
  const trainEnds = windowEnds(fr, bigSplit.train);
  const norm = fitNormalizer(fr, trainEnds);
  const rows = windowRows(trainEnds, { length: 60 });
  assert.equal(norm.rows, rows.length);
  assert.equal(norm.windows, trainEnds.length);
  // Hand-computed mean / sample std of one feature and of the target.
  const j = fr.names.indexOf("body");
  let s = 0, ss = 0;
  for (const r of rows) s += fr.values[r * f + j];
  const m = s / rows.length;
  for (const r of rows) ss += (fr.values[r * f + j] - m) ** 2;
  assert.ok(Math.abs(norm.mean[j] - m) < 1e-12);
  assert.ok(Math.abs(norm.std[j] - Math.sqrt(ss / (rows.length - 1))) < 1e-12);
  let ty = 0, tyy = 0;
  for (const t of trainEnds) ty += fr.target[t];
  for (const t of trainEnds) tyy += (fr.target[t] - ty / trainEnds.length) ** 2;
  assert.ok(Math.abs(norm.targetStd - Math.sqrt(tyy / (trainEnds.length - 1))) < 1e-12);

  // Changing every non-train row leaves the stats unchanged …
  const inTrain = new Uint8Array(fr.time.length);
  for (const r of rows) inTrain[r] = 1;
  for (const t of trainEnds) inTrain[t] = 1;
  const other = { ...fr, values: fr.values.slice(), target: fr.target.slice() };
  for (let i = 0; i < fr.time.length; i++) {
    if (inTrain[i]) continue;
    for (let k = 0; k < f; k++) other.values[i * f + k] += 100;
    other.target[i] = 1;
  }
  assert.deepEqual(fitNormalizer(other, trainEnds), norm);
  // … while changing one training row changes them.
  const moved = { ...fr, values: fr.values.slice() };
  moved.values[rows[5] * f + j] += 1;
  assert.notEqual(fitNormalizer(moved, trainEnds).mean[j], norm.mean[j]);

  // apply: z-score, clipped to ±clip, NaN kept.
  const z = applyNormalizer(fr, norm);
  const k = 400 * f + j;
  assert.equal(
    z.values[k],
    f32(Math.max(-5, Math.min(5, (fr.values[k] - norm.mean[j]) / norm.std[j]))),
  );
  let maxAbs = 0;
  for (const v of z.values) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  assert.ok(maxAbs <= 5);
  const tight = applyNormalizer(fr, { ...norm, clip: 0.5 });
  assert.ok(tight.values.some((v) => v === 0.5) && tight.values.some((v) => v === -0.5));
  assert.ok(Number.isNaN(z.values[0])); // ret_1m at row 0

  // makeWindows with norm = windows of the normalised frame.
  const a = makeWindows(fr, trainEnds.subarray(0, 50), { norm });
  const b = makeWindows(z, trainEnds.subarray(0, 50));
  assert.deepEqual(a.x, b.x);

  // JSON round trip; a constant feature gets std 1.
  assert.deepEqual(parseNormStats(JSON.parse(JSON.stringify(norm))), norm);
  assert.throws(() => parseNormStats({ ...norm, std: norm.std.slice(1) }), TypeError);
  const flat = buildFeatures(makeTable(dayList(4), { book: true, spread: 2 }), {
    volumeLookback: 30,
  });
  const flatNorm = fitNormalizer(flat, windowEnds(flat, dayList(4)));
  const sj = flat.names.indexOf("spread_ticks");
  assert.equal(flatNorm.mean[sj], 2);
  assert.equal(flatNorm.std[sj], 1);
  assert.throws(() => applyNormalizer(flat, norm), TypeError); // different feature set
});

// ---------------------------------------------------------------------------------------------
// IC and the leakage demo

Deno.test("feature IC: honest features score low, the future feature scores ~1", () => {
  const fr = bigFrame;
  const ends = windowEnds(fr, bigSplit.train);
  const ics = featureTargetCorrelation(fr, { rows: ends });
  assert.deepEqual(ics.map((r) => r.name), fr.names);
  // Exact Pearson for one feature, by hand.
  const j = fr.names.indexOf("range"), f = fr.names.length;
  const xs = Array.from(ends, (t) => fr.values[t * f + j]);
  const ys = Array.from(ends, (t) => fr.target[t]);
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  assert.ok(Math.abs(ics[j].ic - sxy / Math.sqrt(sxx * syy)) < 1e-9);
  assert.equal(ics[j].n, ends.length);

  const leaky = withFutureFeature(fr);
  assert.equal(leaky.names.at(-1), "future_ret_5");
  const rank = featureTargetCorrelation(leaky, { rank: true });
  for (const r of rank.slice(0, -1)) assert.ok(Math.abs(r.ic) < 0.2, `${r.name} ${r.ic}`);
  assert.ok(rank.at(-1)!.ic > 0.99, `leaky IC ${rank.at(-1)!.ic}`);
  const one = featureTargetCorrelation(withFutureFeature(fr, { lookahead: 1 }), { rank: true });
  assert.ok(one.at(-1)!.ic > 0.25, `lookahead 1 IC ${one.at(-1)!.ic}`);
  // Leaky column is the future log return, exactly as documented.
  const i = 1000, g = leaky.names.length;
  let sum = 0;
  for (let k = 1; k <= 5; k++) sum += fr.values[(i + k) * f + fr.names.indexOf("ret_1m")];
  assert.equal(leaky.values[i * g + g - 1], f32(sum));
  assert.equal(leaky.values[i * g + j], fr.values[i * f + j]);
});

// ---------------------------------------------------------------------------------------------
// On the generator's tiny market

Deno.test("tiny generated market: all features, finite after warm-up, target tracks the truth", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const fr = buildFeatures(table, { preset: "tiny" });
  assert.deepEqual(fr.absent, []);
  assert.equal(fr.names.length, 8);
  const n = fr.time.length, f = fr.names.length;
  let bad = 0;
  for (let k = (fr.spec.volumeLookback) * f; k < n * f; k++) {
    if (!Number.isFinite(fr.values[k])) bad++;
  }
  assert.equal(bad, 0);
  // The realised target and the generator's expected 5-bar return line up bar for bar.
  const ic = spearman(table.groundTruth!.gt_exp_ret_5m!, fr.target);
  assert.ok(ic > 0.05, `IC with ground truth ${ic}`);
  const split = splitByDay(fr.tradingDay);
  for (const part of ["train", "val", "test"] as const) {
    const ends = windowEnds(fr, split[part]);
    assert.deepEqual(Array.from(ends), eligible(fr, split[part], 20, 5, true));
  }
});
