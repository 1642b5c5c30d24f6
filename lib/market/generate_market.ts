/**
 * A seeded synthetic SHFE rebar (rb) one-minute market with planted, recorded trend regimes.
 *
 * ## Model (all prices in ticks; one pass over the bar schedule)
 *
 * - **Regime** `s ∈ {−1, 0, +1}`: a Markov chain stepped once per bar. From flat, a trend starts
 *   with probability `regimeEnterProb` (up or down equally) and draws its drift `μ` (ticks/bar):
 *   weak (exponential, mean `weakDrift`) or, with probability `strongShare`, strong (log-normal,
 *   median `strongDrift`). A trend ends (back to flat, never straight to the other side) with
 *   probability `regimeExitProb` per bar (`strongExitProb` for a strong one), so it lasts 30
 *   bars on average (strong: 20).
 *   Regimes run on through session breaks and day ends.
 * - **Informed minutes**: while trending, each bar is informed with probability `informedProb`
 *   (`strongInformedProb` in a strong trend): it pushes the price `s·J` (J exponential, mean
 *   `informedJump`), trades ~2.5× the volume and tilts the book (bid_volume1 vs ask_volume1) in
 *   the trend direction. A trend also tilts the book a little on every bar (0.05, or
 *   `strongBookTilt` in a strong trend, against imbalance noise of s.d. 0.45). Uninformed **bursts**
 *   (probability `burstProb`, any regime) look the same but point in a random direction.
 * - **Volatility**: σ = barVolTicks · season(minute)^½ · exp(h + hd) · (1 + trendVolBoost·μ),
 *   with `h` a per-bar log-vol AR(1) and `hd` a day-level AR(1); shocks are unit-variance
 *   Student-t(`shockDf`).
 * - **Price**: Δclose = ⌊x + U⌋ with U ~ Uniform[0, 1) (stochastic rounding onto the tick grid,
 *   so E[Δclose] = E[x] exactly), where x = s·μ + pushes + pull(close) + σ·ε + G. G is a
 *   zero-mean gap on the first bar of a session (s.d. gapScale·(closed hours)^0.4 ticks: about
 *   1 tick after the 10:15 break, 4–6 at the night and day opens, more after weekends and
 *   holidays). pull(p) is the soft band: zero inside [bandCenter ± bandHalfWidth] and
 *   −bandReversion·(distance outside) beyond it, so the year wanders freely inside the band and
 *   cannot random-walk far away from it.
 * - **Bars**: open = previous close + round(G) + a 0/±1/±2-tick jitter (so within a session the
 *   open is at most 2 ticks from the previous close); high/low add exponential wicks scaled by σ;
 *   volume (integer lots) follows a U-shaped intraday profile with bursts at the 21:00 and 09:00
 *   opens, scales with volatility and |ε|; open interest takes small volume-proportional steps
 *   (noise, a slowly varying day-level flow, +1% of volume while trending) and reverts softly to
 *   its start level; the spread is 1 tick, sometimes 2 (more often in high volatility and in the
 *   first minutes of a session); the close sits at the bid or the ask (more often the ask after an
 *   up bar); depth per side is a few hundred to a few thousand lots, thinner in high volatility.
 *
 * ## Ground truth
 *
 * With a = s·(μ + p·informedJump) (p the trend's informed probability) the trend's expected drift per bar and
 * q = 1 − (the trend's exit probability), the expected close k bars ahead obeys
 * e₀ = close[t], e_k = e_{k−1} + pull(e_{k−1}) + a·q^k, and `gt_exp_ret_5m[t] = e₅/close[t] − 1`.
 * The current trend is still on k bars later with probability q^k; trends that start after it
 * ends have a random sign and contribute zero; shocks, gaps, bursts and the rounding have mean
 * zero. So inside the price band (pull = 0, almost all bars) this is the exact conditional
 * expectation given the latent state (regime, drift, price) at bar t; outside it the band pull
 * is applied to the expected path rather than averaged over paths, a close approximation.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import {
  barSchedule,
  DAY_MS,
  MINUTE_MS,
  SESSIONS,
  SHFE_HOLIDAYS,
  tradingDays,
} from "../calendar/mod.ts";
import { type MarketConfig, marketConfig } from "./market_config.ts";
import { seededRng } from "../stats/random.ts";

/**
 * Per-session shape of the intraday volume profile, fitted to the real rb one-minute bars of June
 * 2017: on a `level`, a one-minute spike at the open and a slower opening tail, and a spike and a
 * slower ramp into the close; each term is [amplitude, decay in bars].
 */
