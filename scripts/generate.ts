/**
 * Generate the synthetic SHFE rebar market and write it as CSV.
 *
 *   deno task generate [--market default|null|trend] [--seed 42] [--year 2023] [--years 1]
 *                      [--max-days N] [--out data/market.csv]
 *
 * Prints one line: rows, trading days, time taken and path.
 *
 * @module
 */
import { dirname } from "node:path";
import { generateMarket } from "../lib/market/mod.ts";
import { writeBars } from "../lib/data/mod.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task generate`. */
export const GENERATE_FLAGS = {
  market: {
    type: ["default", "null", "trend"],
    default: "default",
    doc: "Which market: default (calibrated to real rb), null (nothing to predict) or trend " +
      "(strong announced trends).",
  },
  seed: { type: "integer", default: 42, doc: "PRNG seed; the same seed gives identical bytes." },
  year: { type: "integer", default: 2023, min: 1990, max: 2200, doc: "First calendar year." },
  years: { type: "integer", default: 1, min: 1, max: 50, doc: "Number of calendar years." },
  "max-days": {
    type: "integer",
    min: 1,
    doc: "Keep only the first N trading days (default: all).",
  },
  out: { type: "string", default: "data/market.csv", placeholder: "FILE", doc: "Output CSV." },
} as const;

await runScript({
  usage: "deno task generate [flags]",
  description: "Generate a synthetic SHFE rebar one-minute market (bars, book, open interest,\n" +
    "ground truth) and write it atomically as CSV.",
  flags: GENERATE_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const t0 = performance.now();
  const table = generateMarket({
    market: flags.market,
    seed: flags.seed,
    year: flags.year,
    years: flags.years,
    maxDays: flags.maxDays ?? null,
  });
  await Deno.mkdir(dirname(flags.out), { recursive: true });
  await writeBars(table, flags.out);
  const days = new Set(table.tradingDay).size;
  const seconds = ((performance.now() - t0) / 1000).toFixed(2);
  console.log(
    `wrote ${table.time.length.toLocaleString("en-US")} rows (${flags.market} market), ${days} ` +
      `trading days in ` +
      `${seconds} s to ${flags.out}`,
  );
});
