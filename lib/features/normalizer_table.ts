/**
 * The normaliser's statistics, fitted on the training windows, beside what they do to the other
 * splits: on validation and test rows the standardised features are near, but not exactly, mean 0
 * and s.d. 1, which is the point of fitting on train only.
 *
 * @module
 */
import { mean, std } from "../stats/moments.ts";
import type { FeatureFrame } from "./build_features.ts";
import { fitNormalizer, type NormStats } from "./normalizer.ts";
import { windowRows } from "./window_rows.ts";

/** One row of {@linkcode normalizerTable}, keyed by its column header. */
export type NormalizerRow = Record<string, string | number>;

/**
 * One row per feature and a last row for the target: the fitted `train mean` and `train s.d.`
 * (raw units), then for every labelled set of window ends (e.g. `{ train, val, test }`) the mean
 * and s.d. of the standardised, unclipped value z = (x − train mean) / train s.d. over the rows
 * those windows read (`<label> z mean`, `<label> z s.d.`); for the target, over the targets at
 * the ends. On the training ends the feature z has mean 0 and s.d. 1 by construction.
 *
 * The statistics are `options.norm`; by default they are fitted here with
 * `fitNormalizer(frame, ends.train)`. Throws TypeError when `norm` was fitted on other features,
 * RangeError when there is neither `norm` nor a `train` entry.
 *
 * @example
 * ```ts
 * const norm = fitNormalizer(frame, trainEnds);
 * showTable(normalizerTable(frame, { train: trainEnds, val: valEnds, test: testEnds }, { norm }));
 * ```
 * @param options.norm the fitted statistics; default fitNormalizer(frame, ends.train).
 */
export function normalizerTable(
  frame: FeatureFrame,
  ends: Readonly<Record<string, ArrayLike<number>>>,
  options: { norm?: NormStats } = {},
): NormalizerRow[] {
  if (!options.norm && !ends.train) {
    throw new RangeError("normalizerTable needs options.norm or a train entry in ends to fit on");
  }
  const norm = options.norm ?? fitNormalizer(frame, ends.train);
  if (norm.names.join("|") !== frame.names.join("|")) {
    throw new TypeError(
      `Normaliser features [${norm.names.join(", ")}] differ from the frame's ` +
        `[${frame.names.join(", ")}]`,
    );
  }
  const f = frame.names.length, length = frame.spec.window;
  const sets = Object.entries(ends).map(([label, e]) => ({
    label,
    ends: e,
    rows: windowRows(e, { length }),
  }));
  const zStats = (xs: ArrayLike<number>, m: number, s: number) => {
    const z = Float64Array.from(xs, (x) => (x - m) / s);
    return [mean(z), std(z)];
  };
  const out: NormalizerRow[] = frame.names.map((name, j) => {
    const row: NormalizerRow = {
      feature: name,
      "train mean": norm.mean[j],
      "train s.d.": norm.std[j],
    };
    for (const set of sets) {
      const xs = Float64Array.from(set.rows, (r) => frame.values[r * f + j]);
      const [zm, zs] = zStats(xs, norm.mean[j], norm.std[j]);
      row[`${set.label} z mean`] = zm;
      row[`${set.label} z s.d.`] = zs;
    }
    return row;
  });
  const target: NormalizerRow = {
    feature: `target (${frame.spec.horizon}-bar return)`,
    "train mean": norm.targetMean,
    "train s.d.": norm.targetStd,
  };
  for (const set of sets) {
    const ys = Float64Array.from(set.ends, (t) => frame.target[t]);
    const [zm, zs] = zStats(ys, norm.targetMean, norm.targetStd);
    target[`${set.label} z mean`] = zm;
    target[`${set.label} z s.d.`] = zs;
  }
  out.push(target);
  return out;
}
