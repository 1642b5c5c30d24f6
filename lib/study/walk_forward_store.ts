/**
 * What a walk-forward keeps on disk so that it can be resumed after an interruption and give the
 * same result: `plan.json` (the config, the data's fingerprint and every fold's days) and, per
 * finished fold, `folds/<k>/fold.json` (written atomically, last: its presence means the fold is
 * done) beside the fold's model in `folds/<k>/model/`. Per-bar arrays are stored as base64 of
 * their bytes, so a fold read back is bit for bit the fold computed.
 *
 * @module
 */
import { writeTextFileAtomic } from "../data/atomic_write.ts";
import { pathExists } from "../data/path_exists.ts";
import type { WalkForwardConfig } from "./walk_forward_config.ts";
import type { FoldEvaluation, FoldTest, FoldTraining } from "./walk_forward_fold.ts";
import type { Fold } from "./walk_forward_plan.ts";

/** A finished fold: its days, its training and its evaluation. */
export interface FoldRecord extends FoldEvaluation {
  /** The fold's days. */
  fold: Fold;
  /** How its model was trained. */
  training: FoldTraining;
  /** Wall seconds of the fold (training and evaluation). */
  seconds: number;
}

/** `plan.json`. */
export interface WalkForwardPlan {
  /** Format tag. */
  format: "trendformer-walk-forward";
  /** Format version. */
  version: 1;
  /** The resolved config. */
  config: WalkForwardConfig;
  /** The data: source label, bars, SHA-256. */
  data: { source: string; bars: number; fingerprint: string };
  /** Every fold's days. */
  folds: Fold[];
}

function toBase64(a: Float64Array | Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text), bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** JSON with object keys sorted, so that two equal plans compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
  );
}

/** The directory of fold `k`. */
export function foldDir(outDir: string, k: number): string {
  return `${outDir}/folds/${k}`;
}

/**
 * Start or continue the walk-forward in `outDir`: write `plan` as `plan.json` when there is none
 * (or `fresh`: then the old folds are deleted first), else check that the saved plan is this
 * one. Throws Error naming what differs when it is not (another config, other data, other folds).
 *
 * @example
 * ```ts
 * await openPlan("data/walk-forward/default", plan, { fresh: false });
 * ```
 */
export async function openPlan(
  outDir: string,
  plan: WalkForwardPlan,
  options: { fresh: boolean },
): Promise<void> {
  const path = `${outDir}/plan.json`;
  if (options.fresh && await pathExists(`${outDir}/folds`)) {
    await Deno.remove(`${outDir}/folds`, { recursive: true });
  }
  if (!options.fresh && await pathExists(path)) {
    const saved = JSON.parse(await Deno.readTextFile(path)) as WalkForwardPlan;
    // The data are the same when their bytes are (the source label may be another path to them).
    const same = {
      config: canonical(saved.config) === canonical(plan.config),
      data: saved.data.fingerprint === plan.data.fingerprint && saved.data.bars === plan.data.bars,
      folds: canonical(saved.folds) === canonical(plan.folds),
    };
    const differs = Object.entries(same).filter(([, ok]) => !ok).map(([k]) => k);
    if (differs.length > 0) {
      throw new Error(
        `${path} was started with another ${differs.join(" and ")}: resume with the same ` +
          "config and data, or start over with --fresh (or another --name)",
      );
    }
    return;
  }
  await Deno.mkdir(outDir, { recursive: true });
  await writeTextFileAtomic(path, JSON.stringify(plan, null, 1) + "\n");
}

/**
 * The finished fold `k` of `outDir`, or `null` when it has not finished (no `fold.json`).
 *
 * @example
 * ```ts
 * const done = await readFold("data/walk-forward/default", 0);
 * ```
 */
export async function readFold(outDir: string, k: number): Promise<FoldRecord | null> {
  const path = `${foldDir(outDir, k)}/fold.json`;
  if (!(await pathExists(path))) return null;
  const raw = JSON.parse(await Deno.readTextFile(path));
  const t = raw.test;
  const test: FoldTest = {
    start: t.start,
    end: t.end,
    prediction: new Float64Array(fromBase64(t.prediction).buffer),
    bull: new Float32Array(fromBase64(t.bull).buffer),
    bear: new Float32Array(fromBase64(t.bear).buffer),
  };
  return { ...raw, test } as FoldRecord;
}

/**
 * Write fold `k`'s record as `folds/<k>/fold.json`, atomically (the fold is done once it exists).
 *
 * @example
 * ```ts
 * await writeFold("data/walk-forward/default", record);
 * ```
 */
export async function writeFold(outDir: string, record: FoldRecord): Promise<void> {
  const t = record.test;
  const json = {
    ...record,
    test: {
      start: t.start,
      end: t.end,
      prediction: toBase64(t.prediction),
      bull: toBase64(t.bull),
      bear: toBase64(t.bear),
    },
  };
  const dir = foldDir(outDir, record.fold.index);
  await Deno.mkdir(dir, { recursive: true });
  await writeTextFileAtomic(`${dir}/fold.json`, JSON.stringify(json) + "\n");
}
