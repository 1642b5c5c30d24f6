/**
 * The event loop of the backtest: desired signals in, trades and the position per bar out.
 *
 * ## Execution rules
 *
 * 1. **Signals.** `signals[t]` ∈ {−1, 0, +1} is the desired side computed at bar t's close.
 * 2. **Next-bar execution.** A signal at bar t acts at bar t + 1, never on bar t. The fill uses
 *    bar t + 1's quotes: with a book, buy at `askPrice1[t+1]` and sell at `bidPrice1[t+1]`, the
 *    first quote observed after the signal (conservative: one bar of delay and the full spread);
 *    without a book (or a bar whose quote is unusable, see `hasQuote`), `open[t+1]` ±
 *    `slippageTicks`·tick. Every fill also pays `extraSlippageTicks`·tick. Commission comes from
 *    the contract's fee model (lib/calendar `commission`: a rate of notional or CNY per lot): its
 *    `open` fee on entries, its `closeToday` fee on exits (every exit is close-today here: the
 *    book is flat at every day end).
 * 3. **Dropped signals.** A signal at t is dropped when t is the last bar of its session (t + 1
 *    is in another session or there is no t + 1) or when t + 1 is the last bar of its session (no
 *    instant round trip into a forced exit). Sessions come from the bars: see `sessionEnds`.
 * 4. **One position at a time**, `lots` lots. A signal is judged against the position held at
 *    the close of its bar t: flat → enter its side at t + 1; same side → ignored (the hold clock
 *    is not reset); opposite side → per `onOpposite`: "reverse" exits and enters the signal's
 *    side at the same bar t + 1, "exit" only exits, "ignore" does nothing.
 * 5. **Exits**, checked at each bar j while a position entered at bar e is open, first match wins:
 *    - j is the last bar of its session → "day-end" when the trading day changes after j (or the
 *      data ends), else "session-end". This forced exit fills at bar j's quote, or without a book
 *      at `close[j]` ∓ slippage: the book is flat before every session break.
 *    - j = e + maxHold → "max-hold", filled by the normal rule at bar j (its quote, or open[j]).
 *    - an opposite signal at j − 1 with onOpposite "reverse"/"exit" → "opposite", at bar j.
 *    A max-hold exit at j and an opposite signal at j − 1 with "reverse": the exit is labelled
 *    "max-hold" and the reversed entry still happens at j. A same-side signal at j − 1 does not
 *    re-enter at j after a max-hold exit (it was emitted while in the position).
 * 6. **Position per bar** is the position held at bar j's close, after bar j's fills; it is 0 at
 *    bar 0 (no signal precedes it) and on every session's last bar.
 *
 * ## P&L of a trade (lots L, multiplier M, side s = +1 long / −1 short)
 *
 * - netPnl = s·(exitPrice − entryPrice)·M·L − entryCommission − exitCommission
 * - grossPnl = s·(exitReference − entryReference)·M·L, with references the cost-free prices (mid
 *   with a book, else the open/close the fill used)
 * - slippage = grossPnl − netPnl − commissions ≥ 0 (spread, ticks, extra ticks);
 *   costs = commission + slippage = grossPnl − netPnl
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { type ClosedTrade, Execution, Market, type TradeSink } from "./_execution.ts";
import { type BacktestConfig, backtestConfig } from "./backtest_config.ts";
import { sessionEnds } from "./session_ends.ts";

/** Why a trade ended. */
export const EXIT_REASONS = ["max-hold", "session-end", "day-end", "opposite"] as const;

/** Why a trade ended: one of {@linkcode EXIT_REASONS}. */
export type ExitReason = typeof EXIT_REASONS[number];

/** The bar fields the engine reads: a {@linkcode BarTable} or any object with these columns. */
export type SimulationBars =
  & Pick<BarTable, "time" | "tradingDay">
  & { open: ArrayLike<number>; close: ArrayLike<number> }
  & { book: { bidPrice1: ArrayLike<number>; askPrice1: ArrayLike<number> } | null };

