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
}

/** The columns of {@linkcode showEvalTable}, in order. */
export const EVAL_TABLE_COLUMNS = [
  "split",
  "forecaster",
  "n",
  "MSE ×1e-6",
  "R² vs zero %",
  "IC",
  "rank IC",
  "IC / s.e.",
  "dir. acc. %",
] as const;

const finite = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/**
 * Rows of {@linkcode showEvalTable}: MSE in units of 1e-6 (squared return), R² against the
 * predict-zero forecast of the same split (100·(1 − MSE / MSE of zero), in %: above 0 beats
 * zero), IC and rank IC, the IC over its standard error under no correlation, IC·√(n − 1) (below
 * about 2 in size it is indistinguishable from 0; overlapping windows make even that generous),
 * and directional accuracy in %. Undefined values (the zero forecast has no IC and no direction)
 * are `null`.
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
      "rank IC": orNull(r.rankIc, (x) => x),
      "IC / s.e.": r.n > 1 ? orNull(r.ic, (x) => x * Math.sqrt(r.n - 1)) : null,
      "dir. acc. %": orNull(r.directionalAccuracy, (x) => 100 * x),
    };
  });
}

/**
 * Shows {@linkcode evalTableRows} as a table: MSE, IC and rank IC with 4 decimals, R² with 3,
 * IC / s.e. and directional accuracy with 1; "n/a" where a score is undefined.
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
      "rank IC": fixed(4),
      "IC / s.e.": fixed(1),
      "dir. acc. %": fixed(1),
    },
  });
}
