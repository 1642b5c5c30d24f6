import assert from "node:assert/strict";
import { generateMarket } from "../lib/market/mod.ts";
import {
  fillTargetBatch,
  prepareDataset,
  stepWindowEnds,
  tileEnds,
  trainConfig,
  validationSet,
} from "../lib/train/mod.ts";

// 30 trading days: 19 train, 4 val, 4 test after a one-day purge at each boundary.
const table = generateMarket({ seed: 3, maxDays: 30 });
const ds = prepareDataset(table, trainConfig("tiny"));
const T = ds.frame.spec.window, H = ds.frame.spec.horizon;
const dayOf = ds.frame.tradingDay;

for (const lossFrom of [0, 10]) {
  Deno.test(`all-step targets (lossFrom ${lossFrom}) never cross a trading day or a split`, () => {
    for (const part of ["train", "val", "test"] as const) {
      const days = new Set(ds.split[part]);
      const ends = stepWindowEnds(ds.frame, ds.split[part], { lossFrom });
      assert.ok(ends.length > 0, part);
      const b = fillTargetBatch(ds.frame, ends, {
        steps: "all",
        lossFrom,
        targetMean: ds.norm.targetMean,
        targetStd: ds.norm.targetStd,
      });
      let used = 0, dayEnds = 0;
      ends.forEach((e, i) => {
        for (let p = 0; p < T; p++) {
          const r = e - T + 1 + p, k = i * T + p;
          assert.ok(days.has(dayOf[r]), `${part}: window bar ${r} outside the split`);
          if (b.weight[k] === 0) {
            if (p >= lossFrom && r + H < dayOf.length && dayOf[r + H] !== dayOf[r]) dayEnds++;
            continue;
          }
          used++;
          assert.ok(p >= lossFrom, `step ${p} before lossFrom`);
          // The target's bars lie in the bar's own trading day, hence in the same split.
          assert.equal(dayOf[r + H], dayOf[r], `${part}: target of bar ${r} crosses a day`);
          assert.ok(days.has(dayOf[r + H]));
          const want = (table.close[r + H] / table.close[r] - 1 - ds.norm.targetMean) /
            ds.norm.targetStd;
          assert.ok(Math.abs(b.y[k] - want) < 1e-4, `target of bar ${r}`);
        }
      });
      assert.ok(
        used > 0 && dayEnds > 0,
        `${part}: ${used} targets, ${dayEnds} left out at day ends`,
      );
    }
  });
}

Deno.test("a tiling covers every supervised bar of the split once", () => {
  const lossFrom = 12, stride = T - lossFrom;
  const ends = stepWindowEnds(ds.frame, ds.split.train, { lossFrom });
  for (const offset of [0, 7]) {
    const seen = new Int32Array(dayOf.length);
    for (const e of tileEnds(ends, stride, offset)) {
      for (let r = e - T + 1 + lossFrom; r <= e; r++) seen[r]++;
    }
    const first = ends[0] - T + 1 + lossFrom, last = ends[ends.length - 1];
    let once = 0, twice = 0, total = 0;
    for (let r = first + stride; r <= last - stride; r++) {
      total++;
      if (seen[r] === 1) once++;
      if (seen[r] > 1) twice++;
    }
    assert.equal(twice, 0);
    assert.ok(once / total > 0.98, `covered ${once} of ${total}`);
  }
});

Deno.test("validation reads every validation bar once (all-step) or the last steps", () => {
  const all = validationSet(ds, { supervision: "all", lossFrom: 0, valStride: 1 });
  const valBars = dayOf.filter((d) => ds.split.val.includes(d)).length;
  // Every bar with a target inside its day, less the first window's warm-up.
  assert.ok(
    all.allSteps && all.targets > 0.85 * valBars && all.targets <= valBars,
    `${all.targets}`,
  );
  const last = validationSet(ds, { supervision: "last", lossFrom: 0, valStride: 4 });
  assert.equal(last.targets, Math.ceil(ds.ends.val.length / 4));
  assert.equal(last.y.length, last.targets);
});
