import assert from "node:assert/strict";
import { barOverview, readBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { REAL_DATA_DIR } from "./real_data.ts";

Deno.test("barOverview: one row per table with size, span, bars per day and fields present", async () => {
  const synthetic = generateMarket({ maxDays: 3 });
  const real = await readBars(`${REAL_DATA_DIR}/rb0000_1min_2017-06.csv`);
  const rows = barOverview({ synthetic, "real rb": real });
  assert.deepEqual(rows.map((r) => r.data), ["synthetic", "real rb"]);
  assert.deepEqual(rows[0], {
    data: "synthetic",
    bars: 225 + 2 * 345,
    "trading days": 3,
    from: "2023-01-03",
    to: "2023-01-05",
    "bars per day": "345 × 2, 225 × 1",
    "open interest": "yes",
    book: "yes",
    "ground truth": "gt_exp_ret_5m, gt_regime",
  });
  assert.equal(rows[1].from, "2017-06-01");
  assert.equal(rows[1].to, "2017-06-14");
  assert.equal(rows[1]["bars per day"], "345 × 10");
  assert.equal(rows[1].book, "no");
  assert.equal(rows[1]["open interest"], "no");
  assert.equal(rows[1]["ground truth"], "no");
});
