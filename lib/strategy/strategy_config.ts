/**
 * The trend strategy's configuration: when a prediction becomes a trade, and how a position is
 * managed once it is on.
 *
 * @module
 */

/** What an opposite signal does to an open position. See {@linkcode StrategyConfig.onOpposite}. */
export type OnOpposite = "reverse" | "exit" | "ignore";

/** Which attention weights feed the bullish/bearish attention scores. */
export interface AttentionConfig {
  /** Encoder layer whose attention is read: `"last"` or a 0-based layer index. Default `"last"`. */
  layer: "last" | number;
  /** How the heads are combined into one row per window: `"mean-heads"` (default, the only one). */
  aggregation: "mean-heads";
}

/** The strategy's knobs. Defaults in {@linkcode STRATEGY_DEFAULTS}. */
export interface StrategyConfig {
  /**
   * Minimum |predicted 5-minute return| (a fraction: 0.001 = 10 bp) for a signal. Long needs
   * `pred > signalThreshold`, short `pred < −signalThreshold`. Default 0.001.
   */
  signalThreshold: number;
  /**
   * Minimum bullish (for a long) or bearish (for a short) attention score: the share of the last
   * step's attention that falls on up (down) minutes of the window, in [0, 1]. Default 0.6.
   */
  attentionThreshold: number;
  /** Maximum holding period in bars (= minutes): entry fill at bar e → exit fill at e + maxHold. Default 15. */
  maxHold: number;
  /** Lots per position (one position at a time). Default 1. */
  lots: number;
  /** Which attention weights to read. Default `{ layer: "last", aggregation: "mean-heads" }`. */
  attention: AttentionConfig;
  /**
   * What an opposite signal does to an open position. Default `"reverse"`.
   *
   * - `"reverse"`: exit and open the opposite side at the same fill.
   * - `"exit"`: exit only; a new entry needs a later signal while flat.
   * - `"ignore"`: keep the position until max hold or the session end.
   *
   * Why `"reverse"` is the default: an opposite signal passes exactly the same two gates
   * (|pred| and attention) as any entry, so it carries as much evidence as one. With `"reverse"`
   * the position after a qualifying signal is that signal's side whatever was held before, so
   * the strategy's response to a signal does not depend on its own history, and the backtest
   * measures the signal rule rather than an accident of timing. `"exit"` would leave a trader who
   * was long flat on a short signal while a trader who was flat goes short, on the same evidence;
   * `"ignore"` would hold a position the model now predicts to lose. Reversing costs no more than
   * exiting and re-entering (one spread and two commissions per lot either way).
   *
   * Same-direction signals while in a position are always ignored and do not reset the hold clock.
   */
  onOpposite: OnOpposite;
}

/**
 * Default strategy: signalThreshold 0.001, attentionThreshold 0.6, maxHold 15, lots 1,
 * attention `{ layer: "last", aggregation: "mean-heads" }`, onOpposite `"reverse"`. Frozen.
 */
export const STRATEGY_DEFAULTS: Readonly<StrategyConfig> = Object.freeze({
  signalThreshold: 0.001,
  attentionThreshold: 0.6,
  maxHold: 15,
  lots: 1,
  attention: Object.freeze({ layer: "last", aggregation: "mean-heads" }) as AttentionConfig,
  onOpposite: "reverse",
});

/**
 * Named presets. `default` is {@linkcode STRATEGY_DEFAULTS} (the real run); `tiny` holds for 5
 * bars so that hand-built test scenarios stay short.
 */
export const STRATEGY_PRESETS: Readonly<Record<"default" | "tiny", Readonly<StrategyConfig>>> =
  Object.freeze({
    default: STRATEGY_DEFAULTS,
    tiny: Object.freeze({ ...STRATEGY_DEFAULTS, maxHold: 5 }),
  });

const ON_OPPOSITE: readonly OnOpposite[] = ["reverse", "exit", "ignore"];

/**
 * A validated, frozen strategy config: the preset (default `"default"`) with `overrides` applied.
 * Throws TypeError for an unknown key or preset, RangeError for a bad value (negative threshold,
 * non-integer or non-positive maxHold/lots, unknown onOpposite, bad attention spec).
 *
 * @example
 * ```ts
 * const cfg = strategyConfig({ maxHold: 10, onOpposite: "exit" });
 * cfg.signalThreshold; // 0.001
 * strategyConfig({ maxhold: 10 } as never); // throws TypeError: Unknown strategy config key: maxhold
 * ```
 */
export function strategyConfig(
  overrides: Partial<StrategyConfig> = {},
  options: { preset?: "default" | "tiny" } = {},
): StrategyConfig {
  const preset = options.preset ?? "default";
  const base = STRATEGY_PRESETS[preset];
  if (base === undefined) throw new TypeError(`Unknown strategy preset: ${preset}`);
  for (const key of Object.keys(overrides)) {
    if (!(key in STRATEGY_DEFAULTS)) throw new TypeError(`Unknown strategy config key: ${key}`);
  }
  const cfg = { ...base, ...overrides };
  cfg.attention = { ...base.attention, ...(overrides.attention ?? {}) };
  for (const key of Object.keys(cfg.attention)) {
    if (!(key in STRATEGY_DEFAULTS.attention)) {
      throw new TypeError(`Unknown strategy config key: attention.${key}`);
    }
  }
  for (const key of ["signalThreshold", "attentionThreshold"] as const) {
    const v = cfg[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`Strategy ${key} must be a non-negative number, got ${v}`);
    }
  }
  for (const key of ["maxHold", "lots"] as const) {
    const v = cfg[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Strategy ${key} must be a positive integer, got ${v}`);
    }
  }
  if (!ON_OPPOSITE.includes(cfg.onOpposite)) {
    throw new RangeError(
      `Strategy onOpposite must be one of ${ON_OPPOSITE.join(", ")}, got ${cfg.onOpposite}`,
    );
  }
  const { layer, aggregation } = cfg.attention;
  if (layer !== "last" && !(Number.isInteger(layer) && layer >= 0)) {
    throw new RangeError(`Strategy attention.layer must be "last" or a layer index, got ${layer}`);
  }
  if (aggregation !== "mean-heads") {
    throw new RangeError(`Strategy attention.aggregation must be "mean-heads", got ${aggregation}`);
  }
  Object.freeze(cfg.attention);
  return Object.freeze(cfg);
}
