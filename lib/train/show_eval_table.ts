/**
 * The evaluation table (model, baselines, oracle × validation, test) for a notebook, in units a
 * reader can compare at a glance (notebook 04).
 *
 * @module
 */
import { type ShownTable, showTable } from "../plot/mod.ts";

/**
 * One scored forecast: an `EvalRow` of `evaluateModel`, or a row of `eval.json`, where JSON has
 * turned NaN (undefined scores) into `null`.
 */
export interface EvalRowLike {
  split: string;
  forecaster: string;
  /** Pairs scored. */
  n: number;
  mse: number | null;
  ic: number | null;
  rankIc: number | null;
  directionalAccuracy: number | null;
  /** 90 % day-block bootstrap interval of `ic` (absent in runs older than the intervals). */
  icCi90?: readonly (number | null)[];
  /** corr(forecast, ground truth) where the data carry one. */
  corrOracle?: number | null;
  /** Its 90 % interval. */
  corrOracleCi90?: readonly (number | null)[];
  /** Share of bars with |forecast| above the strategy's signal threshold. */
  shareAboveThreshold?: number | null;
}

/** The columns of {@linkcode showEvalTable}, in order. */
export const EVAL_TABLE_COLUMNS = [
  "split",
  "forecaster",
  "n",
  "MSE ×1e-6",
  "R² vs zero %",
  "IC",
  "IC 90 % CI",
  "rank IC",
  "dir. acc. %",
  "corrOracle",
  "corrOracle 90 % CI",
  "|pred| > thr %",
] as const;

const finite = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/** `"[lo, hi]"` with 3 decimals, or null when either end is undefined. */
function interval(ci: readonly (number | null)[] | undefined): string | null {
  if (ci === undefined || ci.length !== 2 || !finite(ci[0]) || !finite(ci[1])) return null;
  return `[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]`;
}

/**
 * Rows of {@linkcode showEvalTable}: MSE in units of 1e-6 (squared return), R² against the
 * predict-zero forecast of the same split (100·(1 − MSE / MSE of zero), in %: above 0 beats
 * zero), IC with its 90 % day-block bootstrap interval (an interval that contains 0 means the IC
 * cannot be told from none), rank IC, directional accuracy in %, corrOracle (correlation with the
 * generator's noise-free expectation, synthetic data only) with its interval, and the share of
 * bars whose |forecast| exceeds the strategy's signal threshold. Undefined values (the zero
 * forecast has no IC and no direction) are `null`.
 *
 * @example
 * ```ts
 * evalTableRows(report.rows)[0];
 * // { split: "val", forecaster: "model", n: 1641, "MSE ×1e-6": 1.781, "R² vs zero %": 0.96, … }
 * ```
 */
export function evalTableRows(
  rows: readonly EvalRowLike[],
): Record<typeof EVAL_TABLE_COLUMNS[number], string | number | null>[] {
  const zeroMse = new Map<string, number>();
  for (const r of rows) if (r.forecaster === "zero" && finite(r.mse)) zeroMse.set(r.split, r.mse);
  const orNull = (v: number | null, f: (x: number) => number) => finite(v) ? f(v) : null;
  return rows.map((r) => {
    const z = zeroMse.get(r.split);
    return {
      split: r.split,
      forecaster: r.forecaster,
      n: r.n,
      "MSE ×1e-6": orNull(r.mse, (x) => x * 1e6),
      "R² vs zero %": z === undefined || z === 0 ? null : orNull(r.mse, (x) => 100 * (1 - x / z)),
      IC: orNull(r.ic, (x) => x),
      "IC 90 % CI": interval(r.icCi90),
      "rank IC": orNull(r.rankIc, (x) => x),
      "dir. acc. %": orNull(r.directionalAccuracy, (x) => 100 * x),
      corrOracle: orNull(r.corrOracle ?? null, (x) => x),
      "corrOracle 90 % CI": interval(r.corrOracleCi90),
      "|pred| > thr %": orNull(r.shareAboveThreshold ?? null, (x) => 100 * x),
    };
  });
}

/**
 * Shows {@linkcode evalTableRows} as a table: MSE, IC and rank IC with 4 decimals, R² and
 * corrOracle with 3, directional accuracy with 1, the share above the threshold with 2; "n/a"
 * where a score is undefined.
 *
 * @example
 * ```ts
 * const report = await evaluateModel(run.model, ds, cfg);
 * showEvalTable(report.rows); // last line of a notebook cell
 * ```
 */
export function showEvalTable(rows: readonly EvalRowLike[]): ShownTable {
  const fixed = (digits: number) => (v: unknown) =>
    typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "n/a";
  return showTable(evalTableRows(rows), {
    columns: EVAL_TABLE_COLUMNS,
    formats: {
      "MSE ×1e-6": fixed(4),
      "R² vs zero %": fixed(3),
      IC: fixed(4),
      "IC 90 % CI": (v) => typeof v === "string" ? v : "n/a",
      "rank IC": fixed(4),
      "dir. acc. %": fixed(1),
      corrOracle: fixed(3),
      "corrOracle 90 % CI": (v) => typeof v === "string" ? v : "n/a",
      "|pred| > thr %": fixed(2),
    },
  });
}
