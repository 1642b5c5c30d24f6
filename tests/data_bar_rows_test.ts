import assert from "node:assert/strict";
import { barRows, csvColumnsOf, readBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile } from "./real_data.ts";

Deno.test("barRows: CSV columns in file order, text time and trading day, raw numbers", () => {
  const table = generateMarket({ maxDays: 2 });
  const rows = barRows(table, { start: 224, count: 3 });
  assert.equal(rows.length, 3);
  assert.deepEqual(Object.keys(rows[0]), csvColumnsOf(table));
  // Row 224 is the last bar of 2023-01-03 (no night session), 225 the first night bar of 01-04.
  assert.equal(rows[0].datetime, "2023-01-03T15:00:00");
  assert.equal(rows[1].datetime, "2023-01-03T21:01:00");
  assert.equal(rows[1].trading_day, "2023-01-04");
  assert.equal(rows[1].close, table.close[225]);
  assert.equal(rows[2].ask_volume1, table.book!.askVolume1[226]);
  assert.equal(rows[2].gt_regime, table.groundTruth!.gt_regime![226]);
  assert.equal(barRows(table).length, 10, "default: the first 10 rows");
  assert.equal(barRows(table, { start: table.time.length - 2 }).length, 2, "clipped at the end");
  assert.throws(() => barRows(table, { count: -1 }), RangeError);
});

realDataTest(
  "barRows of real vn.py bars has only the columns the file has",
  [RB_BARS],
  async () => {
    const real = await readBars(realFile(RB_BARS));
    const [row] = barRows(real, { count: 1 });
    assert.deepEqual(Object.keys(row), [
      "datetime",
      "trading_day",
      "open",
      "high",
      "low",
      "close",
      "volume",
    ]);
    assert.equal(row.datetime, "2017-05-31T21:01:00");
    assert.equal(row.trading_day, "2017-06-01");
  },
);