/** Closed trades, columnar: element k of every column is trade k (in entry order). */
export interface Trades {
  /** Number of trades. */
  count: number;
  /** Bar of the entry fill. */
  entryIndex: Int32Array;
  /** Bar of the exit fill (> entryIndex). */
  exitIndex: Int32Array;
  /** +1 long, −1 short. */
  side: Int8Array;
  /** Lots. */
  lots: Int32Array;
  /** Entry fill price, CNY/t. */
  entryPrice: Float64Array;
  /** Exit fill price, CNY/t. */
  exitPrice: Float64Array;
  /** Cost-free entry reference (mid, or the open/close used without a book), CNY/t. */
  entryReference: Float64Array;
  /** Cost-free exit reference, CNY/t. */
  exitReference: Float64Array;
  /** Entry commission, CNY. */
  entryCommission: Float64Array;
  /** Exit commission, CNY. */
  exitCommission: Float64Array;
  /** Slippage cost (spread + ticks), CNY, ≥ 0. */
  slippage: Float64Array;
  /** Commissions + slippage, CNY. */
  costs: Float64Array;
  /** P&L at the reference prices, before all costs, CNY. */
  grossPnl: Float64Array;
  /** P&L at the fill prices after commissions, CNY. */
  netPnl: Float64Array;
  /** Index into {@linkcode EXIT_REASONS}. */
  exitReason: Uint8Array;
}

/** One trade as a plain object (see {@linkcode tradeRecords}). */
export interface TradeRecord {
  /** Bar of the entry fill. */
  entryIndex: number;
  /** Bar of the exit fill. */
  exitIndex: number;
  /** +1 long, −1 short. */
  side: number;
  /** Entry fill price. */
  entryPrice: number;
  /** Exit fill price. */
  exitPrice: number;
  /** Lots. */
  lots: number;
  /** P&L before costs, CNY. */
  grossPnl: number;
  /** Commission (both sides), CNY. */
  commission: number;
  /** Slippage cost, CNY. */
  slippage: number;
  /** Commission + slippage, CNY. */
  costs: number;
  /** P&L after costs, CNY. */
  netPnl: number;
  /** Why the trade ended. */
  exitReason: ExitReason;
}

/** The result of {@linkcode simulate}. */
export interface Simulation {
  /** Closed trades (the engine is always flat at the end of the data). */
  trades: Trades;
  /** Position held at each bar's close, after that bar's fills: −1, 0 or +1 (times lots). */
  position: Int8Array;
  /** Session-end code per bar (see `sessionEnds`). */
  sessionEnds: Uint8Array;
  /** The resolved config. */
  config: BacktestConfig;
}

class TradeLog implements TradeSink {
  count = 0;
  entryIndex: Int32Array;
  exitIndex: Int32Array;
  side: Int8Array;
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  entryReference: Float64Array;
  exitReference: Float64Array;
  entryCommission: Float64Array;
  exitCommission: Float64Array;
  exitReason: Uint8Array;

  constructor(capacity: number) {
    this.entryIndex = new Int32Array(capacity);
    this.exitIndex = new Int32Array(capacity);
    this.side = new Int8Array(capacity);
    this.entryPrice = new Float64Array(capacity);
    this.exitPrice = new Float64Array(capacity);
    this.entryReference = new Float64Array(capacity);
    this.exitReference = new Float64Array(capacity);
    this.entryCommission = new Float64Array(capacity);
    this.exitCommission = new Float64Array(capacity);
    this.exitReason = new Uint8Array(capacity);
  }

  trade(t: Readonly<ClosedTrade>): void {
    if (this.count === this.side.length) this.grow();
    const k = this.count++;
    this.entryIndex[k] = t.entryIndex;
    this.exitIndex[k] = t.exitIndex;
    this.side[k] = t.side;
    this.entryPrice[k] = t.entryPrice;
    this.exitPrice[k] = t.exitPrice;
    this.entryReference[k] = t.entryReference;
    this.exitReference[k] = t.exitReference;
    this.entryCommission[k] = t.entryCommission;
    this.exitCommission[k] = t.exitCommission;
    this.exitReason[k] = t.reason;
  }

  private grow(): void {
    const cap = Math.max(16, this.side.length * 2);
    const g = <T extends Int32Array | Int8Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.entryIndex = g(this.entryIndex, (n) => new Int32Array(n));
    this.exitIndex = g(this.exitIndex, (n) => new Int32Array(n));
    this.side = g(this.side, (n) => new Int8Array(n));
    this.entryPrice = g(this.entryPrice, (n) => new Float64Array(n));
    this.exitPrice = g(this.exitPrice, (n) => new Float64Array(n));
    this.entryReference = g(this.entryReference, (n) => new Float64Array(n));
    this.exitReference = g(this.exitReference, (n) => new Float64Array(n));
    this.entryCommission = g(this.entryCommission, (n) => new Float64Array(n));
    this.exitCommission = g(this.exitCommission, (n) => new Float64Array(n));
    this.exitReason = g(this.exitReason, (n) => new Uint8Array(n));
  }

