/**
 * The three markets: `null` has nothing to predict, `trend` carries the strategy's premise, and
 * `gt_informed` marks exactly the minutes the generator pushed.
 */
import assert from "node:assert/strict";
import {
  calibrationFacts,
  generateMarket,
  MARKET_PRESETS,
  marketConfig,
  MARKETS,
  oracleIC,
  REAL_RB_TARGETS,
  withinTarget,
} from "../lib/market/mod.ts";
import { mean, std } from "../lib/stats/mod.ts";

Deno.test("markets: named by --market, unknown names rejected, source says which", () => {
  assert.deepEqual(Object.keys(MARKETS).sort(), ["default", "null", "trend"]);
  assert.equal(marketConfig({ market: "null" }).regimeEnterProb, 0);
  assert.equal(marketConfig({ market: "trend", seed: 7 }).seed, 7);
  assert.throws(() => marketConfig({ market: "bull" as never }), /Unknown market "bull"/);
  const t = generateMarket({ market: "trend", maxDays: 2 });
  assert.equal(t.source, "synthetic trend seed=42");
  // Size presets are partial, so they combine with any market without resetting its knobs.
  const tinyTrend = marketConfig({ ...MARKET_PRESETS.tiny, market: "trend" });
  assert.deepEqual(tinyTrend, { ...MARKETS.trend, maxDays: 10 });
});

Deno.test("null market: the oracle is exactly 0 and forward returns do not depend on the past", () => {
  const t = generateMarket({ market: "null", years: 2 });
  const gt = t.groundTruth!.gt_exp_ret_5m!, regime = t.groundTruth!.gt_regime!;
  assert.ok(gt.every((g) => g === 0), "gt_exp_ret_5m is 0 on every bar");
  assert.ok(regime.every((r) => r === 0) && t.groundTruth!.gt_informed!.every((x) => x === 0));
  // The next 5-bar move after an up minute and after a down minute: equal within noise (a
  // bounce or a trend would separate them by many standard errors).
  const after = { up: [] as number[], down: [] as number[] };
  for (let i = 1; i + 5 < t.close.length; i++) {
    if (t.tradingDay[i + 5] !== t.tradingDay[i]) continue;
    const r = t.close[i] - t.close[i - 1], fwd = t.close[i + 5] - t.close[i];
    if (r > 0) after.up.push(fwd);
    else if (r < 0) after.down.push(fwd);
  }
  const se = (x: number[]) => std(x) / Math.sqrt(x.length);
  // Forward windows overlap 5-fold, so allow for that in the standard error.
  const z = (mean(after.up) - mean(after.down)) /
    Math.sqrt(5 * (se(after.up) ** 2 + se(after.down) ** 2));
  assert.ok(Math.abs(z) < 3, `z = ${z}`);
  // The default market's bounce does separate them, strongly.
  const d = generateMarket({ maxDays: 242 });
  const sep = { up: [] as number[], down: [] as number[] };
  for (let i = 1; i + 5 < d.close.length; i++) {
    if (d.tradingDay[i + 5] !== d.tradingDay[i]) continue;
    const r = d.close[i] - d.close[i - 1], fwd = d.close[i + 5] - d.close[i];
    if (r > 0) sep.up.push(fwd);
    else if (r < 0) sep.down.push(fwd);
  }
  const zd = (mean(sep.up) - mean(sep.down)) / Math.sqrt(5 * (se(sep.up) ** 2 + se(sep.down) ** 2));
  assert.ok(zd < -3, `default market bounce z = ${zd}`);
});

Deno.test("null and trend markets keep the default market's stylized facts", () => {
  for (const market of ["null", "trend"] as const) {
    const values = calibrationFacts(generateMarket({ market }));
    for (const target of REAL_RB_TARGETS) {
      if (market === "null" && target.key === "returnAutocorr1") {
        assert.ok(Math.abs(values[target.key]) < 0.02, "no bounce in the null market");
        continue;
      }
      assert.ok(withinTarget(target, values[target.key]), `${market} ${target.label}`);
    }
  }
});

Deno.test("trend market: the oracle passes the 0.1 % threshold on at least 5 % of bars", () => {
  for (const seed of [42, 7]) {
    const t = generateMarket({ market: "trend", seed });
    const gt = t.groundTruth!.gt_exp_ret_5m!;
    const share = gt.filter((g) => Math.abs(g) > 0.001).length / gt.length;
    assert.ok(share >= 0.05, `seed ${seed}: oracle share ${share}`);
    assert.ok(oracleIC(t) > oracleIC(generateMarket({ seed })), "a stronger oracle than default");
  }
});

Deno.test("gt_informed marks exactly the minutes the generator pushed, with their direction", () => {
  // Everything but the informed pushes switched off (no noise, drift, gaps, bursts, bounce or
  // band): the close moves only on informed minutes, in their direction.
  const t = generateMarket({
    maxDays: 20,
    regimeEnterProb: 0.05,
    barVolTicks: 1e-12,
    weakDrift: 0,
    strongDrift: 0,
    burstProb: 0,
    gapScale: 0,
    bounceTicks: 0,
    bandReversion: 0,
    informedJump: 50,
  });
  const informed = t.groundTruth!.gt_informed!, regime = t.groundTruth!.gt_regime!;
  let marked = 0, moved = 0;
  for (let i = 1; i < t.close.length; i++) {
    const dc = t.close[i] - t.close[i - 1];
    if (informed[i] === 0) {
      assert.equal(dc, 0, `bar ${i} moved ${dc} without an informed push`);
      continue;
    }
    marked++;
    assert.equal(informed[i], regime[i], `bar ${i}: informed in the trend's direction`);
    assert.ok(dc * informed[i] >= 0, `bar ${i}: moved ${dc} against its mark ${informed[i]}`);
    if (dc !== 0) moved++;
  }
  assert.ok(marked > 200, `${marked} informed minutes`);
  // A push of 50·Exp(1) ticks rounds to no move only when it is below one tick (about 2 %).
  assert.ok(moved > 0.95 * marked, `${moved} of ${marked} marked minutes moved`);
});
