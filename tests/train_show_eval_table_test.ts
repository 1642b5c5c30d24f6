// evalTableRows / showEvalTable: derived columns computed right, undefined scores shown as n/a.
import assert from "node:assert/strict";
import { EVAL_TABLE_COLUMNS, evalTableRows, showEvalTable } from "../lib/train/mod.ts";

const rows = [
  {
    split: "val",
    forecaster: "model",
    n: 401,
    mse: 1.8e-6,
    ic: 0.05,
    rankIc: 0.04,
    directionalAccuracy: 0.52,
    icCi90: [0.011, 0.0894],
    corrOracle: 0.25,
    corrOracleCi90: [0.2, null],
    shareAboveThreshold: 0.001,
  },
  {
    split: "val",
    forecaster: "zero",
    n: 401,
    mse: 2e-6,
    ic: NaN,
    rankIc: NaN,
    directionalAccuracy: NaN,
  },
  {
    split: "test",
    forecaster: "zero",
    n: 101,
    mse: 1e-6,
    ic: null,
    rankIc: null,
    directionalAccuracy: null,
  },
  {
    split: "test",
    forecaster: "oracle",
    n: 101,
    mse: 1.1e-6,
    ic: 0.2,
    rankIc: 0.1,
    directionalAccuracy: 0.6,
  },
];

Deno.test("evalTableRows: MSE in 1e-6, R² against zero of the same split, intervals", () => {
  const t = evalTableRows(rows);
  assert.deepEqual(Object.keys(t[0]), [...EVAL_TABLE_COLUMNS]);
  assert.ok(Math.abs((t[0]["MSE ×1e-6"] as number) - 1.8) < 1e-12);
  assert.ok(Math.abs((t[0]["R² vs zero %"] as number) - 10) < 1e-9); // 1 − 1.8/2
  assert.ok(Math.abs((t[3]["R² vs zero %"] as number) - -10) < 1e-9); // 1 − 1.1/1, test's zero
  assert.equal(t[1]["R² vs zero %"], 0);
  assert.equal(t[0]["IC 90 % CI"], "[0.011, 0.089]");
  assert.equal(t[0]["corrOracle 90 % CI"], null); // an undefined end
  assert.equal(t[3]["IC 90 % CI"], null); // a row without intervals (an older eval.json)
  assert.ok(Math.abs((t[0]["|pred| > thr %"] as number) - 0.1) < 1e-12);
  assert.ok(Math.abs((t[3]["dir. acc. %"] as number) - 60) < 1e-12);
  for (const r of [t[1], t[2]]) {
    assert.equal(r.IC, null);
    assert.equal(r["rank IC"], null);
    assert.equal(r["IC 90 % CI"], null);
    assert.equal(r["dir. acc. %"], null);
  }
  // Without a zero row there is nothing to compare against.
  assert.equal(evalTableRows(rows.slice(0, 1))[0]["R² vs zero %"], null);
});

Deno.test("showEvalTable: fixed decimals and n/a", () => {
  const shown = showEvalTable(rows);
  assert.deepEqual(shown.columns, [...EVAL_TABLE_COLUMNS]);
  assert.deepEqual(shown.cells[0], [
    "val",
    "model",
    "401",
    "1.8000",
    "10.000",
    "0.0500",
    "[0.011, 0.089]",
    "0.0400",
    "52.0",
    "0.250",
    "n/a",
    "0.10",
  ]);
  assert.deepEqual(shown.cells[2].slice(5), ["n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"]);
});
