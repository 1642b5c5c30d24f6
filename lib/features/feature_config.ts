/**
 * The feature configuration: which features to build, the window length, the target horizon and
 * the few constants the feature formulas need. One typed object with documented defaults and two
 * named presets (`default` for the real run, `tiny` for tests).
 *
 * The feature catalogue ({@linkcode FEATURE_CATALOG}) documents every feature's formula and the
 * table field it needs; a feature whose field the table lacks is reported as absent, never filled.
 *
 * @module
 */

/** The name of a feature that {@linkcode buildFeatures} knows how to build. */
export type FeatureName =
  | "ret_1m"
  | "body"
  | "range"
  | "log_vol_rel"
  | "oi_change"
  | "spread_ticks"
  | "depth_imb"
  | "time_in_session";

/** Which optional table field a feature needs; `"bars"` means only time and OHLCV. */
export type FeatureSource = "bars" | "openInterest" | "book";

/** One entry of the feature catalogue. */
export interface FeatureInfo {
  /** The table field the feature needs. */
  readonly needs: FeatureSource;
  /** The formula, in words and symbols, with its undefined cases. */
  readonly formula: string;
}

/**
 * Every feature with its formula and the field it needs. `t` is the bar index, `N` is
 * `volumeLookback`, `tick` is `tickSize`. "Undefined" values are NaN in the frame.
 */
export const FEATURE_CATALOG: Readonly<Record<FeatureName, FeatureInfo>> = Object.freeze({
  ret_1m: {
    needs: "bars",
    formula: "ln(close[t] / close[t−1]). Undefined at t = 0. Across a session break or a " +
      "trading-day boundary it includes the gap (the previous bar is the previous session's " +
      "last bar); time_in_session tells the model where such bars are.",
  },
  body: { needs: "bars", formula: "(close[t] − open[t]) / open[t]." },
  range: { needs: "bars", formula: "(high[t] − low[t]) / open[t]." },
  log_vol_rel: {
    needs: "bars",
    formula: "ln((volume[t] + 1) / (median(volume[t−N..t−1]) + 1)): volume relative to the " +
      "median of the previous N bars (the current bar excluded). The median window runs across " +
      "session and day boundaries. Undefined for the first N bars (warm-up).",
  },
  oi_change: {
    needs: "openInterest",
    formula: "(oi[t] − oi[t−1]) / oi[t−1]: the relative change in open interest. Undefined at " +
      "t = 0 or when oi[t−1] = 0. Absent when the table has no open interest.",
  },
  spread_ticks: {
    needs: "book",
    formula: "(ask_price1[t] − bid_price1[t]) / tick, the bar-end quoted spread in ticks. " +
      "Absent when the table has no book.",
  },
  depth_imb: {
    needs: "book",
    formula: "(bid_volume1[t] − ask_volume1[t]) / (bid_volume1[t] + ask_volume1[t]), in " +
      "[−1, 1]. Undefined when both sizes are 0. Absent when the table has no book.",
  },
  time_in_session: {
    needs: "bars",
    formula: "(t − session start) / session length, t the bar end, sessions of the table's " +
      "instrument (lib/calendar; rb's when the table names none): for rb night 21:00–23:00, " +
      "am1 09:00–10:15, am2 10:30–11:30, pm 13:30–15:00. In (0, 1]: 21:01 → 1/120, 09:01 → " +
      "1/75, 10:31 → 1/60, 13:31 → 1/90, a session's last bar → 1; a night session past " +
      "midnight runs on (cu: 00:30 → 210/240). NaN for a bar ending outside every session.",
  },
});

/** All feature names, in the order they appear as columns. */
export const FEATURE_NAMES: readonly FeatureName[] = Object.freeze(
  Object.keys(FEATURE_CATALOG) as FeatureName[],
);