  finish(lots: number, multiplier: number): Trades {
    const n = this.count;
    const size = lots * multiplier;
    const side = this.side.slice(0, n);
    const entryPrice = this.entryPrice.slice(0, n), exitPrice = this.exitPrice.slice(0, n);
    const entryReference = this.entryReference.slice(0, n);
    const exitReference = this.exitReference.slice(0, n);
    const entryCommission = this.entryCommission.slice(0, n);
    const exitCommission = this.exitCommission.slice(0, n);
    const grossPnl = new Float64Array(n), netPnl = new Float64Array(n);
    const slippage = new Float64Array(n), costs = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const s = side[k];
      const paid = entryCommission[k] + exitCommission[k];
      grossPnl[k] = s * (exitReference[k] - entryReference[k]) * size;
      netPnl[k] = s * (exitPrice[k] - entryPrice[k]) * size - paid;
      slippage[k] = (s * (entryPrice[k] - entryReference[k]) -
        s * (exitPrice[k] - exitReference[k])) * size;
      costs[k] = paid + slippage[k];
    }
    return {
      count: n,
      entryIndex: this.entryIndex.slice(0, n),
      exitIndex: this.exitIndex.slice(0, n),
      side,
      lots: new Int32Array(n).fill(lots),
      entryPrice,
      exitPrice,
      entryReference,
      exitReference,
      entryCommission,
      exitCommission,
      slippage,
      costs,
      grossPnl,
      netPnl,
      exitReason: this.exitReason.slice(0, n),
    };
  }
}

function checkLength(name: string, got: number, n: number): void {
  if (got !== n) throw new RangeError(`Backtest needs ${n} values of ${name}, got ${got}`);
}

/**
 * Run the backtest: turn desired signals into trades under the execution rules of this module
 * (next-bar fills, session-flat, one position, max hold, `onOpposite`). Config defaults as in
 * `BACKTEST_DEFAULTS`: contract REBAR, lots 1, maxHold 15, onOpposite "reverse",
 * slippageTicks 1, extraSlippageTicks 0. Allocates nothing per bar; runs in O(bars).
 * Throws RangeError for mismatched lengths, a signal outside {−1, 0, 1}, non-increasing time,
 * or a fill whose price is not finite.
 *
 * @example
 * ```ts
 * const sim = simulate(bars, signals(pred, { bull, bear }), { maxHold: 15 });
 * tradeRecords(sim.trades)[0]; // { entryIndex, exitIndex, side, entryPrice, …, exitReason }
 * ```
 */
export function simulate(
  bars: SimulationBars,
  signals: ArrayLike<number>,
  config: Partial<BacktestConfig> = {},
): Simulation {
  const cfg = backtestConfig(config);
  const n = bars.time.length;
  checkLength("open", bars.open.length, n);
  checkLength("close", bars.close.length, n);
  checkLength("signals", signals.length, n);
  const book = bars.book;
  if (book !== null) {
    checkLength("bidPrice1", book.bidPrice1.length, n);
    checkLength("askPrice1", book.askPrice1.length, n);
  }
  for (let i = 0; i < n; i++) {
    const s = signals[i];
    if (s !== 0 && s !== 1 && s !== -1) {
      throw new RangeError(`signals[${i}] is ${s}; expected -1, 0 or 1`);
    }
  }
  const ends = sessionEnds(bars);
  const position = new Int8Array(n);
  const log = new TradeLog(Math.min(n, 1024));
  const exec = new Execution(new Market(bars, ends, cfg), log);
  for (let j = 1; j < n; j++) {
    exec.step(j, signals[j - 1]);
    position[j] = exec.pos;
  }
  return {
    trades: log.finish(cfg.lots, cfg.contract.multiplier),
    position,
    sessionEnds: ends,
    config: cfg,
  };
}

/**
 * The trades as an array of plain records (for tables and tests; the engine stays columnar).
 *
 * @example
 * ```ts
 * for (const t of tradeRecords(sim.trades)) console.log(t.entryIndex, t.side, t.netPnl, t.exitReason);
 * ```
 */
export function tradeRecords(trades: Trades): TradeRecord[] {
  const out: TradeRecord[] = [];
  for (let k = 0; k < trades.count; k++) {
    const commission = trades.entryCommission[k] + trades.exitCommission[k];
    out.push({
      entryIndex: trades.entryIndex[k],
      exitIndex: trades.exitIndex[k],
      side: trades.side[k],
      entryPrice: trades.entryPrice[k],
      exitPrice: trades.exitPrice[k],
      lots: trades.lots[k],
      grossPnl: trades.grossPnl[k],
      commission,
      slippage: trades.slippage[k],
      costs: trades.costs[k],
      netPnl: trades.netPnl[k],
      exitReason: EXIT_REASONS[trades.exitReason[k]],
    });
  }
  return out;
}