const PROFILE: Record<
  string,
  { level: number; terms: Record<"spike" | "tail" | "closeSpike" | "closeTail", [number, number]> }
> = {
  night: {
    level: 0.8,
    terms: { spike: [2.84, 0.62], tail: [1.36, 10], closeSpike: [1.3, 2], closeTail: [0, 1] },
  },
  am1: {
    level: 0.85,
    terms: { spike: [2.38, 0.3], tail: [1.1, 10], closeSpike: [0, 1], closeTail: [0, 1] },
  },
  am2: {
    level: 0.9,
    terms: { spike: [0, 1], tail: [0, 1], closeSpike: [1.9, 3], closeTail: [0, 1] },
  },
  pm: {
    level: 0.85,
    terms: { spike: [2.1, 0.39], tail: [0.4, 10], closeSpike: [2.2, 1.5], closeTail: [0.9, 12] },
  },
};

interface MinuteTables {
  volume: Float64Array;
  vol: Float64Array;
  openBoost: Float64Array;
  first: Uint8Array;
}

let tables: MinuteTables | null = null;

/** Lookup tables by minute of day (bar-end minute 0…1439). */
function minuteTables(): MinuteTables {
  if (tables !== null) return tables;
  const volume = new Float64Array(1440), vol = new Float64Array(1440);
  const openBoost = new Float64Array(1440), first = new Uint8Array(1440);
  for (const s of SESSIONS) {
    const p = PROFILE[s.name], n = s.close - s.open;
    for (let j = 0; j < n; j++) {
      const m = s.open + 1 + j;
      const { spike, tail, closeSpike, closeTail } = p.terms, k = n - 1 - j; // k: bars to close
      const f = p.level *
        (1 + spike[0] * Math.exp(-j / spike[1]) + tail[0] * Math.exp(-j / tail[1]) +
          closeSpike[0] * Math.exp(-k / closeSpike[1]) +
          closeTail[0] * Math.exp(-k / closeTail[1]));
      volume[m] = f;
      vol[m] = Math.sqrt(f);
      openBoost[m] = Math.exp(-j / 2);
      first[m] = j === 0 ? 1 : 0;
    }
  }
  return (tables = { volume, vol, openBoost, first });
}

/**
 * Generate a synthetic SHFE rb one-minute bar table with level-1 book, open interest and ground
 * truth (`gt_exp_ret_5m`, `gt_regime`). Deterministic: the same options give identical arrays.
 * See the module doc for the model and the exact ground-truth formula.
 *
 * Options are a partial {@linkcode MarketConfig}; defaults (the `default` preset): seed 42, year
 * 2023, years 1, all trading days, startPrice 3900, spec REBAR, and the calibration knobs
 * documented on `MarketConfig`. Years without an SHFE holiday table are generated with every
 * weekday as a trading day ("weekdays-only").
 *
 * @example
 * ```ts
 * const table = generateMarket({ seed: 42 }); // 2023: 82,770 bars in about 30 ms
 * const tiny = generateMarket(MARKET_PRESETS.tiny); // 10 trading days
 * table.groundTruth!.gt_exp_ret_5m![0];
 * ```
 */
