/**
 * Trading sessions: the tables of the Chinese futures products and the session a bar-end stamp
 * belongs to.
 *
 * Bars are stamped at their END (naive-local ms), so a session open at 09:00 has bar-end stamps
 * 09:01 … 10:15: a stamp `t` is in a session when `open < t ≤ close` (time of day).
 *
 * A session table lists a trading day's sessions in trading-day order: the night session first
 * (it runs on the evening before; its `open` is after 18:00), then the day sessions. Times are
 * minutes after midnight; a night session that runs past midnight has `close > 1440` (01:00 is
 * 1500, 02:30 is 1590), and its bars after midnight carry the next calendar date.
 *
 * @module
 */
import { DAY_MS, MINUTE_MS } from "./day_number.ts";

/** One session: its name and its open and close as minutes after local midnight. */
export interface SessionSpec {
  /** Session name, e.g. `night`, `am1`, `am2`, `pm` (commodities) or `am`, `pm` (CFFEX). */
  readonly name: string;
  /** Open, minutes after midnight (the first bar ends at open + 1). */
  readonly open: number;
  /** Close, minutes after midnight (the last bar ends at close); > 1440 past midnight. */
  readonly close: number;
}

/** A trading day's sessions in trading-day order (the night session, if any, first). */
export type SessionTable = readonly SessionSpec[];

/**
 * A session name: `night`, `am1`, `am2`, `pm` for commodities, `am`, `pm` for CFFEX; inferred
 * tables also use `day` and `s1`, `s2`, ….
 */
export type SessionName = string;

const spec = (name: string, open: number, close: number): SessionSpec =>
  Object.freeze({ name, open, close });

const hm = (h: number, m = 0) => h * 60 + m;

/** The commodity day sessions: 09:00–10:15, 10:30–11:30, 13:30–15:00 (225 one-minute bars). */
const COMMODITY_DAY: SessionTable = [
  spec("am1", hm(9), hm(10, 15)),
  spec("am2", hm(10, 30), hm(11, 30)),
  spec("pm", hm(13, 30), hm(15)),
];

/** When a product's night session closes: 23:00, 01:00, 02:30 (the next morning), or none. */
export type NightClose = "23:00" | "01:00" | "02:30" | null;

const NIGHT_CLOSE_MINUTES: Record<Exclude<NightClose, null>, number> = {
  "23:00": hm(23),
  "01:00": hm(25),
  "02:30": hm(26, 30),
};

/**
 * The sessions of a commodity product (SHFE, INE, DCE, CZCE, GFEX): a night session from 21:00 to
 * `nightClose` (none for `null`), then 09:00–10:15, 10:30–11:30 and 13:30–15:00. Frozen.
 *
 * @example
 * ```ts
 * commoditySessions("01:00")[0]; // { name: "night", open: 1260, close: 1500 }
 * commoditySessions(null).length; // 3
 * ```
 */
export function commoditySessions(nightClose: NightClose): SessionTable {
  if (nightClose === null) return Object.freeze([...COMMODITY_DAY]);
  const close = NIGHT_CLOSE_MINUTES[nightClose];
  if (close === undefined) {
    throw new RangeError(`Night close must be 23:00, 01:00, 02:30 or null, got ${nightClose}`);
  }
  return Object.freeze([spec("night", hm(21), close), ...COMMODITY_DAY]);
}

/**
 * CFFEX stock-index futures (IF, IH, IC, IM): 09:30–11:30 and 13:00–15:00, no night session
 * (240 one-minute bars).
 */
export const CFFEX_INDEX_SESSIONS: SessionTable = Object.freeze([
  spec("am", hm(9, 30), hm(11, 30)),
  spec("pm", hm(13), hm(15)),
]);

/**
 * CFFEX treasury-bond futures (T, TF, TS, TL): 09:30–11:30 and 13:00–15:15, no night session
 * (255 one-minute bars).
 */
export const CFFEX_BOND_SESSIONS: SessionTable = Object.freeze([
  spec("am", hm(9, 30), hm(11, 30)),
  spec("pm", hm(13), hm(15, 15)),
]);

/**
 * The SHFE rb sessions in trading-day order: night 21:00–23:00 (120 bars, on the previous
 * weekday's evening), am1 09:00–10:15 (75), am2 10:30–11:30 (60), pm 13:30–15:00 (90).
 */
export const SESSIONS: SessionTable = commoditySessions("23:00");

/** Number of one-minute bars in the rb day sessions (am1 + am2 + pm). */
export const DAY_BARS = 225;
/** Number of one-minute bars in the rb night session. */
export const NIGHT_BARS = 120;

