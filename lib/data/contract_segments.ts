/**
 * Continuous (main-contract) series: which contract each bar comes from, from a contract column
 * that changes or from known roll days, with the rule every roll must follow.
 *
 * @module
 */
import { INSTRUMENT_SYMBOLS, productOf } from "../calendar/mod.ts";
import { formatTradingDay } from "./local_time.ts";
import type { ContractSegments } from "./schema.ts";

/** A text column as runs of equal values (ColumnParser `runs`). */
export interface TextRuns {
  /** First row of each run. */
  start: number[];
  /** Its text; null for an empty cell. */
  values: (string | null)[];
}

/** Options of {@linkcode segmentsFromContracts}. */
export interface SegmentOptions {
  /** How errors name data row `i` (0-based). */
  label: (i: number) => string;
  /** The contract column's name in the file. */
  column: string;
  /** Accept codes that are not in the instrument table (the generic mode). Default false. */
  anyProduct?: boolean;
}

/** What a contract column says. */
export interface ContractColumn {
  /** The product of the codes (lib/calendar `productOf`); null for the generic mode's codes. */
  product: string | null;
  /** The first code, e.g. `rb1710` (for messages). */
  first: string;
  /** Segments when the contract changes (a roll), else null. */
  segments: ContractSegments | null;
}

/**
 * Reads a contract column's runs. Rules: every cell has a code; all codes name one product; the
 * series rolls forward only (never back to a contract it left) and only between two trading
 * days. Anything else is "mixed symbols without a roll rule": RangeError naming the row and the
 * column. An unknown product is a RangeError listing the known ones (unless `anyProduct`).
 *
 * @example
 * ```ts
 * segmentsFromContracts({ start: [0, 690], values: ["rb1710", "rb1801"] }, tradingDay, {
 *   label: (i) => `row ${i + 1}`, column: "symbol",
 * }); // { product: "rb", first: "rb1710", segments: { start: [0, 690], contracts: ["rb1710", "rb1801"] } }
 * ```
 */
export function segmentsFromContracts(
  runs: TextRuns,
  tradingDay: ArrayLike<number>,
  options: SegmentOptions,
): ContractColumn {
  const { label, column } = options;
  const seen = new Set<string>();
  let product: string | null = null, first = "";
  const start: number[] = [], contracts: string[] = [];
  runs.values.forEach((raw, k) => {
    const i = runs.start[k];
    if (raw === null || raw.trim() === "") {
      throw new TypeError(`${label(i)}: column ${column} is empty`);
    }
    const code = raw.trim();
    const p = productOf(code);
    if (p === null && !options.anyProduct) {
      throw new RangeError(
        `${label(i)}: column ${column} "${code}" is not a known product; known: ` +
          `${INSTRUMENT_SYMBOLS.join(", ")}. For another product use --symbol generic.`,
      );
    }
    if (k === 0) (product = p, first = code);
    const prev = contracts.at(-1);
    if (k > 0 && p !== product) {
      throw new RangeError(
        `${label(i)}: column ${column} changes from ${prev} to ${code}, another product: mixed ` +
          `symbols without a roll rule (a continuous series rolls between contracts of one ` +
          `product; read one product per file)`,
      );
    }
    if (seen.has(code)) {
      throw new RangeError(
        `${label(i)}: column ${column} goes back from ${prev} to ${code}: mixed symbols without ` +
          `a roll rule (a continuous series rolls forward, to each contract once)`,
      );
    }
    if (k > 0 && tradingDay[i] === tradingDay[i - 1]) {
      throw new RangeError(
        `${label(i)}: column ${column} changes from ${prev} to ${code} inside trading day ` +
          `${formatTradingDay(tradingDay[i])}: mixed symbols without a roll rule (a roll falls ` +
          `between two trading days)`,
      );
    }
    seen.add(code);
    start.push(i);
    contracts.push(code);
  });
  return {
    product,
    first,
    segments: start.length > 1 ? { start: Int32Array.from(start), contracts } : null,
  };
}

/**
 * Segments of a series without a contract column, from the trading days on which a new contract
 * starts (the known roll days of a continuous series). Throws RangeError for a roll day that is
 * not a trading day of the data, or that is its first day.
 *
 * @example
 * ```ts
 * segmentsFromRollDays(table.tradingDay, [20170808], { source: "rb0000.csv" });
 * // { start: Int32Array [0, 1725], contracts: ["", ""] }
 * ```
 */
export function segmentsFromRollDays(
  tradingDay: ArrayLike<number>,
  rollDays: readonly number[],
  options: { source: string },
): ContractSegments | null {
  if (rollDays.length === 0) return null;
  const days = [...new Set(rollDays)].sort((a, b) => a - b);
  const start = [0];
  let i = 0;
  for (const day of days) {
    while (i < tradingDay.length && tradingDay[i] < day) i++;
    if (i >= tradingDay.length || tradingDay[i] !== day) {
      throw new RangeError(
        `Roll day ${formatTradingDay(day)} is not a trading day of ${options.source}`,
      );
    }
    if (i === 0) {
      throw new RangeError(
        `Roll day ${formatTradingDay(day)} is the first trading day of ${options.source}: ` +
          `nothing rolls into it`,
      );
    }
    start.push(i);
  }
  return { start: Int32Array.from(start), contracts: start.map(() => "") };
}
