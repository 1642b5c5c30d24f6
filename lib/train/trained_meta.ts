/**
 * The metadata `trainModel` stores beside a checkpoint's weights (`meta.json`), typed once: what
 * every reader of a trained checkpoint (the backtest, the analyses, the walk-forward, the
 * notebooks) may rely on.
 *
 * @module
 */
import type { FeaturePresetName, NormStats } from "../features/mod.ts";
import { parseNormStats } from "../features/mod.ts";
import type { BackendName } from "../model/mod.ts";
import type { TrainConfig } from "./train_config.ts";

/** Explicit trading days of a run (a walk-forward fold), when they are not the split's shares. */
export interface TrainedDays {
  /** Training days (YYYYMMDD, ascending). */
  train: number[];
  /** Validation days. */
  val: number[];
  /** Test days. */
  test: number[];
  /** Days dropped by the purge. */
  purged: number[];
}

/** `meta.json` of a checkpoint written by lib/train. */
export interface TrainedMeta {
  /** Feature names, in the model's input order. */
  features: string[];
  /** Normalisation fitted on the training windows (the target's mean and std included). */
  norm: NormStats;
  /** The chronological split: shares of the trading days and the purge. */
  split: { train: number; val: number; test: number; purgeDays: number };
  /** Explicit days, which take precedence over `split` when present (walk-forward folds). */
  days: TrainedDays | null;
  /** The training config (`features` is the feature preset, `backend` the tfjs backend). */
  train: Pick<TrainConfig, "features"> & Partial<TrainConfig> & { features: FeaturePresetName };
  /** SHA-256 of the bar table trained on, when recorded. */
  fingerprint: string | null;
  /** The best epoch, when recorded. */
  bestEpoch: number | null;
  /** The backend it was trained on, when recorded. */
  backend: BackendName | null;
}

const dayList = (x: unknown) => Array.isArray(x) && x.every((d) => Number.isInteger(d));

/**
 * Check and type the parsed `meta.json` of a checkpoint (`path` names it in errors). Throws
 * TypeError listing what is missing or malformed ("was it written by lib/train?").
 *
 * @example
 * ```ts
 * const meta = parseTrainedMeta(JSON.parse(await Deno.readTextFile(p)), p);
 * meta.train.features; // "default"
 * ```
 */
export function parseTrainedMeta(raw: unknown, path: string): TrainedMeta {
  const meta = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const train = meta.train as Record<string, unknown> | undefined;
  const split = meta.split as Record<string, unknown> | undefined;
  const days = meta.days as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (!Array.isArray(meta.features)) problems.push("features (string list)");
  if (!train || (train.features !== "default" && train.features !== "tiny")) {
    problems.push('train.features ("default" or "tiny")');
  }
  if (!split || !["train", "val", "test", "purgeDays"].every((k) => typeof split[k] === "number")) {
    problems.push("split {train, val, test, purgeDays}");
  }
  if (meta.norm === undefined) problems.push("norm");
  if (days !== undefined && !["train", "val", "test", "purged"].every((k) => dayList(days[k]))) {
    problems.push("days {train, val, test, purged} (day lists)");
  }
  if (problems.length > 0) {
    throw new TypeError(
      `Checkpoint metadata ${path} lacks ${problems.join(", ")}: was it written by lib/train?`,
    );
  }
  let norm: NormStats;
  try {
    norm = parseNormStats(meta.norm);
  } catch (e) {
    throw new TypeError(`Checkpoint metadata ${path}: ${(e as Error).message}`);
  }
  const best = meta.best as { epoch?: unknown } | undefined;
  return {
    features: meta.features as string[],
    norm,
    split: split as unknown as TrainedMeta["split"],
    days: (days ?? null) as TrainedDays | null,
    train: train as unknown as TrainedMeta["train"],
    fingerprint: typeof meta.fingerprint === "string" ? meta.fingerprint : null,
    bestEpoch: typeof best?.epoch === "number" ? best.epoch : null,
    backend: train!.backend === "wasm" || train!.backend === "cpu" ? train!.backend : null,
  };
}
