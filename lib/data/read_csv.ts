/**
 * A CSV file's header (with the repairs of csv_layouts.ts `fixHeader`) and its frame of columns,
 * read by nodejs-polars.
 *
 * **Rows.** "Row N" is the N-th data row, 1-based, header excluded; it is on line N + 1 of the file
 * (a blank line inside the data counts as a row and is reported as empty; blank lines at the end of
 * the file are ignored). CRLF line endings and a UTF-8 BOM are accepted.
 *
 * @module
 */
import pl from "nodejs-polars";
import { Buffer } from "node:buffer";
import { type CsvLayout, detectLayout, fixHeader, type HeaderInfo } from "./csv_layouts.ts";

type Series = ReturnType<typeof pl.Series>;

/** A CSV file's header and layout, as {@linkcode readCsvHeader} finds them. */
export interface CsvHeaderInfo extends HeaderInfo {
  /** Column names as written (the same as `written`). */
  header: string[];
  /** The layout auto-detection picks. */
  detected: CsvLayout;
}

function splitLine(line: string): string[] {
  return line.replace(/^\uFEFF/, "").replace(/\r$/, "").split(",").map((h) =>
    h.trim().replace(/^"(.*)"$/, "$1")
  );
}

/**
 * The header of a CSV file's bytes, repaired (see csv_layouts.ts `fixHeader`). Throws TypeError
 * naming the file for a missing header.
 *
 * @example
 * ```ts
 * headerInfo(new TextEncoder().encode("Date,Open,High,Low,Close,Volume\n2017-6-1,9:01:00,1,1,1,1,1\n"), "x.csv").names;
 * // ["Date", "time", "Open", "High", "Low", "Close", "Volume"]
 * ```
 */
export function headerInfo(bytes: Uint8Array, path: string): HeaderInfo {
  let end = bytes.indexOf(10);
  if (end < 0) end = bytes.length;
  const line = new TextDecoder().decode(bytes.subarray(0, end));
  if (line.trim() === "") throw new TypeError(`Cannot read ${path}: no header row`);
  const written = splitLine(line);
  let next = bytes.indexOf(10, end + 1);
  if (next < 0) next = bytes.length;
  const row = end < bytes.length
    ? new TextDecoder().decode(bytes.subarray(end + 1, Math.min(next, end + 1 + 4096)))
    : "";
  const fields = row.trim() === "" ? written.length : splitLine(row).length;
  return fixHeader(written, fields, { source: path });
}

/**
 * The header of a CSV file and the layout `readBars(path, { layout: "auto" })` would use, with
 * the repairs made to the header (`notes`).
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
    const info = headerInfo(buf.subarray(0, got), path);
    return { ...info, header: info.written, detected: detectLayout(info.names) };
  } finally {
    file.close();
  }
}

/** The columns of a CSV file, in header order, and whether numbers are already parsed. */
export interface CsvFrame {
  /** One series per column. */
  columns: Series[];
  /** Data rows. */
  rows: number;
  /** True when the `numeric` columns are Float64 (the fast pass), false when all are text. */
  typed: boolean;
}

/**
 * Reads the data rows of a CSV file (header skipped) into `width` columns. With `numeric` column
 * indices, polars parses those as Float64 and the rest as text (the fast pass); when that fails,
 * or without `numeric`, every column is text (the exact pass, for errors). Throws SyntaxError for
 * a file polars cannot parse or a column count that is not `width`, RangeError for no data rows.
 *
 * @example
 * ```ts
 * const frame = readCsvFrame(bytes, "x.csv", { width: 7, numeric: [2, 3, 4, 5, 6] });
 * ```
 */
export function readCsvFrame(
  bytes: Uint8Array,
  path: string,
  options: { width: number; numeric?: readonly number[] },
): CsvFrame {
  // Trailing blank lines are not rows (a blank line inside the data is, and fails as empty).
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 10 || bytes[end - 1] === 13)) end--;
  const firstNewline = bytes.indexOf(10);
  if (firstNewline < 0 || firstNewline >= end) {
    throw new RangeError(`Cannot read ${path}: no data rows`);
  }
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  const names = Array.from({ length: options.width }, (_, i) => `c${i}`);
  const read = (numeric: readonly number[]) => {
    const set = new Set(numeric);
    const schema: Record<string, pl.DataType> = {};
    names.forEach((n, i) => schema[n] = set.has(i) ? pl.Float64 : pl.Utf8);
    return pl.readCSV(body, { hasHeader: false, skipRows: 1, schema });
  };
  let df: pl.DataFrame | null = null, typed = false;
  if (options.numeric && options.numeric.length > 0) {
    try {
      df = read(options.numeric);
      typed = true;
    } catch {
      df = null; // a value polars cannot parse as a number: the exact pass explains it
    }
  }
  if (df === null) {
    try {
      df = read([]);
    } catch (e) {
      throw new SyntaxError(`Cannot parse ${path} as CSV: ${(e as Error).message}`);
    }
  }
  if (df.width !== options.width) {
    throw new SyntaxError(
      `Cannot parse ${path} as CSV: polars found ${df.width} columns, the header line has ` +
        `${options.width}`,
    );
  }
  if (df.height === 0) throw new RangeError(`Cannot read ${path}: no data rows`);
  return { columns: df.getColumns(), rows: df.height, typed };
}
