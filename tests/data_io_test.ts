// CSV round trips, the exact written format, determinism, atomic writes, vendor bar files,
// trading-day derivation and describeBars.
import assert from "node:assert/strict";
import {
  type BarTable,
  deriveTradingDays,
  describeBars,
  readBars,
  writeBars,
  writeFileAtomic,
} from "../lib/data/mod.ts";
import { generateMarket, MARKET_PRESETS } from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile } from "./real_data.ts";

const M = 60_000;

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_io_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const listDir = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

/** Friday night 2023-01-06 (trading day Monday 20230109) then Monday's first two day bars. */
function handTable(): BarTable {
  const fri = Date.UTC(2023, 0, 6, 21, 1), mon = Date.UTC(2023, 0, 9, 9, 1);
  return {
    time: new Float64Array([fri, fri + M, mon, mon + M]),
    tradingDay: new Int32Array([20230109, 20230109, 20230109, 20230109]),
    open: new Float64Array([4100, 4101.5, 4099, 4100]),
    high: new Float64Array([4102, 4103, 4101, 4100]),
    low: new Float64Array([4099, 4101, 4098, 4097]),
    close: new Float64Array([4101.5, 4102, 4100, 4098]),
    volume: new Float64Array([1200, 0, 3400, 15]),
    openInterest: new Float64Array([1900000, 1900012, 1899950, 1899950]),
    book: {
      bidPrice1: new Float64Array([4101, 4101, 4099, 4097]),
      askPrice1: new Float64Array([4102, 4103, 4100, 4098]),
      bidVolume1: new Float64Array([10, 20, 30, 40]),
      askVolume1: new Float64Array([5, 6, 7, 8]),
      spreadMean: new Float64Array([1, 1.0166666666666666, 2, 1]),
      depthMean: new Float64Array([7.5, 13.25, 18.5, 24]),
    },
    groundTruth: {
      gt_exp_ret_5m: new Float64Array([1e-7, -1.2345678901234567e-5, 0, NaN]),
      gt_regime: new Float64Array([1, 1, 0, -1]),
    },
    source: "hand-built",
  };
}

function assertSameTable(a: BarTable, b: BarTable): void {
  for (const k of ["time", "tradingDay", "open", "high", "low", "close", "volume"] as const) {
    assert.deepStrictEqual(a[k], b[k], k);
  }
  assert.deepStrictEqual(a.openInterest, b.openInterest);
  assert.deepStrictEqual(a.book, b.book);
  assert.deepStrictEqual(a.groundTruth, b.groundTruth);
}

Deno.test("writeBars writes the documented format, byte for byte", async () => {
  await withTempDir(async (dir) => {
    await writeBars(handTable(), `${dir}/m.csv`);
    const text = await Deno.readTextFile(`${dir}/m.csv`);
    assert.equal(
      text,
      "datetime,trading_day,open,high,low,close,volume,open_interest,bid_price1,ask_price1," +
        "bid_volume1,ask_volume1,spread_mean,depth_mean,gt_exp_ret_5m,gt_regime\n" +
        "2023-01-06T21:01:00,2023-01-09,4100,4102,4099,4101.5,1200,1900000,4101,4102,10,5,1,7.5,1e-7,1\n" +
        "2023-01-06T21:02:00,2023-01-09,4101.5,4103,4101,4102,0,1900012,4101,4103,20,6,1.0166666666666666,13.25,-0.000012345678901234568,1\n" +
        "2023-01-09T09:01:00,2023-01-09,4099,4101,4098,4100,3400,1899950,4099,4100,30,7,2,18.5,0,0\n" +
        "2023-01-09T09:02:00,2023-01-09,4100,4100,4097,4098,15,1899950,4097,4098,40,8,1,24,,-1\n",
    );
  });
});

Deno.test("write → read reproduces a hand-built table exactly (NaN, fractions, book means)", async () => {
  await withTempDir(async (dir) => {
    const table = handTable();
    await writeBars(table, `${dir}/m.csv`);
    const back = await readBars(`${dir}/m.csv`);
    assert.equal(back.source, `${dir}/m.csv`);
    assertSameTable(back, table);
  });
});

Deno.test("write → read reproduces the tiny generated market; identical input, identical bytes", async () => {
  await withTempDir(async (dir) => {
    const table = generateMarket(MARKET_PRESETS.tiny);
    await writeBars(table, `${dir}/a.csv`);
    await writeBars(generateMarket(MARKET_PRESETS.tiny), `${dir}/b.csv`);
    const back = await readBars(`${dir}/a.csv`);
    assertSameTable(back, table);
    await writeBars(back, `${dir}/c.csv`);
    const [a, b, c] = await Promise.all(
      ["a", "b", "c"].map((n) => Deno.readFile(`${dir}/${n}.csv`)),
    );
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.deepEqual(listDir(dir), ["a.csv", "b.csv", "c.csv"]);
  });
});

