/**
 * Load a bar table from CSV (our own files and vendor layouts), validating every row.
 *
 * The file is parsed by nodejs-polars with every column read as text; numbers are converted by
 * polars (exact, shortest-round-trip compatible), time stamps by our own parser, so an error can
 * name the file, the row and the column.
 *
 * **Rows.** "Row N" is the N-th data row, 1-based, header excluded; it is on line N + 1 of the file
 * (a blank line inside the data counts as a row and is reported as empty; blank lines at the end of
 * the file are ignored). CRLF line endings and a UTF-8 BOM are accepted.
 *
 * **Error classes** (messages like `Cannot parse row 12 of data/market.csv (line 13): column close
 * is empty`):
 * - TypeError: no header, a missing or ambiguous column, an incomplete book; an empty cell in a
 *   required column; a value that is not a number, is NaN or is infinite.
 * - SyntaxError: a time stamp, date, time of day or trading day that cannot be parsed; a file
 *   polars cannot parse as CSV.
 * - RangeError: no data rows; everything {@linkcode validateBars} checks (non-positive price,
 *   high < max(open, close), low > min(open, close), bid ≥ ask, negative volume / open interest,
 *   a duplicated or out-of-order time stamp, a stamp that is not a whole minute, an inconsistent
 *   trading day); for ticks, a tick outside the sessions (see aggregate_ticks.ts).
 * - Deno.errors.NotFound (from Deno) when the file does not exist.
 *
 * Parse errors (TypeError, SyntaxError) are reported first, the earliest row and then the leftmost
 * column; consistency errors (RangeError) after, again the earliest row.
 *
 * **Trading day.** Taken from a `trading_day` column when there is one (and checked by
 * validateBars: non-decreasing, a day bar's own date, after a night bar's evening); otherwise
 * derived with {@linkcode deriveTradingDays}.
 *
 * @module
 */
import pl from "nodejs-polars";
import { Buffer } from "node:buffer";
import { aggregateTicks } from "./aggregate_ticks.ts";
import {
  type CsvLayout,
  type CsvLayoutOption,
  detectLayout,
  type LayoutField,
  resolveColumns,
} from "./csv_layouts.ts";
import { deriveTradingDays } from "./derive_trading_days.ts";
import {
  createDateTimeParser,
  formatLocalDateTime,
  parseLocalDate,
  parseTimeOfDay,
  parseTradingDay,
} from "./local_time.ts";
import type { BarTable, Book, GroundTruthColumn } from "./schema.ts";
import { validateBars } from "./validate_bars.ts";

/** Options of {@linkcode readBars}. */
export interface ReadBarsOptions {
  /** The file's layout; default `"auto"` (detected from the header, see csv_layouts.ts). */
  layout?: CsvLayoutOption;
}

/** A CSV file's header and layout, as {@linkcode readCsvHeader} finds them. */
export interface CsvHeaderInfo {
  /** Column names as written. */
  header: string[];
  /** The layout auto-detection picks. */
  detected: CsvLayout;
}

type Series = ReturnType<typeof pl.Series>;

/** Keeps the first parse error in file order (row, then column). */
class FirstError {
  row = Infinity;
  column = Infinity;
  error: Error | null = null;
  offer(row: number, column: number, make: () => Error): void {
    if (row < this.row || (row === this.row && column < this.column)) {
      (this.row = row, this.column = column, this.error = make());
    }
  }
  throwIfAny(): void {
    if (this.error !== null) throw this.error;
  }
}

function splitHeader(line: string): string[] {
  return line.replace(/^\uFEFF/, "").replace(/\r$/, "").split(",").map((h) =>
    h.trim().replace(/^"(.*)"$/, "$1")
  );
}

function headerOf(bytes: Uint8Array, path: string): string[] {
  let end = bytes.indexOf(10);
  if (end < 0) end = bytes.length;
  const line = new TextDecoder().decode(bytes.subarray(0, end));
  if (line.trim() === "") throw new TypeError(`Cannot read ${path}: no header row`);
  return splitHeader(line);
}

/**
 * The header of a CSV file and the layout `readBars(path, { layout: "auto" })` would use.
 *
 * @example
 * ```ts
 * const { header, detected } = await readCsvHeader(realDataPath("rb0000_1min_2017-06.csv"));
 * detected; // "vnpy-bars"
 * ```
 */
export async function readCsvHeader(path: string): Promise<CsvHeaderInfo> {
  const file = await Deno.open(path);
  try {
    const buf = new Uint8Array(64 * 1024);
    const got = (await file.read(buf)) ?? 0;
    const header = headerOf(buf.subarray(0, got), path);
    return { header, detected: detectLayout(header) };
  } finally {
    file.close();
  }
}

