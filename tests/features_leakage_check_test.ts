import assert from "node:assert/strict";
import {
  buildFeatures,
  leakageCheck,
  leakagePlot,
  splitByDay,
  windowEnds,
} from "../lib/features/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { pearson } from "../lib/stats/mod.ts";

const table = generateMarket({ maxDays: 40 });
const frame = buildFeatures(table, { preset: "tiny" });
const gt = table.groundTruth!.gt_exp_ret_5m!;

Deno.test("leakageCheck: future columns score far above every honest feature and the oracle", () => {
  const rows = windowEnds(frame, splitByDay(frame.tradingDay).train);
  const check = leakageCheck(frame, { rows, oracle: gt });
  assert.deepEqual(check.map((r) => r.name), [
    ...frame.names,
    "future_ret_1",
    "future_ret_5",
    "oracle: gt_exp_ret_5m",
  ]);
  assert.deepEqual(check.map((r) => r.kind), [
    ...frame.names.map(() => "feature"),
    "leak",
    "leak",
    "oracle",
  ]);
  const ours = Math.max(...check.filter((r) => r.kind === "feature").map((r) => Math.abs(r.ic)));
  const [f1, f5, oracle] = check.slice(-3);
  assert.ok(ours < 0.1, `honest |IC| ${ours}`);
  assert.ok(f5.ic > 0.99 && f5.rankIc > 0.99, `future_ret_5 ${f5.ic}`);
  assert.ok(f1.ic > 3 * ours && f1.ic > oracle.ic, `future_ret_1 ${f1.ic}`);
  const x = Float64Array.from(rows, (i) => gt[i]),
    y = Float64Array.from(rows, (i) => frame.target[i]);
  assert.ok(Math.abs(oracle.ic - pearson(x, y)) < 1e-12);
  assert.equal(oracle.n, rows.length);
  assert.ok(oracle.ic > ours, "the oracle beats every honest feature");
});

Deno.test("leakageCheck options and errors; leakagePlot draws a labelled bar per row", () => {
  const check = leakageCheck(frame, { lookaheads: [2] });
  assert.equal(check.at(-1)!.name, "future_ret_2");
  assert.ok(!check.some((r) => r.kind === "oracle"));
  assert.throws(() => leakageCheck(frame, { oracle: gt.subarray(1) }), /oracle has/);
  assert.throws(() => leakageCheck(frame, { lookaheads: [0] }), RangeError);

  const withOracle = leakageCheck(frame, { oracle: gt });
  const el = leakagePlot(withOracle);
  assert.equal(el.querySelectorAll('g[aria-label="bar"] rect').length, withOracle.length);
  const labels = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  const f5 = withOracle.find((r) => r.name === "future_ret_5")!;
  assert.ok(labels.includes(`IC +${f5.ic.toFixed(3)}`));
  assert.ok(labels.includes("oracle |IC|: the ceiling for honest features"));
  const legend = [...el.querySelectorAll("span")].map((s) => s.textContent);
  assert.deepEqual(legend, [
    "our features (known at t)",
    "built from the future (leak)",
    "oracle: ground truth (not a feature)",
  ]);
});
