/**
 * The verdict's significance uses Student's t with the days actually observed: a t of 2.5 over 3
 * days is NOT significant at 5 % (it needs 4.30), over 40 days it is; non-finite daily returns
 * (a ruined account) are not counted as days.
 */
import assert from "node:assert/strict";
import { backtestVerdict } from "../lib/report/mod.ts";
import { type BacktestRun, runBacktest } from "../lib/study/mod.ts";
import { studentTQuantile } from "../lib/stats/mod.ts";
import { LOOSE_STRATEGY, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

const dir = await Deno.makeTempDir({ prefix: "verdict_" });
const table = tinyMarket();
await tinyCheckpoint(`${dir}/model`, table);
const run = await runBacktest(table, `${dir}/model`, { preset: "tiny", strategy: LOOSE_STRATEGY });
await Deno.remove(dir, { recursive: true });

/** Daily returns with mean / sd × √n = t exactly, plus `nan` NaN days. */
function returnsWithT(n: number, t: number, nan = 0): Float64Array {
  const base: number[] = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
  if (n % 2 === 1) base[n - 1] = 0;
  const m = base.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(base.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  const shift = t * sd / Math.sqrt(n) - m;
  return Float64Array.from([...base.map((x) => (x + shift) * 1e-3), ...Array(nan).fill(NaN)]);
}

function withReturns(r: Float64Array): BacktestRun {
  const oos = run.periods.outOfSample;
  return {
    ...run,
    periods: { ...run.periods, outOfSample: { ...oos, daily: { ...oos.daily, returns: r } } },
  };
}

Deno.test("backtestVerdict: t judged against Student's t with the days observed", () => {
  assert.ok(run.periods.outOfSample.summary.trades > 0);
  const few = backtestVerdict(withReturns(returnsWithT(3, 2.5)));
  assert.ok(Math.abs(few.outOfSampleT - 2.5) < 1e-9);
  assert.equal(few.outOfSampleDays, 3);
  assert.equal(few.significantOutOfSample, false, "|t| 2.5 < 4.30 with 2 df");
  assert.ok(few.outOfSampleP! > 0.1 && few.outOfSampleP! < 0.15, `${few.outOfSampleP}`);
  const crit = studentTQuantile(0.975, 2).toFixed(2);
  assert.ok(
    few.sentences.some((s) =>
      s.includes(
        `NOT distinguishable from zero at the 5 % level (that needs |t| ≥ ${crit} with 3 days)`,
      )
    ),
    few.sentences.join("\n"),
  );
  const many = backtestVerdict(withReturns(returnsWithT(40, 2.5)));
  assert.equal(many.significantOutOfSample, true, "2.5 > 2.02 with 39 df");
  assert.ok(many.sentences.some((s) => s.includes("distinguishable from zero at the 5 % level.")));
  const ruined = backtestVerdict(withReturns(returnsWithT(40, 2.5, 5)));
  assert.equal(ruined.outOfSampleDays, 40, "NaN days are not days");
  assert.ok(Math.abs(ruined.outOfSampleT - 2.5) < 1e-9, `t ${ruined.outOfSampleT}`);
});
