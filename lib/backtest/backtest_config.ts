/**
 * The backtest's configuration: contract, position rules and fill costs.
 *
 * @module
 */
import { type ContractSpec, contractSpec, REBAR } from "../calendar/mod.ts";
import {
  type OnOpposite,
  STRATEGY_DEFAULTS,
  type StrategyConfig,
} from "../strategy/strategy_config.ts";

/** Backtest knobs. Defaults in {@linkcode BACKTEST_DEFAULTS}. */
export interface BacktestConfig {
  /** Contract: multiplier, tick, fee model, margin rate. Default `REBAR` (lib/calendar). */
  contract: ContractSpec;
  /** Lots per position. Default 1 (= `STRATEGY_DEFAULTS.lots`). */
  lots: number;
  /** Holding limit in bars: entry fill at bar e → exit fill at bar e + maxHold. Default 15. */
  maxHold: number;
  /** What an opposite signal does to an open position (see `StrategyConfig`). Default "reverse". */
  onOpposite: OnOpposite;
  /**
   * Slippage in ticks for fills WITHOUT a usable book quote: buy at reference + slippageTicks·tick,
   * sell at reference − slippageTicks·tick. Default 1. Not applied when the book is used (the
   * spread is the cost there).
   */
  slippageTicks: number;
  /** Extra adverse slippage in ticks on EVERY fill, book or not (a stress knob). Default 0. */
  extraSlippageTicks: number;
}

/**
 * Defaults: contract `REBAR`, lots 1, maxHold 15, onOpposite "reverse" (the last three from
 * `STRATEGY_DEFAULTS`), slippageTicks 1, extraSlippageTicks 0. Frozen.
 */
export const BACKTEST_DEFAULTS: Readonly<BacktestConfig> = Object.freeze({
  contract: REBAR,
  lots: STRATEGY_DEFAULTS.lots,
  maxHold: STRATEGY_DEFAULTS.maxHold,
  onOpposite: STRATEGY_DEFAULTS.onOpposite,
  slippageTicks: 1,
  extraSlippageTicks: 0,
});

/**
 * Named presets: `default` ({@linkcode BACKTEST_DEFAULTS}) and `stress` (one extra adverse tick on
 * every fill, for a cost-sensitivity run).
 */
export const BACKTEST_PRESETS: Readonly<Record<"default" | "stress", Readonly<BacktestConfig>>> =
  Object.freeze({
    default: BACKTEST_DEFAULTS,
    stress: Object.freeze({ ...BACKTEST_DEFAULTS, extraSlippageTicks: 1 }),
  });

const ON_OPPOSITE: readonly OnOpposite[] = ["reverse", "exit", "ignore"];

/**
 * A validated, frozen backtest config: the preset (default `"default"`) with `overrides` applied.
 * Throws TypeError for an unknown key or preset, RangeError for a bad value.
 *
 * @example
 * ```ts
 * const cfg = backtestConfig({ extraSlippageTicks: 1, ...positionRules(strategy) });
 * cfg.contract.multiplier; // 10
 * ```
 */
export function backtestConfig(
  overrides: Partial<BacktestConfig> = {},
  options: { preset?: "default" | "stress" } = {},
): BacktestConfig {
  const preset = options.preset ?? "default";
  const base = BACKTEST_PRESETS[preset];
  if (base === undefined) throw new TypeError(`Unknown backtest preset: ${preset}`);
  for (const key of Object.keys(overrides)) {
    if (!(key in BACKTEST_DEFAULTS)) throw new TypeError(`Unknown backtest config key: ${key}`);
  }
  const cfg = { ...base, ...overrides };
  cfg.contract = contractSpec({}, cfg.contract);
  for (const key of ["maxHold", "lots"] as const) {
    const v = cfg[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Backtest ${key} must be a positive integer, got ${v}`);
    }
  }
  for (const key of ["slippageTicks", "extraSlippageTicks"] as const) {
    const v = cfg[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`Backtest ${key} must be a non-negative number, got ${v}`);
    }
  }
  if (!ON_OPPOSITE.includes(cfg.onOpposite)) {
    throw new RangeError(
      `Backtest onOpposite must be one of ${ON_OPPOSITE.join(", ")}, got ${cfg.onOpposite}`,
    );
  }
  return Object.freeze(cfg);
}

/**
 * The position rules of a strategy config (maxHold, lots, onOpposite), ready to spread into
 * {@linkcode backtestConfig}.
 *
 * @example
 * ```ts
 * const cfg = backtestConfig(positionRules(strategyConfig({ maxHold: 10 })));
 * cfg.maxHold; // 10
 * ```
 */
export function positionRules(
  strategy: Pick<StrategyConfig, "maxHold" | "lots" | "onOpposite">,
): Pick<BacktestConfig, "maxHold" | "lots" | "onOpposite"> {
  return { maxHold: strategy.maxHold, lots: strategy.lots, onOpposite: strategy.onOpposite };
}
