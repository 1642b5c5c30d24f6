import assert from "node:assert/strict";
import { barOverview, readBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile } from "./real_data.ts";

Deno.test("barOverview: one row per table with size, span, bars per day and fields present", () => {
  const synthetic = generateMarket({ maxDays: 3 });
  const bare = { ...synthetic, openInterest: null, book: null, groundTruth: null };
  const rows = barOverview({ synthetic, bare });
  assert.deepEqual(rows.map((r) => r.data), ["synthetic", "bare"]);
  assert.deepEqual(rows[0], {
    data: "synthetic",
    bars: 225 + 2 * 345,
    "trading days": 3,
    from: "2023-01-03",
    to: "2023-01-05",
    "bars per day": "345 × 2, 225 × 1",
    "open interest": "yes",
    book: "yes",
    "ground truth": "gt_exp_ret_5m, gt_regime, gt_informed",
  });
  assert.deepEqual(rows[1], {
    ...rows[0],
    data: "bare",
    "open interest": "no",
    book: "no",
    "ground truth": "no",
  });
});

realDataTest("barOverview: the real rb bars, without book, open interest or ground truth", [
  RB_BARS,
], async () => {
  const rows = barOverview({ "real rb": await readBars(realFile(RB_BARS)) });
  assert.equal(rows[0].data, "real rb");
  assert.equal(rows[0].bars, 3450);
  assert.equal(rows[0]["trading days"], 10);
  assert.equal(rows[0].from, "2017-06-01");
  assert.equal(rows[0].to, "2017-06-14");
  assert.equal(rows[0]["bars per day"], "345 × 10");
  assert.equal(rows[0].book, "no");
  assert.equal(rows[0]["open interest"], "no");
  assert.equal(rows[0]["ground truth"], "no");
});
