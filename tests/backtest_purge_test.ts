/**
 * runBacktest on a checkpoint whose split purges a day at each boundary (the training default),
 * with different entry and close-today commission rates: the periods hold only their own days,
 * no window reaches into a purged day, and every fill pays its own rate.
 */
import assert from "node:assert/strict";
import { runBacktest } from "../lib/study/mod.ts";
import { splitByDay } from "../lib/features/mod.ts";
import { LOOSE_STRATEGY, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

const table = tinyMarket();
const PURGED = { train: 0.5, val: 0.2, test: 0.3, purgeDays: 1 };

Deno.test("runBacktest with a purged split and a close-today rate: periods, windows, commissions", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "bt_purge_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table, { split: PURGED });
    const run = await runBacktest(table, `${dir}/model`, {
      preset: "tiny",
      strategy: LOOSE_STRATEGY,
      permutations: 10,
      commissionRate: 1e-4,
      closeTodayCommissionRate: 3e-4,
    });

    await t.step("the periods hold their split's days and nothing of a purged day", () => {
      // 10 days − 2 purged = 8 usable: 4 train | purged | 2 val | purged | 2 test.
      const days = [...new Set(table.tradingDay)];
      assert.equal(days.length, 10);
      assert.deepEqual(splitByDay(table.tradingDay, PURGED).purged, [days[4], days[7]]);
      assert.deepEqual(run.checkpoint.split, PURGED);
      const T = run.checkpoint.model.seqLen;
      const periods = [["inSample", days.slice(0, 4)], ["outOfSample", days.slice(8)]] as const;
      for (const [key, want] of periods) {
        const p = run.periods[key];
        assert.deepEqual(p.days, want, `${key} days`);
        assert.deepEqual([...new Set(p.bars.tradingDay)], want, `${key}: days of its bars`);
        assert.equal(p.bars.time.length, table.tradingDay.filter((d) => want.includes(d)).length);
        // Every window lies inside the period: its first bar is a bar of the period.
        assert.ok(p.ends.length > 0 && p.ends.every((e) => e - T + 1 >= 0), `${key} windows`);
        assert.ok(p.summary.trades > 0, `${key} trades`);
      }
    });

    await t.step("entries pay the commission rate, exits the close-today rate", () => {
      assert.equal(run.config.backtest.contract.fee.open, 1e-4);
      assert.equal(run.config.backtest.contract.fee.closeToday, 3e-4);
      for (const key of ["inSample", "outOfSample"] as const) {
        const tr = run.periods[key].sim.trades, size = 10;
        let total = 0;
        for (let k = 0; k < tr.count; k++) {
          const entry = 1e-4 * tr.entryPrice[k] * size, exit = 3e-4 * tr.exitPrice[k] * size;
          assert.ok(Math.abs(tr.entryCommission[k] - entry) < 1e-9, `${key} trade ${k} entry`);
          assert.ok(Math.abs(tr.exitCommission[k] - exit) < 1e-9, `${key} trade ${k} exit`);
          total += entry + exit;
        }
        assert.ok(Math.abs(run.periods[key].summary.commission - total) < 1e-6, key);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
