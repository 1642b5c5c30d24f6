/**
 * Histograms of the standardised features, one panel per feature on a shared log scale, so that
 * both the bulk and the fat tails of every feature show, with the share the normaliser clips.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import { mean, std } from "../stats/moments.ts";
import type { FeatureFrame } from "./build_features.ts";
import { frameRows } from "./frame_rows.ts";
import type { NormStats } from "./normalizer.ts";

/** One histogram bin of a standardised feature. */
export interface FeatureBin {
  /** Feature name. */
  feature: string;
  /** Bin start (z units). The first and last bins also hold the values clipped to ±clip. */
  x0: number;
  /** Bin end (z units). */
  x1: number;
  /** Share of the feature's finite values in the bin. */
  share: number;
}

/** Options of {@linkcode featureHistograms} and {@linkcode featureHistogramPlot}. */
export interface FeatureHistogramOptions {
  /** Frame rows to use (e.g. the training rows). Default all rows. */
  rows?: ArrayLike<number>;
  /** Standardise with these statistics; default each feature's own mean and s.d. over `rows`. */
  norm?: NormStats;
  /** Values are clipped to ±clip before binning. Default `norm.clip`, else 5. */
  clip?: number;
  /** Bins across [−clip, clip]. Default 50. */
  bins?: number;
}

/** What {@linkcode featureHistograms} returns. */
export interface FeatureHistograms {
  /** Every non-empty bin of every feature. */
  bins: FeatureBin[];
  /** Per feature: the share of finite values beyond ±clip (put in the edge bins). */
  clipped: Record<string, number>;
  /** The clip used. */
  clip: number;
}

/**
 * Bins each feature's standardised value z = (x − mean) / s.d. (with `norm`'s statistics when
 * given, else the feature's own over `rows`), clipped to ±clip as the normaliser does, into `bins`
 * equal bins on [−clip, clip]. Shares are of the feature's finite values; empty bins are left out.
 * Throws RangeError for a bad bin count or clip, or a row outside the frame.
 *
 * @example
 * ```ts
 * const { bins, clipped } = featureHistograms(frame, { rows: trainRows, norm });
 * clipped.ret_1m; // e.g. 0.004: 0.4 % of one-minute returns lie beyond ±5 s.d.
 * ```
 * @param options.rows rows to use; default all.
 * @param options.norm statistics to standardise with; default each feature's own.
 * @param options.clip clip in s.d.; default norm.clip, else 5.
 * @param options.bins bins across [−clip, clip]; default 50.
 */
export function featureHistograms(
  frame: FeatureFrame,
  options: FeatureHistogramOptions = {},
): FeatureHistograms {
  const rows = frameRows(frame, options.rows);
  const clip = options.clip ?? options.norm?.clip ?? 5;
  const nb = options.bins ?? 50;
  if (!(clip > 0 && Number.isFinite(clip))) {
    throw new RangeError(`clip must be a finite positive number, got ${clip}`);
  }
  if (!(Number.isInteger(nb) && nb >= 2)) {
    throw new RangeError(`bins must be an integer ≥ 2, got ${nb}`);
  }
  const f = frame.names.length, width = (2 * clip) / nb;
  const col = new Float64Array(rows.length);
  const bins: FeatureBin[] = [];
  const clipped: Record<string, number> = {};
  frame.names.forEach((name, j) => {
    for (let i = 0; i < rows.length; i++) col[i] = frame.values[rows[i] * f + j];
    const m = options.norm ? options.norm.mean[j] : mean(col);
    const sd = options.norm ? options.norm.std[j] : std(col);
    const s = sd > 0 ? sd : 1;
    const counts = new Float64Array(nb);
    let finite = 0, beyond = 0;
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i])) continue;
      finite++;
      const z = (col[i] - m) / s;
      if (Math.abs(z) > clip) beyond++;
      const k = Math.min(nb - 1, Math.max(0, Math.floor((z + clip) / width)));
      counts[k]++;
    }
    clipped[name] = finite ? beyond / finite : NaN;
    for (let k = 0; k < nb; k++) {
      if (counts[k] > 0) {
        bins.push({
          feature: name,
          x0: -clip + k * width,
          x1: -clip + (k + 1) * width,
          share: counts[k] / finite,
        });
      }
    }
  });
  return { bins, clipped, clip };
}

/**
 * One panel per feature (in frame order): the histogram of its standardised value on [−clip, clip]
 * ({@linkcode featureHistograms}), shares on a log scale shared by all panels, each panel noting
 * the share of values beyond ±clip (which the normaliser clips into the edge bins).
 *
 * @example
 * ```ts
 * showPlot(featureHistogramPlot(frame, { rows: trainRows, norm }));
 * ```
 * @param options.rows rows to use; default all.
 * @param options.norm statistics to standardise with; default each feature's own.
 * @param options.clip clip in s.d.; default norm.clip, else 5.
 * @param options.bins bins across [−clip, clip]; default 50.
 * @param options.title chart title.
 * @param options.width width in px; default 900.
 * @param options.panelHeight height of one panel in px; default 62.
 */
export function featureHistogramPlot(
  frame: FeatureFrame,
  options: FeatureHistogramOptions & { title?: string; width?: number; panelHeight?: number } = {},
): Element {
  const { bins, clipped, clip } = featureHistograms(frame, options);
  const floor = Math.min(1e-4, ...bins.map((b) => b.share)) / 2;
  const notes = frame.names.map((feature) => ({
    feature,
    text: `${(100 * clipped[feature]).toFixed(2)} % beyond ±${clip}`,
  }));
  return Plot.plot({
    document,
    title: options.title ?? "Standardised feature distributions",
    width: options.width ?? 900,
    height: 60 + frame.names.length * (options.panelHeight ?? 62),
    marginLeft: 56,
    marginRight: 120,
    marginBottom: 40,
    x: {
      domain: [-clip, clip],
      label: `standardised value z = (x − mean) / s.d., clipped to ±${clip} →`,
      labelAnchor: "right",
    },
    y: {
      type: "log",
      domain: [floor, 1],
      label: "↑ share of values per bin (log)",
      grid: true,
      ticks: [1e-4, 1e-2, 1],
      tickFormat: (d: number) => (d >= 0.01 ? `${d * 100} %` : `${+(d * 100).toPrecision(1)} %`),
    },
    fy: { domain: frame.names, label: null },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleX([0], { stroke: "#bbb" }),
      Plot.rect(bins, {
        x1: "x0",
        x2: "x1",
        y1: floor,
        y2: "share",
        fy: "feature",
        fill: "#4c72b0",
        inset: 0.3,
      }),
      Plot.text(notes, {
        fy: "feature",
        text: "text",
        frameAnchor: "top-left",
        dx: 4,
        dy: 4,
        fontSize: 10,
        fill: "#444",
      }),
    ],
  });
}
