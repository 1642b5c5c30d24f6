/**
 * The walk-forward end to end on a 40-day generated market with the tiny preset (4 folds of 5 test
 * days): no fold trains on a day it tests or purges, thresholds are chosen without the fold's test
 * days, the stitched run is the folds' runs put together, and a run killed half-way resumes to
 * the same result.
 */
import assert from "node:assert/strict";
import { runSignals } from "../lib/backtest/mod.ts";
import { type BarTable, writeBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";
import { signals } from "../lib/strategy/mod.ts";
import {
  engineConfig,
  evaluateFold,
  foldDir,
  foldTrainConfig,
  loadTrained,
  readTrainedMeta,
  runBacktestConfig,
  trainFold,
  walkForward,
  walkForwardConfig,
  walkForwardFolds,
} from "../lib/study/mod.ts";
import { ROOT } from "./run_script.ts";

const table = generateMarket({ maxDays: 40 });
const tmp = await Deno.makeTempDir({ prefix: "walk_forward_" });
const wf = await walkForward(table, `${tmp}/run`, { preset: "tiny" });

Deno.test("walk-forward: a directory started with another config is refused, not mixed", async () => {
  await assert.rejects(
    () => walkForward(table, `${tmp}/run`, { preset: "tiny", config: { stepDays: 4 } }),
    /was started with another config/,
  );
  const again = await walkForward({ ...table, source: "the same bytes" }, `${tmp}/run`, {
    preset: "tiny",
  });
  assert.equal(again.resumed, 4, "same data under another name: every fold read back");
});

Deno.test("walk-forward: no fold trains on a day it tests, validates or purges", async () => {
  assert.equal(wf.folds.length, 4);
  for (const r of wf.folds) {
    const meta = await readTrainedMeta(`${foldDir(`${tmp}/run`, r.fold.index)}/model`);
    assert.deepEqual(meta.days, {
      train: r.fold.train,
      val: r.fold.val,
      test: r.fold.test,
      purged: r.fold.purged,
    });
    const train = new Set(meta.days!.train);
    for (const d of [...r.fold.test, ...r.fold.purged, ...r.fold.val]) assert.ok(!train.has(d));
    // Every bar of every training window, target included, lies on a training day.
    const trained = await loadTrained(table, `${foldDir(`${tmp}/run`, r.fold.index)}/model`);
    try {
      const { frame, ends } = trained.dataset, T = frame.spec.window, h = frame.spec.horizon;
      assert.ok(ends.train.length > 100);
      for (const e of ends.train) {
        for (let i = e - T + 1; i <= e + h; i++) {
          assert.ok(train.has(frame.tradingDay[i]), `fold ${r.fold.index} window ${e} bar ${i}`);
        }
      }
    } finally {
      trained.dispose();
    }
    assert.equal(
      r.training.warmFrom,
      r.fold.index > 0 ? `folds/${r.fold.index - 1}/model/best` : null,
    );
  }
});

/** The table with every bar from `start` on moved by a seeded amount (prices and the book). */
function perturbFrom(t: BarTable, start: number): BarTable {
  const move = (a: Float64Array) =>
    Float64Array.from(a, (x, i) => (i >= start ? x + 3 * (i % 7) : x));
  const o = move(t.open), c = move(t.close);
  return {
    ...t,
    open: o,
    close: c,
    high: Float64Array.from(move(t.high), (x, i) => Math.max(x, o[i], c[i])),
    low: Float64Array.from(move(t.low), (x, i) => Math.min(x, o[i], c[i])),
    book: { ...t.book!, bidPrice1: move(t.book!.bidPrice1), askPrice1: move(t.book!.askPrice1) },
    source: `perturbed from bar ${start}`,
  };
}

Deno.test("walk-forward: a fold's thresholds are chosen without its test days", async () => {
  const cfg = walkForwardConfig({}, { preset: "tiny" });
  const fold = walkForwardFolds(Array.from(new Set(table.tradingDay)), cfg)[1];
  const start = table.tradingDay.indexOf(fold.test[0]);
  // Without costs some cell of a tiny model makes money on the validation days, so a choice is
  // made and the test cannot pass vacuously.
  const backtest = runBacktestConfig({
    ...cfg.backtest,
    commissionRate: 0,
    closeTodayCommissionRate: 0,
    slippageTicks: 0,
    thresholdGrid: { minTrades: 3 },
  });
  const one = async (t: BarTable, name: string) => {
    const training = await trainFold(t, fold, {
      config: foldTrainConfig(cfg, false),
      outDir: `${tmp}/${name}`,
      warmFrom: null,
      purgeDays: cfg.purgeDays,
    });
    return { training, evaluation: await evaluateFold(t, `${tmp}/${name}`, { backtest }) };
  };
  const a = await one(table, "fold_a"), b = await one(perturbFrom(table, start), "fold_b");
  assert.ok(a.evaluation.chosen !== null, "a cell qualifies on the validation days");
  assert.deepEqual(b.evaluation.chosen, a.evaluation.chosen);
  assert.deepEqual(b.evaluation.validation, a.evaluation.validation);
  assert.equal(b.training.bestValLoss, a.training.bestValLoss);
  assert.notDeepEqual(
    b.evaluation.test.prediction,
    a.evaluation.test.prediction,
    "test days moved",
  );
});

Deno.test("walk-forward: the stitched run is the folds' test blocks traded one by one", () => {
  const cfg = runBacktestConfig(wf.config.backtest), backtest = engineConfig(cfg);
  const s = wf.stitched;
  let trades = 0, net = 0;
  for (const r of wf.folds) {
    const bars = { ...s.bars };
    const off = r.test.start - s.start, n = r.test.end - r.test.start;
    for (const k of ["time", "tradingDay", "open", "close"] as const) {
      (bars as Record<string, unknown>)[k] = s.bars[k].subarray(off, off + n);
    }
    bars.book = {
      ...s.bars.book!,
      bidPrice1: s.bars.book!.bidPrice1.subarray(off, off + n),
      askPrice1: s.bars.book!.askPrice1.subarray(off, off + n),
    };
    const sig = signals(r.test.prediction, r.test, wf.strategy);
    const run = runSignals(bars as BarTable, sig, backtest);
    trades += run.summary.trades;
    net += run.summary.after.pnl;
  }
  assert.equal(s.spec.summary.trades, trades);
  assert.ok(
    Math.abs(s.spec.summary.after.pnl - net) < 1e-6,
    `${s.spec.summary.after.pnl} vs ${net}`,
  );
  assert.equal(s.days.length, 19);
  assert.equal(s.spec.intervals.netPnl.blocks, 19);
});

/** The run's outputs without wall-clock fields. */
async function outputs(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of ["trades.csv", "equity.csv", "daily.csv"]) {
    out[f] = await Deno.readTextFile(`${dir}/${f}`);
  }
  const m = JSON.parse(
    await Deno.readTextFile(`${dir}/metrics.json`),
    (k, v) => k === "seconds" ? undefined : v,
  );
  out["metrics.json"] = JSON.stringify(m);
  return out;
}

