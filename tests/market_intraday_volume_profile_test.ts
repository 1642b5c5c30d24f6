import assert from "node:assert/strict";
import { type BarTable, readBars } from "../lib/data/mod.ts";
import {
  generateMarket,
  intradayVolumePlot,
  intradayVolumeProfile,
  MARKET_PRESETS,
  volumeProfiles,
} from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile, RM_TICKS } from "./real_data.ts";

Deno.test("intradayVolumeProfile: mean volume per bar-end minute, night first", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const profile = intradayVolumeProfile(table);
  assert.equal(profile.length, 345);
  assert.deepEqual(profile.slice(0, 1).map((p) => [p.session, p.time, p.minute]), [[
    "night",
    "21:01",
    1261,
  ]]);
  assert.deepEqual(profile.at(-1)!.time, "15:00");
  // The 09:01 point averages the 09:01 bars by hand.
  const at0901 = [...table.time.keys()].filter((i) =>
    new Date(table.time[i]).toISOString().slice(11, 16) === "09:01"
  );
  const p0901 = profile.find((p) => p.time === "09:01")!;
  assert.equal(p0901.bars, 10);
  assert.equal(p0901.meanVolume, at0901.reduce((s, i) => s + table.volume[i], 0) / at0901.length);
  const overall = table.volume.reduce((a, b) => a + b, 0) / table.volume.length;
  assert.ok(Math.abs(p0901.relativeVolume - p0901.meanVolume / overall) < 1e-12);
  // Bars-weighted mean of the relative profile is 1.
  const w = profile.reduce((s, p) => s + p.bars * p.relativeVolume, 0) / table.time.length;
  assert.ok(Math.abs(w - 1) < 1e-9, String(w));
});

function assertOpeningBursts(table: BarTable): void {
  const byTime = new Map(intradayVolumeProfile(table).map((p) => [p.time, p.relativeVolume]));
  assert.ok(byTime.get("09:01")! > 1.5 * byTime.get("11:00")!, table.source);
  assert.ok(byTime.get("21:01")! > 1.5 * byTime.get("22:00")!, table.source);
}

Deno.test("intradayVolumeProfile: opening bursts in a generated year", () => {
  assertOpeningBursts(generateMarket({ maxDays: 60 }));
});

realDataTest("intradayVolumeProfile: opening bursts in the real rb bars", [RB_BARS], async () => {
  assertOpeningBursts(await readBars(realFile(RB_BARS)));
});

Deno.test("intradayVolumeProfile: a table without volume is a RangeError", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const silent = { ...table, volume: new Float64Array(table.time.length), source: "silent" };
  assert.throws(() => intradayVolumeProfile(silent), /silent has no volume/);
});

realDataTest("intradayVolumeProfile: the RM705 ticks have no traded volume", [
  RM_TICKS,
], async () => {
  const ticks = await readBars(realFile(RM_TICKS));
  assert.throws(() => intradayVolumeProfile(ticks), /has no volume/);
});

Deno.test("volumeProfiles: one series per labelled table with volume, in order", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const silent = { ...table, volume: new Float64Array(table.time.length) };
  const series = volumeProfiles({ a: table, silent, b: table });
  assert.deepEqual(series.map((s) => s.label), ["a", "b"]);
  assert.deepEqual(series[0].profile, intradayVolumeProfile(table));
});

Deno.test("intradayVolumePlot: one line per series and session, sessions named", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const half = { ...table, volume: table.volume.map((v) => v / 2) };
  const el = intradayVolumePlot([
    { label: "a", profile: intradayVolumeProfile(table) },
    { label: "b", profile: intradayVolumeProfile(half) },
  ], { title: "profile" });
  assert.equal(el.querySelector("h2")?.textContent, "profile");
  const lines = [...el.querySelectorAll('g[aria-label="line"] path')];
  assert.equal(lines.length, 8, "2 series × 4 sessions");
  const labels = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  assert.deepEqual(labels, ["night (previous evening)", "morning I", "morning II", "afternoon"]);
  const ticks = [...el.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((e) =>
    e.textContent
  );
  assert.deepEqual(ticks.slice(0, 5), ["21:00", "21:30", "22:00", "22:30", "09:00"]);
  assert.equal(ticks.at(-1), "15:00");
  const y = el.querySelector('g[aria-label="y-axis label"]')?.textContent ?? "";
  assert.match(y, /mean volume ÷ the series' mean volume/);
  const lots = intradayVolumePlot([{ label: "a", profile: intradayVolumeProfile(table) }], {
    relative: false,
  });
  assert.match(
    lots.querySelector('g[aria-label="y-axis label"]')?.textContent ?? "",
    /lots per bar/,
  );
});
