/**
 * Which product a bar file holds: told (`--symbol`), read from a contract column or the file
 * name, recognised as the synthetic rb market, or the generic mode (sessions from the data).
 *
 * @module
 */
import {
  genericInstrument,
  inferSessions,
  type Instrument,
  instrument,
  productOf,
} from "../calendar/mod.ts";

/** What a file says about its product, for {@linkcode resolveInstrument}. */
export interface InstrumentClues {
  /** `--symbol`: a product or contract code, `"generic"`, or `"auto"` (default). */
  symbol?: string;
  /** The product named by the file's contract column or header, and the code that named it. */
  fromData?: { product: string | null; code: string; where: string } | null;
  /** The file's path (its name may start with a contract code, e.g. `rb0000_1min.csv`). */
  path: string;
  /** The file carries the synthetic generator's ground truth (so it is the synthetic rb). */
  groundTruth: boolean;
  /** Bar ends, for the generic mode's sessions. */
  time: ArrayLike<number>;
  /** Close prices, for the generic mode's tick. */
  close: ArrayLike<number>;
  /** Bar length in minutes. Default 1. */
  barMinutes?: number;
}

/** The product of a file and how it was found. */
export interface ResolvedInstrument {
  /** The instrument (lib/calendar), generic when none was found. */
  instrument: Instrument;
  /** How: `--symbol`, `symbol column (rb2105)`, `file name`, `synthetic market`, `generic …`. */
  from: string;
}

/** A file name that starts with a contract code: `rb0000_1min.csv`, `RM705-2017.csv`, `SHFE.rb2105.csv`. */
const FILE_CODE = /^(?:[A-Za-z]+\.)?([A-Za-z]{1,2}\d{3,4})(?:[^A-Za-z0-9]|$)/;

/**
 * The smallest positive step between distinct prices, rounded to 1e-6: a file's tick as far as
 * its prices show it (1 when every price is the same).
 *
 * @example
 * ```ts
 * inferTick(new Float64Array([3900, 3901, 3903])); // 1
 * inferTick(new Float64Array([4000.2, 4000.4, 4001])); // 0.2
 * ```
 */
export function inferTick(prices: ArrayLike<number>): number {
  const sorted = Float64Array.from(prices).filter(Number.isFinite).sort();
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > 1e-9 && d < step) step = d;
  }
  return Number.isFinite(step) ? Math.round(step * 1e6) / 1e6 : 1;
}

/**
 * The instrument of a file, in this order: `--symbol` (a product must agree with the data's own
 * contract codes; `generic` forces the generic mode); the contract column (or a TqSdk header
 * prefix); a file name starting with a contract code; the synthetic market (a file with the
 * generator's ground truth is rb); else the generic mode: sessions read from the data
 * (`inferSessions`), the tick from its prices, multiplier 1, no fees. Throws RangeError for an
 * unknown `--symbol` (listing the known ones) or one the data contradicts.
 *
 * @example
 * ```ts
 * resolveInstrument({ path: "rb0000_1min.csv", groundTruth: false, time, close }).from; // "file name"
 * ```
 */
export function resolveInstrument(clues: InstrumentClues): ResolvedInstrument {
  const symbol = clues.symbol ?? "auto";
  const data = clues.fromData ?? null;
  const generic = (why: string): ResolvedInstrument => ({
    instrument: genericInstrument(inferSessions(clues.time, { barMinutes: clues.barMinutes }), {
      tick: inferTick(clues.close),
    }),
    from: why,
  });
  if (symbol === "generic") return generic("generic (--symbol generic): sessions from the data");
  if (symbol !== "auto") {
    const told = instrument(symbol);
    if (data !== null && data.product !== null && data.product !== told.symbol) {
      throw new RangeError(
        `--symbol ${symbol} says ${told.symbol}, but ${clues.path} holds ${data.code} ` +
          `(${data.where}), a ${data.product} contract`,
      );
    }
    return { instrument: told, from: "--symbol" };
  }
  if (data !== null && data.product !== null) {
    return { instrument: instrument(data.product), from: `${data.where} (${data.code})` };
  }
  const name = clues.path.slice(clues.path.lastIndexOf("/") + 1);
  const m = FILE_CODE.exec(name);
  const fromName = m === null ? null : productOf(m[1]);
  if (fromName !== null) return { instrument: instrument(fromName), from: `file name (${m![1]})` };
  if (clues.groundTruth) {
    return { instrument: instrument("rb"), from: "synthetic market (ground-truth columns)" };
  }
  return generic("generic (no symbol in the data or the file name): sessions from the data");
}
