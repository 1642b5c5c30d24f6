import assert from "node:assert/strict";
import {
  buildFeatures,
  splitByDay,
  WINDOW_STATUS,
  windowCounts,
  windowEnds,
  windowStatus,
  windowStatusPlot,
} from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";

const frame = buildFeatures(generateMarket({ maxDays: 24 }), { preset: "tiny" });
const split = splitByDay(frame.tradingDay);

const ends = (status: Uint8Array, code: number) =>
  [...status.keys()].filter((i) => status[i] === code);

Deno.test("windowStatus: the eligible bars are exactly windowEnds' ends, for several rules", () => {
  for (const [length, horizon] of [[20, 5], [60, 5], [7, 9], [1, 5]]) {
    const status = windowStatus(frame, split, { length, horizon });
    const opts = { length, horizon };
    for (const [code, days] of [[0, split.train], [1, split.val], [2, split.test]] as const) {
      assert.deepEqual(
        ends(status, code),
        [...windowEnds(frame, days, opts)],
        `${length}/${horizon}`,
      );
    }
  }
});

Deno.test("windowStatus: reasons — purge, window outside the split, warm-up, day end", () => {
  const status = windowStatus(frame, split); // length 20, horizon 5, volumeLookback 30
  const firstVal = frame.tradingDay.indexOf(split.val[0]);
  assert.equal(WINDOW_STATUS[status[firstVal - 1]], "purged day");
  // The first 19 bars after the purge would read it; the 20th is an end.
  assert.deepEqual([...status.subarray(firstVal, firstVal + 20)], [...Array(19).fill(4), 1]);
  // The last 5 bars of every training day: the target would cross the day end.
  const lastOfDay2 = frame.tradingDay.lastIndexOf(split.train[1]);
  assert.deepEqual([...status.subarray(lastOfDay2 - 5, lastOfDay2 + 1)], [0, 6, 6, 6, 6, 6]);
  // Warm-up: the first rows have an undefined feature (ret_1m at 0, log_vol_rel until its
  // 30-bar median is full); a window reading any of them is lost.
  const f = frame.names.length;
  const undefinedRows = [...Array(100).keys()].filter((i) =>
    frame.values.subarray(i * f, (i + 1) * f).some((v) => !Number.isFinite(v))
  );
  const last = undefinedRows.at(-1)!;
  assert.deepEqual(undefinedRows, [...Array(last + 1).keys()]);
  assert.ok(last >= 29, `log_vol_rel is undefined for at least 30 rows, got ${last + 1}`);
  assert.equal(status[19], 5);
  assert.equal(status[last + 19], 5);
  assert.equal(status[last + 20], 0);
});

Deno.test("windowCounts: per split, ends plus lost bars add up to the bars", () => {
  const rows = windowCounts(frame, split);
  assert.deepEqual(rows.map((r) => r.split), ["train", "purge", "val", "test"]);
  const total = rows.reduce((s, r) => s + (r.bars as number), 0);
  assert.equal(total, frame.time.length);
  for (const r of rows.filter((r) => r.split !== "purge")) {
    const lost = (r["lost: window outside split"] as number) +
      (r["lost: warm-up (undefined feature)"] as number) +
      (r["lost: target past day end"] as number);
    assert.equal((r["window ends"] as number) + lost, r.bars, String(r.split));
  }
  assert.equal(rows[0]["window ends"], windowEnds(frame, split.train).length);
  assert.equal(rows[2]["lost: window outside split"], 19);
  assert.equal(rows[2]["lost: target past day end"], 5 * split.val.length);
  assert.equal(rows[1]["window ends"], 0);
  assert.equal(rows[1]["lost: target past day end"], null);
});

Deno.test("windowStatusPlot: the train → val boundary by default, one cell per bar", () => {
  const el = windowStatusPlot(frame, split);
  const days = [split.train.at(-1)!, ...split.purged.slice(0, 1), split.val[0]];
  const bars = [...frame.tradingDay].filter((d) => days.includes(d)).length;
  assert.equal(el.querySelectorAll('g[aria-label="rect"] rect').length, bars);
  const texts = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  assert.ok(
    texts[0]!.endsWith("(train)") && texts[1]!.endsWith("(purged)") && texts[2]!.endsWith("(val)"),
  );
  const legend = [...el.querySelectorAll("span")].map((s) => s.textContent);
  assert.deepEqual(legend, [
    "window end: train",
    "window end: val",
    "purged day",
    "no: window reaches outside its split",
    "no: target crosses the day end",
  ]);
  assert.throws(() => windowStatusPlot(frame, split, { days: [20240101] }), RangeError);
});
