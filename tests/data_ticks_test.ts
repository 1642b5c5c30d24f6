// vn.py ticks → one-minute bars: hand-computed bars of the real RM705 file, and the bar
// assignment / time-weighting rules on hand-built ticks.
import assert from "node:assert/strict";
import { aggregateTicks, type BarTable, readBars, tickBarEnd } from "../lib/data/mod.ts";
import { realDataTest, realFile, RM_TICKS } from "./real_data.ts";

const RM = realFile(RM_TICKS);
const at = (h: number, m: number, s = 0, ms = 0) => Date.UTC(2017, 2, 20, h, m, s, ms);

function bar(t: BarTable, end: number) {
  const i = t.time.indexOf(end);
  assert.ok(i >= 0, `no bar ending ${new Date(end).toISOString()}`);
  const b = t.book!;
  return {
    ohlc: [t.open[i], t.high[i], t.low[i], t.close[i]],
    volume: t.volume[i],
    bookAtEnd: [b.bidPrice1[i], b.askPrice1[i], b.bidVolume1[i], b.askVolume1[i]],
    spreadMean: b.spreadMean![i],
    depthMean: b.depthMean![i],
  };
}

realDataTest("RM705 ticks: bar set, trading day, no OI", [RM_TICKS], async () => {
  const t = await readBars(RM); // auto-detects vnpy-ticks
  // 09:01–10:15 (75) + 10:31–11:30 (60; last tick 11:29:38.5) + 13:31–14:25 (55; last 14:24:27.5).
  assert.equal(t.time.length, 190);
  assert.equal(t.time[0], at(9, 1));
  assert.equal(t.time[74], at(10, 15));
  assert.equal(t.time[75], at(10, 31));
  assert.equal(t.time[134], at(11, 30));
  assert.equal(t.time[135], at(13, 31));
  assert.equal(t.time[189], at(14, 25));
  assert.ok(t.tradingDay.every((d) => d === 20170320));
  assert.equal(t.openInterest, null);
  assert.equal(t.groundTruth, null);
});

