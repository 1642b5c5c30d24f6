/**
 * The fill rule: the price and commission of one order at one bar's quotes. Pure.
 *
 * @module
 */
import { commission, type ContractSpec, REBAR } from "../calendar/mod.ts";

/** The quotes a fill may use at one bar. */
export interface Quote {
  /** Best bid at the bar's end; NaN (or any non-positive/non-finite value) when there is no book. */
  bid: number;
  /** Best ask at the bar's end; NaN when there is no book. */
  ask: number;
  /**
   * Reference price used when there is no usable quote: the bar's open for signal-driven and
   * max-hold fills, its close for forced session/day-end exits (the caller picks).
   */
  price: number;
}

/** Fill options; defaults in the JSDoc of {@linkcode fill}. */
export interface FillOptions {
  /** Contract (multiplier, tick, fee model). Default `REBAR`. */
  contract?: Pick<ContractSpec, "multiplier" | "tick" | "fee">;
  /** Lots. Default 1. */
  lots?: number;
  /** Slippage in ticks when there is no usable quote. Default 1. */
  slippageTicks?: number;
  /** Extra adverse slippage in ticks on every fill. Default 0. */
  extraSlippageTicks?: number;
  /** True for an order that closes a position (the close-today fee). Default false. */
  exit?: boolean;
}

/** One fill. */
export interface Fill {
  /** Traded price, CNY/t. */
  price: number;
  /** Cost-free reference price: the mid (bid + ask)/2 with a usable quote, else `quote.price`. */
  reference: number;
  /** Commission in CNY (lib/calendar `commission` of the contract's fee model). */
  commission: number;
  /** Slippage cost in CNY: side × (price − reference) × multiplier × lots (≥ 0). */
  slippage: number;
}

/**
 * Whether a level-1 quote is usable: both sides finite and positive and not crossed.
 *
 * @example
 * ```ts
 * hasQuote(3500, 3501); // true
 * hasQuote(NaN, NaN); // false
 * ```
 */
export function hasQuote(bid: number, ask: number): boolean {
  return bid > 0 && ask >= bid && ask < Infinity;
}

/** Adverse price offsets of a fill, in price units (ticks × tick). */
export interface FillOffsets {
  /** Applied only without a usable quote. */
  slippage: number;
  /** Applied to every fill. */
  extra: number;
}

/**
 * The traded price of a buy (side +1) or sell (side −1): with a usable quote the ask (buy) or the
 * bid (sell), else `quote.price + side × slippage`; then `+ side × extra` in every case. The hot
 * loop of `simulate` calls this with one reused quote object, so it allocates nothing.
 *
 * @example
 * ```ts
 * fillPrice(1, { bid: 3500, ask: 3501, price: 3500 }, { slippage: 1, extra: 0 }); // 3501 (ask)
 * fillPrice(-1, { bid: NaN, ask: NaN, price: 3500 }, { slippage: 1, extra: 1 }); // 3498
 * ```
 */
export function fillPrice(side: number, quote: Quote, offsets: FillOffsets): number {
  const { bid, ask } = quote;
  const base = hasQuote(bid, ask) ? (side > 0 ? ask : bid) : quote.price + side * offsets.slippage;
  return base + side * offsets.extra;
}

/**
 * The cost-free reference of a fill: the mid with a usable quote, else `quote.price`.
 *
 * @example
 * ```ts
 * fillReference({ bid: 3500, ask: 3501, price: 3499 }); // 3500.5
 * fillReference({ bid: NaN, ask: NaN, price: 3499 }); // 3499
 * ```
 */
export function fillReference(quote: Quote): number {
  return hasQuote(quote.bid, quote.ask) ? (quote.bid + quote.ask) / 2 : quote.price;
}

/**
 * Fill one order of `side` (+1 buy, −1 sell) at one bar's quotes.
 *
 * - With a usable quote (see {@linkcode hasQuote}): buy at the ask, sell at the bid (the full
 *   spread; `slippageTicks` is not added).
 * - Without one: `quote.price ± slippageTicks × tick` (adverse).
 * - Then `extraSlippageTicks × tick` adverse on every fill.
 * - Commission from the contract's fee model (lib/calendar `commission`): its `open` fee for
 *   entries, its `closeToday` fee for exits (`exit: true`); a rate is × price × multiplier × lots,
 *   a per-lot fee × lots.
 *
 * Defaults: contract `REBAR`, lots 1, slippageTicks 1, extraSlippageTicks 0, exit false.
 *
 * @example
 * ```ts
 * fill(1, { bid: 3500, ask: 3501, price: 3499 }); // { price: 3501, reference: 3500.5, commission: 3.501, slippage: 5 }
 * fill(-1, { bid: NaN, ask: NaN, price: 3500 }, { exit: true }); // price 3499, commission 3.499, slippage 10
 * ```
 */
export function fill(side: 1 | -1, quote: Quote, options: FillOptions = {}): Fill {
  if (side !== 1 && side !== -1) throw new RangeError(`Fill side must be 1 or -1, got ${side}`);
  const contract = options.contract ?? REBAR;
  const lots = options.lots ?? 1;
  const tick = contract.tick;
  const price = fillPrice(side, quote, {
    slippage: (options.slippageTicks ?? 1) * tick,
    extra: (options.extraSlippageTicks ?? 0) * tick,
  });
  const reference = fillReference(quote);
  const size = contract.multiplier * lots;
  return {
    price,
    reference,
    commission: commission(contract, price, { lots, action: options.exit ? "closeToday" : "open" }),
    slippage: side * (price - reference) * size,
  };
}
