/**
 * The analyses of one predicted period: prediction quality (IC), how often each gate opens and
 * what a round trip costs, the attention by lag, the bullish score against the candle count, the
 * forward return by score bucket, and the windows whose full attention maps are worth showing.
 *
 * @module
 */
import {
  attentionByLag,
  attentionGroundTruth,
  attentionHeatmap,
  returnByBucket,
  scoreDistribution,
} from "../attention/mod.ts";
import { type BacktestConfig, hasQuote } from "../backtest/mod.ts";
import { roundTripFee } from "../calendar/mod.ts";
import type { BarTable } from "../data/schema.ts";
import { fillWindows } from "../features/mod.ts";
import { attentionMaps } from "../model/mod.ts";
import { pearson, quantiles, spearman, std } from "../stats/mod.ts";
import { candleDirection, type StrategyConfig } from "../strategy/mod.ts";
import type { PeriodWindows } from "./predict_period.ts";
import type { ForecastQuality, GateDiagnostics, HeatmapWindow, PeriodAnalysis } from "./records.ts";
import type { TrainedModel } from "./trained_model.ts";

/**
 * IC, rank IC and sign hit rate of predictions against realised returns (pairs with a non-finite
 * side skipped).
 *
 * @example
 * ```ts
 * forecastQuality(windowPred, windowReturn).pearson;
 * ```
 */
export function forecastQuality(
  pred: ArrayLike<number>,
  real: ArrayLike<number>,
): ForecastQuality {
  const p: number[] = [], r: number[] = [];
  let hits = 0, called = 0;
  for (let i = 0; i < pred.length; i++) {
    if (!Number.isFinite(pred[i]) || !Number.isFinite(real[i])) continue;
    p.push(pred[i]);
    r.push(real[i]);
    if (pred[i] !== 0 && real[i] !== 0) {
      (called++, hits += Math.sign(pred[i]) === Math.sign(real[i]) ? 1 : 0);
    }
  }
  return {
    windows: p.length,
    pearson: pearson(p, r),
    spearman: spearman(p, r),
    hitRate: called > 0 ? hits / called : NaN,
  };
}

function roundTripCostBp(bars: BarTable, cfg: BacktestConfig): number {
  const { tick } = cfg.contract;
  let s = 0, n = 0;
  for (let i = 0; i < bars.time.length; i++) {
    const bid = bars.book?.bidPrice1[i] ?? NaN, ask = bars.book?.askPrice1[i] ?? NaN;
    const quoted = hasQuote(bid, ask);
    const mid = quoted ? (bid + ask) / 2 : bars.close[i];
    const spread = quoted ? ask - bid : 2 * cfg.slippageTicks * tick;
    const cost = spread + 2 * cfg.extraSlippageTicks * tick +
      roundTripFee(cfg.contract, mid);
    if (mid > 0 && Number.isFinite(cost)) (s += cost / mid, n++);
  }
  return n > 0 ? (s / n) * 1e4 : NaN;
}

function gateDiagnostics(
  pred: Float64Array,
  bull: ArrayLike<number>,
  bear: ArrayLike<number>,
  strategy: StrategyConfig,
  costBp: number,
): GateDiagnostics {
  const n = pred.length, thr = strategy.signalThreshold, att = strategy.attentionThreshold;
  let pl = 0, ps = 0, ba = 0, be = 0, l = 0, sh = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const p = pred[i];
    if (p > thr) pl++;
    if (p < -thr) ps++;
    if (bull[i] > att) ba++;
    if (bear[i] > att) be++;
    if (p > thr && bull[i] > att) l++;
    if (p < -thr && bear[i] > att) sh++;
    if (Math.abs(p) > maxAbs) maxAbs = Math.abs(p);
  }
  const [q01, q50, q99] = quantiles(pred, [0.01, 0.5, 0.99]);
  const share = (k: number) => (n > 0 ? k / n : NaN);
  return {
    windows: n,
    roundTripCostBp: costBp,
    prediction: { sd: std(pred), q01, q50, q99, maxAbs },
    share: {
      predLong: share(pl),
      predShort: share(ps),
      bullAbove: share(ba),
      bearAbove: share(be),
      long: share(l),
      short: share(sh),
    },
  };
}

