import assert from "node:assert/strict";
import { readBars } from "../lib/data/mod.ts";
import {
  calibrationFacts,
  calibrationTable,
  generateMarket,
  MARKET_PRESETS,
  REAL_RB_TARGETS,
  realCalibrationTargets,
  stylizedFacts,
  withinTarget,
} from "../lib/market/mod.ts";
import { RB_BARS, realDataTest, realFile, RM_TICKS } from "./real_data.ts";

Deno.test("calibrationTable: real ± tolerance, then value and mark per table", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  const rows = calibrationTable({
    default: table,
    null: generateMarket({ ...MARKET_PRESETS.tiny, market: "null" }),
    "no book": { ...table, book: null },
  });
  assert.deepEqual(rows.map((r) => r.fact), REAL_RB_TARGETS.map((t) => t.label));
  assert.deepEqual(Object.keys(rows[0]), [
    "fact",
    "real ± tolerance",
    "default",
    "null",
    "no book",
  ]);
  assert.equal(rows[0]["real ± tolerance"], "9.74 ± 0.82");
  const sd = stylizedFacts(table).returnStd * 1e4;
  assert.equal(
    rows[0].default,
    `${sd.toFixed(2)} ${withinTarget(REAL_RB_TARGETS[0], sd) ? "✓" : "✗"}`,
  );
  const bounce = rows.find((r) => r.fact.startsWith("return autocorrelation"))!;
  assert.match(bounce.null, / — \(none by construction\)$/);
  assert.match(bounce.default, / [✓✗]$/);
  const spread = rows.find((r) => r.fact.startsWith("bars with a 1-tick spread"))!;
  assert.equal(spread["no book"], "n/a n/a");
  assert.equal(spread["real ± tolerance"], "0.953 ± 0.031 (RM705)");
  // A value outside the band is marked.
  const calm = generateMarket({ ...MARKET_PRESETS.tiny, barVolTicks: 1 });
  assert.match(calibrationTable({ calm })[0].calm, / ✗$/);
  assert.ok(calibrationFacts(calm).returnStdBp < 9.74 - 0.82);
});

realDataTest("REAL_RB_TARGETS are the real files' figures and jackknife tolerances", [
  RB_BARS,
  RM_TICKS,
], async () => {
  const again = realCalibrationTargets(
    await readBars(realFile(RB_BARS)),
    await readBars(realFile(RM_TICKS)),
  );
  for (const t of REAL_RB_TARGETS) {
    const r = again[t.key];
    const digits = 10 ** -(t.digits + 1);
    assert.ok(Math.abs(r.real - t.real) <= Math.max(digits, 1e-3 * Math.abs(t.real)), t.key);
    assert.ok(Math.abs(r.tolerance - t.tolerance) <= 0.01 * t.tolerance + digits, t.key);
  }
});
