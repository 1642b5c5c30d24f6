import assert from "node:assert/strict";
import { SUMMARY_WINDOWS, summaryFeatures } from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";

const table = generateMarket({ seed: 5, maxDays: 3 });
const s = summaryFeatures(table, { volumeLookback: 30 });
const d = s.names.length;
const at = (t: number, name: string) => s.values[t * d + s.names.indexOf(name)];
const close = (a: number, b: number) =>
  assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

Deno.test("summaryFeatures: 61 columns with a book and open interest, by hand at one bar", () => {
  assert.equal(d, 6 * SUMMARY_WINDOWS.length + SUMMARY_WINDOWS.length + 5);
  const t = 400, { close: c, open: o, book, openInterest: oi } = table;
  close(at(t, "ret_1"), Math.log(c[t] / c[t - 1]));
  let r = 0;
  for (let k = t - 4; k <= t; k++) r += Math.log(c[k] / c[k - 1]);
  close(at(t, "ret_5"), r / 5);
  let imb = 0;
  for (let k = t - 9; k <= t; k++) {
    imb += (book!.bidVolume1[k] - book!.askVolume1[k]) /
      (book!.bidVolume1[k] + book!.askVolume1[k]);
  }
  close(at(t, "imb_10"), imb / 10);
  close(at(t, "oi_20"), (oi![t] - oi![t - 20]) / oi![t - 20]);
  let ud = 0;
  for (let k = t - 2; k <= t; k++) ud += Math.sign(c[k] - o[k]);
  close(at(t, "updown_3"), ud / 3);
  assert.ok(Number.isNaN(at(20, "svol_1")), "signed volume needs 30 bars of volume history");
  assert.ok(Number.isNaN(at(59, "ret_60")) && Number.isFinite(at(60, "ret_60")));
});

Deno.test("summaryFeatures read the past only, and leave out what the table lacks", () => {
  const t = 500;
  const future = { ...table, close: table.close.slice() };
  for (let k = t + 1; k < future.close.length; k++) future.close[k] *= 1.01;
  const s2 = summaryFeatures(future, { volumeLookback: 30 });
  assert.deepEqual(s2.values.subarray(0, (t + 1) * d), s.values.subarray(0, (t + 1) * d));
  const bare = summaryFeatures({ ...table, book: null, openInterest: null });
  assert.ok(!bare.names.some((n) => n.startsWith("imb") || n.startsWith("oi_")));
  assert.equal(bare.names.length, 4 * SUMMARY_WINDOWS.length + 4);
});