/** Parses the text columns of one file, collecting the first error. */
class ColumnParser {
  readonly errors = new FirstError();
  constructor(
    readonly path: string,
    readonly columns: Series[],
    readonly header: readonly string[],
  ) {}

  label(i: number): string {
    return `Cannot parse row ${i + 1} of ${this.path} (line ${i + 2})`;
  }

  /** A numeric column; `required` columns must be finite, optional ones may be empty (NaN). */
  numbers(index: number, required: boolean): Float64Array {
    const raw = this.columns[index];
    const f = raw.cast(pl.Float64, false);
    const nulls = f.nullCount();
    const values = nulls === 0
      ? f.toTypedArray() as Float64Array
      : pl.DataFrame([f.alias("v")]).select(pl.col("v").fillNull(pl.lit(NaN))).getColumn("v")
        .toTypedArray() as Float64Array;
    const name = this.header[index];
    if (required) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v - v !== 0) { // NaN or ±Infinity
          const text = raw.get(i) as string | null;
          this.errors.offer(i, index, () => {
            const where = `${this.label(i)}: column ${name}`;
            if (text === null) return new TypeError(`${where} is empty`);
            if (Number.isNaN(v)) {
              return /^[+-]?nan$/i.test(text)
                ? new TypeError(`${where} is NaN`)
                : new TypeError(`${where} is not a number: "${text}"`);
            }
            return new TypeError(`${where} is not finite: "${text}"`);
          });
          break;
        }
      }
    } else if (nulls > raw.nullCount()) {
      for (let i = 0; i < values.length; i++) {
        if (!Number.isNaN(values[i])) continue;
        const text = raw.get(i) as string | null;
        if (text === null || /^[+-]?nan$/i.test(text)) continue;
        this.errors.offer(
          i,
          index,
          () => new TypeError(`${this.label(i)}: column ${name} is not a number: "${text}"`),
        );
        break;
      }
    }
    return values;
  }

  /** A text column converted by `parse` (NaN = invalid), errors named by `what`. */
  private parsed(index: number, parse: (text: string) => number, what: string): Float64Array {
    const texts = this.columns[index].toArray() as (string | null)[];
    const out = new Float64Array(texts.length);
    const name = this.header[index];
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      const v = text === null ? NaN : parse(text);
      if (Number.isNaN(v)) {
        this.errors.offer(
          i,
          index,
          () =>
            text === null
              ? new TypeError(`${this.label(i)}: column ${name} is empty`)
              : new SyntaxError(`${this.label(i)}: column ${name} "${text}" is not ${what}`),
        );
        break;
      }
      out[i] = v;
    }
    return out;
  }

  dateTime(index: number): Float64Array {
    return this.parsed(
      index,
      createDateTimeParser(),
      "a date-time (expected e.g. 2023-01-03T09:01:00)",
    );
  }

  dateAndTime(dateIndex: number, timeIndex: number): Float64Array {
    const dates = new Map<string, number>();
    const date = this.parsed(dateIndex, (text) => {
      let v = dates.get(text);
      if (v === undefined) dates.set(text, v = parseLocalDate(text));
      return v;
    }, "a date (expected e.g. 2023-01-03)");
    const times = new Map<string, number>();
    const tod = this.parsed(timeIndex, (text) => {
      let v = times.get(text);
      if (v === undefined) {
        v = parseTimeOfDay(text);
        if (times.size < 100_000) times.set(text, v);
      }
      return v;
    }, "a time of day (expected e.g. 09:01:00)");
    for (let i = 0; i < date.length; i++) date[i] += tod[i];
    return date;
  }

  tradingDay(index: number): Int32Array {
    const days = new Map<string, number>();
    return Int32Array.from(this.parsed(index, (text) => {
      let v = days.get(text);
      if (v === undefined) days.set(text, v = parseTradingDay(text));
      return v;
    }, "a date (expected e.g. 2023-01-03)"));
  }
}

function readFrame(bytes: Uint8Array, path: string): pl.DataFrame {
  // Trailing blank lines are not rows (a blank line inside the data is, and fails as empty).
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 10 || bytes[end - 1] === 13)) end--;
  try {
    return pl.readCSV(Buffer.from(bytes.buffer, bytes.byteOffset, end), {
      inferSchemaLength: 0,
      hasHeader: true,
    });
  } catch (e) {
    throw new SyntaxError(`Cannot parse ${path} as CSV: ${(e as Error).message}`);
  }
}

