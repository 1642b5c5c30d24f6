// All-step supervision learns more from the same windows than last-step supervision: on markets
// with a planted edge (strong, persistent trends that tilt the book), a tiny model trained on
// every step's target predicts the validation days' last steps better than one trained on the last
// step only, at the same number of windows and steps.
import assert from "node:assert/strict";
import { makeWindows } from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { disposeModel, initBackend, predict } from "../lib/model/mod.ts";
import { pearson } from "../lib/stats/mod.ts";
import { prepareDataset, trainConfig, trainModel } from "../lib/train/mod.ts";

await initBackend("wasm", { fallback: false });
/**
 * A planted edge: most trends are strong and tilt the book hard in their direction, in a calm
 * market without bid-ask bounce (so the edge is large against the noise).
 */
const PLANTED = {
  maxDays: 40,
  barVolTicks: 1.5,
  strongShare: 0.8,
  strongBookTilt: 1.0,
  regimeEnterProb: 1 / 60,
  bounceTicks: 0,
};

for (const seed of [3, 4]) {
  Deno.test(`planted market ${seed}: all-step validation IC beats last-step`, async () => {
    const table = generateMarket({ seed, ...PLANTED });
    // Three epochs of 512 windows each: the same compute for both supervisions.
    const base = trainConfig("tiny", { epochs: 3, patience: 3, samplesPerEpoch: 512, workers: 0 });
    const ds = prepareDataset(table, base);
    const val = makeWindows(ds.frame, ds.ends.val);
    const ic: Record<string, number> = {};
    for (const supervision of ["last", "all"] as const) {
      const dir = await Deno.makeTempDir({ prefix: "trendformer_supervision_" });
      try {
        const run = await trainModel(ds, { ...base, supervision }, { outDir: dir });
        // Both scored alike: the last step of every validation window, as the strategy reads it.
        ic[supervision] = pearson((await predict(run.model, val.x)).predictions, val.y);
        disposeModel(run.model);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }
    // The edge is there to be found: the oracle's IC on these days.
    const gt = table.groundTruth!.gt_exp_ret_5m!;
    const oracle = pearson(Float64Array.from(ds.ends.val, (t) => gt[t]), val.y);
    assert.ok(oracle > 0.3, `oracle IC ${oracle}`);
    assert.ok(
      ic.all > ic.last + 0.03,
      `all-step ${ic.all.toFixed(3)}, last-step ${ic.last.toFixed(3)}`,
    );
    assert.ok(ic.all > 0.2, `all-step ${ic.all}`);
  });
}