Deno.test("walk-forward: killed after its first fold, it resumes to the same result", async () => {
  await writeBars(table, `${tmp}/market.csv`);
  const args = (out: string) => [
    "run",
    "-A",
    `${ROOT}scripts/walk_forward.ts`,
    "--data",
    `${tmp}/market.csv`,
    "--preset",
    "tiny",
    "--out",
    out,
    "--single-split",
    `${tmp}/none`,
  ];
  const run = (out: string) =>
    new Deno.Command(Deno.execPath(), {
      args: args(out),
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    })
      .output();
  const whole = await run(`${tmp}/whole`);
  assert.equal(whole.code, 0, new TextDecoder().decode(whole.stderr));

  const child = new Deno.Command(Deno.execPath(), {
    args: args(`${tmp}/killed`),
    cwd: ROOT,
    stdout: "null",
    stderr: "null",
  }).spawn();
  const first = `${tmp}/killed/folds/0/fold.json`;
  for (let i = 0; i < 600; i++) {
    if (await Deno.stat(first).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  await child.status;
  const done = await Deno.stat(`${tmp}/killed/folds/3/fold.json`).then(() => true, () => false);
  assert.ok(!done, "the run was killed before its last fold");
  const again = await run(`${tmp}/killed`);
  const text = new TextDecoder().decode(again.stdout);
  assert.equal(again.code, 0, new TextDecoder().decode(again.stderr));
  assert.match(text, /4 folds \([1-3] resumed\)/);
  assert.deepEqual(await outputs(`${tmp}/killed`), await outputs(`${tmp}/whole`));
  // The in-process run of the same folds agrees with both.
  const spec = JSON.parse((await outputs(`${tmp}/whole`))["metrics.json"]).outOfSample.spec;
  assert.equal(spec.summary.trades, wf.stitched.spec.summary.trades);
});

Deno.test({ name: "walk-forward: cleanup", fn: () => Deno.remove(tmp, { recursive: true }) });