/**
 * Read a bar table from a CSV file: our own layout (as written by writeBars), a generic OHLCV
 * file with common column aliases, a vn.py bar export, or vn.py ticks aggregated to one-minute
 * bars. Every row is validated; the first problem throws an error naming the file, row (1-based
 * data row, header excluded; the line is row + 1) and column — see the module doc for the error
 * classes. `source` of the result is `path`.
 *
 * @example
 * ```ts
 * const bars = await readBars("data/market.csv");
 * const real = await readBars(realDataPath("rb0000_1min_2017-06.csv")); // vnpy-bars
 * const ticks = await readBars(realDataPath("RM705-2017-03-20_ticks.csv"), { layout: "vnpy-ticks" });
 * ```
 * @param options.layout `"auto"` (default), `"generic"`, `"vnpy-bars"` or `"vnpy-ticks"`.
 */
export async function readBars(path: string, options: ReadBarsOptions = {}): Promise<BarTable> {
  const bytes = await Deno.readFile(path);
  const header = headerOf(bytes, path);
  const option = options.layout ?? "auto";
  const layout = option === "auto" ? detectLayout(header) : option;
  if (!["generic", "vnpy-bars", "vnpy-ticks"].includes(layout)) {
    throw new TypeError(
      `Unknown layout ${layout}; expected auto, generic, vnpy-bars or vnpy-ticks`,
    );
  }
  const { index } = resolveColumns(header, layout, { source: path });
  const df = readFrame(bytes, path);
  if (df.width !== header.length) {
    throw new SyntaxError(
      `Cannot parse ${path} as CSV: polars found ${df.width} columns, the header line has ` +
        `${header.length}`,
    );
  }
  if (df.height === 0) throw new RangeError(`Cannot read ${path}: no data rows`);
  const p = new ColumnParser(path, df.getColumns(), header);
  const col = (f: LayoutField) => index[f];
  const num = (f: LayoutField, required = true) => {
    const i = col(f);
    return i === undefined ? null : p.numbers(i, required);
  };

  if (layout === "vnpy-ticks") {
    const time = col("datetime") !== undefined
      ? p.dateTime(col("datetime")!)
      : p.dateAndTime(col("date")!, col("time")!);
    const ticks = {
      time,
      lastPrice: num("last_price")!,
      lastVolume: num("last_volume")!,
      bidPrice1: num("bid_price1")!,
      askPrice1: num("ask_price1")!,
      bidVolume1: num("bid_volume1")!,
      askVolume1: num("ask_volume1")!,
      openInterest: num("open_interest"),
    };
    p.errors.throwIfAny();
    const table = aggregateTicks(ticks, { source: path, rowLabel: (i) => p.label(i) });
    validateBars(table, {
      rowLabel: (i) =>
        `Invalid bar ${i + 1} (ending ${
          formatLocalDateTime(table.time[i])
        }) aggregated from ${path}`,
    });
    return table;
  }

  const time = col("datetime") !== undefined
    ? p.dateTime(col("datetime")!)
    : p.dateAndTime(col("date")!, col("time")!);
  const tdIndex = col("trading_day");
  const carried = tdIndex === undefined ? null : p.tradingDay(tdIndex);
  const open = num("open")!, high = num("high")!, low = num("low")!, close = num("close")!;
  const volume = num("volume")!;
  const openInterest = num("open_interest");
  let book: Book | null = null;
  if (col("bid_price1") !== undefined) {
    book = {
      bidPrice1: num("bid_price1")!,
      askPrice1: num("ask_price1")!,
      bidVolume1: num("bid_volume1")!,
      askVolume1: num("ask_volume1")!,
    };
    const spreadMean = num("spread_mean"), depthMean = num("depth_mean");
    if (spreadMean !== null) book.spreadMean = spreadMean;
    if (depthMean !== null) book.depthMean = depthMean;
  }
  let groundTruth: BarTable["groundTruth"] = null;
  for (const f of ["gt_exp_ret_5m", "gt_regime"] as const satisfies GroundTruthColumn[]) {
    const values = num(f, false);
    if (values !== null) (groundTruth ??= {})[f] = values;
  }
  p.errors.throwIfAny();

  const table: BarTable = {
    time,
    tradingDay: carried ?? deriveTradingDays(time, { rowLabel: (i) => p.label(i) }),
    open,
    high,
    low,
    close,
    volume,
    openInterest,
    book,
    groundTruth,
    source: path,
  };
  const names: Record<string, string> = {};
  for (const [f, i] of Object.entries(index)) names[f] = header[i];
  if (col("date") !== undefined) names.datetime = `${header[col("date")!]}+${header[col("time")!]}`;
  validateBars(table, { rowLabel: (i) => p.label(i), columnNames: names });
  return table;
}
