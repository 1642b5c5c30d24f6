/**
 * The training loop: data-parallel AdamW on the MSE (or Huber) of standardised targets, every
 * step's target or the last one's, seeded sampling, warm-up and cosine decay of the learning
 * rate, gradient clipping, validation after every epoch, the best-validation checkpoint kept,
 * early stopping, and `resume` from the last epoch.
 *
 * A run directory holds two checkpoints (lib/model's format): `best/`, rewritten whenever the
 * validation score improves, and `last/`, rewritten after every epoch with the optimizer state for
 * `resume`. Both are written atomically, so an interrupted run never corrupts either.
 *
 * @module
 */
import {
  type CheckpointMeta,
  createModel,
  disposeModel,
  loadCheckpoint,
  type Model,
  type ModelConfig,
  modelConfig,
  readWeights,
  saveCheckpoint,
  writeWeights,
} from "../model/mod.ts";
import { mixSeed } from "../stats/random.ts";
import {
  adamwStep,
  averagedWeights,
  clipGlobalNorm,
  createAdamW,
  decayMask,
  learningRate,
  type LrSchedule,
  restoreAdamW,
  saveAdamW,
  type SavedAdamW,
} from "./adamw.ts";
import { createGradientPool } from "./gradient_pool.ts";
import type { Dataset } from "./prepare_dataset.ts";
import type { TrainProgress } from "./progress.ts";
import type { TrainConfig } from "./train_config.ts";
import { scoreValidation, validationSet } from "./validation.ts";
import { fillTargetBatch, shuffled, stepWindowEnds, tileEnds } from "./window_sampler.ts";

/** One line of the training history. */
export interface EpochRecord {
  /** 1-based epoch. */
  epoch: number;
  /** Mean training loss over the epoch's steps (standardised target units). */
  trainLoss: number;
  /** Validation loss (MSE or Huber, standardised target units) after the epoch. */
  valLoss: number;
  /** Validation IC (prediction vs target) after the epoch. */
  valIc?: number;
  /** Learning rate of the epoch's last step. */
  lr?: number;
  /** Training windows per second during the epoch. */
  samplesPerSec: number;
  /** Supervised targets per second during the epoch. */
  targetsPerSec?: number;
  /** Wall seconds of the epoch, validation included. */
  seconds: number;
  /** What `TrainOptions.onEpoch` returned. */
  diagnostics?: Record<string, number>;
}

/** What `TrainOptions.onEpoch` is given after each epoch's validation. */
export interface EpochContext {
  epoch: number;
  /** The weights evaluated (averaged when `ema` > 0; flat, `paramSpecs` order). */
  weights: Float32Array;
  /** Predictions of windows `[N, T, F]` at the current weights, on the training replicas. */
  predict(x: Float32Array, options: { allSteps: boolean }): Promise<Float32Array>;
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
  /** Diagnostics to record in each epoch's history (experiments); never used for selection. */
  onEpoch?: (ctx: EpochContext) => Promise<Record<string, number>>;
}

/** What a finished run returns. */
export interface TrainResult {
  /** The best-validation model, reloaded from `best/`. */
  model: Model;
  /** Epoch of the best validation score. */
  bestEpoch: number;
  /** Validation loss at the best epoch. */
  bestValLoss: number;
  /** Validation IC at the best epoch. */
  bestValIc: number;
  /** Every epoch run, resumed ones included. */
  history: EpochRecord[];
  /** Why the loop ended. */
  stopReason: "early-stopping" | "max-epochs";
}

/**
 * The model configuration a training run builds: the `config.model` preset with the frame's
 * feature count and window, the run's dropout and its seed.
 *
 * @example
 * ```ts
 * trainModelConfig(trainConfig("default", { dropout: 0.2 }), 8, 60).dropout; // 0.2
 * ```
 */
export function trainModelConfig(
  config: Pick<TrainConfig, "model" | "dropout" | "seed">,
  nFeatures: number,
  seqLen: number,
): ModelConfig {
  return modelConfig(config.model, {
    nFeatures,
    seqLen,
    dropout: config.dropout,
    seed: config.seed >>> 0,
  });
}

/** Best epoch so far and its validation scores. */
interface Best {
  epoch: number;
  valLoss: number;
  valIc: number;
}

