/**
 * Contract specifications and fee models: what costs, sizing and the backtest engine need to know
 * about a futures product. The product table itself is instruments.ts.
 *
 * @module
 */

/**
 * How an exchange charges a fill. `unit: "rate"` charges a fraction of the notional (price ×
 * multiplier × lots; 1e-4 = 1/10,000), `unit: "per-lot"` a fixed amount in CNY per lot. Opening,
 * closing a position from an earlier trading day, and closing one opened the same trading day
 * ("close today", 平今) can be charged differently.
 */
export interface FeeModel {
  /** `"rate"`: fraction of notional; `"per-lot"`: CNY per lot. */
  readonly unit: "rate" | "per-lot";
  /** Charged on an opening fill. */
  readonly open: number;
  /** Charged on a fill that closes a position opened on an earlier trading day. */
  readonly close: number;
  /** Charged on a fill that closes a position opened the same trading day. */
  readonly closeToday: number;
}

/** Which fee of a {@linkcode FeeModel} a fill pays. */
export type FeeAction = "open" | "close" | "closeToday";

/** A futures contract specification. */
export interface ContractSpec {
  /** Product code, e.g. `"rb"`, `"SR"`, `"IF"`. */
  readonly symbol: string;
  /** Exchange code, e.g. `"SHFE"`. */
  readonly exchange: string;
  /** Contract multiplier: units per lot (rb: 10 t). */
  readonly multiplier: number;
  /** Minimum price increment (rb: 1 CNY/t). */
  readonly tick: number;
  /** Exchange fees (rb: 1e-4 of notional on every side). */
  readonly fee: FeeModel;
  /** Margin as a fraction of notional (illustrative; only the margin-base return uses it). */
  readonly marginRate: number;
}

/**
 * A fee model charging `rate` of notional on every side (open, close and close today).
 *
 * @example
 * ```ts
 * rateFee(1e-4); // { unit: "rate", open: 1e-4, close: 1e-4, closeToday: 1e-4 }
 * ```
 */
export function rateFee(rate: number, closeToday: number = rate): FeeModel {
  return Object.freeze({ unit: "rate", open: rate, close: rate, closeToday });
}

/**
 * A fee model charging `cny` per lot on opening and closing, and `closeToday` per lot on a
 * same-day close.
 *
 * @example
 * ```ts
 * perLotFee(3, 0); // al: 3 CNY per lot, closing today free
 * ```
 */
export function perLotFee(cny: number, closeToday: number = cny): FeeModel {
  return Object.freeze({ unit: "per-lot", open: cny, close: cny, closeToday });
}

/**
 * The commission in CNY of one fill: `fee[action] × price × multiplier × lots` for a rate model,
 * `fee[action] × lots` for a per-lot one. Pure; the backtest engine calls it for every fill.
 * Default action "open", lots 1.
 *
 * @example
 * ```ts
 * commission(REBAR, 3500); // 3.5 (1e-4 × 3500 × 10)
 * commission(instrument("al"), 19000, { lots: 2, action: "closeToday" }); // 0
 * ```
 */
export function commission(
  contract: Pick<ContractSpec, "fee" | "multiplier">,
  price: number,
  options: { lots?: number; action?: FeeAction } = {},
): number {
  const lots = options.lots ?? 1;
  const fee = contract.fee;
  const charge = fee[options.action ?? "open"];
  return fee.unit === "rate" ? charge * price * contract.multiplier * lots : charge * lots;
}

/**
 * A round trip's commission (an opening fill and a same-day close) in price units per unit of the
 * contract, i.e. divided by multiplier × lots: comparable to a spread or a tick.
 *
 * @example
 * ```ts
 * roundTripFee(REBAR, 3500); // 0.7 CNY/t
 * ```
 */
export function roundTripFee(
  contract: Pick<ContractSpec, "fee" | "multiplier">,
  price: number,
): number {
  const one = { lots: 1 };
  return (commission(contract, price, { ...one, action: "open" }) +
    commission(contract, price, { ...one, action: "closeToday" })) / contract.multiplier;
}