Deno.test("a writer that fails midway leaves the earlier file intact and no temp file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/out.csv`;
    await Deno.writeTextFile(path, "old content\n");
    await assert.rejects(
      () =>
        writeFileAtomic(path, async (tmp) => {
          await Deno.writeTextFile(tmp, "half of the new con");
          throw new Error("disk full (simulated)");
        }),
      { message: "disk full (simulated)" },
    );
    assert.equal(await Deno.readTextFile(path), "old content\n");
    assert.deepEqual(listDir(dir), ["out.csv"]);
  });
});

Deno.test("writeBars whose final rename fails removes its temp file and keeps the target", async () => {
  await withTempDir(async (dir) => {
    // The target is a non-empty directory: polars writes the temp CSV, the rename then fails.
    const target = `${dir}/market.csv`;
    await Deno.mkdir(target);
    await Deno.writeTextFile(`${target}/keep.txt`, "keep");
    await assert.rejects(() => writeBars(handTable(), target));
    assert.deepEqual(listDir(dir), ["market.csv"]);
    assert.equal(await Deno.readTextFile(`${target}/keep.txt`), "keep");
    // A missing directory fails before anything is written.
    await assert.rejects(
      () => writeBars(handTable(), `${dir}/nope/market.csv`),
      Deno.errors.NotFound,
    );
    assert.deepEqual(listDir(dir), ["market.csv"]);
  });
});

Deno.test("writeBars replaces an existing file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/m.csv`;
    await Deno.writeTextFile(path, "old\n");
    await writeBars(handTable(), path);
    assert.equal((await readBars(path)).time.length, 4);
    assert.deepEqual(listDir(dir), ["m.csv"]);
  });
});

realDataTest("vn.py bar file: 3,450 bars, Friday night belongs to Monday, no OI or book", [
  RB_BARS,
], async () => {
  const t = await readBars(realFile(RB_BARS));
  assert.equal(t.time.length, 3450);
  assert.equal(t.openInterest, null);
  assert.equal(t.book, null);
  assert.equal(t.groundTruth, null);
  // Line 2: 2017-5-31,21:01:00,3102,3106,3095,3101,135598
  assert.equal(t.time[0], Date.UTC(2017, 4, 31, 21, 1));
  assert.equal(t.tradingDay[0], 20170601);
  assert.deepEqual([t.open[0], t.high[0], t.low[0], t.close[0], t.volume[0]], [
    3102,
    3106,
    3095,
    3101,
    135598,
  ]);
  const friNight = t.time.indexOf(Date.UTC(2017, 5, 2, 21, 1));
  assert.equal(t.tradingDay[friNight], 20170605);
  assert.equal(t.tradingDay[friNight - 1], 20170602); // Friday 15:00
  assert.equal(t.time[3449], Date.UTC(2017, 5, 14, 15, 0));
  const s = describeBars(t);
  assert.equal(s.tradingDays, 10);
  assert.deepEqual(s.barsPerDay.map((c) => [c.bars, c.days]), [[345, 10]]);
  assert.equal(s.gaps.count, 0);
  assert.equal(s.outsideSessions.count, 0);
});

