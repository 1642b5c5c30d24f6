/**
 * Configuration of the synthetic SHFE rebar market: one typed object with documented defaults
 * and the named presets `default` (the real run: calendar year 2023) and `tiny` (two weeks, for
 * tests).
 *
 * @module
 */
import { type ContractSpec, REBAR } from "../calendar/mod.ts";

/**
 * The three markets: `null` (nothing to predict: the close is a martingale), `default` (planted
 * trends, calibrated to real rebar) and `trend` (the strategy's premise holds: strong, announced
 * trends are common). See {@linkcode MARKETS}.
 */
export type MarketName = "null" | "default" | "trend";

/** Every knob of {@linkcode generateMarket}. Prices and drifts are in ticks unless stated. */
export interface MarketConfig {
  /** Which market the other knobs start from ({@linkcode MARKETS}); also names the data. */
  market: MarketName;
  /** PRNG seed; the same seed gives identical arrays. Default 42. */
  seed: number;
  /** First calendar year. Default 2023. */
  year: number;
  /**
   * Number of consecutive calendar years. Default 1. Years without an SHFE holiday table (see
   * `SHFE_HOLIDAYS`: 2022–2025) use every weekday as a trading day ("weekdays-only").
   */
  years: number;
  /** Keep only the first `maxDays` trading days; `null` (default) keeps them all. */
  maxDays: number | null;
  /** Close of the bar before the first bar, CNY/t. Default 3900. */
  startPrice: number;
  /** Centre of the soft price band, CNY/t; `null` (default) = `startPrice`. */
  bandCenter: number | null;
  /** Contract spec (tick size). Default `REBAR`. */
  spec: ContractSpec;

  /** Per-bar return s.d. in ticks at unit seasonal level and median volatility. Default 1.5. */
  barVolTicks: number;
  /** AR(1) coefficient of the per-bar log volatility. Default 0.995 (half-life ≈ 140 bars). */
  volPersistence: number;
  /** Stationary s.d. of the per-bar log volatility. Default 0.45. */
  volOfVol: number;
  /** Stationary s.d. of the day-level log volatility (AR(1) 0.8 across days). Default 0.25. */
  dailyVolOfVol: number;
  /** Degrees of freedom of the Student-t return shocks (> 2). Default 8. */
  shockDf: number;
  /** Half-width of the soft price band, CNY/t. Default 200 (so 3700–4100 around 3900). */
  bandHalfWidth: number;
  /**
   * Pull back into the band per bar: outside [centre − halfWidth, centre + halfWidth] the
   * expected change includes −bandReversion·(distance outside the band); inside there is none.
   * Default 2e-3 (half-life ≈ 350 bars, one trading day), which keeps a year within roughly
   * 100–200 CNY/t of the band: about 3,500–4,300 CNY/t.
   */
  bandReversion: number;
  /** Scale of session-open gaps: s.d. ≈ gapScale · (closed hours)^0.4 ticks. Default 2.2. */
  gapScale: number;
  /**
   * S.d. (ticks, before rounding to the tick grid) of the transient part of the observed close:
   * close = efficient price + b, b zero-mean and independent bar to bar (the last trade lands at
   * the bid or the ask, and a little beyond). It makes one-minute returns revert (bid-ask bounce,
   * lag-1 autocorrelation < 0) and is itself predictable, so the `null` market has none.
   */
  bounceTicks: number;

  /** Per-bar probability that a flat regime turns into a trend (up or down equally). 1/150. */
  regimeEnterProb: number;
  /** Per-bar probability that a trend ends (back to flat). Default 1/30. */
  regimeExitProb: number;
  /** Mean drift of a weak trend, ticks per bar (exponentially distributed). Default 0.05. */
  weakDrift: number;
  /** Per-bar probability that a strong trend ends (strong trends are shorter). Default 1/20. */
  strongExitProb: number;
  /** Median drift of a strong trend, ticks per bar (log-normal, s.d. 0.15 in logs). 0.95. */
  strongDrift: number;
  /** Share of trends that are strong. Default 0.12. */
  strongShare: number;
  /** Extra volatility in a trend: σ × (1 + trendVolBoost · drift). Default 1. */
  trendVolBoost: number;
  /** Per-bar probability of an informed minute in a weak trend. Default 0.12. */
  informedProb: number;
  /**
   * Per-bar probability of an informed minute in a strong trend: informed traders trade more
   * often when their information is worth more. Default 0.35.
   */
  strongInformedProb: number;
  /**
   * Persistent tilt of the book imbalance in a strong trend's direction on every bar, on top of
   * the informed minutes' tilt (weak trends tilt by 0.05). The imbalance noise has s.d. 0.45.
   * Default 0.2.
   */
  strongBookTilt: number;
  /** Mean (exponential) price push of an informed minute in the trend direction, ticks. 0.8. */
  informedJump: number;
  /** Per-bar probability of an uninformed burst (random direction, zero mean). Default 0.03. */
  burstProb: number;