/**
 * Train the Transformer on a prepared dataset; see the module doc for the run directory.
 *
 * Determinism: initialisation, dropout and each epoch's windows derive from `config.seed`, so the
 * same seed, backend and Worker count give the same loss history.
 *
 * @example
 * ```ts
 * const ds = prepareDataset(table, cfg);
 * const run = await trainModel(ds, cfg, { outDir: "data/models/default" });
 * run.bestValIc; // e.g. 0.06
 * ```
 */
export async function trainModel(
  ds: Dataset,
  config: TrainConfig,
  options: TrainOptions,
): Promise<TrainResult> {
  const F = ds.frame.names.length, T = ds.frame.spec.window;
  if (config.lossFrom >= T) {
    throw new RangeError(`lossFrom ${config.lossFrom} must be below the window length ${T}`);
  }
  const mcfg = trainModelConfig(config, F, T);
  const allSteps = config.supervision === "all";
  const stride = T - config.lossFrom;
  const val = validationSet(ds, config);
  const stepEnds = allSteps ? stepWindowEnds(ds.frame, ds.split.train, config) : ds.ends.train;
  // One tiling an epoch, but at least one batch: a short file (a few real days) tiles into fewer
  // windows than a batch, and further tilings at other offsets fill it.
  const perEpoch = config.samplesPerEpoch === 0
    ? Math.max(config.batch, Math.round(stepEnds.length / stride))
    : config.samplesPerEpoch;
  const steps = Math.floor(perEpoch / config.batch);
  if (steps === 0 || stepEnds.length === 0) {
    throw new RangeError(
      `${perEpoch} training windows an epoch do not fill one batch of ${config.batch}`,
    );
  }
  const schedule: LrSchedule = {
    lr: config.lr,
    warmupSteps: config.warmupSteps,
    totalSteps: config.epochs * steps,
    minLr: config.lr * config.lrFloor,
  };

  let model: Model;
  let history: EpochRecord[] = [];
  let best: Best = { epoch: 0, valLoss: Infinity, valIc: -Infinity };
  const baseMeta: CheckpointMeta = {
    ...options.meta,
    features: ds.frame.names,
    featureSpec: ds.frame.spec,
    norm: ds.norm,
    split: ds.split.options,
    train: config,
  };
  const adamOptions = {
    weightDecay: config.weightDecay,
    mask: decayMask(mcfg),
    emaDecay: config.ema,
  };
  let saved: SavedAdamW | null = null;
  if (options.resume) {
    const last = await loadCheckpoint(`${options.outDir}/last`, {
      expect: { config: { nFeatures: F, seqLen: T }, features: ds.frame.names },
    });
    model = last.model;
    const m = last.meta as { history: EpochRecord[]; best: Best; optimizer: SavedAdamW };
    history = m.history;
    best = m.best;
    saved = m.optimizer;
  } else if (options.warmStart !== undefined) {
    model = (await loadCheckpoint(options.warmStart, {
      expect: { config: { nFeatures: F, seqLen: T }, features: ds.frame.names },
    })).model;
  } else {
    model = createModel(mcfg);
  }
  const weights = readWeights(model);
  const adam = saved ? restoreAdamW(saved, adamOptions) : createAdamW(weights.length, adamOptions);

  const pool = await createGradientPool(mcfg, { workers: config.workers, backend: config.backend });
  const poolOptions = {
    steps: config.supervision,
    loss: config.loss,
    huberDelta: config.huberDelta,
  };
  const buffers = {
    x: new Float32Array(config.batch * T * F),
    y: new Float32Array(config.batch * T),
    weight: new Float32Array(config.batch * T),
  };
  let stopReason: TrainResult["stopReason"] = "max-epochs";
  try {
    for (let epoch = history.length + 1; epoch <= config.epochs; epoch++) {
      if (best.epoch > 0 && epoch - best.epoch > config.patience) {
        stopReason = "early-stopping";
        break;
      }
      const t0 = performance.now();
      const ends = epochWindows(stepEnds, {
        allSteps,
        stride,
        count: steps * config.batch,
        seed: mixSeed(config.seed >>> 0, epoch),
      });
      let lossSum = 0, targets = 0;
      for (let step = 1; step <= steps; step++) {
        const batch = fillTargetBatch(
          ds.frame,
          ends.subarray((step - 1) * config.batch, step * config.batch),
          {
            steps: config.supervision,
            lossFrom: config.lossFrom,
            targetMean: ds.norm.targetMean,
            targetStd: ds.norm.targetStd,
            buffers,
          },
        );
        for (let i = 0; i < batch.weight.length; i++) targets += batch.weight[i];
        const g = await pool.gradients(weights, batch, {
          ...poolOptions,
          dropoutSeed: mixSeed(config.seed ^ 0xd809, adam.step + 1),
        });
        clipGlobalNorm(g.grads, config.clipNorm);
        adamwStep(adam, weights, g.grads, learningRate(adam.step + 1, schedule));
        lossSum += g.loss;
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
      const evalWeights = averagedWeights(adam, weights);
      const predict = async (x: Float32Array, o: { allSteps: boolean }) =>
        (await pool.predict(evalWeights, x, o)).predictions;
      const scores = scoreValidation(await predict(val.x, val), val, config);
      const diagnostics = options.onEpoch
        ? await options.onEpoch({ epoch, weights: evalWeights, predict })
        : undefined;
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / steps,
        valLoss: scores.loss,
        valIc: scores.ic,
        lr: learningRate(adam.step, schedule),
        samplesPerSec: (steps * config.batch) / trainSeconds,
        targetsPerSec: targets / trainSeconds,
        seconds: (performance.now() - t0) / 1000,
        ...(diagnostics ? { diagnostics } : {}),
      };
      history.push(record);
      // Epochs that end inside the learning-rate warm-up are not candidates: their validation
      // scores are those of a model that has barely started (and the early stopping clock starts
      // after the warm-up). The last epoch is the fallback when every epoch is inside it.
      const eligible = adam.step > config.warmupSteps || epoch === config.epochs;
      const better = config.selectBy === "ic"
        ? scores.ic > best.valIc || (best.epoch === 0 && !Number.isFinite(scores.ic))
        : scores.loss < best.valLoss;
      const improved = eligible && better;
      if (improved) {
        best = { epoch, valLoss: scores.loss, valIc: scores.ic };
        writeWeights(model, evalWeights);
        await saveCheckpoint(`${options.outDir}/best`, model, { ...baseMeta, history, best });
      }
      writeWeights(model, weights); // last/ keeps the raw weights; the average is in `optimizer`
      await saveCheckpoint(`${options.outDir}/last`, model, {
        ...baseMeta,
        history,
        best,
        optimizer: saveAdamW(adam),
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
        valLoss: scores.loss,
        valIc: scores.ic,
        improved,
      });
    }
  } finally {
    pool.close();
  }
  if (history.length > 0 && history.length - best.epoch >= config.patience) {
    stopReason = "early-stopping";
  }
  disposeModel(model);
  const reloaded = await loadCheckpoint(`${options.outDir}/best`);
  return {
    model: reloaded.model,
    bestEpoch: best.epoch,
    bestValLoss: best.valLoss,
    bestValIc: best.valIc,
    history,
    stopReason,
  };
}