Deno.test("generic aliases: Date+Time, Vol, OI, Bid1/Ask1/BidSize1/AskSize1, any case", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/vendor.csv`;
    await Deno.writeTextFile(
      path,
      "Date,Time,Open,High,Low,Close,Vol,OI,Bid1,Ask1,BidSize1,AskSize1,symbol\n" +
        "2023/1/6,21:01,4100,4102,4099,4101,10,500,4100,4101,3,4,rb2305\n" +
        "2023/1/9,9:01:00,4101,4105,4100,4104,20,510,4103,4104,5,6,rb2305\n",
    );
    const t = await readBars(path);
    assert.deepEqual(Array.from(t.time), [Date.UTC(2023, 0, 6, 21, 1), Date.UTC(2023, 0, 9, 9, 1)]);
    assert.deepEqual(Array.from(t.tradingDay), [20230109, 20230109]);
    assert.deepEqual(Array.from(t.volume), [10, 20]);
    assert.deepEqual(Array.from(t.openInterest!), [500, 510]);
    assert.deepEqual(Array.from(t.book!.bidPrice1), [4100, 4103]);
    assert.deepEqual(Array.from(t.book!.askVolume1), [4, 6]);
  });
});

Deno.test("CRLF, a BOM and trailing blank lines are fine; a blank line inside the data is not", async () => {
  await withTempDir(async (dir) => {
    const head = "\uFEFFdatetime,open,high,low,close,volume\r\n";
    const r1 = "2023-01-03T09:01:00,4000,4001,3999,4000,5\r\n";
    const r2 = "2023-01-03T09:02:00,4000,4002,4000,4001,6\r\n";
    await Deno.writeTextFile(`${dir}/ok.csv`, head + r1 + r2 + "\r\n\n");
    const t = await readBars(`${dir}/ok.csv`);
    assert.deepEqual(Array.from(t.close), [4000, 4001]);
    assert.deepEqual(Array.from(t.tradingDay), [20230103, 20230103]);
    await Deno.writeTextFile(`${dir}/gap.csv`, head + r1 + "\r\n" + r2);
    await assert.rejects(() => readBars(`${dir}/gap.csv`), {
      name: "TypeError",
      message: `Cannot parse row 2 of ${dir}/gap.csv (line 3): column datetime is empty`,
    });
  });
});

Deno.test("deriveTradingDays: next day bar in the file, else the calendar", () => {
  const d = (y: number, mo: number, day: number, h: number, mi: number) =>
    Date.UTC(y, mo - 1, day, h, mi);
  // In-file rule: Friday night → the next day bar's day (Monday), even with a gap in between.
  assert.deepEqual(
    Array.from(deriveTradingDays(new Float64Array([d(2017, 6, 2, 21, 1), d(2017, 6, 5, 9, 1)]))),
    [20170605, 20170605],
  );
  // Trailing night bars: the next trading day after their evening by the holiday tables (Friday
  // 2023-01-06 → Monday; Wednesday 2017-06-14 → Thursday), also after midnight (01:00, 02:30).
  assert.deepEqual(
    Array.from(deriveTradingDays(new Float64Array([d(2023, 1, 6, 15, 0), d(2023, 1, 6, 21, 1)]))),
    [20230106, 20230109],
  );
  assert.deepEqual(Array.from(deriveTradingDays(new Float64Array([d(2017, 6, 14, 21, 1)]))), [
    20170615,
  ]);
  assert.deepEqual(Array.from(deriveTradingDays(new Float64Array([d(2023, 1, 7, 2, 30)]))), [
    20230109,
  ]);
  // A trailing night bar of a Saturday evening cannot be placed.
  assert.throws(() => deriveTradingDays(new Float64Array([d(2017, 6, 17, 23, 30)])), {
    name: "RangeError",
    message: /^bar 1: cannot derive the trading day of night bar 2017-06-17T23:30:00 .*weekend/,
  });
});

Deno.test("describeBars counts gaps inside sessions and bars outside them", () => {
  const t = (h: number, m: number) => Date.UTC(2023, 0, 3, h, m);
  const time = new Float64Array([t(9, 1), t(9, 2), t(9, 5), t(9, 9), t(10, 31), t(12, 0)]);
  const n = time.length;
  const ones = () => new Float64Array(n).fill(4000);
  const s = describeBars({
    time,
    tradingDay: new Int32Array(n).fill(20230103),
    open: ones(),
    high: ones(),
    low: ones(),
    close: ones(),
    volume: ones(),
    openInterest: null,
    book: null,
    groundTruth: null,
    source: "hand-built",
  }, { maxExamples: 1 });
  assert.equal(s.rows, 6);
  assert.equal(s.firstTime, "2023-01-03T09:01:00");
  assert.equal(s.lastTime, "2023-01-03T12:00:00");
  // 09:02 → 09:05 misses 09:03, 09:04; 09:05 → 09:09 misses 3; 09:09 → 10:31 crosses a break.
  assert.deepEqual(s.gaps, {
    count: 2,
    missingBars: 5,
    examples: [{ after: "2023-01-03T09:02:00", before: "2023-01-03T09:05:00", missing: 2 }],
  });
  assert.deepEqual(s.outsideSessions, { count: 1, examples: ["2023-01-03T12:00:00"] });
  assert.deepEqual(s.barsPerDay, [{ bars: 6, days: 1, examples: [20230103] }]);
  assert.deepEqual(s.present, {
    openInterest: false,
    book: false,
    spreadMean: false,
    depthMean: false,
    groundTruth: [],
  });
});
