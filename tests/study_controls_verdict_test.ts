/**
 * The controls' verdicts are computed from the figures by rules fixed in advance: each rule is
 * flipped here by changing the one figure it reads.
 */
import assert from "node:assert/strict";
import { type ControlInputs, controlInputs, controlVerdict } from "../lib/study/mod.ts";

/** A run that finds nothing: no trade, IC interval around 0. */
function quiet(market: ControlInputs["market"]): ControlInputs {
  return {
    market,
    seed: 1,
    days: 36,
    forecast: { ic: 0.004, icCi90: [-0.02, 0.03], corrOracle: NaN, shareAbove: 0 },
    ceiling: null,
    baselines: [{ forecaster: "momentum", ic: -0.01, icCi90: [-0.04, 0.02] }],
    oracleShareAbove: null,
    strategy: { trades: 0, pnlBefore: 0, pnlAfter: 0, pnlCi90: [0, 0] },
    oracle: { gated: { trades: 0, pnlAfter: 0 }, ungated: { trades: 0, pnlAfter: 0 } },
    ablationP: null,
    attention: null,
  };
}

/** A run that finds the planted edge. */
function finds(): ControlInputs {
  return {
    ...quiet("trend"),
    forecast: { ic: 0.2, icCi90: [0.15, 0.25], corrOracle: 0.7, shareAbove: 0.05 },
    strategy: { trades: 80, pnlBefore: 9000, pnlAfter: 6000, pnlCi90: [1500, 10500] },
    oracle: { gated: { trades: 90, pnlAfter: 10000 }, ungated: { trades: 200, pnlAfter: 18000 } },
  };
}

Deno.test("null control: passes on nothing, fails loudly on a profit or an IC away from 0", () => {
  const ok = controlVerdict(quiet("null"));
  assert.equal(ok.status, "pass");
  assert.match(ok.headline, /^null: nothing found/);
  const profit = quiet("null");
  profit.strategy = { trades: 50, pnlBefore: 5000, pnlAfter: 3000, pnlCi90: [200, 6000] };
  const p = controlVerdict(profit);
  assert.equal(p.status, "fail");
  assert.match(p.headline, /^NULL CONTROL FAILED: the strategy shows a significant after-cost/);
  assert.match(p.headline, /something leaks or overfits/);
  const ic = quiet("null");
  ic.forecast.icCi90 = [0.01, 0.05];
  const above = controlVerdict(ic);
  assert.match(above.headline, /the model's IC interval excludes 0/);
  assert.match(above.reasons.join("\n"), /IC lies above 0: look for a leak/);
  assert.match(
    above.reasons.join("\n"),
    /on the same test days: momentum -0\.010 \[-0\.040, 0\.020\]/,
  );
  ic.forecast.icCi90 = [-0.07, -0.02];
  const below = controlVerdict(ic);
  assert.equal(below.status, "fail");
  assert.match(below.reasons.join("\n"), /IC lies below 0: the forecast is anti-correlated/);
  // A profit whose interval reaches 0 is no evidence: pass.
  profit.strategy.pnlCi90 = [-100, 6000];
  assert.equal(controlVerdict(profit).status, "pass");
  // A constant forecast has no IC interval: it found nothing.
  const flat = quiet("null");
  flat.forecast.icCi90 = [NaN, NaN];
  assert.equal(controlVerdict(flat).status, "pass");
});

Deno.test("trend control: passes when it trades daily with an interval above 0, else names the stage", () => {
  const ok = controlVerdict(finds());
  assert.equal(ok.status, "pass");
  assert.equal(ok.lostAt, null);
  assert.equal(ok.halfOracle, true); // 6,000 ≥ half of 10,000
  const rare = finds();
  rare.strategy.trades = 20; // < 36 days
  const r = controlVerdict(rare);
  assert.equal(r.status, "fail");
  assert.match(r.headline, /fewer than one trade a day/);
  assert.equal(r.lostAt, "forecast"); // the oracle gets through the gate; the model does not
  const costly = finds();
  costly.strategy.pnlCi90 = [-500, 9000];
  assert.equal(controlVerdict(costly).lostAt, "costs"); // trades daily, profitable before costs
  const gated = finds();
  gated.strategy.pnlCi90 = [-500, 9000];
  gated.oracle!.gated.pnlAfter = 8000; // ≤ half of the ungated 18,000
  assert.equal(controlVerdict(gated).lostAt, "gate");
  const hopeless = finds();
  hopeless.strategy.pnlCi90 = [-500, 9000];
  hopeless.oracle!.ungated.pnlAfter = -100;
  assert.equal(controlVerdict(hopeless).lostAt, "costs");
  const half = finds();
  half.strategy.pnlAfter = 4000;
  assert.equal(controlVerdict(half).halfOracle, false);
});

Deno.test("default market: reported plainly, beside the claim", () => {
  const none = controlVerdict(quiet("default"));
  assert.equal(none.status, "report");
  assert.match(none.headline, /^default: the strategy makes no trade out of sample; the claim/);
  const loses = quiet("default");
  loses.strategy = { trades: 12, pnlBefore: 100, pnlAfter: -430, pnlCi90: [-900, 20] };
  assert.match(controlVerdict(loses).headline, /loses 430 CNY after costs .* \[-900 CNY, 20 CNY\]/);
});

Deno.test("controlInputs: reads eval.json test rows and metrics.json's out-of-sample figures", () => {
  const row = (forecaster: string, ic: number | null, corr: number | null, share: number) => ({
    split: "test",
    forecaster,
    ic,
    icCi90: [ic === null ? null : ic - 0.01, ic === null ? null : ic + 0.01] as [
      number | null,
      number | null,
    ],
    corrOracle: corr,
    shareAboveThreshold: share,
  });
  const evaluation = {
    rows: [
      { ...row("model", 0.9, 0.9, 0.5), split: "val" },
      row("model", 0.05, null, 0.01),
      row("ceiling", 0.06, 0.4, 0.02),
      row("oracle", 0.1, 1, 0.03),
    ],
  };
  const metrics = {
    outOfSample: {
      days: { count: 2, first: "2023-01-03", last: "2023-01-04" },
      summary: { trades: 3, before: { pnl: 50 }, after: { pnl: 20 } },
      intervals: { netPnl: { lo: -10, hi: null } },
      attention: {},
    },
    oracle: {
      outOfSample: {
        gated: { trades: 2, after: { pnl: 30 } },
        ungated: { trades: 4, after: { pnl: 60 } },
      },
    },
    ablation: { outOfSample: { pValue: 0.25 } },
  };
  const x = controlInputs(evaluation, metrics, { market: "trend", seed: 7 });
  assert.deepEqual(x.forecast.icCi90, [0.04, 0.060000000000000005]);
  assert.ok(Number.isNaN(x.forecast.corrOracle));
  assert.equal(x.forecast.shareAbove, 0.01);
  assert.deepEqual(x.ceiling, { corrOracle: 0.4, shareAbove: 0.02 });
  assert.equal(x.oracleShareAbove, 0.03);
  assert.equal(x.days, 2);
  assert.deepEqual(x.strategy.pnlCi90[0], -10);
  assert.ok(Number.isNaN(x.strategy.pnlCi90[1]));
  assert.deepEqual(x.oracle, {
    gated: { trades: 2, pnlAfter: 30 },
    ungated: { trades: 4, pnlAfter: 60 },
  });
  assert.equal(x.ablationP, 0.25);
  assert.equal(x.attention, null);
  assert.throws(
    () => controlInputs({ rows: [] }, metrics, { market: "null", seed: 1 }),
    RangeError,
  );
});
