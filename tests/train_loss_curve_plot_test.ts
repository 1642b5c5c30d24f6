// lossCurvePlot: both series, the best epoch circled and named, reference rules, empty history.
import assert from "node:assert/strict";
import { type EpochRecord, lossCurvePlot } from "../lib/train/mod.ts";
import { svgMarkup } from "../lib/plot/mod.ts";

const history: EpochRecord[] = [
  { epoch: 1, trainLoss: 1.02, valLoss: 1.11, samplesPerSec: 900, seconds: 2.1 },
  { epoch: 2, trainLoss: 0.97, valLoss: 1.05, samplesPerSec: 950, seconds: 2.0 },
  { epoch: 3, trainLoss: 0.93, valLoss: 1.0625, samplesPerSec: 940, seconds: 2.0 },
];

Deno.test("lossCurvePlot: training and validation lines, best epoch circled and named", () => {
  const svg = svgMarkup(lossCurvePlot(history, {
    title: "Run A",
    references: [{ value: 1.07, label: "val: predict the mean" }],
  }));
  assert.ok(svg.includes(">Run A<"));
  assert.ok(svg.includes("Circled: epoch 2, the lowest validation loss (1.0500)"));
  assert.ok(svg.includes(">training<") && svg.includes(">validation<"), "legend");
  assert.ok(svg.includes("MSE (standardised target units)"));
  assert.ok(svg.includes(">val: predict the mean<"));
  assert.equal([...svg.matchAll(/aria-label="line"/g)].length, 1, "one line mark, two series");
  assert.equal([...svg.matchAll(/<path\b[^>]*\bd="M/g)].length >= 2, true);
  // 6 data dots + 1 best-epoch ring.
  const dots = [...svg.matchAll(/aria-label="dot"[^>]*>(.*?)<\/g>/g)]
    .map((m) => [...m[1].matchAll(/<circle\b/g)].length);
  assert.deepEqual(dots, [6, 1]);
});

Deno.test("lossCurvePlot: the loss name and defaults; an empty history throws", () => {
  const svg = svgMarkup(lossCurvePlot(history.slice(0, 1), { loss: "Huber" }));
  assert.ok(svg.includes(">Training and validation loss<"));
  assert.ok(svg.includes("Huber (standardised target units)"));
  assert.ok(svg.includes("Circled: epoch 1"));
  assert.throws(() => lossCurvePlot([]), RangeError);
});