/**
 * A fee model in words, e.g. `1e-4 × notional per open, 1e-4 per close, 1e-4 per close today` or
 * `3 CNY/lot per open, 3 per close, 0 per close today`.
 *
 * @example
 * ```ts
 * formatFee(REBAR.fee); // "1e-4 × notional per open, 1e-4 per close, 1e-4 per close today"
 * ```
 */
export function formatFee(fee: FeeModel): string {
  const v = (x: number) => fee.unit === "rate" && x !== 0 ? x.toExponential() : String(x);
  const unit = fee.unit === "rate" ? " × notional" : " CNY/lot";
  return `${v(fee.open)}${unit} per open, ${v(fee.close)} per close, ${v(fee.closeToday)} per ` +
    "close today";
}

function checkFee(fee: FeeModel, what: string): FeeModel {
  if (fee === null || typeof fee !== "object") throw new TypeError(`${what} fee must be an object`);
  for (const key of Object.keys(fee)) {
    if (!["unit", "open", "close", "closeToday"].includes(key)) {
      throw new TypeError(`Unknown fee model key: ${key}`);
    }
  }
  if (fee.unit !== "rate" && fee.unit !== "per-lot") {
    throw new RangeError(`${what} fee unit must be "rate" or "per-lot", got ${fee.unit}`);
  }
  for (const key of ["open", "close", "closeToday"] as const) {
    const v = fee[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${what} fee ${key} must be a non-negative number, got ${v}`);
    }
  }
  return Object.freeze({
    unit: fee.unit,
    open: fee.open,
    close: fee.close,
    closeToday: fee.closeToday,
  });
}

/**
 * SHFE rebar: symbol "rb", exchange "SHFE", multiplier 10 t/lot, tick 1 CNY/t, fee 1e-4 of
 * notional on every side (close today included), margin rate 0.10. Frozen. The same figures as
 * `instrument("rb")`.
 */
export const REBAR: ContractSpec = Object.freeze({
  symbol: "rb",
  exchange: "SHFE",
  multiplier: 10,
  tick: 1,
  fee: rateFee(1e-4),
  marginRate: 0.10,
});

const SPEC_KEYS = ["symbol", "exchange", "multiplier", "tick", "fee", "marginRate"];

/**
 * A validated, frozen contract spec: `base` (default {@linkcode REBAR}) with `overrides` applied.
 * Throws RangeError for a non-positive multiplier or tick, a negative (or non-finite) margin rate
 * or fee, TypeError for an unknown key. Extra fields of `base` (an instrument's name and sessions)
 * are dropped: the result is only the spec.
 *
 * @example
 * ```ts
 * const spec = contractSpec({ marginRate: 0.12 });
 * spec.multiplier; // 10
 * contractSpec({ fee: rateFee(2e-4) }, instrument("cu")).fee.open; // 2e-4
 * contractSpec({ tick: 0 }); // throws RangeError
 * ```
 */
export function contractSpec(
  overrides: Partial<ContractSpec> = {},
  base: ContractSpec = REBAR,
): ContractSpec {
  for (const key of Object.keys(overrides)) {
    if (!SPEC_KEYS.includes(key)) throw new TypeError(`Unknown contract spec key: ${key}`);
  }
  const merged = { ...base, ...overrides };
  const spec: ContractSpec = {
    symbol: merged.symbol,
    exchange: merged.exchange,
    multiplier: merged.multiplier,
    tick: merged.tick,
    fee: checkFee(merged.fee, `Contract spec ${merged.symbol}`),
    marginRate: merged.marginRate,
  };
  for (const key of ["multiplier", "tick"] as const) {
    const v = spec[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new RangeError(`Contract spec ${key} must be a positive number, got ${v}`);
    }
  }
  const m = spec.marginRate;
  if (typeof m !== "number" || !Number.isFinite(m) || m < 0) {
    throw new RangeError(`Contract spec marginRate must be a non-negative number, got ${m}`);
  }
  return Object.freeze(spec);
}
