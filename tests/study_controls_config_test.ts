import assert from "node:assert/strict";
import { CONTROLS_PRESETS, controlsConfig } from "../lib/study/mod.ts";

Deno.test("controlsConfig: presets, overrides, and every bad value named", () => {
  const d = controlsConfig();
  assert.deepEqual(d.markets, ["null", "default", "trend"]);
  assert.deepEqual(d.nullSeeds, [42, 43, 44, 45, 46]);
  assert.deepEqual(d.seeds, [42, 43, 44]);
  assert.equal(controlsConfig("tiny").maxDays, 30);
  // Overrides win, and the result does not share arrays with the preset.
  const o = controlsConfig("default", { markets: ["trend"], seeds: [7] });
  assert.deepEqual([o.markets, o.seeds], [["trend"], [7]]);
  o.nullSeeds.push(99);
  assert.deepEqual(CONTROLS_PRESETS.default.nullSeeds, [42, 43, 44, 45, 46]);

  assert.throws(() => controlsConfig("default", { markets: [] }), /no market/);
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => controlsConfig("default", { markets: ["bull" as any] }),
    /Unknown market "bull"/,
  );
  assert.throws(() => controlsConfig("default", { nullSeeds: [1.5] }), /nullSeeds must be/);
  assert.throws(() => controlsConfig("default", { seeds: [] }), /seeds must be/);
  assert.throws(() => controlsConfig("default", { maxDays: 3 }), /maxDays/);
  assert.throws(
    () => controlsConfig("default", { bogus: 1 } as unknown as { maxDays: number }),
    TypeError,
  );
});
