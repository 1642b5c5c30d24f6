import assert from "node:assert/strict";
import { buildFeatures, frameRows } from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";

Deno.test("frameRows: every row by default, given rows checked against the frame", () => {
  const frame = buildFeatures(generateMarket({ maxDays: 2 }), { preset: "tiny" });
  assert.deepEqual(Array.from(frameRows(frame)), [...Array(frame.time.length).keys()]);
  const rows = [3, 1, 569];
  assert.equal(frameRows(frame, rows), rows);
  assert.throws(() => frameRows(frame, [570]), /Row 570 is outside the frame's 570 rows/);
  assert.throws(() => frameRows(frame, [1.5]), RangeError);
});
