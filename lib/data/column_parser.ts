/**
 * Parsing the columns of one CSV frame into typed arrays, keeping the first error in file order
 * (row, then column) so that readBars can name it.
 *
 * Two passes: a fast one over a frame whose numeric columns polars already parsed as Float64 (it
 * raises {@linkcode NeedsTextPass} at the first doubtful value instead of explaining it), and an
 * exact one over a frame of text columns, which names the row, the column and the text.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  createDateTimeParser,
  parseLocalDate,
  parseTimeOfDay,
  parseTradingDay,
} from "./local_time.ts";

type Series = ReturnType<typeof pl.Series>;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Thrown by the fast pass when a value needs the text pass to be explained. */
export class NeedsTextPass extends Error {}

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

/** A Float64 series as a Float64Array, nulls as NaN. */
function floats(s: Series): Float64Array {
  const f = s.dtype.equals(pl.Float64) ? s : s.cast(pl.Float64, false);
  if (f.nullCount() === 0) return f.toTypedArray() as Float64Array;
  return pl.DataFrame([f.alias("v")]).select(pl.col("v").fillNull(pl.lit(NaN))).getColumn("v")
    .toTypedArray() as Float64Array;
}

/** ISO-like `YYYY-MM-DD?HH:MM:SS` date-times polars can parse exactly (19 characters). */
const FAST_DATETIME = [
  ["T", "%Y-%m-%dT%H:%M:%S"],
  [" ", "%Y-%m-%d %H:%M:%S"],
] as const;

/** Parses the columns of one file, collecting the first error. */
export class ColumnParser {
  readonly errors = new FirstError();
  /**
   * @param typed true when the frame's numeric columns are Float64 (the fast pass).
   */
  constructor(
    readonly path: string,
    readonly columns: Series[],
    readonly header: readonly string[],
    readonly typed: boolean,
  ) {}

  /** How errors name data row `i` (0-based). */
  label(i: number): string {
    return `Cannot parse row ${i + 1} of ${this.path} (line ${i + 2})`;
  }

  /** A numeric column; `required` columns must be finite, optional ones may be empty (NaN). */
  numbers(index: number, required: boolean): Float64Array {
    const raw = this.columns[index];
    if (this.typed) {
      const values = floats(raw);
      if (required) {
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v - v !== 0) throw new NeedsTextPass(); // NaN or ±Infinity: explain from the text
        }
      }
      return values;
    }
    const f = raw.cast(pl.Float64, false);
    const nulls = f.nullCount();
    const values = floats(f);
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

  /** Polars' exact parse of a 19-character date-time column, or null when it does not apply. */
  private fastDateTime(index: number): Float64Array | null {
    const s = this.columns[index];
    if (s.nullCount() > 0) return null;
    const len = s.str.lengths();
    if (len.min() !== 19 || len.max() !== 19) return null;
    const first = s.get(0) as string;
    const fmt = FAST_DATETIME.find(([sep]) => first[10] === sep)?.[1];
    if (fmt === undefined) return null;
    const d = s.str.strptime(pl.Datetime("ms"), fmt);
    if (d.nullCount() > 0) return null;
    return d.cast(pl.Datetime("ms")).cast(pl.Float64).toTypedArray() as Float64Array;
  }

  /** A date-time column (naive local), e.g. `2023-01-03T09:01:00`; a `+08:00` suffix is allowed. */
  dateTime(index: number): Float64Array {
    const fast = this.fastDateTime(index);
    if (fast !== null) return fast;
    const parse = createDateTimeParser();
    return this.parsed(index, (text) => {
      const local = text.endsWith("+08:00") ? text.slice(0, -6) : text;
      return parse(local);
    }, "a date-time (expected e.g. 2023-01-03T09:01:00)");
  }

  /** TqSdk's nanoseconds since the Unix epoch (UTC), as naive Beijing-time ms. */
  epochNanos(index: number): Float64Array {
    return this.parsed(index, (text) => {
      if (!/^\d{13,19}$/.test(text)) return NaN;
      // Whole milliseconds from the digits (the value exceeds 2^53 as a number).
      return Number(text.slice(0, -6)) + 8 * HOUR_MS;
    }, "nanoseconds since 1970 (expected e.g. 1609722000000000000)");
  }

  /** Separate date and time-of-day columns, summed. */
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

  /** A trading-day column as YYYYMMDD. */
  tradingDay(index: number): Int32Array {
    const s = this.columns[index];
    if (s.nullCount() === 0) {
      const len = s.str.lengths();
      if (len.min() === 10 && len.max() === 10) {
        const d = s.str.strptime(pl.Date, "%Y-%m-%d");
        if (d.nullCount() === 0) {
          const days = d.cast(pl.Int32).toTypedArray() as Int32Array;
          const ymd = new Map<number, number>();
          return days.map((day) => {
            let v = ymd.get(day);
            if (v === undefined) {
              const dt = new Date(day * DAY_MS);
              v = dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
              ymd.set(day, v);
            }
            return v;
          });
        }
      }
    }
    const days = new Map<string, number>();
    return Int32Array.from(this.parsed(index, (text) => {
      let v = days.get(text);
      if (v === undefined) days.set(text, v = parseTradingDay(text));
      return v;
    }, "a date (expected e.g. 2023-01-03)"));
  }

  /**
   * A text column as runs of equal values: the first row of each run and its text (`null` for
   * an empty cell). Cheap for columns that rarely change, like a contract code.
   */
  runs(index: number): { start: number[]; values: (string | null)[] } {
    const s = this.columns[index].cast(pl.Utf8);
    const df = pl.DataFrame([s.alias("v")]);
    const change = df.select(
      pl.col("v").fillNull("\u0000").neq(pl.col("v").fillNull("\u0000").shift(1)).fillNull(true)
        .alias("c"),
    ).getColumn("c");
    const start = change.argTrue().toArray() as number[];
    const values = s.gather(start).toArray() as (string | null)[];
    return { start, values };
  }
}
