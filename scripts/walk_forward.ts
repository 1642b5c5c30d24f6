/**
 * Walk-forward: retrain every K trading days, choose thresholds on each fold's validation days,
 * trade the next K days, and stitch the out-of-sample results.
 *
 *   deno task walk-forward [--data data/market.csv] [--name default] [--out DIR] [--preset …]
 *                          [--fresh] [--single-split data/backtest/default] [config flags]
 *
 * Writes `data/walk-forward/<name>/`: plan.json and folds/<k>/ (each fold's model and record, so an
 * interrupted run resumes where it stopped and gives the same result), then trades.csv,
 * equity.csv, daily.csv, metrics.json, report.html and equity.png of the stitched out-of-sample
 * run, beside the single-split backtest's figures when `--single-split` holds them. Prints a
 * progress bar with the ETA over folds, then the headline table and the folds.
 *
 * @module
 */
import { type ConfigFlag, configFlags, configOverrides } from "../lib/cli/mod.ts";
import { readBars } from "../lib/data/mod.ts";
import { JUPYTER_DISPLAY, showTable } from "../lib/plot/mod.ts";
import {
  readSingleSplit,
  walkForwardFoldTable,
  walkForwardSummary,
  writeWalkForward,
} from "../lib/report/mod.ts";
import {
  BACKTEST_CONFIG_FLAGS,
  backtestDefaults,
  WALK_FORWARD_CONFIG_FLAGS,
  WALK_FORWARD_PRESETS,
  walkForward,
  type WalkForwardProgress,
} from "../lib/study/mod.ts";
import { formatProgress } from "../lib/train/mod.ts";
import { runScript } from "./_main.ts";

/** The backtest flags that matter to a walk-forward, bound to its `backtest` key. */
const TRADING_FLAGS: Record<string, ConfigFlag> = Object.fromEntries(
  ([
    "signal-threshold",
    "attention-threshold",
    "max-hold",
    "commission",
    "close-today-commission",
    "slippage-ticks",
    "extra-slippage-ticks",
    "workers",
    "batch-size",
    "min-trades",
  ] as const)
    .map((
      k,
    ) => [k, { ...BACKTEST_CONFIG_FLAGS[k], key: `backtest.${BACKTEST_CONFIG_FLAGS[k].key}` }]),
);
const CONFIG_FLAGS = { ...WALK_FORWARD_CONFIG_FLAGS, ...TRADING_FLAGS };
const DEFAULTS = { ...WALK_FORWARD_PRESETS.default, backtest: backtestDefaults() };

/** The flags of `deno task walk-forward`. */
export const WALK_FORWARD_FLAGS = {
  data: { type: "string", default: "data/market.csv", placeholder: "FILE", doc: "Bar table." },
  name: {
    type: "string",
    default: "default",
    doc: "Run name: outputs in data/walk-forward/<name>.",
  },
  out: { type: "string", placeholder: "DIR", doc: "Output directory (default: from --name)." },
  preset: { type: ["default", "tiny"], default: "default", doc: "Config preset." },
  fresh: { type: "boolean", default: false, doc: "Delete earlier folds and start over." },
  "single-split": {
    type: "string",
    default: "data/backtest/default",
    placeholder: "DIR",
    doc: "Backtest output whose out-of-sample figures are shown beside.",
  },
  ...configFlags(DEFAULTS, CONFIG_FLAGS),
} as const;

function clock(sec: number): string {
  if (!Number.isFinite(sec)) return "--:--";
  const m = Math.floor(sec / 60), s = Math.round(sec % 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

function progressLine(p: WalkForwardProgress): string {
  const width = 20, done = p.fold + (p.stage === "done" || p.stage === "resumed" ? 1 : 0);
  const filled = Math.round((done / p.folds) * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  const head = `fold ${String(p.fold + 1).padStart(String(p.folds).length)}/${p.folds} ${bar} ` +
    `elapsed ${clock(p.elapsedSec)} ETA ${clock(p.etaSec)} ${p.stage}`;
  return p.train ? `${head} | ${formatProgress(p.train, { width: 10 })}` : head;
}

await runScript({
  usage: "deno task walk-forward [flags]",
  description:
    "Retrain every K trading days (expanding window by default), choose thresholds on\n" +
    "each fold's validation days, trade the next K days, and stitch the out-of-sample results\n" +
    "with day-block bootstrap intervals. Resumable: run it again to continue.",
  flags: WALK_FORWARD_FLAGS,
  maxPositionals: 0,
}, async (parsed) => {
  const { flags } = parsed;
  const out = flags.out ?? `data/walk-forward/${flags.name}`;
  const table = await readBars(flags.data);
  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const run = await walkForward(table, out, {
    preset: flags.preset,
    config: configOverrides(parsed, CONFIG_FLAGS),
    fresh: flags.fresh,
    onProgress: (p) => {
      if (tty) Deno.stderr.writeSync(enc.encode(`\r\x1b[K${progressLine(p)}`));
      else if (p.stage !== "train" || p.train?.kind === "epoch") console.error(progressLine(p));
      if (tty && (p.stage === "done" || p.stage === "resumed")) {
        Deno.stderr.writeSync(enc.encode("\n"));
      }
    },
  });
  const single = await readSingleSplit(flags.singleSplit);
  const paths = await writeWalkForward(run, out, { single });
  const text = (rows: Record<string, string>[]) =>
    showTable(rows, { maxRows: 200 })[JUPYTER_DISPLAY]()["text/plain"];
  console.log(
    `${run.data.source}: ${run.folds.length} folds (${run.resumed} resumed), ` +
      `${run.stitched.days.length} out-of-sample days, ${run.seconds.toFixed(0)} s`,
  );
  console.log("");
  console.log(text(walkForwardSummary(run, single)));
  console.log("");
  console.log(text(walkForwardFoldTable(run)));
  console.log("");
  for (const f of Object.values(paths)) console.log(`wrote ${f}`);
});