realDataTest("RM705 ticks: bars computed by hand from the raw rows", [RM_TICKS], async () => {
  const t = await readBars(RM);
  // Bar 09:01 = ticks 09:00:00.5 … 09:01:00.0 (file lines 2–121, 120 ticks):
  //   line 2   09:00:00.5,2374.0,0.0,2372.0,2374.0,264.0,65.0   first → open 2374, also the low
  //   line 31  09:00:15.0,2382.0,0.0,2379.0,2380.0,10.0,3.0     high 2382
  //   line 121 09:01:00.0,2381.0,0.0,2380.0,2381.0,61.0,105.0   last → close, book at end
  // lastVolume is 0.0 on every row → volume 0.
  // spreadMean: no earlier tick in the session, so the average runs 09:00:00.5 → 09:01:00.0 =
  // 119 half-second steps, each the spread of the tick starting it (line 121 lasts 0 s). Counting
  // ask−bid on lines 2–120: 100 × 1, 18 × 2 (09:00:00.5, 01.5, 02.5, 03.0, 05.0, 05.5, 09.5,
  // 10.5, 14.0, 16.5, 17.5, 18.5, 19.5, 22.5, 23.0, 26.0, 30.5, 31.0) and 1 × 3 (09:00:02.0):
  // (100 + 36 + 3) / 119.
  const b0901 = bar(t, at(9, 1));
  assert.deepEqual([b0901.ohlc, b0901.volume, b0901.bookAtEnd], [
    [2374, 2382, 2374, 2381],
    0,
    [2380, 2381, 61, 105],
  ]);
  assert.ok(Math.abs(b0901.spreadMean - 139 / 119) < 1e-12, `spreadMean ${b0901.spreadMean}`);

  // Bar 10:15 = 10:14:00.5 … 10:14:59.0 (lines 7683–7743; the morning break starts after it):
  //   line 7683 10:14:00.5,2416.0,0.0,2415.0,2416.0,148.0,29.0   open 2416
  //   line 7736 10:14:55.0,2417.0,0.0,2415.0,2417.0,122.0,149.0  high 2417
  //   line 7685 10:14:06.5,2415.0,0.0,2415.0,2416.0,127.0,29.0   low 2415
  //   line 7743 10:14:59.0,2417.0,0.0,2416.0,2417.0,68.0,94.0    close, book at end
  const b1015 = bar(t, at(10, 15));
  assert.deepEqual([b1015.ohlc, b1015.volume, b1015.bookAtEnd], [
    [2416, 2417, 2415, 2417],
    0,
    [2416, 2417, 68, 94],
  ]);

  // Bar 10:31 = the pre-open tick 10:29:59.5 folded in, then 10:30:00.5 … 10:31:00.0
  // (lines 7744–7837, 94 ticks):
  //   line 7744 10:29:59.5,2416.0,0.0,2416.0,2417.0,67.0,94.0   open 2416 (also the low)
  //   line 7800 10:30:35.5,2418.0,0.0,2417.0,2418.0,51.0,374.0  high 2418
  //   line 7837 10:31:00.0,2417.0,0.0,2416.0,2417.0,45.0,67.0   close, book at end
  // Every quote on lines 7744–7837 has ask − bid = 1 → spreadMean exactly 1.
  const b1031 = bar(t, at(10, 31));
  assert.deepEqual([b1031.ohlc, b1031.volume, b1031.bookAtEnd, b1031.spreadMean], [
    [2416, 2418, 2416, 2417],
    0,
    [2416, 2417, 45, 67],
    1,
  ]);

  // Bar 13:31 = the pre-open tick 13:29:59.5 folded in, then 13:30:00.0 … 13:31:00.0
  // (lines 12452–12548):
  //   line 12452 13:29:59.5,2416.0,0.0,2415.0,2416.0,38.0,114.0  open 2416 = high
  //   line 12461 13:30:05.0,2415.0,0.0,2415.0,2417.0,105.0,78.0  low 2415
  //   line 12548 13:31:00.0,2416.0,0.0,2416.0,2417.0,14.0,103.0  close, book at end
  // Spread is 2 only on 13:30:04.5 (0.5 s, until 13:30:05.0) and 13:30:05.0 (0.5 s, until
  // 13:30:05.5), 1 elsewhere; the folded tick's quote holds from 13:30:00.0, so
  // spreadMean = (59 × 1 + 1 × 2) / 60.
  const b1331 = bar(t, at(13, 31));
  assert.deepEqual([b1331.ohlc, b1331.volume, b1331.bookAtEnd], [
    [2416, 2416, 2415, 2416],
    0,
    [2416, 2417, 14, 103],
  ]);
  assert.ok(Math.abs(b1331.spreadMean - 61 / 60) < 1e-12);

  // Last bar 14:25 = 14:24:00.5 … 14:24:27.5 (lines 16965–16980; the file stops there).
  // Previous tick (line 16964) 14:23:57.5 bid/ask vol 194/75 holds 14:24:00.0 → 00.5.
  // depth = (bidVolume1 + askVolume1) / 2, held until the next tick (the last until 14:25:00):
  //   carry 134.5×0.5, 00.5 135×1, 01.5 134.5×5, 06.5 134×2, 08.5 133.5×2.5, 11.0 133×0.5,
  //   11.5 128.5×1.5, 13.0 128.5×1, 14.0 128×1, 15.0 129×3, 18.0 129.5×1.5, 19.5 139.5×4.5,
  //   24.0 137.5×1, 25.0 137×0.5, 25.5 132×1.5, 27.0 131.5×0.5, 27.5 131×32.5
  //   = 7928.5 over 60 s. Spread is 1 on all of them.
  //   line 16965 14:24:00.5,2413.0,…  open 2413 = high;  line 16966 14:24:01.5,2412.0,… low
  //   line 16980 14:24:27.5,2412.0,0.0,2412.0,2413.0,174.0,88.0  close, book at end
  const b1425 = bar(t, at(14, 25));
  assert.deepEqual([b1425.ohlc, b1425.volume, b1425.bookAtEnd, b1425.spreadMean], [
    [2413, 2413, 2412, 2412],
    0,
    [2412, 2413, 174, 88],
    1,
  ]);
  assert.ok(Math.abs(b1425.depthMean - 7928.5 / 60) < 1e-9, `depthMean ${b1425.depthMean}`);
});

