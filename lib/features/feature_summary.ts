/**
 * Per-feature distribution summary: the raw mean and standard deviation, then the quantiles of the
 * standardised value, so features on very different scales (returns of 1e-4, a spread of 1–2
 * ticks, a time in (0, 1]) can be read in one table.
 *
 * @module
 */
import { kurtosis, mean, std } from "../stats/moments.ts";
import { quantiles } from "../stats/quantiles.ts";
import type { FeatureFrame } from "./build_features.ts";
import { frameRows } from "./frame_rows.ts";
import { FEATURE_CATALOG, type FeatureName } from "./feature_config.ts";
import type { NormStats } from "./normalizer.ts";

/** One row of {@linkcode featureSummary}, keyed by its column header. */
export type FeatureSummaryRow = Record<string, string | number>;

/** Options of {@linkcode featureSummary}. */
export interface FeatureSummaryOptions {
  /** Frame rows to summarise (e.g. the training rows). Default all rows. */
  rows?: ArrayLike<number>;
  /**
   * Standardise with these statistics (e.g. the train-fitted normaliser); default each feature's
   * own mean and standard deviation over `rows`.
   */
  norm?: NormStats;
  /** |z| beyond which a value counts as clipped. Default `norm.clip`, else 5. */
  clip?: number;
}

/**
 * One row per feature: `feature`, `needs` (bars, openInterest or book, from the catalogue),
 * `finite` (rows with a finite value), `mean` and `s.d.` (raw units, over `rows`), then the
 * standardised value z = (x − mean) / s.d. (with `norm`'s statistics when given): `z min`,
 * `z 1%`, `z 5%`, `z median`, `z 95%`, `z 99%`, `z max`, `|z| > clip (%)` (the share the
 * normaliser will clip) and `kurtosis` (Pearson, normal = 3). Throws RangeError for a row outside
 * the frame and TypeError when `norm` was fitted on other features.
 *
 * @example
 * ```ts
 * showTable(featureSummary(frame, { rows: trainRows, norm }), { digits: 2 });
 * ```
 * @param options.rows rows to summarise; default all.
 * @param options.norm statistics to standardise with; default each feature's own.
 * @param options.clip |z| counted as clipped; default norm.clip, else 5.
 */
export function featureSummary(
  frame: FeatureFrame,
  options: FeatureSummaryOptions = {},
): FeatureSummaryRow[] {
  const rows = frameRows(frame, options.rows);
  const { norm } = options;
  const f = frame.names.length;
  if (norm && norm.names.join("|") !== frame.names.join("|")) {
    throw new TypeError(
      `Normaliser features [${norm.names.join(", ")}] differ from the frame's ` +
        `[${frame.names.join(", ")}]`,
    );
  }
  const clip = options.clip ?? norm?.clip ?? 5;
  const col = new Float64Array(rows.length);
  return frame.names.map((name, j) => {
    let finite = 0;
    for (let i = 0; i < rows.length; i++) {
      col[i] = frame.values[rows[i] * f + j];
      if (Number.isFinite(col[i])) finite++;
    }
    const m = mean(col), s = std(col);
    const zm = norm ? norm.mean[j] : m, zs = norm ? norm.std[j] : s > 0 ? s : 1;
    const z = col.map((x) => (x - zm) / zs);
    let beyond = 0;
    for (let i = 0; i < z.length; i++) if (Math.abs(z[i]) > clip) beyond++;
    const [min, p1, p5, p50, p95, p99, max] = quantiles(z, [0, 0.01, 0.05, 0.5, 0.95, 0.99, 1]);
    return {
      feature: name,
      needs: FEATURE_CATALOG[name as FeatureName]?.needs ?? "?",
      finite,
      mean: m,
      "s.d.": s,
      "z min": min,
      "z 1%": p1,
      "z 5%": p5,
      "z median": p50,
      "z 95%": p95,
      "z 99%": p99,
      "z max": max,
      [`|z| > ${clip} (%)`]: finite ? (100 * beyond) / finite : NaN,
      kurtosis: kurtosis(col),
    };
  });
}
