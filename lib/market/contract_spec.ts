/**
 * The SHFE rebar (rb) futures contract specification used by costs, sizing and the generator.
 *
 * @module
 */

/** A futures contract specification. All rates are fractions (1e-4 = 1/10,000). */
export interface ContractSpec {
  /** Product code, e.g. `"rb"`. */
  readonly symbol: string;
  /** Exchange code, e.g. `"SHFE"`. */
  readonly exchange: string;
  /** Contract multiplier: tonnes per lot (rb: 10). */
  readonly multiplier: number;
  /** Minimum price increment in CNY/t (rb: 1). */
  readonly tick: number;
  /** Commission per side as a fraction of notional (rb: 1e-4). */
  readonly commissionRate: number;
  /** Commission for closing a position opened the same trading day, fraction of notional (1e-4). */
  readonly closeTodayCommissionRate: number;
  /** Margin as a fraction of notional (default 0.10). */
  readonly marginRate: number;
}

/**
 * SHFE rebar: symbol "rb", exchange "SHFE", multiplier 10 t/lot, tick 1 CNY/t, commission 1e-4
 * per side on notional, close-today commission 1e-4, margin rate 0.10. Frozen.
 */
export const REBAR: ContractSpec = Object.freeze({
  symbol: "rb",
  exchange: "SHFE",
  multiplier: 10,
  tick: 1,
  commissionRate: 1e-4,
  closeTodayCommissionRate: 1e-4,
  marginRate: 0.10,
});

/**
 * A validated, frozen contract spec: {@linkcode REBAR} with `overrides` applied.
 *
 * Defaults (from `REBAR`): multiplier 10, tick 1, commissionRate 1e-4, closeTodayCommissionRate
 * 1e-4, marginRate 0.10. Throws RangeError for a non-positive multiplier or tick or a negative
 * (or non-finite) rate, TypeError for an unknown key.
 *
 * @example
 * ```ts
 * const spec = contractSpec({ marginRate: 0.12 });
 * spec.multiplier; // 10
 * contractSpec({ tick: 0 }); // throws RangeError
 * ```
 */
export function contractSpec(overrides: Partial<ContractSpec> = {}): ContractSpec {
  for (const key of Object.keys(overrides)) {
    if (!(key in REBAR)) throw new TypeError(`Unknown contract spec key: ${key}`);
  }
  const spec = { ...REBAR, ...overrides };
  for (const key of ["multiplier", "tick"] as const) {
    const v = spec[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new RangeError(`Contract spec ${key} must be a positive number, got ${v}`);
    }
  }
  for (const key of ["commissionRate", "closeTodayCommissionRate", "marginRate"] as const) {
    const v = spec[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`Contract spec ${key} must be a non-negative number, got ${v}`);
    }
  }
  return Object.freeze(spec);
}
