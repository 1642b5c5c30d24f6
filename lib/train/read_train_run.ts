/**
 * Reads back what `deno task train` left in a run directory: `eval.json` (the evaluation table and
 * the run's facts) and the epoch history from the `last/` checkpoint's meta (notebook 04).
 *
 * @module
 */
import { readJsonFile } from "../data/read_json_file.ts";
import type { TrainConfig } from "./train_config.ts";
import type { EpochRecord } from "./train_model.ts";
import type { EvalRowLike } from "./show_eval_table.ts";

/** `eval.json` as `deno task train` writes it (NaN scores stored as `null`). */
export interface SavedEvaluation {
  /** Bar table the run trained on. */
  data: string;
  /** SHA-256 of the bar table. */
  fingerprint: string;
  backend: string;
  config: TrainConfig;
  bestEpoch: number;
  bestValLoss: number;
  /** Validation IC at the best epoch (runs older than the IC selection lack it). */
  bestValIc?: number | null;
  stopReason: string;
  /** Wall seconds of the training loop. */
  trainSeconds: number;
  /** Val and test × model, zero, momentum, ridge, oracle. */
  rows: EvalRowLike[];
  modelToOracleTestIc: number | null;
  beatsBaselinesOnTest: boolean;
  notes: Record<string, string>;
  /** Last-step attention entropy on the test windows (share of log T), when recorded. */
  attention?: {
    windows: number;
    meanEntropy: number | null;
    q10: number | null;
    q90: number | null;
  };
  /** Per seed with `--seeds K` (one entry otherwise), when recorded. */
  seeds?: { seed: number; bestEpoch: number; epochs: number; rows: EvalRowLike[] }[];
}

/** A finished run read from disk. */
export interface SavedTrainRun {
  /** The run directory. */
  dir: string;
  evaluation: SavedEvaluation;
  /** Every epoch, from `last/meta.json` (or `best/meta.json`, up to the best epoch, if `last/` is gone). */
  history: EpochRecord[];
}

/**
 * The run in `dir`, or `null` when it has no `eval.json` yet (the run has not finished, or was
 * never started). A present but unreadable `eval.json`, or one without a `rows` table, throws.
 *
 * @example
 * ```ts
 * const run = await readTrainRun("data/models/default");
 * if (run) showEvalTable(run.evaluation.rows);
 * ```
 * @throws {SyntaxError} when `eval.json` or a checkpoint meta is not the JSON expected.
 */
export async function readTrainRun(dir: string): Promise<SavedTrainRun | null> {
  const base = dir.replace(/\/+$/, "");
  let evaluation: SavedEvaluation;
  try {
    evaluation = await readJsonFile(`${base}/eval.json`) as SavedEvaluation;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  if (!Array.isArray(evaluation?.rows)) {
    throw new SyntaxError(`Cannot read ${base}/eval.json: it has no "rows" table`);
  }
  let history: EpochRecord[] = [];
  for (const ckpt of ["last", "best"]) {
    try {
      const meta = await readJsonFile(`${base}/${ckpt}/meta.json`) as { history?: unknown };
      if (!Array.isArray(meta?.history)) {
        throw new SyntaxError(`Cannot read ${base}/${ckpt}/meta.json: it has no "history" list`);
      }
      history = meta.history as EpochRecord[];
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return { dir: base, evaluation, history };
}
