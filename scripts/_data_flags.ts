/**
 * The flags every script that reads a bar file shares (`--symbol`, `--bar-minutes`,
 * `--roll-days`, `--layout`), and how they become readBars options.
 *
 * @module
 */
import {
  CSV_LAYOUT_OPTIONS,
  type CsvLayoutOption,
  parseTradingDay,
  type ReadBarsOptions,
} from "../lib/data/mod.ts";

/** The data flags, to spread into a script's flag spec. */
export const DATA_FLAGS = {
  symbol: {
    type: "string",
    default: "auto",
    placeholder: "CODE",
    doc: "Product (rb, cu, SR, IF, …) or contract (rb2105); auto reads it from the data's " +
      "symbol column or file name; generic takes the sessions from the data.",
  },
  "bar-minutes": {
    type: "integer",
    default: 1,
    min: 1,
    max: 240,
    doc: "Minutes per bar; features, horizon and holding period then count such bars.",
  },
  "roll-days": {
    type: "string",
    placeholder: "DAYS",
    doc: "Trading days a continuous series rolls on (comma-separated, e.g. 2017-08-08), when " +
      "the file has no symbol column.",
  },
  layout: {
    type: CSV_LAYOUT_OPTIONS,
    default: "auto",
    doc: "Input layout; auto detects it from the header.",
  },
} as const;

/**
 * readBars options from the parsed data flags. Throws RangeError for a roll day that is not a
 * date.
 *
 * @example
 * ```ts
 * readBarsOptions({ symbol: "rb", barMinutes: 1, rollDays: "2017-08-08", layout: "auto" });
 * // { symbol: "rb", barMinutes: 1, rollDays: [20170808], layout: "auto" }
 * ```
 */
export function readBarsOptions(flags: {
  symbol: string;
  barMinutes: number;
  rollDays?: string;
  layout: CsvLayoutOption;
}): ReadBarsOptions {
  const rollDays = (flags.rollDays ?? "").split(",").map((d) => d.trim()).filter((d) => d !== "")
    .map((d) => {
      const ymd = parseTradingDay(d);
      if (Number.isNaN(ymd)) {
        throw new RangeError(`Flag --roll-days: "${d}" is not a date (expected e.g. 2017-08-08)`);
      }
      return ymd;
    });
  return {
    symbol: flags.symbol,
    barMinutes: flags.barMinutes,
    rollDays,
    layout: flags.layout,
  };
}

/**
 * The data flags as command-line arguments again (for a script that runs another one), leaving
 * out those at their defaults.
 *
 * @example
 * ```ts
 * dataArgs({ symbol: "rb", barMinutes: 1, layout: "auto" }); // ["--symbol", "rb"]
 * ```
 */
export function dataArgs(flags: {
  symbol: string;
  barMinutes: number;
  rollDays?: string;
  layout: string;
}): string[] {
  const out: string[] = [];
  if (flags.symbol !== "auto") out.push("--symbol", flags.symbol);
  if (flags.barMinutes !== 1) out.push("--bar-minutes", String(flags.barMinutes));
  if (flags.rollDays) out.push("--roll-days", flags.rollDays);
  if (flags.layout !== "auto") out.push("--layout", flags.layout);
  return out;
}
