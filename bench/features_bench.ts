/**
 * Feature pipeline speed on one generated year (2023, seed 42: 82,770 bars, all 8 features):
 * buildFeatures, windowEnds, fitNormalizer, makeWindows of every window (~81k × 60 × 8 floats)
 * and one 256-window training batch with fillWindows.
 *
 * Run: deno bench -A bench/features_bench.ts
 */
import { generateMarket } from "../lib/market/mod.ts";
import {
  applyNormalizer,
  buildFeatures,
  fillWindows,
  fitNormalizer,
  makeWindows,
  splitByDay,
  windowEnds,
} from "../lib/features/mod.ts";

const table = generateMarket({ seed: 42, year: 2023 });
const frame = buildFeatures(table);
const split = splitByDay(frame.tradingDay);
const trainEnds = windowEnds(frame, split.train);
const allDays = [...split.train, ...split.val, ...split.test];
const allEnds = windowEnds(frame, allDays, { requireTarget: false });
const norm = fitNormalizer(frame, trainEnds);
const normed = applyNormalizer(frame, norm);
const batchX = new Float32Array(256 * frame.spec.window * frame.names.length);
const batchY = new Float32Array(256);
let sink = 0;

Deno.bench(`buildFeatures (${table.time.length} bars, ${frame.names.length} features)`, () => {
  sink += buildFeatures(table).values.length;
});

Deno.bench(`windowEnds (train, ${trainEnds.length} windows)`, () => {
  sink += windowEnds(frame, split.train).length;
});

Deno.bench("fitNormalizer (train)", () => {
  sink += fitNormalizer(frame, trainEnds).rows;
});

Deno.bench(`makeWindows with norm (${allEnds.length} × 60 × ${frame.names.length})`, () => {
  sink += makeWindows(frame, allEnds, { norm }).x.length;
});

Deno.bench("fillWindows (one batch of 256, reused buffer)", () => {
  sink += fillWindows(normed, trainEnds, { start: 1000, count: 256, x: batchX, y: batchY }).y[0];
});

Deno.bench("full pipeline: build → split → ends → fit → makeWindows", () => {
  const fr = buildFeatures(table);
  const s = splitByDay(fr.tradingDay);
  const ends = windowEnds(fr, s.train);
  const nm = fitNormalizer(fr, ends);
  sink += makeWindows(fr, ends, { norm: nm }).x.length;
});

globalThis.addEventListener("unload", () => {
  if (sink === 0.5) console.log(sink); // keep results alive
});
