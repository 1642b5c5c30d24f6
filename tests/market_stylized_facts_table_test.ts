import assert from "node:assert/strict";
import { readBars } from "../lib/data/mod.ts";
import {
  type FactsColumn,
  factsColumns,
  generateMarket,
  MARKET_PRESETS,
  spreadBuckets,
  spreadSeries,
  stylizedFacts,
  stylizedFactsTable,
} from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile, RM_TICKS } from "./real_data.ts";

Deno.test("spreadBuckets: 1, 2 and 3+ ticks, always all three; locked spreads only when present", () => {
  assert.deepEqual(spreadBuckets({ 1: 0.9, 2: 0.06, 3: 0.03, 5: 0.01 }), [
    { bucket: "1 tick", ticks: 1, share: 0.9 },
    { bucket: "2 ticks", ticks: 2, share: 0.06 },
    { bucket: "3+ ticks", ticks: 3, share: 0.04 },
  ]);
  assert.deepEqual(spreadBuckets({ 1: 1 }).map((b) => b.share), [1, 0, 0]);
  const locked = spreadBuckets({ 0: 0.1, 1: 0.9 }, { max: 2 });
  assert.deepEqual(locked.map((b) => [b.bucket, b.share]), [
    ["≤0 ticks (locked/crossed)", 0.1],
    ["1 tick", 0.9],
    ["2+ ticks", 0],
  ]);
  assert.throws(() => spreadBuckets({}, { max: 1 }), RangeError);
});

/**
 * Checks a facts table of three columns: `syn` (the synthetic market, with everything), `bars`
 * (no book, no open interest) and `ticks` (a book, no traded volume, no open interest), and its
 * "bars (trading days)" row against `sizes`.
 */
function checkFactsTable(columns: FactsColumn[], sizes: Record<"syn" | "bars" | "ticks", string>) {
  const [synthetic, bars, ticks] = columns.map((c) => c.facts);
  const rows = stylizedFactsTable(columns);
  const row = (fact: string) => {
    const r = rows.find((r) => r.fact === fact);
    assert.ok(r, `no row ${fact}`);
    return r;
  };
  assert.deepEqual(Object.keys(rows[0]), ["fact", "syn", "bars", "ticks"]);
  assert.deepEqual(row("bars (trading days)"), { fact: "bars (trading days)", ...sizes });
  assert.equal(row("return kurtosis (normal = 3)").bars, bars.returnKurtosis.toFixed(1));
  assert.equal(row("|return| autocorrelation, lag 1").ticks, ticks.absReturnAutocorr1.toFixed(3));
  assert.equal(row("1-min return s.d. (bp)").syn, (synthetic.returnStd * 1e4).toFixed(2));
  // No book → no spread or depth; no volume → no volume facts; only syn has open interest.
  assert.equal(row("spread 1 tick (share of bars)").bars, "n/a");
  assert.equal(
    row("spread 1 tick (share of bars)").ticks,
    `${(ticks.spreadTicksShare![1] * 100).toFixed(1)} %`,
  );
  assert.equal(row("mean volume (lots per bar)").ticks, "n/a");
  assert.equal(
    row("mean volume (lots per bar)").bars,
    Math.round(bars.meanVolume).toLocaleString("en-US"),
  );
  assert.equal(row("volume 14:46–15:00 ÷ 10:36–11:20").ticks, "n/a");
  assert.equal(
    row("volume 09:01–09:15 ÷ 10:36–11:20").bars,
    (bars.dayOpenVolume / bars.middayVolume).toFixed(2),
  );
  assert.equal(row("mean |Δ open interest| per bar (lots)").bars, "n/a");
  assert.equal(row("mean |Δ open interest| per bar (lots)").ticks, "n/a");
  assert.notEqual(row("mean |Δ open interest| per bar (lots)").syn, "n/a");
  assert.equal(row("mean depth at best bid/ask (lots per side)").bars, "n/a");
  assert.throws(() => stylizedFactsTable([{ label: "fact", facts: bars }]), RangeError);
}

Deno.test("stylizedFactsTable: facts side by side, n/a where a table lacks the field", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const noBook = { ...table, book: null, openInterest: null };
  const noVolume = { ...table, volume: new Float64Array(table.time.length), openInterest: null };
  const columns = factsColumns({ syn: table, bars: noBook, ticks: noVolume });
  assert.deepEqual(columns.map((c) => c.label), ["syn", "bars", "ticks"]);
  assert.deepEqual(columns[0].facts, stylizedFacts(table));
  // 2023-01-03 has no night session: 225 + 9 × 345 bars.
  checkFactsTable(columns, { syn: "3,330 (10)", bars: "3,330 (10)", ticks: "3,330 (10)" });
  assert.deepEqual(spreadSeries(columns).map((s) => s.label), ["syn", "ticks"]);
  assert.deepEqual(spreadSeries(columns)[0].shares, columns[0].facts.spreadTicksShare);
});

realDataTest("stylizedFactsTable: the real rb bars and RM705 ticks, n/a where they lack a field", [
  RB_BARS,
  RM_TICKS,
], async () => {
  const columns = factsColumns({
    syn: generateMarket(MARKET_PRESETS.tiny),
    bars: await readBars(realFile(RB_BARS)),
    ticks: await readBars(realFile(RM_TICKS)),
  });
  checkFactsTable(columns, { syn: "3,330 (10)", bars: "3,450 (10)", ticks: "190 (1)" });
});
