/**
 * Checkpoints: a directory holding
 *
 * - `model.json`: `{ format: "trendformer-model", version: 1, config, dropoutCalls,
 *   weightsManifest: [{ paths: ["weights.bin"], weights: [{ name, shape, dtype }] }] }` (the tfjs
 *   weights-manifest layout),
 * - `weights.bin`: the float32 values, little-endian, concatenated in manifest order,
 * - `meta.json`: whatever the caller supplies (feature names under `features`, normalisation
 *   stats, target scale, data fingerprint, training history, …).
 *
 * Saving is atomic (`writeDirAtomic` of lib/data): everything is written to `<dir>.tmp-<random>`
 * beside `dir`, then renamed over. An existing checkpoint is first renamed to `<dir>.old-<random>`
 * and deleted only after the new one is in place, so an interrupted save leaves either the old or
 * the new checkpoint complete; if it stops between the two renames, {@linkcode loadCheckpoint}
 * finds the `.old-` copy.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { createModel, type Model, paramSpecs } from "./create_model.ts";
import { type ModelConfig, validateModelConfig } from "./model_config.ts";
import { oldDirCopies, writeDirAtomic } from "../data/atomic_write.ts";
import { pathExists } from "../data/path_exists.ts";
import { readJsonFile } from "../data/read_json_file.ts";

const FORMAT = "trendformer-model";
const VERSION = 1;

/** JSON metadata stored beside the weights; `features` is checked by `loadCheckpoint`. */
export type CheckpointMeta = { features?: string[] } & Record<string, unknown>;

interface ModelJson {
  format: string;
  version: number;
  config: ModelConfig;
  dropoutCalls: number;
  weightsManifest: {
    paths: string[];
    weights: { name: string; shape: number[]; dtype: string }[];
  }[];
}

function trimSlash(dir: string): string {
  return dir.length > 1 ? dir.replace(/\/+$/, "") : dir;
}

async function writeSynced(path: string, data: Uint8Array): Promise<void> {
  const f = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    let off = 0;
    while (off < data.length) off += await f.write(data.subarray(off));
    await f.sync();
  } finally {
    f.close();
  }
}

/**
 * Writes a checkpoint atomically (see the module doc for the layout).
 *
 * @example
 * ```ts
 * await saveCheckpoint("runs/rb-2024/checkpoint", model, {
 *   features: ["ret1", "ret5", "vol"], targetStd: 1.3e-3, history: [{ epoch: 1, loss: 0.98 }],
 * });
 * ```
 * @param dir checkpoint directory; its parent must exist. Replaced if it exists.
 * @param model the model whose weights and config are saved.
 * @param meta JSON-serialisable metadata; default `{}`.
 */
export async function saveCheckpoint(
  dir: string,
  model: Model,
  meta: CheckpointMeta = {},
): Promise<void> {
  dir = trimSlash(dir);
  const metaText = JSON.stringify(meta, null, 2);
  if (metaText === undefined) throw new TypeError(`Checkpoint meta for ${dir} is not JSON`);
  const specs = paramSpecs(model.config);
  let total = 0;
  for (const s of specs) total += s.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(total);
  let off = 0;
  for (const s of specs) {
    const v = model.params[s.name];
    const data = await v.data();
    if (data.length !== v.size) throw new TypeError(`Parameter ${s.name} has no float data`);
    values.set(data as Float32Array, off);
    off += data.length;
  }
  const json: ModelJson = {
    format: FORMAT,
    version: VERSION,
    config: model.config,
    dropoutCalls: model.dropoutCalls,
    weightsManifest: [{
      paths: ["weights.bin"],
      weights: specs.map((s) => ({ name: s.name, shape: s.shape, dtype: "float32" })),
    }],
  };
  const enc = new TextEncoder();
  await writeDirAtomic(dir, async (tmp) => {
    await writeSynced(`${tmp}/weights.bin`, new Uint8Array(values.buffer));
    await writeSynced(`${tmp}/meta.json`, enc.encode(metaText + "\n"));
    await writeSynced(`${tmp}/model.json`, enc.encode(JSON.stringify(json, null, 2) + "\n"));
  });
}

/** What `loadCheckpoint` checks the checkpoint against. */
export interface CheckpointExpectation {
  /** Config fields that must match exactly (e.g. `{ nFeatures: 8, seqLen: 60 }`). */
  config?: Partial<ModelConfig>;
  /** Feature names, in order, that `meta.features` must equal. */
  features?: string[];
}

/** Where a save interrupted between its two renames left the previous checkpoint. */
async function leftoverOld(dir: string): Promise<string | undefined> {
  let best: { path: string; mtime: number } | undefined;
  try {
    for (const path of await oldDirCopies(dir)) {
      const mtime = (await Deno.stat(`${path}/model.json`).catch(() => null))?.mtime?.getTime();
      if (mtime !== undefined && (best === undefined || mtime > best.mtime)) best = { path, mtime };
    }
  } catch {
    return undefined;
  }
  return best?.path;
}

