/**
 * Load a bar table from CSV (our own files and vendor layouts), validating every row, and say what
 * it holds: its product (instrument), its contracts (rolls) and its bar length.
 *
 * The file is parsed by nodejs-polars: first with its numeric columns as numbers (fast), and when
 * anything looks wrong again with every column as text, so that an error can name the file, the
 * row and the column (read_csv.ts for the row numbering).
 *
 * **Error classes** (messages like `Cannot parse row 12 of data/market.csv (line 13): column close
 * is empty`):
 * - TypeError: no header, a header that does not match the rows, a missing or ambiguous column, an
 *   incomplete book; an empty cell in a required column; a value that is not a number, is NaN or
 *   is infinite.
 * - SyntaxError: a time stamp, date, time of day or trading day that cannot be parsed; a file
 *   polars cannot parse as CSV.
 * - RangeError: no data rows; everything {@linkcode validateBars} checks (non-positive price,
 *   high < max(open, close), low > min(open, close), bid ≥ ask, negative volume / open interest,
 *   a duplicated or out-of-order time stamp, a stamp that is not a whole minute, an inconsistent
 *   trading day); a bar outside its product's sessions; bars of another length than expected; an
 *   unknown symbol; mixed symbols without a roll rule; for ticks, a tick outside the sessions (see
 *   aggregate_ticks.ts).
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
import { productOf } from "../calendar/mod.ts";
import { aggregateTicks } from "./aggregate_ticks.ts";
import { checkBarMinutes, detectBarMinutes } from "./bar_minutes.ts";
import { checkSessions } from "./check_sessions.ts";
import { ColumnParser, NeedsTextPass } from "./column_parser.ts";
import { segmentsFromContracts, segmentsFromRollDays } from "./contract_segments.ts";
import {
  CSV_LAYOUT_OPTIONS,
  type CsvLayout,
  type CsvLayoutOption,
  detectLayout,
  type HeaderInfo,
  LAYOUT_STAMP,
  type LayoutField,
} from "./csv_layouts.ts";
import { resolveColumns } from "./csv_columns.ts";
import { deriveTradingDays } from "./derive_trading_days.ts";
import { formatLocalDateTime } from "./local_time.ts";
import { headerInfo, readCsvFrame } from "./read_csv.ts";
import { resolveInstrument } from "./resolve_instrument.ts";
import {
  BAR_COLUMNS,
  type BarTable,
  type Book,
  BOOK_MEAN_COLUMNS,
  GROUND_TRUTH_COLUMNS,
} from "./schema.ts";
import { validateBars } from "./validate_bars.ts";

const MINUTE_MS = 60_000;

/** Options of {@linkcode readBars}. */
export interface ReadBarsOptions {
  /** The file's layout; default `"auto"` (detected from the header, see csv_layouts.ts). */
  layout?: CsvLayoutOption;
  /**
   * The product: a product or contract code (`rb`, `SR405`), `"generic"` (sessions from the data,
   * multiplier 1, no fees), or `"auto"` (default: the contract column, the file name, the
   * synthetic market, else generic; see resolve_instrument.ts).
   */
  symbol?: string;
  /** Minutes per bar; default 1. A file whose bars are longer is refused, naming their length. */
  barMinutes?: number;
  /** Trading days (YYYYMMDD) on which a continuous series without a contract column rolls. */
  rollDays?: readonly number[];
}

/** Fields parsed as numbers (the fast pass reads them as Float64 straight away). */
const NUMERIC: readonly LayoutField[] = [
  ...BAR_COLUMNS.filter((c) => c !== "datetime" && c !== "trading_day"),
  ...BOOK_MEAN_COLUMNS,
  ...GROUND_TRUTH_COLUMNS,
  "last_price",
  "last_volume",
  "duration",
];

/** What one pass over the columns needs to know. */
interface Plan {
  path: string;
  layout: CsvLayout;
  info: HeaderInfo;
  index: Partial<Record<LayoutField, number>>;
  options: ReadBarsOptions;
}