/** A session instance: its name and its open and close as naive-local epoch ms. */
export interface Session {
  /** Session name. */
  name: SessionName;
  /** Session open instant, naive-local ms (not itself a bar-end stamp). */
  start: number;
  /** Session close instant, naive-local ms (the last bar-end stamp). */
  end: number;
}

/**
 * Whether a session is a night session (it opens in the evening, after 18:00).
 *
 * @example
 * ```ts
 * isNightSession(SESSIONS[0]); // true
 * ```
 */
export function isNightSession(s: SessionSpec): boolean {
  return s.open >= hm(18);
}

/**
 * One-minute bars per trading day of a session table: the day sessions and the night session.
 *
 * @example
 * ```ts
 * sessionBars(SESSIONS); // { day: 225, night: 120 }
 * sessionBars(commoditySessions("02:30")); // { day: 225, night: 330 }
 * ```
 */
export function sessionBars(sessions: SessionTable): { day: number; night: number } {
  let day = 0, night = 0;
  for (const s of sessions) {
    if (isNightSession(s)) night += s.close - s.open;
    else day += s.close - s.open;
  }
  return { day, night };
}

const clock = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

/**
 * A session table as text, e.g. `night 21:00–01:00, am1 09:00–10:15, am2 10:30–11:30, pm
 * 13:30–15:00`.
 *
 * @example
 * ```ts
 * formatSessions(CFFEX_INDEX_SESSIONS); // "am 09:30–11:30, pm 13:00–15:00"
 * ```
 */
export function formatSessions(sessions: SessionTable): string {
  return sessions.map((s) => `${s.name} ${clock(s.open)}–${clock(s.close)}`).join(", ");
}

const lookups = new WeakMap<SessionTable, Int8Array>();

/**
 * For each bar-end minute of the day (0…1439), the index of the session of `sessions` it belongs
 * to, or −1. Minutes after midnight map to a night session that runs past midnight. Cached per
 * table; the fast path of {@linkcode sessionOf} and of bar validation.
 *
 * @example
 * ```ts
 * const idx = sessionIndexByMinute(SESSIONS);
 * idx[9 * 60 + 1]; // 1 (am1)
 * idx[12 * 60]; // -1 (lunch)
 * ```
 */
export function sessionIndexByMinute(sessions: SessionTable): Int8Array {
  let out = lookups.get(sessions);
  if (out !== undefined) return out;
  out = new Int8Array(1440).fill(-1);
  sessions.forEach((s, k) => {
    if (!(s.open >= 0 && s.close > s.open && s.close - s.open <= 1440 && s.close < 2880)) {
      throw new RangeError(`Session ${s.name} ${s.open}–${s.close} is not a valid session`);
    }
    for (let m = s.open + 1; m <= s.close; m++) {
      const at = m % 1440;
      if (out![at] !== -1) {
        throw new RangeError(`Sessions ${sessions[out![at]].name} and ${s.name} overlap`);
      }
      out![at] = k;
    }
  });
  lookups.set(sessions, out);
  return out;
}

/**
 * The session whose bar-end stamps include `time` (naive-local ms), or null when `time` is not
 * inside a session (open < time-of-day ≤ close). Looks at the time of day only: weekends and
 * holidays are the calendar's business ({@linkcode tradingDayOf}). A stamp after midnight in a
 * night session that runs past midnight belongs to the session that opened the evening before.
 * Default sessions: rb's ({@linkcode SESSIONS}).
 *
 * @example
 * ```ts
 * sessionOf(Date.UTC(2023, 0, 3, 9, 1)); // { name: "am1", start: …09:00, end: …10:15 }
 * sessionOf(Date.UTC(2023, 0, 3, 9, 0)); // null (09:00 is the open, not a bar end)
 * sessionOf(Date.UTC(2023, 0, 4, 0, 30), commoditySessions("01:00")); // night of 01-03, 21:00–01:00
 * ```
 */
export function sessionOf(time: number, sessions: SessionTable = SESSIONS): Session | null {
  if (!Number.isFinite(time)) return null;
  const midnight = Math.floor(time / DAY_MS) * DAY_MS;
  const minute = (time - midnight) / MINUTE_MS;
  for (const s of sessions) {
    let base = midnight;
    let inside = minute > s.open && minute <= s.close;
    if (!inside && s.close > 1440 && minute + 1440 <= s.close) {
      inside = minute + 1440 > s.open;
      base = midnight - DAY_MS;
    }
    if (inside) {
      return { name: s.name, start: base + s.open * MINUTE_MS, end: base + s.close * MINUTE_MS };
    }
  }
  return null;
}
