/**
 * A visible leakage check: the IC of every honest feature next to features deliberately built
 * from the future ({@linkcode withFutureFeature}) and, when the data is synthetic, next to the
 * oracle (the generator's ground truth). A leak-free feature of one-minute bars scores an |IC| of a
 * few hundredths; a feature that peeks ahead scores far more, even more than the oracle, which no
 * honest feature can.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import { pearson, spearman } from "../stats/moments.ts";
import type { FeatureFrame } from "./build_features.ts";
import { featureTargetCorrelation } from "./feature_target_correlation.ts";
import { frameRows } from "./frame_rows.ts";
import { withFutureFeature } from "./with_future_feature.ts";

/** What a row of the leakage check is. */
export type LeakageKind = "feature" | "leak" | "oracle";

/** One row of {@linkcode leakageCheck} (a type alias, so that `showTable` takes it as it is). */
export type LeakageRow = {
  /** Column name (`future_ret_<k>` for a leak, `oracle: gt_exp_ret_5m` for the oracle). */
  name: string;
  /** An honest feature, a feature built from the future, or the oracle. */
  kind: LeakageKind;
  /** Pearson correlation with the target over the rows. */
  ic: number;
  /** Spearman (rank) correlation with the target over the rows. */
  rankIc: number;
  /** Rows where both are finite. */
  n: number;
};

/** Options of {@linkcode leakageCheck}. */
export interface LeakageCheckOptions {
  /** Frame rows to use (e.g. the training window ends). Default all rows. */
  rows?: ArrayLike<number>;
  /** Look-aheads (bars) of the leaky features to add. Default [1, frame.spec.horizon]. */
  lookaheads?: readonly number[];
  /**
   * The oracle, one value per frame row (e.g. `table.groundTruth.gt_exp_ret_5m`); default none.
   */
  oracle?: ArrayLike<number>;
}

/**
 * IC and rank IC with the target of every feature, of one leaky `future_ret_<k>` column per
 * look-ahead and of the oracle when given, over `rows`. Throws RangeError when the oracle's
 * length differs from the frame's, or for a bad look-ahead or row.
 *
 * @example
 * ```ts
 * const rows = leakageCheck(frame, { rows: trainEnds, oracle: table.groundTruth!.gt_exp_ret_5m });
 * // ret_1m 0.019 … future_ret_1 0.46, future_ret_5 1.00, oracle 0.15
 * ```
 * @param options.rows rows to use; default all.
 * @param options.lookaheads look-aheads of the leaky features; default [1, horizon].
 * @param options.oracle the ground truth per row; default none.
 */
export function leakageCheck(frame: FeatureFrame, options: LeakageCheckOptions = {}): LeakageRow[] {
  const rows = frameRows(frame, options.rows);
  const lookaheads = options.lookaheads ?? [...new Set([1, frame.spec.horizon])];
  let leaky = frame;
  for (const k of lookaheads) leaky = withFutureFeature(leaky, { lookahead: k });
  const ic = featureTargetCorrelation(leaky, { rows });
  const rank = featureTargetCorrelation(leaky, { rows, rank: true });
  const out: LeakageRow[] = ic.map((c, j) => ({
    name: c.name,
    kind: j < frame.names.length ? "feature" : "leak",
    ic: c.ic,
    rankIc: rank[j].ic,
    n: c.n,
  }));
  if (options.oracle) {
    const { oracle } = options;
    if (oracle.length !== frame.time.length) {
      throw new RangeError(
        `The oracle has ${oracle.length} values, the frame ${frame.time.length} rows`,
      );
    }
    const x = new Float64Array(rows.length), y = new Float64Array(rows.length);
    let n = 0;
    for (let i = 0; i < rows.length; i++) {
      x[i] = oracle[rows[i]];
      y[i] = frame.target[rows[i]];
      if (Number.isFinite(x[i]) && Number.isFinite(y[i])) n++;
    }
    out.push({
      name: "oracle: gt_exp_ret_5m",
      kind: "oracle",
      ic: pearson(x, y),
      rankIc: spearman(x, y),
      n,
    });
  }
  return out;
}

const KIND_LABEL: Record<LeakageKind, string> = {
  feature: "our features (known at t)",
  leak: "built from the future (leak)",
  oracle: "oracle: ground truth (not a feature)",
};

/**
 * Horizontal bars of |IC| per row of {@linkcode leakageCheck}, coloured by kind (our features
 * blue, leaks red, oracle grey), each labelled with its signed IC, with a dashed rule at the
 * oracle's |IC| when present: bars past the rule can only come from looking ahead.
 *
 * @example
 * ```ts
 * showPlot(leakagePlot(leakageCheck(frame, { rows: trainEnds, oracle: gt })));
 * ```
 * @param options.title chart title.
 * @param options.width width in px; default 900.
 */
export function leakagePlot(
  rows: readonly LeakageRow[],
  options: { title?: string; width?: number } = {},
): Element {
  const data = rows.map((r) => ({ ...r, abs: Math.abs(r.ic), label: KIND_LABEL[r.kind] }));
  const oracle = data.find((r) => r.kind === "oracle");
  const domain = (["feature", "leak", "oracle"] as const).filter((k) =>
    rows.some((r) => r.kind === k)
  )
    .map((k) => KIND_LABEL[k]);
  return Plot.plot({
    document,
    title: options.title ?? "Leakage check: |IC| with the 5-minute forward return",
    width: options.width ?? 900,
    height: 70 + 26 * rows.length,
    marginTop: 28,
    marginLeft: 150,
    marginRight: 60,
    marginBottom: 40,
    x: { domain: [0, 1], label: "|IC| (|Pearson correlation| with the target) →", grid: true },
    y: { domain: data.map((d) => d.name), label: null },
    color: {
      legend: true,
      domain,
      range: domain.map((d) =>
        d === KIND_LABEL.feature ? "#4c72b0" : d === KIND_LABEL.leak ? "#c0392b" : "#8c8c8c"
      ),
    },
    marks: [
      Plot.barX(data, { x: "abs", y: "name", fill: "label" }),
      Plot.text(data, {
        x: "abs",
        y: "name",
        text: (d: LeakageRow) => `IC ${d.ic >= 0 ? "+" : "−"}${Math.abs(d.ic).toFixed(3)}`,
        textAnchor: "start",
        dx: 4,
        fontSize: 10,
      }),
      Plot.ruleX(oracle ? [oracle.abs] : [], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.text(oracle ? [oracle.abs] : [], {
        x: (d: number) => d,
        text: () => "oracle |IC|: the ceiling for honest features",
        frameAnchor: "top",
        textAnchor: "start",
        dx: 4,
        dy: -4,
        fontSize: 10,
      }),
      Plot.ruleX([0]),
    ],
  });
}