/**
 * Read a bar table from a CSV file: our own layout (as written by writeBars), a generic file with
 * common column aliases (date and time together or apart), a vn.py bar export or database dump,
 * TqSdk K-lines, or vn.py ticks aggregated to one-minute bars (csv_layouts.ts). Every row is
 * validated, and every bar must lie in its product's sessions; the first problem throws an error
 * naming the file, row (1-based data row, header excluded; the line is row + 1) and column — see
 * the module doc for the error classes. The result carries its `instrument` (with
 * `instrumentFrom`), its contract `segments` (a roll between trading days) and `barMinutes`;
 * `source` is `path`.
 *
 * @example
 * ```ts
 * const bars = await readBars("data/market.csv"); // instrument rb (the synthetic market)
 * const real = await readBars(realDataPath("rb0000_1min_2017-06.csv")); // vnpy-bars, rb by file name
 * const cu = await readBars("cu_1min.csv", { symbol: "cu" }); // night bars to 01:00
 * ```
 * @param options.layout `"auto"` (default) or one of csv_layouts.ts' layouts.
 * @param options.symbol `"auto"` (default), a product or contract code, or `"generic"`.
 * @param options.barMinutes minutes per bar; default 1.
 * @param options.rollDays roll days of a continuous series without a contract column.
 */
export async function readBars(path: string, options: ReadBarsOptions = {}): Promise<BarTable> {
  const bytes = await Deno.readFile(path);
  const info = headerInfo(bytes, path);
  const option = options.layout ?? "auto";
  const layout = option === "auto" ? detectLayout(info.names) : option;
  if (!(CSV_LAYOUT_OPTIONS as readonly string[]).includes(layout)) {
    throw new TypeError(`Unknown layout ${layout}; expected ${CSV_LAYOUT_OPTIONS.join(", ")}`);
  }
  const barMinutes = options.barMinutes ?? 1;
  if (!(Number.isInteger(barMinutes) && barMinutes >= 1 && barMinutes <= 240)) {
    throw new RangeError(`barMinutes must be an integer from 1 to 240, got ${barMinutes}`);
  }
  const { index } = resolveColumns(info.names, layout, { source: path });
  const plan: Plan = { path, layout, info, index, options };
  const numeric = NUMERIC.map((f) => index[f]).filter((i): i is number => i !== undefined);
  const fast = readCsvFrame(bytes, path, { width: info.names.length, numeric });
  try {
    return build(plan, new ColumnParser(path, fast.columns, info.names, fast.typed));
  } catch (e) {
    if (!(e instanceof NeedsTextPass)) throw e;
  }
  const exact = readCsvFrame(bytes, path, { width: info.names.length });
  return build(plan, new ColumnParser(path, exact.columns, info.names, false));
}