/** The feature configuration. All fields are required; see {@linkcode featureConfig}. */
export interface FeatureConfig {
  /** Features to build, in column order (absent ones are skipped). Default: all eight. */
  readonly features: readonly FeatureName[];
  /** Bars per model input window. Default 60. */
  readonly window: number;
  /**
   * Target horizon in minutes (one-minute bars): target[t] = close[t+horizon]/close[t] − 1.
   * Default 5. With N-minute bars (`table.barMinutes`) the frame counts horizon / N bars.
   */
  readonly horizon: number;
  /**
   * Minutes in the trailing volume median of `log_vol_rel`. Default 345 (one full rb trading
   * day). With N-minute bars the frame counts lookback / N bars (rounded).
   */
  readonly volumeLookback: number;
  /**
   * Price tick for `spread_ticks`; `null` (default) = the table's instrument tick (lib/calendar),
   * else 1.
   */
  readonly tickSize: number | null;
  /**
   * How a continuous series is back-adjusted at its rolls for the features (lib/data
   * `backAdjust`): `ratio` (default; returns unchanged) or `difference`. The target, fills and
   * P&L always use the traded contract's real prices.
   */
  readonly adjust: "ratio" | "difference";
}

/** The names of the feature presets. */
export type FeaturePresetName = "default" | "tiny";

/**
 * Named presets. `default`: all features, window 60, horizon 5, volumeLookback 345, tickSize null
 * (the instrument's), adjust ratio. `tiny` (fast tests, small models): all features, window 20,
 * horizon 5, volumeLookback 30, tickSize null, adjust ratio.
 */
export const FEATURE_PRESETS: Readonly<Record<FeaturePresetName, FeatureConfig>> = Object
  .freeze({
    default: Object.freeze({
      features: FEATURE_NAMES,
      window: 60,
      horizon: 5,
      volumeLookback: 345,
      tickSize: null,
      adjust: "ratio",
    }),
    tiny: Object.freeze({
      features: FEATURE_NAMES,
      window: 20,
      horizon: 5,
      volumeLookback: 30,
      tickSize: null,
      adjust: "ratio",
    }),
  });

/** Options for {@linkcode featureConfig}: a preset name plus any fields to override. */
export type FeatureOptions = Partial<FeatureConfig> & { preset?: FeaturePresetName };

/**
 * A validated, frozen feature configuration: the preset (default `"default"`) with `options`
 * applied. Throws TypeError for an unknown key, preset or feature name; RangeError for a
 * non-positive-integer `window`, `horizon` or `volumeLookback`, a non-positive `tickSize`, or an
 * empty or duplicated `features` list.
 *
 * @example
 * ```ts
 * const cfg = featureConfig({ preset: "tiny", features: ["ret_1m", "body"] });
 * cfg.window; // 20
 * featureConfig({ window: 0 }); // throws RangeError
 * ```
 */
export function featureConfig(options: FeatureOptions = {}): FeatureConfig {
  const { preset = "default", ...overrides } = options;
  if (!Object.hasOwn(FEATURE_PRESETS, preset)) {
    throw new TypeError(`Unknown feature preset: ${preset}`);
  }
  const base = FEATURE_PRESETS[preset];
  for (const key of Object.keys(overrides)) {
    if (!(key in base)) throw new TypeError(`Unknown feature config key: ${key}`);
  }
  const cfg = { ...base, ...overrides };
  for (const key of ["window", "horizon", "volumeLookback"] as const) {
    const v = cfg[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Feature config ${key} must be a positive integer, got ${v}`);
    }
  }
  if (
    cfg.tickSize !== null &&
    (typeof cfg.tickSize !== "number" || !Number.isFinite(cfg.tickSize) || cfg.tickSize <= 0)
  ) {
    throw new RangeError(
      `Feature config tickSize must be null or a positive number, got ${cfg.tickSize}`,
    );
  }
  if (cfg.adjust !== "ratio" && cfg.adjust !== "difference") {
    throw new RangeError(`Feature config adjust must be ratio or difference, got ${cfg.adjust}`);
  }
  if (!Array.isArray(cfg.features) || cfg.features.length === 0) {
    throw new RangeError("Feature config features must be a non-empty list");
  }
  for (const f of cfg.features) {
    if (!Object.hasOwn(FEATURE_CATALOG, f)) throw new TypeError(`Unknown feature: ${f}`);
  }
  if (new Set(cfg.features).size !== cfg.features.length) {
    throw new RangeError(`Feature config features has duplicates: ${cfg.features.join(", ")}`);
  }
  return Object.freeze({ ...cfg, features: Object.freeze([...cfg.features]) });
}
