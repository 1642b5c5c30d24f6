/**
 * Load a bar CSV with full validation and print a summary.
 *
 *   deno task validate FILE [--layout auto|generic|vnpy-bars|vnpy-ticks]
 *
 * On bad input prints `error: …` (file, row, column) and exits 1.
 *
 * @module
 */
import {
  CSV_LAYOUT_OPTIONS,
  describeBars,
  formatBarSummary,
  readBars,
  readCsvHeader,
} from "../lib/data/mod.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task validate`. */
export const VALIDATE_FLAGS = {
  layout: {
    type: CSV_LAYOUT_OPTIONS,
    default: "auto",
    doc: "Input layout; auto detects it from the header.",
  },
} as const;

await runScript({
  usage: "deno task validate FILE [flags]",
  description: "Read a bar table (our CSV, a generic OHLCV CSV, vn.py bars or vn.py ticks),\n" +
    "validate every row and print a summary.",
  positionals: { FILE: "The CSV file to check." },
  flags: VALIDATE_FLAGS,
  minPositionals: 1,
  maxPositionals: 1,
}, async ({ flags, positionals: [file] }) => {
  const t0 = performance.now();
  const layout = flags.layout === "auto"
    ? `${(await readCsvHeader(file)).detected} (detected)`
    : flags.layout;
  const table = await readBars(file, { layout: flags.layout });
  const ms = performance.now() - t0;
  console.log(`layout            ${layout}`);
  console.log(formatBarSummary(describeBars(table)));
  console.log(`ok: ${table.time.length.toLocaleString("en-US")} rows valid (${ms.toFixed(0)} ms)`);
});
