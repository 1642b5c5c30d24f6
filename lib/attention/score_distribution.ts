/**
 * Is the bullish score more than a candle count? Its distribution beside the window's plain
 * fraction of up minutes (which attention spread evenly would reproduce exactly; about 0.5 on a
 * market with as many up as down minutes, a little less because doji minutes count in neither).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { pearson } from "../stats/mod.ts";
import { document } from "../plot/mod.ts";
import { quantiles } from "../stats/quantiles.ts";

/** Summary statistics of one score. */
export interface ScoreStats {
  /** Finite values counted. */
  count: number;
  /** Mean. */
  mean: number;
  /** Sample standard deviation (ddof 1). */
  sd: number;
  /** 10th percentile. */
  q10: number;
  /** Median. */
  q50: number;
  /** 90th percentile. */
  q90: number;
  /** Share of windows with a score strictly above the threshold. */
  shareAbove: number;
}

/** One histogram bin: the share of windows of each score in [x0, x1). */
export interface ScoreBin {
  /** Lower edge (the first bin starts at 0). */
  x0: number;
  /** Upper edge (the last bin ends at, and includes, 1). */
  x1: number;
  /** Share of windows whose bullish score falls in the bin. */
  bull: number;
  /** Share of windows whose up fraction falls in the bin. */
  upFraction: number;
}

/** The result of {@linkcode scoreDistribution}. */
export interface ScoreDistribution {
  /** The threshold `shareAbove` uses. */
  threshold: number;
  /** The bullish attention score. */
  bull: ScoreStats;
  /** The naive baseline: the plain fraction of up minutes. */
  upFraction: ScoreStats;
  /** Pearson correlation of the two over windows. */
  correlation: number;
  /** Mean of bull − upFraction: how much more weight up minutes get than their share. */
  meanExcess: number;
  /** Equal-width histogram over [0, 1]. */
  bins: ScoreBin[];
}

function stats(xs: ArrayLike<number>, threshold: number): ScoreStats {
  let n = 0, s = 0, above = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!Number.isFinite(x)) continue;
    n++;
    s += x;
    if (x > threshold) above++;
  }
  const m = n > 0 ? s / n : NaN;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) ss += (xs[i] - m) ** 2;
  const [q10, q50, q90] = quantiles(xs, [0.1, 0.5, 0.9]);
  return {
    count: n,
    mean: m,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    q10,
    q50,
    q90,
    shareAbove: n > 0 ? above / n : NaN,
  };
}

/**
 * Distribution of the bullish score against the up fraction over the same windows. Non-finite
 * values are skipped. Throws RangeError for unequal lengths or a bin count that is not a positive
 * integer.
 *
 * @example
 * ```ts
 * const d = scoreDistribution({ bull: s.bull, upFraction: s.upFraction }, { threshold: 0.6 });
 * d.bull.shareAbove; // share of windows that pass the long attention gate
 * d.upFraction.mean; // ≈ 0.45: the naive baseline
 * ```
 * @param options.bins histogram bins over [0, 1]; default 20.
 * @param options.threshold threshold for `shareAbove`; default 0.6 (the strategy's gate).
 * @param options.offset shift every inner bin edge down by this much (score units); default 0.
 *   Up fractions are multiples of 1/T: pass 0.5/T so that no edge falls on one, else a score a
 *   hair below k/T and one a hair above land in different bins.
 */
export function scoreDistribution(
  scores: { bull: ArrayLike<number>; upFraction: ArrayLike<number> },
  options: { bins?: number; threshold?: number; offset?: number } = {},
): ScoreDistribution {
  const { bull, upFraction } = scores;
  const nb = options.bins ?? 20, threshold = options.threshold ?? 0.6;
  const offset = options.offset ?? 0;
  if (bull.length !== upFraction.length) {
    throw new RangeError(
      `scoreDistribution needs equal lengths: ${bull.length}, ${upFraction.length}`,
    );
  }
  if (!(offset >= 0 && offset < 1 / nb)) {
    throw new RangeError(`offset must be in [0, 1/bins), got ${offset}`);
  }
  if (!Number.isInteger(nb) || nb < 1) {
    throw new RangeError(`bins must be a positive integer, got ${nb}`);
  }
  const cb = new Float64Array(nb), cu = new Float64Array(nb);
  let n = 0, excess = 0;
  // The epsilon keeps float32 fractions such as 0.35 (stored as 0.34999…) in their own bin.
  const bin = (x: number) => Math.min(nb - 1, Math.max(0, Math.floor((x + offset) * nb + 1e-6)));
  for (let i = 0; i < bull.length; i++) {
    const b = bull[i], u = upFraction[i];
    if (!Number.isFinite(b) || !Number.isFinite(u)) continue;
    n++;
    cb[bin(b)]++;
    cu[bin(u)]++;
    excess += b - u;
  }
  const bins: ScoreBin[] = [];
  for (let k = 0; k < nb; k++) {
    bins.push({
      x0: Math.max(0, k / nb - offset),
      x1: k === nb - 1 ? 1 : (k + 1) / nb - offset,
      bull: n ? cb[k] / n : NaN,
      upFraction: n ? cu[k] / n : NaN,
    });
  }
  return {
    threshold,
    bull: stats(bull, threshold),
    upFraction: stats(upFraction, threshold),
    correlation: pearson(bull, upFraction),
    meanExcess: n > 0 ? excess / n : NaN,
    bins,
  };
}

/**
 * Overlaid histograms of the bullish score and the up fraction, with the gate threshold marked.
 *
 * @example
 * ```ts
 * const svg = scoreDistributionPlot(scoreDistribution(scores));
 * ```
 * @param options.width chart width in px; default 640.
 * @param options.height chart height in px; default 280.
 */
export function scoreDistributionPlot(
  dist: ScoreDistribution,
  options: { width?: number; height?: number } = {},
): Element {
  const data = dist.bins.flatMap((b) => [
    { x0: b.x0, x1: b.x1, share: b.bull, score: "bullish attention" },
    { x0: b.x0, x1: b.x1, share: b.upFraction, score: "up-minute fraction (baseline)" },
  ]);
  return Plot.plot({
    document,
    width: options.width ?? 640,
    height: options.height ?? 280,
    marginLeft: 55,
    x: { label: "score →", domain: [0, 1] },
    y: { label: "↑ share of windows", grid: true },
    color: { legend: true, range: ["#d62728", "#7f7f7f"] },
    marks: [
      Plot.rect(data, {
        x1: "x0",
        x2: "x1",
        y1: 0,
        y2: "share",
        fill: "score",
        fillOpacity: 0.45,
        inset: 0.5,
      }),
      Plot.ruleX([dist.threshold], { stroke: "black", strokeDasharray: "4,3" }),
      Plot.text([dist.threshold], {
        x: (d: number) => d,
        frameAnchor: "top",
        text: () => `gate ${dist.threshold}`,
        dx: 4,
        dy: 4,
        textAnchor: "start",
      }),
      Plot.ruleY([0]),
    ],
  });
}
