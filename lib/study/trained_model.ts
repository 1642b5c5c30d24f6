/**
 * The one loader of a trained checkpoint for a bar table: its typed metadata (lib/train's
 * `parseTrainedMeta`), the model rebuilt from its own config (lib/model's `loadCheckpoint`,
 * checked against the features this table gives), the table's features normalised with the
 * checkpoint's statistics (nothing refitted) and split by the checkpoint's days. The backtest,
 * the analyses, the walk-forward and the notebooks all load through it.
 *
 * @module
 */
import { pathExists } from "../data/path_exists.ts";
import type { BarTable } from "../data/schema.ts";
import { FEATURE_CATALOG, featureConfig } from "../features/mod.ts";
import {
  type BackendName,
  disposeModel,
  initBackend,
  loadCheckpoint,
  type Model,
} from "../model/mod.ts";
import type { StrategyConfig } from "../strategy/mod.ts";
import {
  type Dataset,
  fingerprintBars,
  parseTrainedMeta,
  prepareDataset,
  type TrainedMeta,
} from "../train/mod.ts";

/** A checkpoint loaded for one bar table. Call `dispose()` when done. */
export interface TrainedModel {
  /** The checkpoint directory (a run's `best/`, or the directory given). */
  path: string;
  /** Its metadata. */
  meta: TrainedMeta;
  /** The model, rebuilt from the checkpoint's config. */
  model: Model;
  /** Features this table gives, in the model's order (= the checkpoint's). */
  features: string[];
  /** The table's features normalised with the checkpoint's statistics, split by its days. */
  dataset: Dataset;
  /** The attention layer the strategy reads, resolved to an index. */
  layer: number;
  /** The tfjs backend in use. */
  backend: BackendName;
  /** SHA-256 of the table. */
  fingerprint: string;
  /** Whether the table is the one the checkpoint was trained on (null: not recorded). */
  matchesData: boolean | null;
  /** Things to tell the user (e.g. other data than the checkpoint's). */
  warnings: string[];
  /** Frees the model's tensors. */
  dispose(): void;
}

/** Options of {@linkcode loadTrained}. */
export interface LoadTrainedOptions {
  /** tfjs backend; default the checkpoint's training backend, else wasm. */
  backend?: BackendName | null;
  /** Attention layer the strategy reads. Default `"last"`. */
  layer?: StrategyConfig["attention"]["layer"];
}

/**
 * The checkpoint directory of a model path: `<dir>/best` when it holds a checkpoint (a training
 * run directory), else `dir` itself. Throws `Deno.errors.NotFound` when neither holds one.
 *
 * @example
 * ```ts
 * await resolveCheckpointDir("data/models/default"); // "data/models/default/best"
 * ```
 */
export async function resolveCheckpointDir(dir: string): Promise<string> {
  const d = dir.replace(/\/+$/, "");
  if (await pathExists(`${d}/best/model.json`)) return `${d}/best`;
  if (await pathExists(`${d}/model.json`)) return d;
  throw new Deno.errors.NotFound(
    `No checkpoint at ${dir}: expected ${d}/best/model.json (a training run) or ${d}/model.json`,
  );
}

/**
 * The typed `meta.json` of the checkpoint in `dir` (a run directory or a checkpoint). Throws
 * SyntaxError for unreadable JSON, TypeError for metadata lib/train did not write.
 *
 * @example
 * ```ts
 * (await readTrainedMeta("data/models/default")).split; // { train: 0.7, val: 0.15, … }
 * ```
 */
export async function readTrainedMeta(dir: string): Promise<TrainedMeta> {
  const path = `${await resolveCheckpointDir(dir)}/meta.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new SyntaxError(`Cannot read checkpoint metadata ${path}: ${(e as Error).message}`);
  }
  return parseTrainedMeta(raw, path);
}

/** The catalogue features a table can give (no book → no book features, no OI → none of OI). */
function featuresOf(table: BarTable, meta: TrainedMeta): string[] {
  return featureConfig({ preset: meta.train.features }).features.filter((f) => {
    const needs = FEATURE_CATALOG[f].needs;
    return needs === "bars" ||
      (needs === "book" ? table.book !== null : table.openInterest !== null);
  });
}

/**
 * Load the checkpoint in `dir` (a training run, whose `best/` is used, or a checkpoint) for
 * `table` (see the module doc). Throws before any work: `Deno.errors.NotFound` without a
 * checkpoint, SyntaxError/TypeError for unusable metadata, RangeError naming both feature lists
 * when the table gives other features than the model was trained on, RangeError for an attention
 * layer the model lacks.
 *
 * @example
 * ```ts
 * const trained = await loadTrained(table, "data/models/default");
 * trained.dataset.split.test; // the checkpoint's test days
 * trained.dispose();
 * ```
 * @param options backend (default the checkpoint's, else wasm), layer (default "last").
 */
export async function loadTrained(
  table: BarTable,
  dir: string,
  options: LoadTrainedOptions = {},
): Promise<TrainedModel> {
  const path = await resolveCheckpointDir(dir);
  const meta = await readTrainedMeta(path);
  const features = featuresOf(table, meta);
  const spec = featureConfig({ preset: meta.train.features });
  const backend = await initBackend(options.backend ?? meta.backend ?? "wasm");
  const { model } = await loadCheckpoint(path, {
    expect: { features, config: { nFeatures: features.length, seqLen: spec.window } },
  });
  try {
    const L = model.config.nLayers, want = options.layer ?? "last";
    const layer = want === "last" ? L - 1 : want;
    if (!(Number.isInteger(layer) && layer >= 0 && layer < L)) {
      throw new RangeError(`Attention layer ${want} does not exist: the model has ${L} layers`);
    }
    const split = meta.days === null ? undefined : {
      ...meta.days,
      options: { ...meta.split },
    };
    const dataset = prepareDataset(table, { features: meta.train.features, split: meta.split }, {
      norm: meta.norm,
      split,
    });
    const fingerprint = await fingerprintBars(table);
    const matchesData = meta.fingerprint === null ? null : meta.fingerprint === fingerprint;
    const warnings = matchesData === false
      ? [
        `${table.source} is not the data the checkpoint was trained on (fingerprints differ): ` +
        `"in-sample" means the checkpoint's training days of THIS table, which the model never saw.`,
      ]
      : [];
    return {
      path,
      meta,
      model,
      features,
      dataset,
      layer,
      backend,
      fingerprint,
      matchesData,
      warnings,
      dispose: () => disposeModel(model),
    };
  } catch (e) {
    disposeModel(model);
    throw e;
  }
}
