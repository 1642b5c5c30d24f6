/**
 * Backtest a trained checkpoint on a bar table and write the report.
 *
 *   deno task backtest [--data data/market.csv] [--model data/models/default]
 *                      [--out data/backtest/default] [--signal-threshold 0.001]
 *                      [--attention-threshold 0.6] [--max-hold 15] [--commission RATE]
 *                      [--symbol auto|CODE|generic] [--bar-minutes 1] [--roll-days DAYS]
 *                      [--slippage-ticks 1] [--extra-slippage-ticks 0] [--backend wasm|cpu]
 *                      [--permutations 1000] [--seed 1] [--workers N]
 *
 * Mirrors the original `run_strategy.py --mode backtest`. Runs the strategy in sample (the
 * checkpoint's training days) and out of sample (its test days), the oracle, the gate ablation
 * with its permutation test and a cost-sensitivity grid; writes trades.csv, equity.csv,
 * daily.csv, metrics.json and report.html into `--out` (atomically, as one directory) and prints
 * the headline table, the verdict, the paths and the timings.
 *
 * @module
 */
import { runBacktest } from "../lib/backtest/mod.ts";
import { formatFee } from "../lib/calendar/mod.ts";
import { readBars } from "../lib/data/mod.ts";
import { JUPYTER_DISPLAY, showTable } from "../lib/plot/mod.ts";
import {
  backtestVerdict,
  comparisonTable,
  formatComparison,
  formatMetric,
  writeBacktest,
} from "../lib/report/mod.ts";
import { DATA_FLAGS, readBarsOptions } from "./_data_flags.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task backtest`. */
export const BACKTEST_FLAGS = {
  data: { type: "string", default: "data/market.csv", placeholder: "FILE", doc: "Bar table." },
  model: {
    type: "string",
    default: "data/models/default",
    placeholder: "DIR",
    doc: "Training run directory (its best/ is used) or a checkpoint directory.",
  },
  out: {
    type: "string",
    default: "data/backtest/default",
    placeholder: "DIR",
    doc: "Output directory (replaced atomically).",
  },
  "signal-threshold": {
    type: "number",
    default: 0.001,
    min: 0,
    doc: "Minimum |predicted 5-minute return| for a signal (0.001 = 10 bp).",
  },
  "attention-threshold": {
    type: "number",
    default: 0.6,
    min: 0,
    max: 1,
    doc: "Minimum bullish (long) / bearish (short) attention.",
  },
  "max-hold": { type: "integer", default: 15, min: 1, doc: "Maximum holding period in minutes." },
  commission: {
    type: "number",
    min: 0,
    doc: "Commission per side as a fraction of notional, replacing the product's fee model " +
      "(default: the instrument table's fees, e.g. rb 0.0001).",
  },
  "slippage-ticks": {
    type: "number",
    default: 1,
    min: 0,
    doc: "Slippage in ticks for fills without a book quote (with a book: bid/ask).",
  },
  "extra-slippage-ticks": {
    type: "number",
    default: 0,
    min: 0,
    doc: "Extra adverse ticks on every fill (stress).",
  },
  backend: { type: ["wasm", "cpu"], doc: "tfjs backend (default: the checkpoint's, else wasm)." },
  permutations: {
    type: "integer",
    default: 1000,
    min: 1,
    doc: "Random gates of the ablation's permutation test.",
  },
  seed: { type: "integer", default: 1, min: 0, doc: "Seed of the random gates." },
  workers: {
    type: "integer",
    min: 1,
    doc: "Deno Workers for inference (default: the number of cores).",
  },
  ...DATA_FLAGS,
} as const;

await runScript({
  usage: "deno task backtest [flags]",
  description: "Backtest a checkpoint in and out of sample (with oracle, gate ablation and cost\n" +
    "sensitivity) and write trades.csv, equity.csv, daily.csv, metrics.json and report.html.",
  flags: BACKTEST_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const t0 = performance.now();
  const table = await readBars(flags.data, readBarsOptions(flags));
  const tRead = performance.now();
  const run = await runBacktest(table, flags.model, {
    strategy: {
      signalThreshold: flags.signalThreshold,
      attentionThreshold: flags.attentionThreshold,
      maxHold: flags.maxHold,
    },
    commissionRate: flags.commission ?? null,
    slippageTicks: flags.slippageTicks,
    extraSlippageTicks: flags.extraSlippageTicks,
    backend: flags.backend ?? null,
    permutations: flags.permutations,
    seed: flags.seed,
    ...(flags.workers === undefined ? {} : { workers: flags.workers }),
  });
  const tRun = performance.now();
  const paths = await writeBacktest(run, flags.out);
  const tWrite = performance.now();

  for (const w of run.warnings) console.error(`warning: ${w}`);
  const is = run.periods.inSample, oos = run.periods.outOfSample;
  const c = run.config.backtest.contract;
  console.log(
    `${c.symbol} (${c.exchange}) from ${table.instrumentFrom ?? "the defaults"}: tick ${c.tick}, ` +
      `multiplier ${c.multiplier}, fee ${formatFee(c.fee)}`,
  );
  console.log(
    `${run.data.source}: ${run.data.bars.toLocaleString("en-US")} bars; checkpoint ` +
      `${run.checkpoint.path} (${run.backend}); in-sample ${is.days.length} days, ` +
      `out-of-sample ${oos.days.length} days`,
  );
  console.log("");
  console.log(showTable(formatComparison(comparisonTable(run)))[JUPYTER_DISPLAY]()["text/plain"]);
  console.log("");
  for (const p of [is, oos]) {
    const a = p.ablation;
    const nulls = Object.values(a.nulls).map((r) =>
      `${r!.null} p = ${formatMetric(r!.pValue, "p")}`
    );
    console.log(
      `ablation ${p.label}: gate ${formatMetric(a.gated.netPnl, "CNY")} CNY, no gate ` +
        `${formatMetric(a.ungated.netPnl, "CNY")} CNY; vs ${a.permutations} random gates: ${
          nulls.join(", ")
        }`,
    );
  }
  console.log("");
  const verdict = backtestVerdict(run);
  console.log(verdict.headline);
  for (const s of verdict.sentences) console.log(`- ${s}`);
  console.log("");
  for (const f of Object.values(paths)) console.log(`wrote ${f}`);
  const t = run.timings, sec = (x: number) => `${x.toFixed(1)} s`;
  const windows = is.ends.length + oos.ends.length;
  const predict = (t["predict.inSample"] ?? 0) + (t["predict.outOfSample"] ?? 0);
  console.log(
    `time: read ${sec((tRead - t0) / 1000)}, predict ${sec(predict)} (${
      Math.round(windows / predict).toLocaleString("en-US")
    } windows/s), backtest+ablation+analysis ${
      sec((t.backtest ?? 0) + (t.ablation ?? 0) + (t.analysis ?? 0) + (t.costs ?? 0))
    }, write ${sec((tWrite - tRun) / 1000)}, total ${sec((tWrite - t0) / 1000)}`,
  );
});
