/**
 * Shared fixture of the backtest-runner tests: a tiny generated market (10 trading days) and an
 * untrained tiny checkpoint with the metadata lib/train writes (features, featureSpec, norm,
 * split, train config, fingerprint). No training: the runner's plumbing, not the model's skill,
 * is under test.
 */
import type { BarTable } from "../lib/data/mod.ts";
import { generateMarket, MARKET_PRESETS, type MarketConfig } from "../lib/market/mod.ts";
import {
  createModel,
  disposeModel,
  initBackend,
  modelConfig,
  saveCheckpoint,
} from "../lib/model/mod.ts";
import { fingerprintBars, prepareDataset, trainConfig } from "../lib/train/mod.ts";

/** 5 train days, 2 validation days, 3 test days, no purge. */
export const TINY_SPLIT = { train: 0.5, val: 0.2, test: 0.3, purgeDays: 0 };

/** The tiny market of the tests (seed 42 unless given; `overrides` of the market config). */
export function tinyMarket(seed = 42, overrides: Partial<MarketConfig> = {}): BarTable {
  return generateMarket({ ...MARKET_PRESETS.tiny, seed, ...overrides });
}

/**
 * Write an untrained tiny checkpoint for `table` into `<dir>/best` (a training-run layout) and
 * return `dir`. Options: `seed` of the model weights (default 3), `split` of the trading days
 * (default {@linkcode TINY_SPLIT}); the meta's fingerprint and normaliser come from `table`.
 */
export async function tinyCheckpoint(
  dir: string,
  table: BarTable,
  options: { seed?: number; split?: typeof TINY_SPLIT } = {},
): Promise<string> {
  await initBackend("wasm");
  const split = options.split ?? TINY_SPLIT;
  const cfg = trainConfig("tiny", { features: "tiny", split, dropout: 0 });
  const ds = prepareDataset(table, cfg);
  const model = createModel(
    modelConfig("tiny", {
      nFeatures: ds.frame.names.length,
      seqLen: ds.frame.spec.window,
      dropout: 0,
      seed: options.seed ?? 3,
    }),
  );
  await Deno.mkdir(dir, { recursive: true });
  await saveCheckpoint(`${dir}/best`, model, {
    features: ds.frame.names,
    featureSpec: ds.frame.spec,
    norm: ds.norm,
    split: ds.split.options,
    train: cfg,
    history: [],
    best: { epoch: 0, valLoss: null },
    fingerprint: await fingerprintBars(table),
  });
  disposeModel(model);
  return dir;
}

/** Strategy thresholds loose enough for an untrained model to trade. */
export const LOOSE_STRATEGY = { signalThreshold: 0, attentionThreshold: 0.4 };