/**
 * Every analysis of a period (see the module doc): `buckets` equal-count score buckets, gates
 * judged at the strategy's thresholds, round-trip cost from `backtest`; `window` is the model's
 * window length T.
 *
 * @example
 * ```ts
 * const a = periodAnalysis(period, { strategy, backtest, buckets: 10, window: 60 });
 * a.forecast.pearson; // the period's IC
 * ```
 */
export function periodAnalysis(
  p: PeriodWindows,
  o: { strategy: StrategyConfig; backtest: BacktestConfig; buckets: number; window: number },
): PeriodAnalysis {
  const T = o.window;
  const windowPred = Float64Array.from(p.ends, (i) => p.prediction[i]);
  const windowReturn = Float32Array.from(p.ends, (i) => p.forwardReturn[i]);
  const { scores } = p;
  return {
    byLag: attentionByLag(p.attention, { length: T }),
    scores: scoreDistribution(
      { bull: scores.bull, upFraction: scores.upFraction },
      { threshold: o.strategy.attentionThreshold, offset: 0.5 / T },
    ),
    returnByBull: returnByBucket(scores.bull, windowReturn, { buckets: o.buckets }),
    returnByBear: returnByBucket(scores.bear, windowReturn, { buckets: o.buckets }),
    forecast: forecastQuality(windowPred, windowReturn),
    gates: gateDiagnostics(
      windowPred,
      scores.bull,
      scores.bear,
      o.strategy,
      roundTripCostBp(p.bars, o.backtest),
    ),
    groundTruth: informedAttention(p, T),
  };
}

/** The attention checked against `gt_informed`, when the period's bars carry it. */
function informedAttention(p: PeriodWindows, T: number) {
  const informed = p.bars.groundTruth?.gt_informed;
  if (!informed) return null;
  const direction = candleDirection(p.bars.open, p.bars.close);
  return attentionGroundTruth(p.attention, informed, { length: T, ends: p.ends, direction });
}

/**
 * Up to `count` windows worth a full attention map: the long signal with the highest bullish
 * attention and the short signal with the highest bearish attention, or, without signals, the
 * window with the largest |prediction|; their maps computed with the model.
 *
 * @example
 * ```ts
 * const maps = await heatmapWindows(trained, period, { signals: sig, count: 2 });
 * ```
 */
export async function heatmapWindows(
  trained: TrainedModel,
  p: PeriodWindows,
  o: { signals: Int8Array; count: number },
): Promise<HeatmapWindow[]> {
  const { ends, bull, bear, prediction } = p;
  if (o.count === 0 || ends.length === 0) return [];
  const best = (side: 1 | -1) => {
    const score = side > 0 ? bull : bear;
    let kBest = -1;
    for (let k = 0; k < ends.length; k++) {
      if (o.signals[ends[k]] !== side) continue;
      if (kBest < 0 || score[ends[k]] > score[ends[kBest]]) kBest = k;
    }
    return kBest;
  };
  const picks: { k: number; why: string }[] = [];
  const kl = best(1), ks = best(-1);
  if (kl >= 0) picks.push({ k: kl, why: "the long signal with the highest bullish attention" });
  if (ks >= 0) picks.push({ k: ks, why: "the short signal with the highest bearish attention" });
  if (picks.length === 0) {
    let kMax = 0;
    for (let k = 1; k < ends.length; k++) {
      if (Math.abs(prediction[ends[k]]) > Math.abs(prediction[ends[kMax]])) kMax = k;
    }
    picks.push({ k: kMax, why: "the window with the largest |prediction| (no signals)" });
  }
  const chosen = picks.slice(0, o.count);
  const sel = Int32Array.from(chosen, (c) => p.start + ends[c.k]);
  const w = fillWindows(trained.dataset.frame, sel);
  const maps = await attentionMaps(trained.model, w.x, { maxWindows: sel.length });
  return chosen.map((c, j) => ({
    end: ends[c.k],
    why: c.why,
    prediction: prediction[ends[c.k]],
    heatmap: attentionHeatmap(maps, { window: j }),
  }));
}