function build(plan: Plan, p: ColumnParser): BarTable {
  const { path, layout, index, options } = plan;
  const col = (f: LayoutField) => index[f];
  const num = (f: LayoutField, required = true) => {
    const i = col(f);
    return i === undefined ? null : p.numbers(i, required);
  };
  const barMinutes = options.barMinutes ?? 1;
  const declared = declaredBarMinutes(plan, p);
  let time: Float64Array;
  if (layout === "tqsdk" && /^\d+$/.test(String(p.columns[col("datetime")!].get(0) ?? ""))) {
    time = p.epochNanos(col("datetime")!);
  } else {
    time = col("datetime") !== undefined
      ? p.dateTime(col("datetime")!)
      : p.dateAndTime(col("date")!, col("time")!);
  }
  if (LAYOUT_STAMP[layout] === "start") {
    for (let i = 0; i < time.length; i++) time[i] += barMinutes * MINUTE_MS;
  }
  const contracts = col("symbol") === undefined ? null : p.runs(col("symbol")!);

  if (layout === "vnpy-ticks") {
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
    const code = contracts?.values[0] ?? null;
    const ends = Float64Array.from(time, (t) => Math.ceil(t / MINUTE_MS) * MINUTE_MS);
    const { instrument, from } = resolveInstrument({
      symbol: options.symbol,
      fromData: code === null ? null : { product: productOf(code), code, where: "symbol column" },
      path,
      groundTruth: false,
      time: ends,
      close: ticks.lastPrice,
    });
    const table = aggregateTicks(ticks, {
      source: path,
      rowLabel: (i) => p.label(i),
      sessions: instrument.sessions,
      product: instrument.symbol,
    });
    validateBars(table, {
      rowLabel: (i) =>
        `Invalid bar ${i + 1} (ending ${
          formatLocalDateTime(table.time[i])
        }) aggregated from ${path}`,
    });
    return { ...table, instrument, instrumentFrom: from, segments: null, barMinutes: 1 };
  }

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
  for (const f of GROUND_TRUTH_COLUMNS) {
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
  for (const [f, i] of Object.entries(index)) names[f] = plan.info.names[i];
  if (col("date") !== undefined) names.datetime = `${names.date}+${names.time}`;
  const label = (i: number) => p.label(i);
  validateBars(table, { rowLabel: label, columnNames: names });
  return describeContents(plan, table, { contracts, declared, label, timeColumn: names.datetime });
}

/** The instrument, contract segments and bar length of a validated table. */
function describeContents(
  plan: Plan,
  table: BarTable,
  extra: {
    contracts: ReturnType<ColumnParser["runs"]> | null;
    declared: { minutes: number; how: string } | null;
    label: (i: number) => string;
    timeColumn: string;
  },
): BarTable {
  const { path, index, options, info } = plan;
  const barMinutes = options.barMinutes ?? 1;
  const generic = options.symbol === "generic";
  let fromData: { product: string | null; code: string; where: string } | null = null;
  let segments: BarTable["segments"] = null;
  if (extra.contracts !== null) {
    const read = segmentsFromContracts(extra.contracts, table.tradingDay, {
      label: extra.label,
      column: info.names[index.symbol!],
      anyProduct: generic,
    });
    fromData = { product: read.product, code: read.first, where: "symbol column" };
    segments = read.segments;
  } else if (info.contract !== null) {
    fromData = { product: productOf(info.contract), code: info.contract, where: "header" };
  }
  if (options.rollDays && options.rollDays.length > 0) {
    if (segments !== null) {
      throw new RangeError(
        `${path} has a contract column that marks its rolls; do not also give roll days`,
      );
    }
    segments = segmentsFromRollDays(table.tradingDay, options.rollDays, { source: path });
  }
  if (extra.declared !== null) {
    checkBarMinutes(extra.declared.minutes, barMinutes, { source: path, how: extra.declared.how });
  }
  checkBarMinutes(detectBarMinutes(table.time, table.tradingDay), barMinutes, { source: path });
  const { instrument, from } = resolveInstrument({
    symbol: options.symbol,
    fromData,
    path,
    groundTruth: table.groundTruth !== null,
    time: table.time,
    close: table.close,
    barMinutes,
  });
  checkSessions(table.time, instrument, { label: extra.label, column: extra.timeColumn });
  return { ...table, instrument, instrumentFrom: from, segments, barMinutes };
}

/** The bar length a file declares itself (TqSdk `duration`, vn.py `interval`), else null. */
function declaredBarMinutes(plan: Plan, p: ColumnParser): { minutes: number; how: string } | null {
  const { index, info } = plan;
  if (index.duration !== undefined) {
    const seconds = p.numbers(index.duration, true);
    const first = seconds[0];
    const i = seconds.findIndex((s) => s !== first);
    if (i >= 0 || !(first > 0) || first % 60 !== 0) {
      const at = i >= 0 ? i : 0;
      throw new RangeError(
        `${p.label(at)}: column ${info.names[index.duration]} (${seconds[at]} s) is not the ` +
          `file's one bar length in whole minutes`,
      );
    }
    return { minutes: first / 60, how: `column ${info.names[index.duration]} = ${first} s` };
  }
  if (index.interval !== undefined) {
    const runs = p.runs(index.interval);
    const text = runs.values[0] ?? "";
    const m = /^(\d*)([mh])$/.exec(text.trim());
    if (runs.values.length > 1 || m === null) {
      const at = runs.values.length > 1 ? runs.start[1] : 0;
      throw new RangeError(
        `${p.label(at)}: column ${info.names[index.interval]} "${runs.values.at(-1)}" is not ` +
          `one bar length in minutes or hours for the whole file (expected e.g. 1m)`,
      );
    }
    const minutes = Number(m[1] || 1) * (m[2] === "h" ? 60 : 1);
    return { minutes, how: `column ${info.names[index.interval]} = ${text}` };
  }
  return null;
}
