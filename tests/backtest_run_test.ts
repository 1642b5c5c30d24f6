/**
 * The backtest runner end to end on a tiny generated market and an untrained tiny checkpoint:
 * outputs, their consistency with the engine, the claim, mismatched checkpoints, the CLI, and
 * look-ahead at the pipeline level.
 */
import assert from "node:assert/strict";
import { CLAIM, simulate } from "../lib/backtest/mod.ts";
import { runBacktest } from "../lib/study/mod.ts";
import { type BarTable, pathExists, writeBars } from "../lib/data/mod.ts";
import { splitByDay } from "../lib/features/mod.ts";
import { BACKTEST_FILES, writeBacktest } from "../lib/report/mod.ts";
import { LOOSE_STRATEGY, TINY_SPLIT, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";
import { perBar } from "./backtest_recompute.ts";
import { runScript } from "./run_script.ts";
import { seededRng } from "../lib/stats/random.ts";

const table = tinyMarket();

function csvRows(text: string): string[][] {
  return text.trimEnd().split("\n").slice(1).map((l) => l.split(","));
}

Deno.test("runBacktest + writeBacktest: every output, consistent with the engine and the claim", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_run_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const run = await runBacktest(table, `${dir}/model`, {
      preset: "tiny",
      strategy: LOOSE_STRATEGY,
    });
    const out = `${dir}/backtest/tiny`;
    const paths = await writeBacktest(run, out);
    for (const f of BACKTEST_FILES) assert.ok((await Deno.stat(paths[f])).size > 0, f);
    for (const png of ["equity.png", "drawdown.png"]) {
      const bytes = await Deno.readFile(`${out}/${png}`);
      assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], `${png} is a PNG`);
    }
    assert.deepEqual((await Array.fromAsync(Deno.readDir(`${dir}/backtest`))).map((e) => e.name), [
      "tiny",
    ]);

    const m = JSON.parse(await Deno.readTextFile(paths["metrics.json"]));
    for (const k of ["inSample", "outOfSample", "oracle", "ablation", "costSensitivity", "claim"]) {
      assert.ok(k in m, `metrics.json has ${k}`);
    }
    assert.deepEqual(m.claim, { ...CLAIM });
    assert.equal(m.claim.annualReturn, 0.28);
    assert.equal(m.claim.maxDrawdown, -0.08);
    assert.equal(m.claim.sharpe, 2.1);
    assert.equal(m.claim.winRate, 0.58);
    assert.equal(m.claim.label, "claim (not reproduced; different data)");
    assert.equal(m.conventions.tradingDaysPerYear, 242);
    assert.equal(m.conventions.ddof, 1);
    const gt = table.groundTruth!.gt_exp_ret_5m!;
    const { signalThreshold: thr, attentionThreshold: att } = LOOSE_STRATEGY;
    for (const k of ["inSample", "outOfSample"] as const) {
      // The oracle's trades, recounted: the ground truth at the model's windows through the
      // signal threshold, with the model's attention gate ("gated") and without ("ungated").
      const p = run.periods[k];
      const truth = perBar(p.bars.time.length, p.ends, Array.from(p.ends, (i) => gt[p.start + i]));
      const rule = (gate: boolean) =>
        Int8Array.from(truth, (g, i) => {
          if (g > thr && (!gate || p.bull[i] > att)) return 1;
          return g < -thr && (!gate || p.bear[i] > att) ? -1 : 0;
        });
      for (const [key, gate] of [["gated", true], ["ungated", false]] as const) {
        const recount = simulate(p.bars, rule(gate), run.config.backtest).trades.count;
        assert.equal(m.oracle[k][key].trades, recount, `${k} oracle ${key} trades`);
        assert.ok(recount > 0, `${k} oracle ${key} trades`);
      }
      assert.notDeepEqual(rule(true), rule(false), "the attention gate drops some oracle signals");
      // p = (1 + #{random gates with net P&L ≥ the attention gate's}) / (K + 1), K = 100 (tiny).
      const pValue = m.ablation[k].pValue, random = p.ablation.random;
      assert.equal(m.ablation[k].permutations, 100);
      assert.equal(random.netPnl.length, 100);
      const atLeast = random.netPnl.filter((x) => x >= p.ablation.gated.netPnl).length;
      assert.equal(m.ablation[k].nulls.shift.atLeastGated, atLeast);
      assert.equal(pValue, (1 + atLeast) / 101);
      assert.equal(m.ablation[k].nulls.shift.pValue, pValue);
      assert.ok(m[k].summary.after.pnl <= m[k].summary.before.pnl, "costs are never negative");
    }
    assert.equal(m.costSensitivity.length, 2 * 3 * 2);

    // Periods follow the checkpoint's split of trading days.
    const split = splitByDay(table.tradingDay, TINY_SPLIT);
    const barsIn = (days: number[]) => table.tradingDay.filter((d) => days.includes(d)).length;
    const equity = csvRows(await Deno.readTextFile(paths["equity.csv"]));
    const trades = csvRows(await Deno.readTextFile(paths["trades.csv"]));
    const daily = csvRows(await Deno.readTextFile(paths["daily.csv"]));
    const periods = [["inSample", "in_sample", split.train], [
      "outOfSample",
      "out_of_sample",
      split.test,
    ]] as const;
    for (const [key, label, days] of periods) {
      const p = run.periods[key];
      assert.deepEqual(p.days, days);
      const eq = equity.filter((r) => r[0] === label);
      assert.equal(eq.length, barsIn(days), `equity.csv rows of ${label} = bars in the period`);
      assert.equal(p.summary.bars, barsIn(days));
      assert.ok(p.summary.trades > 0, `the loose strategy trades ${label}`);
      const tr = trades.filter((r) => r[0] === label);
      assert.equal(tr.length, p.summary.trades);
      const net = tr.reduce((s, r) => s + Number(r[15]), 0);
      assert.ok(
        Math.abs(net - p.summary.after.pnl) < 0.01 * tr.length,
        `${net} vs ${p.summary.after.pnl}`,
      );
      // The last row's net P&L is the realised total (flat at the end of the data).
      assert.ok(Math.abs(Number(eq.at(-1)![10]) - p.summary.after.pnl) < 1e-2);
      assert.equal(daily.filter((r) => r[0] === label).length, days.length);
      // Each entry fills on the bar after a signal of its side that passed both thresholds.
      const row = new Map(eq.map((r, i) => [r[1], i]));
      for (const r of tr) {
        const at = row.get(r[2])!, side = r[6] === "long" ? 1 : -1;
        assert.equal(row.get(r[3]), at + 1, `entry ${r[3]} on the bar after signal ${r[2]}`);
        assert.equal(Date.parse(r[3]) - Date.parse(r[2]), 60_000);
        assert.equal(Number(eq[at][7]), side, `equity.csv signal at ${r[2]}`);
        assert.equal(Number(eq[at + 1][8]), side, `equity.csv position at ${r[3]}`);
        assert.equal(Number(r[17]), Number(eq[at][4]), `prediction at ${r[2]}`);
        const score = Number(r[side > 0 ? 18 : 19]);
        assert.ok(side * Number(r[17]) > thr && score > att, `${r[2]}: ${r[17]}, ${score}`);
      }
      assert.equal(m[key].summary.trades, p.summary.trades);
    }

    // The verdict's flags follow the figures: net P&L from trades.csv, t from daily.csv.
    const oosNet = trades.filter((r) => r[0] === "out_of_sample")
      .reduce((s, r) => s + Number(r[15]), 0);
    assert.equal(m.verdict.makesMoneyOutOfSample, oosNet > 0);
    assert.equal(m.verdict.makesMoneyOutOfSample, m.outOfSample.summary.after.pnl > 0);
    const r = daily.filter((d) => d[0] === "out_of_sample").map((d) => Number(d[8]));
    const mu = r.reduce((s, x) => s + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mu) ** 2, 0) / (r.length - 1));
    const t = mu / sd * Math.sqrt(r.length);
    assert.ok(Math.abs(m.verdict.outOfSampleT - t) < 1e-4 * Math.abs(t), `t ${t}`);
    assert.equal(m.verdict.significantOutOfSample, Math.abs(t) >= 2);
    const gate = m.ablation.outOfSample;
    const passed = gate.gated.longSignals + gate.gated.shortSignals;
    const judged = passed > 0 &&
      (gate.gated.longSignals < gate.qualified.long ||
        gate.gated.shortSignals < gate.qualified.short);
    assert.equal(m.verdict.gateBeatsRandom, judged ? gate.pValue < 0.05 : null);
    assert.ok(run.periods.outOfSample.heatmaps.length > 0);

    // Rewriting replaces the directory atomically and leaves no temporary behind.
    await writeBacktest(run, out);
    assert.deepEqual((await Array.fromAsync(Deno.readDir(`${dir}/backtest`))).map((e) => e.name), [
      "tiny",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runBacktest: a checkpoint trained on other features fails clearly, before any output", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_mismatch_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const noBook: BarTable = { ...table, book: null, source: "no-book table" };
    await assert.rejects(
      () => runBacktest(noBook, `${dir}/model`, { preset: "tiny" }),
      (e: Error) => {
        assert.ok(e instanceof RangeError, e.constructor.name);
        assert.match(e.message, /does not match/);
        assert.match(e.message, /spread_ticks/);
        return true;
      },
    );
    await assert.rejects(() => runBacktest(table, `${dir}/nothing`), Deno.errors.NotFound);
    await assert.rejects(
      () => runBacktest(table, `${dir}/model`, { permutation: 3 } as never),
      TypeError,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const cli = (args: string[]) => runScript("backtest.ts", args);

Deno.test("CLI: runs end to end; unknown flag and mismatched checkpoint exit non-zero, no output", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_cli_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    await writeBars(table, `${dir}/market.csv`);
    await writeBars({ ...table, book: null }, `${dir}/nobook.csv`);

    const bad = await cli(["--data", `${dir}/market.csv`, "--bogus", "1"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Unknown flag --bogus/);

    const mismatch = await cli([
      "--data",
      `${dir}/nobook.csv`,
      "--model",
      `${dir}/model`,
      "--out",
      `${dir}/out-mismatch`,
    ]);
    assert.notEqual(mismatch.code, 0);
    assert.match(mismatch.stderr, /error: Checkpoint .* does not match/);
    assert.equal(await pathExists(`${dir}/out-mismatch`), false);

    const ok = await cli([
      "--data",
      `${dir}/market.csv`,
      "--model",
      `${dir}/model`,
      "--out",
      `${dir}/out`,
      "--signal-threshold",
      "0",
      "--attention-threshold",
      "0.4",
      "--max-hold",
      "10",
      "--commission",
      "0.0002",
      "--permutations",
      "50",
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /claim \(not reproduced; different data\)/);
    assert.match(ok.stdout, /ours: out-of-sample/);
    assert.match(ok.stdout, /oracle \+ attention gate/);
    assert.match(ok.stdout, /time: read .* total/);
    for (const f of BACKTEST_FILES) assert.ok(await pathExists(`${dir}/out/${f}`), f);
    const m = JSON.parse(await Deno.readTextFile(`${dir}/out/metrics.json`));
    assert.equal(m.config.strategy.maxHold, 10);
    assert.deepEqual(m.config.backtest.contract.fee, {
      unit: "rate",
      open: 0.0002,
      close: 0.0002,
      closeToday: 0.0002,
    });
    assert.equal(m.ablation.outOfSample.permutations, 50);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** The table with every price from bar T on moved by a random walk and volumes rescaled. */
function rewriteFrom(t: BarTable, T: number, seed: number): BarTable {
  const u = seededRng(seed);
  const c = (a: Float64Array) => Float64Array.from(a);
  const [open, high, low, close, volume] = [t.open, t.high, t.low, t.close, t.volume].map(c);
  const bid = c(t.book!.bidPrice1), ask = c(t.book!.askPrice1);
  let d = 0;
  for (let i = T; i < open.length; i++) {
    d += Math.round((u.uniform() - 0.5) * 8);
    for (const a of [open, high, low, close, bid, ask]) a[i] += d;
    volume[i] = Math.round(volume[i] * (0.5 + u.uniform()));
  }
  return {
    ...t,
    open,
    high,
    low,
    close,
    volume,
    book: { ...t.book!, bidPrice1: bid, askPrice1: ask },
    source: `rewritten from bar ${T}`,
  };
}

Deno.test("look-ahead: changing bars after T changes no prediction, signal or trade decided before T", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_lookahead_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const opts = { preset: "tiny" as const, strategy: LOOSE_STRATEGY, permutations: 5 };
    const a = await runBacktest(table, `${dir}/model`, opts);
    let checked = 0;
    for (
      const [key, frac, seed] of [["outOfSample", 0.5, 1], ["inSample", 0.6, 2], [
        "outOfSample",
        0.8,
        3,
      ]] as const
    ) {
      const pa = a.periods[key];
      const n = pa.bars.time.length;
      const local = Math.floor(n * frac);
      const b = await runBacktest(rewriteFrom(table, pa.start + local, seed), `${dir}/model`, opts);
      const pb = b.periods[key];
      assert.ok(b.warnings.some((w) => /fingerprints differ/.test(w)));
      for (let i = 0; i < local; i++) {
        assert.ok(Object.is(pa.prediction[i], pb.prediction[i]), `prediction at ${i} < ${local}`);
        assert.ok(Object.is(pa.bull[i], pb.bull[i]) && Object.is(pa.bear[i], pb.bear[i]));
        assert.equal(pa.signals[i], pb.signals[i]);
      }
      let changed = 0;
      for (let i = local; i < n; i++) if (!Object.is(pa.prediction[i], pb.prediction[i])) changed++;
      assert.ok(changed > 0.5 * (n - local), "the rewrite does change later predictions");
      const ta = pa.sim.trades, tb = pb.sim.trades;
      let before = 0;
      for (let k = 0; k < ta.count && ta.entryIndex[k] < local; k++) {
        before++;
        assert.equal(tb.entryIndex[k], ta.entryIndex[k]);
        assert.equal(tb.side[k], ta.side[k]);
        assert.equal(tb.entryPrice[k], ta.entryPrice[k]);
        if (ta.exitIndex[k] < local) {
          assert.equal(tb.exitIndex[k], ta.exitIndex[k]);
          assert.equal(tb.exitPrice[k], ta.exitPrice[k]);
          assert.equal(tb.netPnl[k], ta.netPnl[k]);
        }
      }
      assert.ok(before > 5, `${before} trades opened before the cut`);
      for (let i = 0; i < local; i++) assert.equal(pa.curve.pnlNet[i], pb.curve.pnlNet[i]);
      checked++;
    }
    assert.equal(checked, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runBacktest: predicting on 2 workers gives the same predictions and attention", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_workers_" });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const opts = { preset: "tiny" as const, strategy: LOOSE_STRATEGY, permutations: 10 };
    const one = await runBacktest(table, `${dir}/model`, { ...opts, workers: 1, chunk: 256 });
    const two = await runBacktest(table, `${dir}/model`, { ...opts, workers: 2, chunk: 256 });
    for (const k of ["inSample", "outOfSample"] as const) {
      assert.ok(one.periods[k].ends.length >= 2 * 256, "enough windows for the parallel path");
      assert.deepEqual(two.periods[k].prediction, one.periods[k].prediction);
      assert.deepEqual(two.periods[k].attention, one.periods[k].attention);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
