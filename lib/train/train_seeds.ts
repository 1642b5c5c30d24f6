/**
 * `config.seeds` training runs of one configuration (seeds seed, seed + 1, …) and their ensemble.
 *
 * With one seed the run directory is laid out as {@linkcode trainModel} lays it out (`best/`,
 * `last/`). With K > 1 seeds, seed s trains in `<outDir>/seed-<s>/` and `<outDir>/best/` holds
 * the ensemble: one checkpoint of a model with K members (lib/model `ensembleModel`) whose
 * prediction is the mean of the members' and whose attention is the mean of theirs. The backtest
 * and every other reader load it like any checkpoint.
 *
 * @module
 */
import {
  disposeModel,
  ensembleModel,
  loadCheckpoint,
  type Model,
  saveCheckpoint,
} from "../model/mod.ts";
import { pathExists } from "../data/path_exists.ts";
import type { Dataset } from "./prepare_dataset.ts";
import type { TrainConfig } from "./train_config.ts";
import {
  type EpochRecord,
  trainModel,
  type TrainOptions,
  type TrainResult,
} from "./train_model.ts";

/** One seed's run. */
export interface SeedRun {
  seed: number;
  /** Its run directory. */
  dir: string;
  bestEpoch: number;
  bestValLoss: number;
  bestValIc: number;
  stopReason: TrainResult["stopReason"];
  history: EpochRecord[];
}

/** What {@linkcode trainSeeds} returns. */
export interface SeedsResult {
  /** The model of `<outDir>/best`: the single run's, or the ensemble of every seed. */
  model: Model;
  /** Each seed's best model (the same object as `model` with one seed). */
  members: Model[];
  /** Each seed's run. */
  seeds: SeedRun[];
}

/**
 * Trains `config.seeds` seeds one after the other and, with more than one, writes their ensemble
 * to `<outDir>/best`; see the module doc. `options.onSeed` hears when each seed starts.
 *
 * @example
 * ```ts
 * const run = await trainSeeds(ds, trainConfig("default", { seeds: 3 }), { outDir: "runs/x" });
 * run.seeds.map((s) => s.bestValIc);
 * ```
 */
export async function trainSeeds(
  ds: Dataset,
  config: TrainConfig,
  options: TrainOptions & { onSeed?: (seed: number, index: number) => void },
): Promise<SeedsResult> {
  const out = options.outDir.replace(/\/+$/, "");
  if (config.seeds === 1) {
    options.onSeed?.(config.seed, 0);
    const r = await trainModel(ds, config, options);
    return { model: r.model, members: [r.model], seeds: [seedRun(config.seed, out, r)] };
  }
  const members: Model[] = [], seeds: SeedRun[] = [];
  try {
    for (let i = 0; i < config.seeds; i++) {
      const seed = config.seed + i;
      const dir = `${out}/seed-${seed}`;
      await Deno.mkdir(dir, { recursive: true });
      options.onSeed?.(seed, i);
      const resume = options.resume === true && await pathExists(`${dir}/last/model.json`);
      const r = await trainModel(ds, { ...config, seed, seeds: 1 }, {
        ...options,
        outDir: dir,
        resume,
      });
      members.push(r.model);
      seeds.push(seedRun(seed, dir, r));
    }
    const ensemble = ensembleModel(members);
    const { meta } = await loadCheckpoint(`${seeds[0].dir}/best`);
    const { history: _h, best: _b, ...shared } = meta;
    await saveCheckpoint(`${out}/best`, ensemble, {
      ...shared,
      train: config,
      ensemble: {
        seeds: seeds.map((s) => s.seed),
        dirs: seeds.map((s) => s.dir),
        bestEpochs: seeds.map((s) => s.bestEpoch),
        rule: "mean of the members' predictions; attention = mean of the members' attention",
      },
    });
    return { model: ensemble, members, seeds };
  } catch (e) {
    members.forEach(disposeModel);
    throw e;
  }
}

function seedRun(seed: number, dir: string, r: TrainResult): SeedRun {
  return {
    seed,
    dir,
    bestEpoch: r.bestEpoch,
    bestValLoss: r.bestValLoss,
    bestValIc: r.bestValIc,
    stopReason: r.stopReason,
    history: r.history,
  };
}
