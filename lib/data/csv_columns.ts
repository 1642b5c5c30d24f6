/**
 * A CSV layout resolved against a file's header: which column holds each field.
 *
 * @module
 */
import { type CsvLayout, FIELDS, type LayoutField, normalizeColumnName } from "./csv_layouts.ts";

/** A layout resolved against a header: field → column index, and the header's own names. */
export interface ResolvedColumns {
  /** The layout. */
  layout: CsvLayout;
  /** Column index (0-based) of each field the file has. */
  index: Partial<Record<LayoutField, number>>;
  /** The header as read (after `fixHeader`). */
  header: readonly string[];
}

/**
 * Map a layout's fields to the columns of a header. Throws TypeError naming the file for a
 * missing required column, two columns meaning the same field, or an incomplete book.
 *
 * @example
 * ```ts
 * resolveColumns(["timestamp", "Open", "High", "Low", "Close", "Vol"], "generic", { source: "x.csv" })
 *   .index; // { datetime: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 }
 * ```
 * @param options.source the file named in errors; default "input".
 */
export function resolveColumns(
  header: readonly string[],
  layout: CsvLayout,
  options: { source?: string } = {},
): ResolvedColumns {
  const source = options.source ?? "input";
  const normalized = header.map(normalizeColumnName);
  const index: Partial<Record<LayoutField, number>> = {};
  const shown = `header: ${header.join(",")}`;
  const find = (names: readonly string[], field: string): number | undefined => {
    // The first accepted name present wins (vnpy-db: `open_price` before `open`).
    for (const name of names) {
      const hits: number[] = [];
      normalized.forEach((n, i) => n === name && hits.push(i));
      if (hits.length > 1) {
        throw new TypeError(
          `Cannot read ${source}: columns ${hits.map((i) => header[i]).join(" and ")} both mean ` +
            `${field} (${shown})`,
        );
      }
      if (hits.length === 1) {
        const other = normalized.findIndex((n, i) => i !== hits[0] && names.includes(n));
        if (other >= 0 && layout === "generic") {
          throw new TypeError(
            `Cannot read ${source}: columns ${header[hits[0]]} and ${header[other]} both mean ` +
              `${field} (${shown})`,
          );
        }
        return hits[0];
      }
    }
    return undefined;
  };
  for (const d of FIELDS[layout]) {
    const i = find(d.names, d.field);
    if (i !== undefined) index[d.field] = i;
    else if (d.required) {
      throw new TypeError(
        `Cannot read ${source} as ${layout}: missing column ${d.shown} (${shown})`,
      );
    }
  }
  if (layout === "generic") resolveGenericTime(normalized, index, find, `${source}`, shown);
  return { layout, index, header };
}

function resolveGenericTime(
  normalized: readonly string[],
  index: Partial<Record<LayoutField, number>>,
  find: (names: readonly string[], field: string) => number | undefined,
  source: string,
  shown: string,
): void {
  const dt = find(["datetime", "timestamp"], "the bar time");
  const date = normalized.indexOf("date"), time = normalized.indexOf("time");
  if (dt !== undefined) index.datetime = dt;
  else if (date >= 0 && time >= 0) (index.date = date, index.time = time);
  else if (date >= 0 || time >= 0) index.datetime = Math.max(date, time);
  else {
    throw new TypeError(
      `Cannot read ${source} as generic: missing column datetime ` +
        `(or timestamp, or date + time) (${shown})`,
    );
  }
  const book = ["bid_price1", "ask_price1", "bid_volume1", "ask_volume1"] as const;
  const have = book.filter((f) => index[f] !== undefined);
  if (have.length > 0 && have.length < 4) {
    const missing = book.filter((f) => index[f] === undefined);
    throw new TypeError(
      `Cannot read ${source}: the book needs all four of bid_price1, ask_price1, bid_volume1, ` +
        `ask_volume1; missing column ${missing.join(", ")} (${shown})`,
    );
  }
  for (const f of ["spread_mean", "depth_mean"] as const) {
    if (index[f] !== undefined && have.length === 0) {
      throw new TypeError(`Cannot read ${source}: column ${f} needs the book columns (${shown})`);
    }
  }
}