export function generateMarket(options: Partial<MarketConfig> = {}): BarTable {
  const c = marketConfig(options);
  let days: number[] = [];
  for (let y = c.year; y < c.year + c.years; y++) {
    days = days.concat(
      tradingDays(y, SHFE_HOLIDAYS[y] ? {} : { unknownHolidays: "weekdays-only" }),
    );
  }
  if (c.maxDays !== null) days = days.slice(0, c.maxDays);
  // Tabled years use their table even in weekdays-only mode; the option only covers the others.
  const { time, tradingDay } = barSchedule(days, { unknownHolidays: "weekdays-only" });
  const n = time.length;

  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n);
  const close = new Float64Array(n), volume = new Float64Array(n);
  const openInterest = new Float64Array(n);
  const bidPrice1 = new Float64Array(n), askPrice1 = new Float64Array(n);
  const bidVolume1 = new Float64Array(n), askVolume1 = new Float64Array(n);
  const gtRet = new Float64Array(n), gtRegime = new Float64Array(n);
  const gtInformed = new Float64Array(n);

  const rng = seededRng(c.seed);
  const { uniform, normal } = rng;
  const tick = c.spec.tick;
  const mt = minuteTables();

  const phi = c.volPersistence, hSd = c.volOfVol * Math.sqrt(1 - phi * phi);
  const hdSd = c.dailyVolOfVol * Math.sqrt(1 - 0.8 * 0.8);
  const kappa = c.bandReversion, centre = (c.bandCenter ?? c.startPrice) / tick;
  const bandLo = centre - c.bandHalfWidth / tick, bandHi = centre + c.bandHalfWidth / tick;
  const pull = (p: number) =>
    p < bandLo ? kappa * (bandLo - p) : p > bandHi ? kappa * (bandHi - p) : 0;
  const qPow = new Float64Array(6); // qPow[k] = P(the current trend is still on k bars later)
  qPow[0] = 1;
  const oi0 = Math.round(c.openInterest);

  const p0 = Math.round(c.startPrice / tick);
  let price = p0; // efficient price, ticks
  let shown = price; // observed close: efficient price + bounce, ticks
  let h = c.volOfVol * normal(), hd = c.dailyVolOfVol * normal();
  let regime = 0, drift = 0, expDrift = 0, exitProb = 1, informedP = 0, bookTilt = 0;
  let oi = oi0, oiDrift = 0;
  let prevDay = tradingDay.length > 0 ? tradingDay[0] : 0;

  for (let i = 0; i < n; i++) {
    const t = time[i];
    const minute = Math.round((t - Math.floor(t / DAY_MS) * DAY_MS) / MINUTE_MS);
    if (tradingDay[i] !== prevDay) {
      hd = 0.8 * hd + hdSd * normal();
      oiDrift = 0.9 * oiDrift + 0.012 * Math.sqrt(1 - 0.81) * normal();
      prevDay = tradingDay[i];
    }

    // Regime: Markov step, then the trend's drift.
    if (regime === 0) {
      if (uniform() < c.regimeEnterProb) {
        regime = uniform() < 0.5 ? 1 : -1;
        const strong = uniform() < c.strongShare;
        drift = strong
          ? c.strongDrift * Math.exp(0.15 * normal())
          : -c.weakDrift * Math.log(1 - uniform());
        exitProb = strong ? c.strongExitProb : c.regimeExitProb;
        informedP = strong ? c.strongInformedProb : c.informedProb;
        bookTilt = strong ? c.strongBookTilt : 0.05;
        expDrift = regime * (drift + informedP * c.informedJump);
        const q = 1 - exitProb;
        for (let k = 1; k <= 5; k++) qPow[k] = qPow[k - 1] * q;
      }
    } else if (uniform() < exitProb) {
      regime = 0;
      drift = 0;
      expDrift = 0;
    }

    // Volatility.
    h = phi * h + hSd * normal();
    const lv = h + hd;
    // Noise scales with the price level, so returns (not ticks) are stationary where the price
    // wanders (the null market has no band); inside the band the level stays within ±10 %.
    const level = price / p0;
    const sigma = c.barVolTicks * level * mt.vol[minute] * Math.exp(lv) *
      (1 + c.trendVolBoost * drift);

    // Session-open gap (zero mean).
    let gap = 0;
    if (mt.first[minute] && i > 0) {
      const closedHours = (t - time[i - 1] - MINUTE_MS) / 3_600_000;
      gap = c.gapScale * level * Math.pow(closedHours, 0.4) * rng.studentT(c.shockDf);
    }

    // Informed minute (trend direction) and uninformed burst (random direction).
    const informed = regime !== 0 && uniform() < informedP;
    const burst = uniform() < c.burstProb ? (uniform() < 0.5 ? 1 : -1) : 0;
    let push = 0;
    if (informed) push += regime * -c.informedJump * Math.log(1 - uniform());
    if (burst !== 0) push += burst * level * -c.informedJump * Math.log(1 - uniform());

    const eps = rng.studentT(c.shockDf);
    const x = regime * drift + push + pull(price) + sigma * eps + gap;
    price += Math.floor(x + uniform());
    // The observed close: the efficient price plus a zero-mean transient (stochastic rounding
    // keeps E[bounce] = 0 exactly). Drawn only when on, so bounceTicks 0 leaves the stream as is.
    const prevShown = shown;
    shown = c.bounceTicks > 0 ? price + Math.floor(c.bounceTicks * normal() + uniform()) : price;

    // Open, high, low.
    const j = uniform();
    const jitter = j < 0.7 ? 0 : j < 0.83 ? 1 : j < 0.96 ? -1 : j < 0.98 ? 2 : -2;
    const o = prevShown + Math.round(gap) + jitter;
    const wickUp = Math.floor(-0.45 * sigma * Math.log(1 - uniform()) + uniform());
    const wickDn = Math.floor(-0.45 * sigma * Math.log(1 - uniform()) + uniform());
    const body = shown - o;

    // Volume (U-shaped profile × volatility × bursts) and open interest.
    let v = c.baseVolume * mt.volume[minute] * Math.exp(0.9 * lv + 0.3 * normal() - 0.045) *
      (0.75 + 0.25 * Math.abs(eps));
    if (informed) v *= 2.5;
    if (burst !== 0) v *= 2.2;
    const vol = Math.max(1, Math.round(v));
    oi += Math.round(
      vol * (0.06 * normal() + oiDrift + 0.01 * Math.abs(regime) - 0.1 * (oi - oi0) / oi0),
    );

    // Book: spread 1 or 2 ticks; close at the ask more often after an up bar.
    const p2 = Math.min(
      0.6,
      c.twoTickSpreadProb * Math.exp(1.2 * lv) * (1 + 4 * mt.openBoost[minute]),
    );
    const spread = uniform() < p2 ? 2 : 1;
    const pAsk = 0.5 + 0.25 * Math.sign(body);
    const u = uniform();
    const bid = u < pAsk ? shown - spread : spread === 2 && u < pAsk + 0.2 ? shown - 1 : shown;
    const depth = c.baseDepth * Math.exp(-0.5 * lv + 0.4 * normal()) * (spread === 2 ? 0.6 : 1);
    let imb = 0.45 * normal() + bookTilt * regime;
    if (informed) imb += 0.9 * regime;
    if (burst !== 0) imb += 0.9 * burst;

    // Ground truth: exact expected close five bars ahead given (regime, drift, efficient price);
    // the bounce five bars ahead has mean 0, today's is in the observed close.
    let e = price;
    for (let k = 1; k <= 5; k++) e += pull(e) + expDrift * qPow[k];

    open[i] = o * tick;
    close[i] = shown * tick;
    high[i] = (Math.max(o, shown) + wickUp) * tick;
    low[i] = (Math.min(o, shown) - wickDn) * tick;
    volume[i] = vol;
    openInterest[i] = oi;
    bidPrice1[i] = bid * tick;
    askPrice1[i] = (bid + spread) * tick;
    bidVolume1[i] = Math.max(1, Math.round(depth * Math.exp(imb / 2)));
    askVolume1[i] = Math.max(1, Math.round(depth * Math.exp(-imb / 2)));
    gtRet[i] = e / shown - 1;
    gtRegime[i] = regime;
    gtInformed[i] = informed ? regime : 0;
  }

  return {
    time,
    tradingDay,
    open,
    high,
    low,
    close,
    volume,
    openInterest,
    book: { bidPrice1, askPrice1, bidVolume1, askVolume1 },
    groundTruth: { gt_exp_ret_5m: gtRet, gt_regime: gtRegime, gt_informed: gtInformed },
    source: `synthetic ${c.market} seed=${c.seed}`,
  };
}
