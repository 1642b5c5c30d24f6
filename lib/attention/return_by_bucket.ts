/**
 * Does a higher score come before a better forward return? The mean realised forward return per
 * score bucket: equal-count buckets (deciles by default) or fixed score edges.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";

/** One bucket of {@linkcode returnByBucket}. */
export interface BucketReturn {
  /** 1-based bucket number, lowest scores first. */
  bucket: number;
  /** Smallest score in the bucket (fixed edges: the lower edge). */
  lo: number;
  /** Largest score in the bucket (fixed edges: the upper edge). */
  hi: number;
  /** Windows in the bucket. */
  count: number;
  /** Mean forward return (a fraction: 1e-4 = 1 bp). */
  meanReturn: number;
  /** Standard error of the mean: sd (ddof 1) / √count. */
  stdError: number;
  /** Share of windows whose forward return is > 0. */
  upShare: number;
}

/** Options of {@linkcode returnByBucket}. */
export interface ReturnByBucketOptions {
  /**
   * A number k for k equal-count buckets by score rank (ties may straddle a boundary), or
   * ascending fixed edges [e0, e1, …, em] for m buckets [e0, e1), …, [em−1, em] (scores outside
   * are dropped). Default 10 (deciles).
   */
  buckets?: number | readonly number[];
}

function summarise(bucket: number, lo: number, hi: number, r: number[]): BucketReturn {
  const n = r.length;
  let s = 0, up = 0;
  for (const x of r) (s += x, up += x > 0 ? 1 : 0);
  const m = n > 0 ? s / n : NaN;
  let ss = 0;
  for (const x of r) ss += (x - m) ** 2;
  return {
    bucket,
    lo,
    hi,
    count: n,
    meanReturn: m,
    stdError: n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN,
    upShare: n > 0 ? up / n : NaN,
  };
}

/**
 * Mean forward return by score bucket over the windows where both are finite. `score[i]` and
 * `forwardReturn[i]` belong to window i (e.g. the bullish score and the realised 5-minute return
 * after the window's last bar). Throws RangeError for unequal lengths or bad buckets.
 *
 * @example
 * ```ts
 * const rows = returnByBucket(scores.bull, target, { buckets: 10 });
 * rows.at(-1)!.meanReturn - rows[0].meanReturn; // top-minus-bottom decile spread
 * returnByBucket(scores.bull, target, { buckets: [0, 0.4, 0.5, 0.6, 1] }); // fixed buckets
 * ```
 */
export function returnByBucket(
  score: ArrayLike<number>,
  forwardReturn: ArrayLike<number>,
  options: ReturnByBucketOptions = {},
): BucketReturn[] {
  if (score.length !== forwardReturn.length) {
    throw new RangeError(
      `returnByBucket needs equal lengths: ${score.length} scores, ${forwardReturn.length} returns`,
    );
  }
  const spec = options.buckets ?? 10;
  const idx: number[] = [];
  for (let i = 0; i < score.length; i++) {
    if (Number.isFinite(score[i]) && Number.isFinite(forwardReturn[i])) idx.push(i);
  }
  if (typeof spec === "number") {
    if (!Number.isInteger(spec) || spec < 1) {
      throw new RangeError(`buckets must be a positive integer or a list of edges, got ${spec}`);
    }
    idx.sort((a, b) => score[a] - score[b]);
    const out: BucketReturn[] = [];
    for (let k = 0; k < spec; k++) {
      const from = Math.floor((k * idx.length) / spec),
        to = Math.floor(((k + 1) * idx.length) / spec);
      const part = idx.slice(from, to);
      out.push(summarise(
        k + 1,
        part.length ? score[part[0]] : NaN,
        part.length ? score[part[part.length - 1]] : NaN,
        part.map((i) => forwardReturn[i]),
      ));
    }
    return out;
  }
  const edges = spec;
  if (
    edges.length < 2 || edges.some((e, i) => !Number.isFinite(e) || (i > 0 && e <= edges[i - 1]))
  ) {
    throw new RangeError(
      `Bucket edges must be at least two ascending finite numbers, got ${edges}`,
    );
  }
  const m = edges.length - 1;
  const groups: number[][] = Array.from({ length: m }, () => []);
  for (const i of idx) {
    const s = score[i];
    if (s < edges[0] || s > edges[m]) continue;
    let k = 0;
    while (k < m - 1 && s >= edges[k + 1]) k++;
    groups[k].push(forwardReturn[i]);
  }
  return groups.map((g, k) => summarise(k + 1, edges[k], edges[k + 1], g));
}

/**
 * Mean forward return (in basis points) by bucket for one or more named scores, with ±2
 * standard-error bars.
 *
 * @example
 * ```ts
 * const svg = returnByBucketPlot({
 *   "bullish attention": returnByBucket(s.bull, target),
 *   "bearish attention": returnByBucket(s.bear, target),
 * });
 * ```
 * @param options.width chart width in px; default 640.
 * @param options.height chart height in px; default 300.
 * @param options.label x-axis label; default "score bucket (1 = lowest) →".
 */
export function returnByBucketPlot(
  series: Record<string, BucketReturn[]>,
  options: { width?: number; height?: number; label?: string } = {},
): Element {
  const names = Object.keys(series);
  const data = Object.entries(series).flatMap(([name, rows]) =>
    rows.filter((r) => r.count > 0).map((r) => ({
      ...r,
      series: name,
      bp: r.meanReturn * 1e4,
      lo2: (r.meanReturn - 2 * (r.stdError || 0)) * 1e4,
      hi2: (r.meanReturn + 2 * (r.stdError || 0)) * 1e4,
    }))
  );
  return Plot.plot({
    document,
    width: options.width ?? 640,
    height: options.height ?? 300,
    marginLeft: 55,
    x: { label: options.label ?? "score bucket (1 = lowest) →", type: "band" },
    fx: names.length > 1 ? { label: null, domain: names } : undefined,
    y: { label: "↑ mean forward return (bp)", grid: true },
    color: { legend: true, domain: names },
    marks: [
      Plot.ruleY([0]),
      Plot.barY(data, {
        x: "bucket",
        y: "bp",
        fill: "series",
        fx: names.length > 1 ? "series" : undefined,
        fillOpacity: 0.7,
      }),
      Plot.ruleX(data, {
        x: "bucket",
        y1: "lo2",
        y2: "hi2",
        fx: names.length > 1 ? "series" : undefined,
      }),
    ],
  });
}