Deno.test("tickBarEnd: (end − 1 min, end], pre-open and post-close folding, breaks rejected", () => {
  assert.equal(tickBarEnd(at(9, 0, 0, 500)), at(9, 1));
  assert.equal(tickBarEnd(at(9, 1)), at(9, 1)); // exactly on the minute: the bar ending then
  assert.equal(tickBarEnd(at(9, 1, 0, 500)), at(9, 2));
  assert.equal(tickBarEnd(at(8, 59, 0, 500)), at(9, 1)); // opening auction snapshot
  assert.equal(tickBarEnd(at(9, 0)), at(9, 1)); // exactly at the open
  assert.equal(tickBarEnd(at(10, 29, 59, 500)), at(10, 31));
  assert.equal(tickBarEnd(at(13, 29, 59, 500)), at(13, 31));
  assert.equal(tickBarEnd(at(20, 59, 30)), at(21, 1));
  assert.equal(tickBarEnd(at(15, 0, 0, 500)), at(15, 0)); // just after the close
  assert.equal(tickBarEnd(at(10, 15, 59)), at(10, 15));
  assert.ok(Number.isNaN(tickBarEnd(at(10, 16, 0, 500)))); // in the break
  assert.ok(Number.isNaN(tickBarEnd(at(8, 58, 59)))); // more than a minute before the open
  assert.ok(Number.isNaN(tickBarEnd(at(12, 0))));
});

Deno.test("aggregateTicks: OHLC, volume, OI at end, time-weighted spread with carry rules", () => {
  // [time, last, lastVolume, bid, ask, bidVol, askVol, openInterest]
  const rows: number[][] = [
    [at(8, 59, 30), 100, 5, 99, 100, 10, 10, 1000], // folds into 09:01
    [at(9, 0, 30), 101, 1, 100, 101, 10, 30, 1001],
    [at(9, 0, 45), 99, 2, 98, 100, 20, 20, 1003],
    // no tick in the 09:02 minute
    [at(9, 2, 30), 102, 0, 100, 103, 5, 5, 1004],
    [at(10, 30, 30), 103, 4, 101, 105, 1, 1, 1005], // am2: no carry from am1
    [at(10, 32), 104, 1, 100, 105, 2, 2, 1006], // exactly at the end of bar 10:32
    [at(13, 31), 105, 1, 104, 105, 8, 8, 1007], // alone, exactly at its bar end
  ];
  const col = (j: number) => Float64Array.from(rows, (r) => r[j]);
  const t = aggregateTicks({
    time: col(0),
    lastPrice: col(1),
    lastVolume: col(2),
    bidPrice1: col(3),
    askPrice1: col(4),
    bidVolume1: col(5),
    askVolume1: col(6),
    openInterest: col(7),
  }, { source: "hand ticks" });
  assert.deepEqual(Array.from(t.time), [at(9, 1), at(9, 3), at(10, 31), at(10, 32), at(13, 31)]);
  assert.deepEqual(Array.from(t.tradingDay), Array(5).fill(20170320));
  assert.deepEqual(Array.from(t.open), [100, 102, 103, 104, 105]);
  assert.deepEqual(Array.from(t.high), [101, 102, 103, 104, 105]);
  assert.deepEqual(Array.from(t.low), [99, 102, 103, 104, 105]);
  assert.deepEqual(Array.from(t.close), [99, 102, 103, 104, 105]);
  assert.deepEqual(Array.from(t.volume), [8, 0, 4, 1, 1]);
  assert.deepEqual(Array.from(t.openInterest!), [1003, 1004, 1005, 1006, 1007]);
  assert.deepEqual(Array.from(t.book!.bidPrice1), [98, 100, 101, 100, 104]);
  assert.deepEqual(Array.from(t.book!.askVolume1), [20, 5, 1, 2, 8]);
  assert.deepEqual(Array.from(t.book!.spreadMean!), [
    // 09:01: folded 08:59:30 quote (1) holds 09:00:00–00:30, then 1 for 15 s, then 2 for 15 s.
    (30 * 1 + 15 * 1 + 15 * 2) / 60,
    // 09:03: previous quote (spread 2, from 09:00:45) carries over the empty minute to 09:02:30.
    (30 * 2 + 30 * 3) / 60,
    // 10:31: first bar of am2, nothing carried from am1: 10:30:30 → 10:31:00 at spread 4.
    4,
    // 10:32: the 10:30:30 quote (4) holds all minute; the tick at 10:32:00 lasts 0 s.
    4,
    // 13:31: a single tick exactly at the bar end, nothing before it in pm: its own spread.
    1,
  ]);
  assert.deepEqual(Array.from(t.book!.depthMean!), [
    (30 * 10 + 15 * 20 + 15 * 20) / 60,
    (30 * 20 + 30 * 5) / 60,
    1,
    1,
    8,
  ]);
});
