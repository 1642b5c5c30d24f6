/**
 * The training loop: Adam on MSE (or Huber) over standardised targets, seeded shuffling, gradient
 * clipping, validation after every epoch, the best-validation checkpoint kept, early stopping, and
 * `resume` from the last epoch.
 *
 * A run directory holds two checkpoints (lib/model's format): `best/`, rewritten whenever the
 * validation loss improves, and `last/`, rewritten after every epoch with the optimizer state for
 * `resume`. Both are written atomically, so an interrupted run never corrupts either.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { fillWindows, makeWindows } from "../features/mod.ts";
import {
  type CheckpointMeta,
  createModel,
  disposeModel,
  loadCheckpoint,
  type Model,
  modelConfig,
  predict,
  saveCheckpoint,
  trainStep,
} from "../model/mod.ts";
import { mixSeed, seededRng } from "../stats/random.ts";
import type { Dataset } from "./prepare_dataset.ts";
import type { TrainProgress } from "./progress.ts";
import type { TrainConfig } from "./train_config.ts";

/** One line of the training history. */
export interface EpochRecord {
  /** 1-based epoch. */
  epoch: number;
  /** Mean training loss over the epoch's steps (standardised target units). */
  trainLoss: number;
  /** Validation loss (MSE or Huber, standardised target units) after the epoch. */
  valLoss: number;
  /** Training windows per second during the epoch. */
  samplesPerSec: number;
  /** Wall seconds of the epoch, validation included. */
  seconds: number;
}

/** Options of {@linkcode trainModel}. */
export interface TrainOptions {
  /** Run directory; `best/` and `last/` are written inside it. */
  outDir: string;
  /** Continue from `outDir/last/` (weights, optimizer state, history). Default false. */
  resume?: boolean;
  /**
   * A warm start: begin from the weights of this checkpoint directory (same features and
   * architecture) instead of fresh ones; the optimizer, the history and the best epoch start
   * fresh. Ignored with `resume`. Default none.
   */
  warmStart?: string;
  /** Called after every step and every epoch. */
  onProgress?: (p: TrainProgress) => void;
  /** Extra JSON stored in both checkpoints' meta (e.g. the data fingerprint). */
  meta?: Record<string, unknown>;
}

/** What a finished run returns. */
export interface TrainResult {
  /** The best-validation model, reloaded from `best/`. */
  model: Model;
  /** Epoch of the best validation loss. */
  bestEpoch: number;
  /** Best validation loss. */
  bestValLoss: number;
  /** Every epoch run, resumed ones included. */
  history: EpochRecord[];
  /** Why the loop ended. */
  stopReason: "early-stopping" | "max-epochs";
}

/**
 * Train the Transformer on a prepared dataset; see the module doc for the run directory.
 *
 * Determinism: initialisation, dropout and each epoch's shuffle derive from `config.seed`, so the
 * same seed on the same backend gives the same loss history.
 *
 * @example
 * ```ts
 * const ds = prepareDataset(table, cfg);
 * const run = await trainModel(ds, cfg, { outDir: "data/models/default" });
 * run.bestValLoss; // e.g. 0.985
 * ```
 */