/**
 * An epoch's windows, shuffled: tilings of the training ends at seeded offsets (all-step) or a
 * random draw without replacement (last-step), `count` of them.
 */
function epochWindows(
  ends: Int32Array,
  o: { allSteps: boolean; stride: number; count: number; seed: number },
): Int32Array {
  if (!o.allSteps) {
    const out = shuffled(ends, o.seed);
    return out.length >= o.count ? out.subarray(0, o.count) : cycle(out, o.count);
  }
  const parts: Int32Array[] = [];
  let have = 0;
  for (let k = 0; have < o.count; k++) {
    const offset = mixSeed(o.seed, k) % o.stride;
    const tiles = shuffled(tileEnds(ends, o.stride, offset), mixSeed(o.seed, k + 0x7f));
    if (tiles.length === 0) throw new RangeError("No training window fits the tiling");
    parts.push(tiles);
    have += tiles.length;
  }
  const out = new Int32Array(have);
  let at = 0;
  for (const p of parts) (out.set(p, at), at += p.length);
  return out.subarray(0, o.count);
}

/** `src` repeated up to `count` entries. */
function cycle(src: Int32Array, count: number): Int32Array {
  if (src.length === 0) throw new RangeError("No training window");
  return Int32Array.from({ length: count }, (_, i) => src[i % src.length]);
}
