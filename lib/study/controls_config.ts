/**
 * The controls study's configuration: one typed object with documented defaults and two presets
 * (`default`, the real run; `tiny`, seconds, for the test suite).
 *
 * @module
 */
import { presetFor } from "../cli/mod.ts";
import { type MarketName, MARKETS } from "../market/mod.ts";

/** What `deno task controls` runs. */
export interface ControlsConfig {
  /** Markets, in order. Default all three: null, default, trend. */
  markets: MarketName[];
  /**
   * Generator seeds of the `default` and `trend` markets; one run per seed. Default 42, 43, 44:
   * one seed of the trend market can fail by luck of its test days (seed 42 did).
   */
  seeds: number[];
  /**
   * Generator seeds of the `null` market. A negative control needs several: one clean run says
   * little about how often a market with nothing in it shows a profit. Default 42 … 46.
   */
  nullSeeds: number[];
  /** Training preset (lib/train). Default `"default"`. */
  trainPreset: "default" | "tiny";
  /** Keep only the first N trading days of each generated year; null: the whole year. */
  maxDays: number | null;
  /** Permutations of the backtest's gate ablation. Default 1000. */
  permutations: number;
}

/** Presets: `default` as documented; `tiny`: 30 days, the tiny model, 50 permutations. */
export const CONTROLS_PRESETS: Readonly<Record<"default" | "tiny", Readonly<ControlsConfig>>> =
  Object.freeze({
    default: Object.freeze({
      markets: ["null", "default", "trend"] as MarketName[],
      seeds: [42, 43, 44],
      nullSeeds: [42, 43, 44, 45, 46],
      trainPreset: "default" as const,
      maxDays: null,
      permutations: 1000,
    }),
    tiny: Object.freeze({
      markets: ["null", "default", "trend"] as MarketName[],
      seeds: [42],
      nullSeeds: [42],
      trainPreset: "tiny" as const,
      maxDays: 30,
      permutations: 50,
    }),
  });

/**
 * A validated controls configuration: a preset with overrides. Unknown keys, unknown markets,
 * an empty market or seed list, and non-integer seeds or counts throw.
 *
 * @example
 * ```ts
 * controlsConfig("default", { markets: ["null"], seeds: [1, 2, 3, 4, 5] });
 * ```
 */
export function controlsConfig(
  preset: "default" | "tiny" = "default",
  overrides: Partial<ControlsConfig> = {},
): ControlsConfig {
  const c = { ...presetFor(CONTROLS_PRESETS, preset, overrides, "controls"), ...overrides };
  if (c.markets.length === 0) throw new RangeError("controls: no market to run");
  for (const m of c.markets) {
    if (!Object.hasOwn(MARKETS, m)) {
      throw new RangeError(`Unknown market "${m}"; expected one of ${Object.keys(MARKETS)}`);
    }
  }
  for (const key of ["seeds", "nullSeeds"] as const) {
    const v = c[key];
    if (v.length === 0 || !v.every((s) => Number.isInteger(s) && s >= 0)) {
      throw new RangeError(`controls ${key} must be non-negative integers, got ${v}`);
    }
  }
  if (c.maxDays !== null && !(Number.isInteger(c.maxDays) && c.maxDays >= 10)) {
    throw new RangeError(`controls maxDays must be null or an integer ≥ 10, got ${c.maxDays}`);
  }
  if (!(Number.isInteger(c.permutations) && c.permutations >= 1)) {
    throw new RangeError(`controls permutations must be a positive integer, got ${c.permutations}`);
  }
  return { ...c, markets: [...c.markets], seeds: [...c.seeds], nullSeeds: [...c.nullSeeds] };
}
