/**
 * The model's parameters: their names, shapes and seeded initialisation, held as plain
 * `tf.Variable`s in a {@linkcode Model}.
 *
 * Initialisation (GPT-2's): every weight matrix and the positional embedding are drawn from
 * normal(0, 0.02); the two residual projections of each block (`attn/proj/kernel`,
 * `mlp/proj/kernel`) from normal(0, 0.02 / √(2L)) so the residual stream's variance does not grow
 * with depth; biases and LayerNorm shifts are 0 and LayerNorm gains 1. Draws come from a
 * mulberry32 stream seeded by `mixSeed(config.seed, parameterIndex)`, so the same seed gives the
 * same weights on every backend.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { type ModelConfig, validateModelConfig } from "./model_config.ts";
import { mixSeed, seededRng } from "../stats/random.ts";

/** How one parameter is initialised. */
export type ParamInit =
  | { kind: "normal"; std: number }
  | { kind: "zeros" }
  | { kind: "ones" };

/** Name, shape and initialiser of one parameter. */
export interface ParamSpec {
  /** Stable name, e.g. `"block0/attn/qkv/kernel"`; the key in {@linkcode Model.params}. */
  name: string;
  shape: number[];
  init: ParamInit;
}

/** A model: its configuration, its trainable variables by name, and its dropout stream. */
export interface Model {
  readonly config: Readonly<ModelConfig>;
  /** Trainable variables keyed by {@linkcode ParamSpec.name}, in {@linkcode paramSpecs} order. */
  readonly params: Readonly<Record<string, tf.Variable>>;
  /** Number of dropout masks drawn so far; with the seed it fixes the next mask. */
  dropoutCalls: number;
}

/**
 * The parameter list of a configuration, in a fixed order (the checkpoint's order). An ensemble
 * (`members` M > 1) lists member 0's parameters prefixed `member0/`, then member 1's, and so on.
 *
 * @example
 * ```ts
 * paramSpecs(MODEL_PRESETS.tiny)[0]; // { name: "inProj/kernel", shape: [8, 16], init: … }
 * paramSpecs({ ...MODEL_PRESETS.tiny, members: 3 })[0].name; // "member0/inProj/kernel"
 * ```
 */
export function paramSpecs(config: ModelConfig): ParamSpec[] {
  const one = networkSpecs(config);
  const M = config.members ?? 1;
  if (M === 1) return one;
  return Array.from(
    { length: M },
    (_, k) => one.map((s) => ({ ...s, name: memberPrefix(k) + s.name })),
  )
    .flat();
}

/** The prefix of ensemble member k's parameter names. */
function memberPrefix(k: number): string {
  return `member${k}/`;
}

/**
 * The members of an ensemble as single models sharing the ensemble's variables (no copy): M
 * views, or `[model]` itself when `members` is 1.
 *
 * @example
 * ```ts
 * const [first] = ensembleMembers(ensemble);
 * first.params["head/bias"] === ensemble.params["member0/head/bias"]; // true
 * ```
 */
export function ensembleMembers(model: Model): Model[] {
  const M = model.config.members ?? 1;
  if (M === 1) return [model];
  const config = Object.freeze({ ...model.config, members: 1 });
  return Array.from({ length: M }, (_, k) => {
    const prefix = memberPrefix(k);
    const params: Record<string, tf.Variable> = {};
    for (const [name, v] of Object.entries(model.params)) {
      if (name.startsWith(prefix)) params[name.slice(prefix.length)] = v;
    }
    return { config, params: Object.freeze(params), dropoutCalls: 0 };
  });
}

/** The parameters of one network (no ensemble prefix). */
function networkSpecs(config: ModelConfig): ParamSpec[] {
  const { seqLen: T, nFeatures: F, dModel: d, dFF, nLayers: L } = config;
  const w = { kind: "normal", std: 0.02 } as const;
  const wRes = { kind: "normal", std: 0.02 / Math.sqrt(2 * L) } as const;
  const zeros = { kind: "zeros" } as const;
  const ones = { kind: "ones" } as const;
  const specs: ParamSpec[] = [
    { name: "inProj/kernel", shape: [F, d], init: w },
    { name: "inProj/bias", shape: [d], init: zeros },
    { name: "posEmb", shape: [T, d], init: w },
  ];
  for (let l = 0; l < L; l++) {
    const p = `block${l}/`;
    specs.push(
      { name: p + "ln1/gamma", shape: [d], init: ones },
      { name: p + "ln1/beta", shape: [d], init: zeros },
      { name: p + "attn/qkv/kernel", shape: [d, 3 * d], init: w },
      { name: p + "attn/qkv/bias", shape: [3 * d], init: zeros },
      { name: p + "attn/proj/kernel", shape: [d, d], init: wRes },
      { name: p + "attn/proj/bias", shape: [d], init: zeros },
      { name: p + "ln2/gamma", shape: [d], init: ones },
      { name: p + "ln2/beta", shape: [d], init: zeros },
      { name: p + "mlp/fc/kernel", shape: [d, dFF], init: w },
      { name: p + "mlp/fc/bias", shape: [dFF], init: zeros },
      { name: p + "mlp/proj/kernel", shape: [dFF, d], init: wRes },
      { name: p + "mlp/proj/bias", shape: [d], init: zeros },
    );
  }
  specs.push(
    { name: "lnF/gamma", shape: [d], init: ones },
    { name: "lnF/beta", shape: [d], init: zeros },
    { name: "head/kernel", shape: [d, 1], init: w },
    { name: "head/bias", shape: [1], init: zeros },
  );
  return specs;
}

/** Initial values of one parameter, deterministic in (seed, index). */
function initValues(spec: ParamSpec, seed: number, index: number): Float32Array {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  if (spec.init.kind === "ones") out.fill(1);
  else if (spec.init.kind === "normal") {
    const rng = seededRng(mixSeed(seed, index), { algorithm: "mulberry32" });
    for (let i = 0; i < n; i++) out[i] = rng.normal() * spec.init.std;
  }
  return out;
}

/**
 * Creates a model with freshly initialised weights (see the module doc for the scheme). Dispose
 * it with {@linkcode disposeModel}.
 *
 * @example
 * ```ts
 * await initBackend();
 * const model = createModel(modelConfig("tiny"));
 * Object.keys(model.params).length; // 32
 * ```
 */
export function createModel(config: ModelConfig): Model {
  const cfg = Object.freeze(validateModelConfig(config));
  const params: Record<string, tf.Variable> = {};
  paramSpecs(cfg).forEach((spec, i) => {
    const init = initValues(spec, cfg.seed, i);
    // The variable shares the initial tensor's data; tidy frees the tensor handle, not the data.
    params[spec.name] = tf.tidy(() => tf.variable(tf.tensor(init, spec.shape), true));
  });
  return { config: cfg, params: Object.freeze(params), dropoutCalls: 0 };
}

/**
 * Frees a model's variables.
 *
 * @example
 * ```ts
 * disposeModel(model);
 * ```
 */
export function disposeModel(model: Model): void {
  for (const v of Object.values(model.params)) v.dispose();
}
