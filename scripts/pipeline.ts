/**
 * The main job: the whole chain on the built-in synthetic data.
 *
 *   deno task pipeline [--preset default|tiny] [--seed 42] [--years 1] [--data FILE]
 *                      [--regenerate] [--max-days N] [--artefacts data]
 *
 * 1. generate `--data` (default `data/market.csv`, or `data/market-<N>y.csv` with `--years N`)
 *    unless it exists (or with `--regenerate`);
 * 2. train (`data/models/<preset>`, or `<preset>-<N>y`);
 * 3. backtest (`data/backtest/<preset>`, or `<preset>-<N>y`).
 *
 * Each stage runs as its own `deno task` script, so its output is exactly what a user sees when
 * running that stage alone.
 *
 * @module
 */
import { pathExists } from "../lib/data/path_exists.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task pipeline`. */
export const PIPELINE_FLAGS = {
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
    doc: "Bar table (default data/market.csv, or data/market-<N>y.csv with --years N).",
  },
  regenerate: { type: "boolean", default: false, doc: "Generate the data even if it exists." },
  "max-days": { type: "integer", min: 1, doc: "Generate only the first N trading days." },
  artefacts: {
    type: "string",
    default: "data",
    placeholder: "DIR",
    doc: "Root of models/<preset> and backtest/<preset>.",
  },
} as const;

async function stage(name: string, script: string, args: string[]): Promise<void> {
  const t0 = performance.now();
  console.log(`\n== ${name}: deno run -A ${script} ${args.join(" ")}`);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) throw new Error(`${name} failed with exit code ${code}`);
  console.log(`== ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await runScript({
  usage: "deno task pipeline [flags]",
  description: "Generate (if missing) → train → backtest, on the synthetic rebar year.",
  flags: PIPELINE_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const t0 = performance.now();
  const suffix = flags.years === 1 ? "" : `-${flags.years}y`;
  const data = flags.data ?? `data/market${suffix}.csv`;
  const model = `${flags.artefacts}/models/${flags.preset}${suffix}`;
  if (flags.regenerate || !(await pathExists(data))) {
    await stage("generate", "scripts/generate.ts", [
      "--seed",
      String(flags.seed),
      "--years",
      String(flags.years),
      "--out",
      data,
      ...(flags.maxDays ? ["--max-days", String(flags.maxDays)] : []),
    ]);
  } else {
    console.log(`== generate: ${data} exists (use --regenerate to rebuild it)`);
  }
  await stage("train", "scripts/train.ts", [
    "--preset",
    flags.preset,
    "--data",
    data,
    ...(flags.data === undefined && !flags.maxDays ? ["--years", String(flags.years)] : []),
    "--out",
    model,
  ]);
  await stage("backtest", "scripts/backtest.ts", [
    "--data",
    data,
    "--model",
    model,
    "--out",
    `${flags.artefacts}/backtest/${flags.preset}${suffix}`,
  ]);
  console.log(`\npipeline done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
});