  /** Mean one-minute volume at unit seasonal level, lots. Default 3500. */
  baseVolume: number;
  /** Median top-of-book depth per side, lots. Default 700. */
  baseDepth: number;
  /** Open interest the series starts at and reverts to, lots. Default 1.9e6. */
  openInterest: number;
  /** Base probability of a two-tick spread (more in high vol and at opens). 0.033. */
  twoTickSpreadProb: number;
}

const DEFAULT: MarketConfig = Object.freeze({
  market: "default",
  seed: 42,
  year: 2023,
  years: 1,
  maxDays: null,
  startPrice: 3900,
  bandCenter: null,
  spec: REBAR,
  barVolTicks: 2.85,
  volPersistence: 0.995,
  volOfVol: 0.3,
  dailyVolOfVol: 0.25,
  shockDf: 10,
  bandHalfWidth: 200,
  bandReversion: 2e-3,
  gapScale: 2.2,
  bounceTicks: 1.0,
  regimeEnterProb: 1 / 150,
  regimeExitProb: 1 / 30,
  weakDrift: 0.05,
  strongDrift: 0.95,
  strongExitProb: 1 / 20,
  strongShare: 0.12,
  trendVolBoost: 1.0,
  informedProb: 0.12,
  strongInformedProb: 0.35,
  strongBookTilt: 0.2,
  informedJump: 0.8,
  burstProb: 0.03,
  baseVolume: 3500,
  baseDepth: 700,
  openInterest: 1.9e6,
  twoTickSpreadProb: 0.033,
});

/**
 * The three markets, each a full calendar year 2023 (242 trading days, 82,770 bars) with the same
 * sessions, volume, book and open-interest machinery:
 *
 * - `default`: trend regimes announced by informed minutes, calibrated to real rebar (see
 *   `REAL_RB_FACTS` and notebook 01).
 * - `null`: no predictability from the past by construction: no regimes (so no informed minutes
 *   and no book tilt), no price band and no bounce, so the close is a martingale and
 *   `gt_exp_ret_5m` is exactly 0; volatility clustering, fat tails, gaps, uninformed bursts,
 *   volume, book and open interest are as in `default`.
 * - `trend`: the strategy's premise holds: strong trends are frequent and long and announced by
 *   informed minutes (volume, book tilt, a push in the trend direction).
 */
export const MARKETS: Readonly<Record<MarketName, Readonly<MarketConfig>>> = Object.freeze({
  default: DEFAULT,
  null: Object.freeze({
    ...DEFAULT,
    market: "null",
    regimeEnterProb: 0,
    bandReversion: 0,
    bounceTicks: 0,
    // Without the bounce's variance and the trends' extra volatility, a little more noise and a
    // little less clustering give the default market's return s.d., kurtosis and |return|
    // autocorrelation (notebook 01 shows them side by side).
    barVolTicks: 3.45,
    volOfVol: 0.22,
  }),
  trend: Object.freeze({
    ...DEFAULT,
    market: "trend",
    // Half of all trends are strong, strong trends last longer (33 bars on average), are announced
    // by an informed minute every other bar and tilt the book, and add little noise of their own.
    strongShare: 0.5,
    strongExitProb: 0.03,
    strongDrift: 1.2,
    strongInformedProb: 0.5,
    strongBookTilt: 0.3,
    trendVolBoost: 0.3,
  }),
});

/**
 * Named size presets, partial configs to combine with a market: `default` is a full calendar year
 * 2023 (242 trading days, 82,770 bars); `tiny` is its first 10 trading days (about two weeks), for
 * tests. `{ ...MARKET_PRESETS.tiny, market: "trend" }` is the tiny trend market.
 */
