/**
 * walkForwardFolds: over many configurations, no fold trains on a day it validates, tests or
 * purges; the order is train < purge < val < purge < test with gaps of exactly purgeDays; the
 * test blocks tile the days from the first test day to the end; windows have their sizes.
 */
import assert from "node:assert/strict";
import { walkForwardConfig, walkForwardFolds } from "../lib/study/mod.ts";
import { tradingDays } from "../lib/calendar/mod.ts";

const year = tradingDays(2023); // 242 SHFE trading days

Deno.test("walkForwardFolds: the default year gives 5 folds of 20 test days after 120 training days", () => {
  const folds = walkForwardFolds(year, walkForwardConfig());
  assert.equal(folds.length, 5);
  assert.equal(folds[0].train.length, 120);
  assert.deepEqual(folds.map((f) => f.test.length), [20, 20, 20, 20, 20]);
  assert.equal(folds[0].test[0], year[142]);
  assert.equal(folds.at(-1)!.test.at(-1), year.at(-1));
  assert.deepEqual(folds.map((f) => f.train.length), [120, 140, 160, 180, 200]);
});

Deno.test("walkForwardFolds: no fold trains on a day it tests, validates or purges; blocks tile", () => {
  let checked = 0;
  for (const window of ["expanding", "rolling"] as const) {
    for (const stepDays of [1, 5, 20, 37]) {
      for (const purgeDays of [0, 1, 3]) {
        for (const valDays of [1, 10]) {
          const cfg = { stepDays, window, rollingDays: 50, minTrainDays: 60, valDays, purgeDays };
          const folds = walkForwardFolds([...year].reverse(), cfg);
          let next = 60 + 2 * purgeDays + valDays;
          for (const f of folds) {
            const train = new Set(f.train);
            for (const d of [...f.val, ...f.test, ...f.purged]) {
              assert.ok(!train.has(d), `fold ${f.index} trains on ${d}`);
            }
            assert.ok(!f.val.some((d) => f.test.includes(d) || f.purged.includes(d)));
            assert.ok(f.train.at(-1)! < f.val[0] && f.val.at(-1)! < f.test[0]);
            const at = (d: number) => year.indexOf(d);
            assert.equal(at(f.val[0]) - at(f.train.at(-1)!) - 1, purgeDays, "purge before val");
            assert.equal(at(f.test[0]) - at(f.val.at(-1)!) - 1, purgeDays, "purge after val");
            assert.equal(f.purged.length, 2 * purgeDays);
            assert.equal(f.val.length, valDays);
            assert.equal(at(f.test[0]), next, "test blocks follow each other");
            assert.equal(f.test.length, Math.min(stepDays, year.length - next));
            const expect = window === "rolling"
              ? Math.min(50, at(f.val[0]) - purgeDays)
              : at(f.val[0]) - purgeDays;
            assert.equal(f.train.length, expect, `${window} window`);
            assert.ok(window === "rolling" || f.train[0] === year[0]);
            next += f.test.length;
            checked++;
          }
          assert.equal(next, year.length, "the last block ends with the data");
        }
      }
    }
  }
  assert.ok(checked > 1000, `${checked} folds checked`);
});

Deno.test("walkForwardFolds: too few days is a RangeError; the config rejects unknown keys", () => {
  const cfg = walkForwardConfig({ minTrainDays: 200, valDays: 40 });
  assert.throws(() => walkForwardFolds(year, cfg), RangeError);
  assert.throws(() => walkForwardConfig({ step: 5 } as never), TypeError);
  assert.throws(() => walkForwardConfig({ train: { epoch: 2 } as never }), TypeError);
  assert.throws(() => walkForwardConfig({ backtest: { permutation: 2 } as never }), TypeError);
  assert.throws(() => walkForwardConfig({ window: "sliding" as never }), RangeError);
});