/**
 * Reads a checkpoint written by {@linkcode saveCheckpoint} into a new model (dispose it with
 * `disposeModel`). Throws a RangeError naming the checkpoint and every difference when it does not
 * match `expect`, and a TypeError when its files do not fit its own config.
 *
 * @example
 * ```ts
 * const { model, meta } = await loadCheckpoint("runs/rb-2024/checkpoint", {
 *   expect: { config: { nFeatures: 3 }, features: ["ret1", "ret5", "vol"] },
 * });
 * ```
 * @param dir checkpoint directory.
 * @param options.expect what must match; default nothing.
 * @returns the model, the caller's meta, and the directory actually read (a `.old-` copy when a
 *   save was interrupted between its renames).
 */
export async function loadCheckpoint(
  dir: string,
  options: { expect?: CheckpointExpectation } = {},
): Promise<{ model: Model; meta: CheckpointMeta; path: string }> {
  dir = trimSlash(dir);
  let path = dir;
  if (!(await pathExists(dir, { followLinks: false }))) {
    const old = await leftoverOld(dir);
    if (old === undefined) throw new Deno.errors.NotFound(`Checkpoint ${dir} does not exist`);
    path = old;
  }
  const json = await readJsonFile(`${path}/model.json`) as ModelJson;
  if (json?.format !== FORMAT || json.version !== VERSION) {
    throw new TypeError(
      `${path}/model.json is not a ${FORMAT} v${VERSION} file (format ${json?.format}, ` +
        `version ${json?.version})`,
    );
  }
  let config: ModelConfig;
  try {
    config = validateModelConfig(json.config);
  } catch (e) {
    throw new TypeError(`Checkpoint ${path} has an invalid config: ${(e as Error).message}`);
  }
  const meta = await readJsonFile(`${path}/meta.json`) as CheckpointMeta;

  const expect = options.expect ?? {};
  const diffs: string[] = [];
  for (const [k, want] of Object.entries(expect.config ?? {})) {
    const have = (config as unknown as Record<string, unknown>)[k];
    if (have !== want) diffs.push(`config.${k} is ${have} in the checkpoint, expected ${want}`);
  }
  if (expect.features !== undefined) {
    const have = meta.features;
    if (!Array.isArray(have)) diffs.push("meta.features is missing");
    else if (have.join("\u0000") !== expect.features.join("\u0000")) {
      const missing = expect.features.filter((f) => !have.includes(f));
      const extra = have.filter((f) => !expect.features!.includes(f));
      const detail = missing.length + extra.length === 0 ? "same names in another order" : [
        missing.length ? `missing ${missing.join(", ")}` : "",
        extra.length ? `unexpected ${extra.join(", ")}` : "",
      ].filter(Boolean).join("; ");
      diffs.push(
        `features are [${have.join(", ")}], expected [${expect.features.join(", ")}] (${detail})`,
      );
    }
  }
  if (diffs.length > 0) {
    throw new RangeError(`Checkpoint ${path} does not match: ${diffs.join("; ")}`);
  }

  const specs = paramSpecs(config);
  const manifest = json.weightsManifest?.[0];
  const listed = manifest?.weights ?? [];
  const problems: string[] = [];
  if (listed.length !== specs.length) {
    problems.push(`${listed.length} weights listed, config needs ${specs.length}`);
  }
  specs.forEach((s, i) => {
    const w = listed[i];
    if (w === undefined) return;
    if (w.name !== s.name || w.dtype !== "float32" || w.shape.join() !== s.shape.join()) {
      problems.push(
        `weight ${i} is ${w.name} [${w.shape}] ${w.dtype}, expected ${s.name} [${s.shape}] float32`,
      );
    }
  });
  if (problems.length > 0) {
    throw new TypeError(`Checkpoint ${path}/model.json does not fit its config: ${problems[0]}`);
  }
  const file = manifest.paths?.[0] ?? "weights.bin";
  const bytes = await Deno.readFile(`${path}/${file}`);
  const total = specs.reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1), 0);
  if (bytes.byteLength !== total * 4) {
    throw new RangeError(
      `Checkpoint ${path}/${file} has ${bytes.byteLength} bytes, expected ${total * 4}`,
    );
  }
  const values = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + total * 4),
  );
  const model = createModel(config);
  let off = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const v = model.params[s.name];
    tf.tidy(() => v.assign(tf.tensor(values.slice(off, off + n), s.shape)));
    off += n;
  }
  model.dropoutCalls = Number.isInteger(json.dropoutCalls) ? json.dropoutCalls : 0;
  return { model, meta, path };
}
