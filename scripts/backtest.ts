/**
 * Backtest a trained checkpoint on a bar table and write the report.
 *
 *   deno task backtest [--data data/market.csv] [--model data/models/default]
 *                      [--out data/backtest/default] [--symbol auto|CODE|generic]
 *                      [--bar-minutes 1] [--roll-days DAYS] [config flags]
 *
 * The config flags (`--help` lists them with their defaults) are derived from the study's config
 * (lib/study `BACKTEST_CONFIG_FLAGS` over `backtestDefaults()`); an unknown flag is an error.
 * Mirrors the original `run_strategy.py --mode backtest`. Runs the strategy in sample (the
 * checkpoint's training days) and out of sample (its test days), the oracle, the gate ablation
 * with its permutation test, a cost-sensitivity grid and the threshold study (thresholds chosen
 * on the validation days, reported beside the strategy's); writes trades.csv, equity.csv,
 * daily.csv, metrics.json, report.html and the equity and drawdown PNGs into `--out`
 * (atomically, as one directory) and prints the headline table, the verdict, the paths and the
 * timings.
 *
 * @module
 */
import { configFlags, configOverrides } from "../lib/cli/mod.ts";
import { BACKTEST_CONFIG_FLAGS, backtestDefaults, runBacktest } from "../lib/study/mod.ts";
import { readBars } from "../lib/data/mod.ts";
import { JUPYTER_DISPLAY, showTable } from "../lib/plot/mod.ts";
import {
  backtestVerdict,
  comparisonTable,
  formatComparison,
  formatMetric,
  thresholdTable,
  writeBacktest,
} from "../lib/report/mod.ts";
import { formatFee } from "../lib/calendar/mod.ts";
import { DATA_FLAGS, readBarsOptions } from "./_data_flags.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task backtest`: paths, then the study's config flags (defaults from it). */
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
  ...configFlags(backtestDefaults(), BACKTEST_CONFIG_FLAGS),
  ...DATA_FLAGS,
} as const;

await runScript({
  usage: "deno task backtest [flags]",
  description: "Backtest a checkpoint in and out of sample (with oracle, gate ablation, cost\n" +
    "sensitivity and thresholds chosen on the validation days) and write trades.csv, equity.csv,\n" +
    "daily.csv, metrics.json and report.html.",
  flags: BACKTEST_FLAGS,
  maxPositionals: 0,
}, async (parsed) => {
  const { flags } = parsed;
  const t0 = performance.now();
  const table = await readBars(flags.data, readBarsOptions(flags));
  const tRead = performance.now();
  const run = await runBacktest(table, flags.model, configOverrides(parsed, BACKTEST_CONFIG_FLAGS));
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
  if (run.thresholds) {
    console.log("");
    console.log(showTable(thresholdTable(run.thresholds))[JUPYTER_DISPLAY]()["text/plain"]);
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
      sec(
        (t.backtest ?? 0) + (t.ablation ?? 0) + (t.analysis ?? 0) + (t.costs ?? 0) +
          (t.thresholds ?? 0),
      )
    }, write ${sec((tWrite - tRun) / 1000)}, total ${sec((tWrite - t0) / 1000)}`,
  );
});
