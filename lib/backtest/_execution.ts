/**
 * The execution rules of `simulate.ts` as one position's state machine, shared by
 * {@linkcode simulate} (one position over one signal column) and `simulateGrid` (one position per
 * cell of a threshold grid, all advanced in one pass over the bars). One implementation, so a
 * grid cell is the plain backtest of its thresholds, trade for trade.
 *
 * Internal to lib/backtest (not re-exported by mod.ts).
 *
 * @module
 */
import type { BacktestConfig } from "./backtest_config.ts";
import { commission, type ContractSpec } from "../calendar/mod.ts";
import { fillPrice, fillReference, type Quote } from "./fill.ts";
import { DAY_END } from "./session_ends.ts";

/** Exit reason codes: indices into `EXIT_REASONS` of simulate.ts. */
export const MAX_HOLD = 0, SESSION = 1, DAY = 2, OPPOSITE = 3;

/** The bar columns a fill reads. */
export interface ExecutionBars {
  open: ArrayLike<number>;
  close: ArrayLike<number>;
  book: { bidPrice1: ArrayLike<number>; askPrice1: ArrayLike<number> } | null;
}

/** A trade as it closes (one scratch object per position, overwritten by the next trade). */
export interface ClosedTrade {
  entryIndex: number;
  exitIndex: number;
  side: number;
  entryPrice: number;
  exitPrice: number;
  entryReference: number;
  exitReference: number;
  entryCommission: number;
  exitCommission: number;
  /** Exit reason code. */
  reason: number;
}

/** Where a closed trade goes: a trade log, or a grid cell's running totals. */
export interface TradeSink {
  /** Record `t` (read it now: it is reused). */
  trade(t: Readonly<ClosedTrade>): void;
}

/** What every position of one run shares: bars, session ends, costs and rules. */
export class Market {
  readonly open: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly bid: ArrayLike<number>;
  readonly ask: ArrayLike<number>;
  readonly hasBook: boolean;
  readonly size: number;
  readonly offsets: { slippage: number; extra: number };
  readonly contract: ContractSpec;
  readonly feeIn: { lots: number; action: "open" };
  readonly feeOut: { lots: number; action: "closeToday" };
  readonly maxHold: number;
  readonly reverse: boolean;
  readonly ignore: boolean;
  /** One scratch quote, reused for every fill (the loop allocates nothing). */
  readonly q: Quote = { bid: NaN, ask: NaN, price: NaN };

  constructor(bars: ExecutionBars, readonly ends: Uint8Array, cfg: BacktestConfig) {
    const { open, close, book } = bars;
    this.open = open;
    this.close = close;
    this.hasBook = book !== null;
    this.bid = book ? book.bidPrice1 : open;
    this.ask = book ? book.askPrice1 : open;
    const { contract } = cfg;
    this.size = contract.multiplier * cfg.lots;
    this.offsets = {
      slippage: cfg.slippageTicks * contract.tick,
      extra: cfg.extraSlippageTicks * contract.tick,
    };
    this.contract = contract;
    this.feeIn = { lots: cfg.lots, action: "open" };
    this.feeOut = { lots: cfg.lots, action: "closeToday" }; // every exit closes today
    this.maxHold = cfg.maxHold;
    this.reverse = cfg.onOpposite === "reverse";
    this.ignore = cfg.onOpposite === "ignore";
  }

  /** The fill price of `side` at bar `j`, from its quote or (without one) from `price`. */
  fill(side: number, j: number, price: number, what: string): number {
    const q = this.q;
    if (this.hasBook) (q.bid = this.bid[j], q.ask = this.ask[j]);
    q.price = price;
    const px = fillPrice(side, q, this.offsets);
    if (!Number.isFinite(px)) {
      throw new RangeError(`Cannot fill the ${what} at bar ${j}: no usable quote or price`);
    }
    return px;
  }
}

/** One position under the execution rules of simulate.ts. */
export class Execution {
  /** Position held after the last bar stepped: −1, 0 or +1. */
  pos = 0;
  private readonly t: ClosedTrade = {
    entryIndex: -1,
    exitIndex: -1,
    side: 0,
    entryPrice: 0,
    exitPrice: 0,
    entryReference: 0,
    exitReference: 0,
    entryCommission: 0,
    exitCommission: 0,
    reason: -1,
  };

  constructor(private readonly m: Market, private readonly sink: TradeSink) {}

  /** Advance to bar `j` (≥ 1) with `s`, the signal of bar j − 1. */
  step(j: number, s: number): void {
    const m = this.m, endJ = m.ends[j];
    const valid = s !== 0 && endJ === 0 && m.ends[j - 1] === 0;
    const before = this.pos;
    if (before !== 0) {
      let reason = -1;
      if (endJ !== 0) reason = endJ === DAY_END ? DAY : SESSION;
      else if (j - this.t.entryIndex >= m.maxHold) reason = MAX_HOLD;
      else if (valid && s === -before && !m.ignore) reason = OPPOSITE;
      if (reason >= 0) this.exit(j, reason);
    }
    if (valid && this.pos === 0 && (before === 0 || (before === -s && m.reverse))) {
      this.enter(j, s);
    }
  }

  /**
   * The run's P&L after costs at bar j's close with `realized` closed so far, as markToMarket
   * computes it: realised − entry commission + (close − entry) × side × size while a position is
   * open, `realized` when flat.
   */
  mark(j: number, realized: number): number {
    if (this.pos === 0) return realized;
    const t = this.t, m = this.m;
    return (realized - t.entryCommission) + (m.close[j] - t.entryPrice) * (this.pos * m.size);
  }

  private exit(j: number, reason: number): void {
    const m = this.m, t = this.t;
    const px = m.fill(
      -this.pos,
      j,
      reason === SESSION || reason === DAY ? m.close[j] : m.open[j],
      "exit",
    );
    t.exitIndex = j;
    t.side = this.pos;
    t.exitPrice = px;
    t.exitReference = fillReference(m.q);
    t.exitCommission = commission(m.contract, px, m.feeOut);
    t.reason = reason;
    this.sink.trade(t);
    this.pos = 0;
  }

  private enter(j: number, s: number): void {
    const m = this.m, t = this.t;
    const px = m.fill(s, j, m.open[j], "entry");
    t.entryIndex = j;
    t.entryPrice = px;
    t.entryReference = fillReference(m.q);
    t.entryCommission = commission(m.contract, px, m.feeIn);
    this.pos = s;
  }
}
