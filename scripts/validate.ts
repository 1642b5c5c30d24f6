/**
 * Load a bar CSV with full validation and print what it holds: the layout detected (and any
 * repair made to its header), the product and how it was found, its sessions, contracts and bar
 * length, and a summary.
 *
 *   deno task validate FILE [--symbol auto|CODE|generic] [--bar-minutes 1] [--roll-days DAYS]
 *                           [--layout auto|generic|vnpy-bars|vnpy-ticks|vnpy-db|tqsdk]
 *
 * On bad input prints `error: …` (file, row, column) and exits 1.
 *
 * @module
 */
import { describeBars, formatBarSummary, readBars, readCsvHeader } from "../lib/data/mod.ts";
import { DATA_FLAGS, readBarsOptions } from "./_data_flags.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task validate`. */
export const VALIDATE_FLAGS = DATA_FLAGS;

await runScript({
  usage: "deno task validate FILE [flags]",
  description: "Read a bar table (our CSV, a generic OHLCV CSV, vn.py bars, database bars or\n" +
    "ticks, TqSdk K-lines), validate every row against its product's sessions and calendar,\n" +
    "and print what was detected and a summary.",
  positionals: { FILE: "The CSV file to check." },
  flags: VALIDATE_FLAGS,
  minPositionals: 1,
  maxPositionals: 1,
}, async ({ flags, positionals: [file] }) => {
  const t0 = performance.now();
  const head = await readCsvHeader(file);
  const layout = flags.layout === "auto" ? `${head.detected} (detected)` : flags.layout;
  const table = await readBars(file, readBarsOptions(flags));
  const ms = performance.now() - t0;
  console.log(`layout            ${layout}`);
  for (const note of head.notes) console.log(`                  header: ${note}`);
  console.log(formatBarSummary(describeBars(table)));
  console.log(`ok: ${table.time.length.toLocaleString("en-US")} rows valid (${ms.toFixed(0)} ms)`);
});
