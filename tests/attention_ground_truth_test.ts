import assert from "node:assert/strict";
import { attentionGroundTruth } from "../lib/attention/mod.ts";

const T = 4;
// Bars 0..7: informed at 2 (up) and 5 (down); directions up, down, up, doji, up, down, down, up.
const informed = [0, 0, 1, 0, 0, -1, 0, 0];
const direction = [1, -1, 1, 0, 1, -1, -1, 1];

Deno.test("attentionGroundTruth: a uniform row has lifts 1 and entropy ratio 1", () => {
  const ends = [3, 5, 7];
  const rows = new Float32Array(ends.length * T).fill(1 / T);
  const a = attentionGroundTruth(rows, informed, { length: T, ends, direction });
  assert.equal(a.windows, 3);
  assert.equal(a.informedWindows, 3); // [0..3] holds bar 2, [2..5] bars 2 and 5, [4..7] bar 5
  assert.ok(Math.abs(a.informedLift - 1) < 1e-6, `${a.informedLift}`);
  assert.ok(Math.abs(a.upLift - 1) < 1e-6, `${a.upLift}`);
  assert.ok(Math.abs(a.entropyRatio - 1) < 1e-6, `${a.entropyRatio}`);
});

Deno.test("attentionGroundTruth: all attention on the informed minutes, by hand", () => {
  // Window [0..3]: all on bar 2 (k = 1, share 1/4). Window [2..5]: half on 2, half on 5 (share 2/4).
  const rows = Float32Array.from([0, 0, 1, 0, 0.5, 0, 0, 0.5]);
  const a = attentionGroundTruth(rows, informed, { length: T, ends: [3, 5], direction });
  assert.equal(a.informedLift, (1 + 1) / (1 / 4 + 2 / 4)); // Σ mass / Σ share = 2 / 0.75
  // Up minutes: window 1 has bars 0 and 2 up (share 2/4, mass 1); window 2 bars 2 and 4 (2/4, 0.5).
  assert.equal(a.upLift, (1 + 0.5) / (2 / 4 + 2 / 4));
  // Entropies: 0 and log 2.
  assert.ok(Math.abs(a.entropyRatio - Math.log(2) / 2 / Math.log(T)) < 1e-7);
});

Deno.test("attentionGroundTruth: no informed window gives NaN lift; bad shapes throw", () => {
  const a = attentionGroundTruth(new Float32Array(T).fill(0.25), [0, 0, 0, 0], {
    length: T,
    ends: [3],
    direction: [1, 1, 0, 0],
  });
  assert.equal(a.informedWindows, 0);
  assert.ok(Number.isNaN(a.informedLift));
  assert.throws(
    () => attentionGroundTruth(new Float32Array(3), informed, { length: T, ends: [3], direction }),
    RangeError,
  );
  assert.throws(
    () => attentionGroundTruth(new Float32Array(T), informed, { length: T, ends: [9], direction }),
    /falls outside/,
  );
});
