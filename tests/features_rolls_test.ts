// Continuous contracts and longer bars in the features: back-adjusted prices for the features,
// real prices for the target, no window reaching back across a roll; time in session and spread
// in ticks by the product; the horizon in bars of the table.
import assert from "node:assert/strict";
import { instrument } from "../lib/calendar/mod.ts";
import {
  backAdjust,
  type BarTable,
  readBars,
  rollGaps,
  segmentsFromRollDays,
  writeBars,
} from "../lib/data/mod.ts";
import { buildFeatures, featureColumn, windowEnds } from "../lib/features/mod.ts";
import { generateMarket, MARKET_PRESETS } from "../lib/market/mod.ts";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const near = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

/** The tiny market as a continuous series: the first 5 days an old contract trading 60 higher. */
function rolled(): BarTable {
  const t = generateMarket(MARKET_PRESETS.tiny);
  const days = [...new Set(t.tradingDay)];
  const roll = t.tradingDay.indexOf(days[5]);
  const up = (a: Float64Array) => a.map((v, i) => i < roll ? v + 60 : v);
  return {
    ...t,
    open: up(t.open),
    high: up(t.high),
    low: up(t.low),
    close: up(t.close),
    book: {
      ...t.book!,
      bidPrice1: up(t.book!.bidPrice1),
      askPrice1: up(t.book!.askPrice1),
    },
    instrument: instrument("rb"),
    segments: { start: Int32Array.from([0, roll]), contracts: ["rb2305", "rb2310"] },
  };
}

Deno.test("rolls: written with a symbol column, read back as the same segments", async () => {
  const t = rolled();
  const dir = await Deno.makeTempDir({ prefix: "trendformer_roll_" });
  try {
    await writeBars(t, `${dir}/rb_continuous.csv`);
    const back = await readBars(`${dir}/rb_continuous.csv`);
    assert.deepEqual(back.segments, t.segments);
    assert.equal(back.instrument!.symbol, "rb");
    assert.match(back.instrumentFrom!, /^symbol column \(rb2305\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rolls: the fixture's gap, ratio and difference back-adjustment", async () => {
  const t = await readBars(fixture("roll_symbol_column.csv"));
  assert.deepEqual(t.segments, { start: Int32Array.from([0, 6]), contracts: ["rb2305", "rb2310"] });
  const [gap] = rollGaps(t);
  assert.equal(gap.index, 6);
  assert.equal(gap.difference, 3838 - 3898);
  near(gap.ratio, 3838 / 3898);
  const diff = backAdjust(t, { method: "difference" });
  assert.equal(diff.close[5], 3838); // the old contract's last close lands on the new first open
  assert.equal(diff.close[0], 3898 - 60);
  assert.deepEqual(diff.close.slice(6), t.close.slice(6)); // the latest contract is not moved
  const ratio = backAdjust(t, { method: "ratio" });
  near(ratio.close[5], 3838);
  near(ratio.close[1] / ratio.close[0], t.close[1] / t.close[0], 1e-12); // returns kept
  assert.deepEqual(ratio.close.slice(6), t.close.slice(6));
  const single = { ...t, segments: null };
  assert.equal(backAdjust(single), single); // no roll: the table itself
  // Roll days instead of a contract column.
  assert.deepEqual(
    segmentsFromRollDays(t.tradingDay, [20230412], { source: "x" })?.start,
    Int32Array.from([0, 6]),
  );
  assert.throws(
    () => segmentsFromRollDays(t.tradingDay, [20230413], { source: "x.csv" }),
    /Roll day 2023-04-13 is not a trading day of x.csv/,
  );
});

Deno.test("rolls: features on adjusted prices, target on real ones, no window across a roll", () => {
  const t = rolled();
  const roll = t.segments!.start[1];
  const frame = buildFeatures(t, { preset: "tiny" });
  const ret = featureColumn(frame, "ret_1m");
  // ret_1m at the roll's first bar: against the adjusted previous close (= the new first open),
  // not the 60-point jump between contracts.
  near(ret[roll], Math.log(t.close[roll] / t.open[roll]), 1e-6);
  const plain = buildFeatures({ ...t, segments: null }, { preset: "tiny" });
  assert.ok(Math.abs(featureColumn(plain, "ret_1m")[roll]) > 0.01, "unadjusted: the jump");
  // The target uses the traded prices (identical to the unadjusted frame's).
  assert.deepEqual(frame.target, plain.target);
  // Windows: none ending in the new contract reaches back before the roll.
  const days = [...new Set(t.tradingDay)];
  const ends = windowEnds(frame, days, { requireTarget: false });
  const L = frame.spec.window;
  for (const e of ends) assert.ok(e < roll || e - L + 1 >= roll, `window ending ${e}`);
  const across = windowEnds(plain, days, { requireTarget: false });
  assert.equal(across.length - ends.length, L - 1); // exactly the windows that would straddle
});

Deno.test("products: time in session past midnight and spread in the product's ticks", () => {
  const cu = instrument("cu"), au = instrument("au");
  const table = (inst = cu): BarTable => ({
    time: new Float64Array([
      Date.UTC(2023, 0, 4, 21, 1),
      Date.UTC(2023, 0, 5, 0, 30),
      Date.UTC(2023, 0, 5, 1, 0),
      Date.UTC(2023, 0, 5, 9, 1),
    ]),
    tradingDay: new Int32Array([20230105, 20230105, 20230105, 20230105]),
    open: new Float64Array([400, 400, 400, 400]),
    high: new Float64Array([401, 401, 401, 401]),
    low: new Float64Array([399, 399, 399, 399]),
    close: new Float64Array([400, 400, 400, 400]),
    volume: new Float64Array([1, 1, 1, 1]),
    openInterest: null,
    book: {
      bidPrice1: new Float64Array([399.98, 399.98, 399.98, 399.96]),
      askPrice1: new Float64Array([400, 400, 400, 400]),
      bidVolume1: new Float64Array([1, 1, 1, 1]),
      askVolume1: new Float64Array([1, 1, 1, 1]),
    },
    groundTruth: null,
    source: "hand-built",
    instrument: inst,
  });
  const tis = featureColumn(buildFeatures(table(), { preset: "tiny" }), "time_in_session");
  near(tis[0], 1 / 240);
  near(tis[1], 210 / 240); // 00:30 is minute 210 of cu's 21:00–01:00 night
  near(tis[2], 1);
  near(tis[3], 1 / 75);
  const spread = featureColumn(buildFeatures(table(au), { preset: "tiny" }), "spread_ticks");
  near(spread[0], 1); // 0.02 CNY/g = one au tick
  near(spread[3], 2);
  // Without an instrument rb's sessions apply: the bars after midnight are outside them.
  const bare = featureColumn(
    buildFeatures({ ...table(), instrument: undefined }, { preset: "tiny" }),
    "time_in_session",
  );
  assert.ok(Number.isNaN(bare[1]));
});

Deno.test("bar minutes: the 5-minute horizon is one 5-minute bar; 3-minute bars are refused", () => {
  const t = generateMarket(MARKET_PRESETS.tiny);
  const five = buildFeatures({ ...t, barMinutes: 5 }, { preset: "tiny" });
  assert.equal(five.spec.horizon, 1);
  assert.equal(five.spec.volumeLookback, 6); // 30 minutes
  near(five.target[0], t.close[1] / t.close[0] - 1);
  assert.throws(
    () => buildFeatures({ ...t, barMinutes: 3 }, { preset: "tiny" }),
    /The target horizon \(5 minutes\) is not a whole number of 3-minute bars/,
  );
});
