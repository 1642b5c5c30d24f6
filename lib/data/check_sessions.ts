/**
 * Every bar inside its product's sessions.
 *
 * @module
 */
import {
  DAY_MS,
  formatSessions,
  type Instrument,
  MINUTE_MS,
  sessionIndexByMinute,
} from "../calendar/mod.ts";
import { formatLocalDateTime } from "./local_time.ts";

/**
 * Throws RangeError at the first bar whose end is outside the instrument's sessions (a whole
 * minute of the day no session of the product covers), naming the row, the column, the product
 * and its sessions, and the way out for data with other hours (`--symbol generic`). The generic
 * instrument's sessions come from the data itself and are not checked.
 *
 * @example
 * ```ts
 * checkSessions(table.time, instrument("rb"), { label: (i) => `row ${i + 1}`, column: "datetime" });
 * ```
 */
export function checkSessions(
  time: ArrayLike<number>,
  inst: Instrument,
  options: { label: (i: number) => string; column: string },
): void {
  if (inst.symbol === "generic") return;
  const index = sessionIndexByMinute(inst.sessions);
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    const minute = Math.round((t - Math.floor(t / DAY_MS) * DAY_MS) / MINUTE_MS) % 1440;
    if (index[minute] >= 0) continue;
    throw new RangeError(
      `${options.label(i)}: column ${options.column} ${formatLocalDateTime(t)} is outside the ` +
        `sessions of ${inst.symbol} (${formatSessions(inst.sessions)}); for data with other ` +
        `trading hours (older years, another product) use --symbol generic`,
    );
  }
}