export const MARKET_PRESETS: Readonly<Record<"default" | "tiny", Readonly<Partial<MarketConfig>>>> =
  Object.freeze({
    default: Object.freeze({}),
    tiny: Object.freeze({ maxDays: 10 }),
  });

/**
 * A validated market config: the market named by `overrides.market` (default `"default"`, see
 * {@linkcode MARKETS}) with `overrides` applied. Throws TypeError for an unknown key and RangeError
 * for an unknown market or an out-of-range value.
 *
 * @example
 * ```ts
 * const cfg = marketConfig({ seed: 7, years: 2 });
 * marketConfig({ market: "null" }).regimeEnterProb; // 0
 * cfg.startPrice; // 3900
 * marketConfig({ sead: 7 } as never); // throws TypeError: Unknown market config key: sead
 * ```
 */
export function marketConfig(overrides: Partial<MarketConfig> = {}): MarketConfig {
  for (const key of Object.keys(overrides)) {
    if (!(key in DEFAULT)) throw new TypeError(`Unknown market config key: ${key}`);
  }
  const name = overrides.market ?? "default";
  if (!Object.hasOwn(MARKETS, name)) {
    throw new RangeError(
      `Unknown market "${name}"; expected one of ${Object.keys(MARKETS).join(", ")}`,
    );
  }
  const c: MarketConfig = { ...MARKETS[name], ...overrides };
  const need = (ok: boolean, key: keyof MarketConfig, what: string) => {
    if (!ok) throw new RangeError(`Market config ${key} must be ${what}, got ${c[key]}`);
  };
  const prob = (key: keyof MarketConfig) => {
    const v = c[key] as number;
    need(Number.isFinite(v) && v >= 0 && v <= 1, key, "a probability in [0, 1]");
  };
  const nonNeg = (key: keyof MarketConfig) => {
    const v = c[key] as number;
    need(Number.isFinite(v) && v >= 0, key, "a non-negative number");
  };
  need(Number.isFinite(c.seed), "seed", "a finite number");
  need(Number.isInteger(c.year) && c.year >= 1990 && c.year <= 2200, "year", "an integer year");
  need(Number.isInteger(c.years) && c.years >= 1, "years", "a positive integer");
  need(
    c.maxDays === null || (Number.isInteger(c.maxDays) && c.maxDays >= 1),
    "maxDays",
    "null or a positive integer",
  );
  need(Number.isFinite(c.startPrice) && c.startPrice > 0, "startPrice", "a positive price");
  need(
    c.bandCenter === null || (Number.isFinite(c.bandCenter) && c.bandCenter > 0),
    "bandCenter",
    "null or a positive price",
  );
  need(c.barVolTicks > 0 && Number.isFinite(c.barVolTicks), "barVolTicks", "positive");
  need(c.volPersistence >= 0 && c.volPersistence < 1, "volPersistence", "in [0, 1)");
  need(c.shockDf > 2 && Number.isFinite(c.shockDf), "shockDf", "a number > 2");
  need(c.bandReversion >= 0 && c.bandReversion < 1, "bandReversion", "in [0, 1)");
  need(c.regimeExitProb > 0 && c.regimeExitProb <= 1, "regimeExitProb", "in (0, 1]");
  need(c.strongExitProb > 0 && c.strongExitProb <= 1, "strongExitProb", "in (0, 1]");
  for (
    const k of [
      "regimeEnterProb",
      "strongShare",
      "informedProb",
      "strongInformedProb",
      "burstProb",
    ] as const
  ) {
    prob(k);
  }
  for (
    const k of [
      "volOfVol",
      "dailyVolOfVol",
      "gapScale",
      "bounceTicks",
      "bandHalfWidth",
      "weakDrift",
      "strongDrift",
      "trendVolBoost",
      "informedJump",
      "baseVolume",
      "baseDepth",
      "openInterest",
    ] as const
  ) nonNeg(k);
  need(
    c.twoTickSpreadProb >= 0 && c.twoTickSpreadProb <= 0.5,
    "twoTickSpreadProb",
    "in [0, 0.5]",
  );
  return c;
}
