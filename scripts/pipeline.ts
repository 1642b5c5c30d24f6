/**
 * The main job: the whole chain, on the built-in synthetic data or on your own file.
 *
 *   deno task pipeline [--market default|null|trend] [--preset default|tiny] [--seed 42] [--years 1]
 *                      [--data FILE] [--regenerate] [--max-days N] [--artefacts data]
 *                      [--symbol auto|CODE|generic] [--bar-minutes 1] [--roll-days DAYS]
 *                      [--layout auto|…]
 *
 * 1. generate `--data` unless it exists (or with `--regenerate`); a file of your own (real data)
 *    is read, validated and described instead: its product, sessions, split, and what it is too
 *    short or too poor to estimate;
 * 2. train (`data/models/<run>`);
 * 3. backtest (`data/backtest/<run>`).
 *
 * `<run>` is `[<market>-]<preset>[-<N>y]` and the data default to
 * `data/market[-<market>][-<N>y].csv` (the market's name left out for `default`, the years for
 * one), so markets and data sizes never overwrite each other.
 *
 * Each stage runs as its own `deno task` script, so its output is exactly what a user sees when
 * running that stage alone. The data flags (`--symbol`, …) reach every stage.
 *
 * @module
 */
import { formatSessions } from "../lib/calendar/mod.ts";
import { readBars } from "../lib/data/mod.ts";
import { pathExists } from "../lib/data/path_exists.ts";
import { dataLimits } from "../lib/features/mod.ts";
import { trainConfig } from "../lib/train/mod.ts";
import { DATA_FLAGS, dataArgs, readBarsOptions } from "./_data_flags.ts";
import { runScript } from "./_main.ts";
import { stage } from "./_stage.ts";

/** The flags of `deno task pipeline`. */
export const PIPELINE_FLAGS = {
  market: {
    type: ["default", "null", "trend"],
    default: "default",
    doc: "Synthetic market to generate (default, null or trend).",
  },
  preset: { type: ["default", "tiny"], default: "default", doc: "Training preset." },
  seed: { type: "integer", default: 42, min: 0, doc: "Seed of the synthetic market." },
  years: {
    type: "integer",
    default: 1,
    min: 1,
    max: 50,
    doc: "Calendar years of synthetic market (from 2023).",
  },
  data: {
    type: "string",
    placeholder: "FILE",
    doc: "Bar table (default data/market[-<market>][-<N>y].csv).",
  },
  regenerate: { type: "boolean", default: false, doc: "Generate the data even if it exists." },
  "max-days": { type: "integer", min: 1, doc: "Generate only the first N trading days." },
  artefacts: {
    type: "string",
    default: "data",
    placeholder: "DIR",
    doc: "Root of models/<preset> and backtest/<preset>.",
  },
  ...DATA_FLAGS,
} as const;

await runScript({
  usage: "deno task pipeline [flags]",
  description:
    "Generate (if missing) → train → backtest, on the synthetic rebar year or on your\n" +
    "own bar file (--data FILE --symbol CODE).",
  flags: PIPELINE_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const t0 = performance.now();
  const market = flags.market === "default" ? [] : [flags.market];
  const years = flags.years === 1 ? [] : [`${flags.years}y`];
  const file = flags.data ?? `data/${["market", ...market, ...years].join("-")}.csv`;
  const run = [...market, flags.preset, ...years].join("-");
  const model = `${flags.artefacts}/models/${run}`;
  const dataFlags = dataArgs(flags);
  if (flags.regenerate || !(await pathExists(file))) {
    await stage("generate", "scripts/generate.ts", [
      "--market",
      flags.market,
      "--seed",
      String(flags.seed),
      "--years",
      String(flags.years),
      "--out",
      file,
      ...(flags.maxDays ? ["--max-days", String(flags.maxDays)] : []),
    ]);
  } else {
    console.log(`== generate: ${file} exists (use --regenerate to rebuild it)`);
  }
  const table = await readBars(file, readBarsOptions(flags));
  const limits = dataLimits(table, trainConfig(flags.preset).split);
  const inst = table.instrument!;
  console.log(
    `== data: ${limits.days} trading day(s) of ${inst.symbol} (${inst.exchange}, from ` +
      `${table.instrumentFrom}); sessions ${formatSessions(inst.sessions)}` +
      (limits.split
        ? `; split ${limits.split.train} train / ${limits.split.val} validation / ` +
          `${limits.split.test} test day(s), ${limits.split.purged} purged`
        : ""),
  );
  for (const s of limits.cannot) console.log(`   cannot estimate: ${s}`);
  if (limits.split === null) throw new RangeError(`${file} is too short to train on`);
  await stage("train", "scripts/train.ts", [
    "--preset",
    flags.preset,
    "--data",
    file,
    ...(flags.data === undefined && !flags.maxDays ? ["--years", String(flags.years)] : []),
    "--out",
    model,
    ...dataFlags,
  ]);
  await stage("backtest", "scripts/backtest.ts", [
    "--data",
    file,
    "--model",
    model,
    "--out",
    `${flags.artefacts}/backtest/${run}`,
    ...dataFlags,
  ]);
  console.log(`\npipeline done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
});