export async function trainModel(
  ds: Dataset,
  config: TrainConfig,
  options: TrainOptions,
): Promise<TrainResult> {
  const F = ds.frame.names.length;
  const mcfg = modelConfig(config.model, {
    nFeatures: F,
    seqLen: ds.frame.spec.window,
    dropout: config.dropout,
    seed: config.seed >>> 0,
  });
  const { targetMean, targetStd } = ds.norm;
  const standardise = (y: Float32Array) => {
    for (let i = 0; i < y.length; i++) y[i] = (y[i] - targetMean) / targetStd;
    return y;
  };

  // Validation windows, built once, targets standardised.
  const valEnds = ds.ends.val.filter((_, i) => i % config.valStride === 0);
  if (valEnds.length === 0) throw new RangeError(`${ds.table.source} gives no validation windows`);
  const val = makeWindows(ds.frame, valEnds);
  standardise(val.y);

  const optimizer = tf.train.adam(config.lr);
  let model: Model;
  let history: EpochRecord[] = [];
  let best = { epoch: 0, valLoss: Infinity };
  const baseMeta: CheckpointMeta = {
    ...options.meta,
    features: ds.frame.names,
    featureSpec: ds.frame.spec,
    norm: ds.norm,
    split: ds.split.options,
    train: config,
  };

  if (options.resume) {
    const last = await loadCheckpoint(`${options.outDir}/last`, {
      expect: { config: { nFeatures: F, seqLen: mcfg.seqLen }, features: ds.frame.names },
    });
    model = last.model;
    const m = last.meta as { history: EpochRecord[]; best: typeof best; optimizer: SavedOptimizer };
    history = m.history;
    best = m.best;
    await restoreOptimizer(optimizer, m.optimizer);
  } else if (options.warmStart !== undefined) {
    model = (await loadCheckpoint(options.warmStart, {
      expect: { config: { nFeatures: F, seqLen: mcfg.seqLen }, features: ds.frame.names },
    })).model;
  } else {
    model = createModel(mcfg);
  }

  const ends = ds.ends.train;
  const perEpoch = config.samplesPerEpoch === 0
    ? ends.length
    : Math.min(config.samplesPerEpoch, ends.length);
  const steps = Math.floor(perEpoch / config.batch);
  if (steps === 0) {
    throw new RangeError(
      `${ends.length} training windows do not fill one batch of ${config.batch}`,
    );
  }
  const block = mcfg.seqLen * F;
  const xBuf = new Float32Array(config.batch * block);
  const yBuf = new Float32Array(config.batch);
  const order = new Int32Array(ends.length);
  const lossOptions = {
    loss: config.loss,
    huberDelta: config.huberDelta,
    clipNorm: config.clipNorm,
  };
  let stopReason: TrainResult["stopReason"] = "max-epochs";

  for (let epoch = history.length + 1; epoch <= config.epochs; epoch++) {
    if (epoch - best.epoch > config.patience && best.epoch > 0) {
      stopReason = "early-stopping";
      break;
    }
    const t0 = performance.now();
    shuffleInto(order, ends, mixSeed(config.seed >>> 0, epoch));
    let lossSum = 0;
    for (let step = 1; step <= steps; step++) {
      const batch = fillWindows(ds.frame, order, {
        start: (step - 1) * config.batch,
        count: config.batch,
        x: xBuf,
        y: yBuf,
      });
      standardise(batch.y);
      lossSum += trainStep(model, optimizer, batch.x, batch.y, lossOptions);
      const elapsed = (performance.now() - t0) / 1000;
      const rate = (step * config.batch) / elapsed;
      options.onProgress?.({
        kind: "step",
        epoch,
        epochs: config.epochs,
        step,
        steps,
        loss: lossSum / step,
        samplesPerSec: rate,
        etaSec: ((steps - step) * config.batch) / rate,
      });
    }
    const trainSeconds = (performance.now() - t0) / 1000;
    const valLoss = await validationLoss(model, val.x, val.y, config);
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / steps,
      valLoss,
      samplesPerSec: (steps * config.batch) / trainSeconds,
      seconds: (performance.now() - t0) / 1000,
    };
    history.push(record);
    const improved = valLoss < best.valLoss;
    if (improved) {
      best = { epoch, valLoss };
      await saveCheckpoint(`${options.outDir}/best`, model, { ...baseMeta, history, best });
    }
    await saveCheckpoint(`${options.outDir}/last`, model, {
      ...baseMeta,
      history,
      best,
      optimizer: await saveOptimizer(optimizer),
    });
    options.onProgress?.({
      kind: "epoch",
      epoch,
      epochs: config.epochs,
      step: steps,
      steps,
      loss: record.trainLoss,
      samplesPerSec: record.samplesPerSec,
      etaSec: 0,
      valLoss,
      improved,
    });
  }
  if (history.length > 0 && history.length - best.epoch >= config.patience) {
    stopReason = "early-stopping";
  }
  disposeModel(model);
  optimizer.dispose();
  const reloaded = await loadCheckpoint(`${options.outDir}/best`);
  return {
    model: reloaded.model,
    bestEpoch: best.epoch,
    bestValLoss: best.valLoss,
    history,
    stopReason,
  };
}

/** Mean loss of the model on standardised validation targets, in the training loss's form. */
async function validationLoss(
  model: Model,
  x: Float32Array,
  y: Float32Array,
  config: TrainConfig,
): Promise<number> {
  const { predictions } = await predict(model, x);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const e = predictions[i] - y[i];
    if (config.loss === "mse") s += e * e;
    else {
      const a = Math.abs(e), q = Math.min(a, config.huberDelta);
      s += 0.5 * q * q + config.huberDelta * (a - q);
    }
  }
  return s / y.length;
}

/** Fisher–Yates shuffle of `src` into `out`, seeded. */
function shuffleInto(out: Int32Array, src: Int32Array, seed: number): void {
  out.set(src);
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
}

/** Adam's state as JSON: its tensors in order (iterations, first moments, second moments). */
interface SavedOptimizer {
  tensors: { name: string; shape: number[]; data: string }[];
}

async function saveOptimizer(optimizer: tf.Optimizer): Promise<SavedOptimizer> {
  const weights = await optimizer.getWeights();
  const tensors = [];
  for (const w of weights) {
    const data = new Float32Array(await w.tensor.data());
    tensors.push({ name: w.name, shape: w.tensor.shape, data: toBase64(data) });
  }
  return { tensors };
}

async function restoreOptimizer(optimizer: tf.Optimizer, saved: SavedOptimizer): Promise<void> {
  if (!saved?.tensors?.length) return;
  const named = saved.tensors.map((t) => ({
    name: t.name,
    tensor: tf.tensor(fromBase64(t.data), t.shape),
  }));
  await optimizer.setWeights(named);
  tf.dispose(named.map((n) => n.tensor));
}

function toBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(text: string): Float32Array {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
