/**
 * Worker side of {@linkcode predictParallel}: owns one tfjs wasm instance and one model copy, and
 * answers chunk requests with {@linkcode predict}. Not imported by `mod.ts`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { createModel, disposeModel, type Model } from "./create_model.ts";
import { initBackend } from "./init_backend.ts";
import type { ModelConfig } from "./model_config.ts";
import { predict, type PredictOptions } from "./predict.ts";
import * as tf from "@tensorflow/tfjs-core";

/** Messages the main thread sends. */
export type WorkerRequest =
  | { kind: "init"; config: ModelConfig; weights: Record<string, Float32Array> }
  | { kind: "chunk"; id: number; windows: Float32Array; options: PredictOptions }
  | { kind: "close" };

/** Messages a worker sends back. */
export type WorkerReply =
  | { kind: "ready"; backend: string }
  | { kind: "chunk"; id: number; predictions: Float32Array; attention?: Float32Array }
  | { kind: "error"; message: string };

let model: Model | undefined;

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  try {
    if (msg.kind === "init") {
      const backend = await initBackend("wasm");
      model = createModel(msg.config);
      for (const [name, values] of Object.entries(msg.weights)) {
        const v = model.params[name];
        tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
      }
      self.postMessage({ kind: "ready", backend } satisfies WorkerReply);
    } else if (msg.kind === "chunk") {
      const out = await predict(model!, msg.windows, msg.options);
      const reply: WorkerReply = { kind: "chunk", id: msg.id, ...out };
      const transfer = [out.predictions.buffer, ...(out.attention ? [out.attention.buffer] : [])];
      self.postMessage(reply, { transfer: transfer as ArrayBuffer[] });
    } else {
      if (model) disposeModel(model);
      self.close();
    }
  } catch (err) {
    self.postMessage(
      { kind: "error", message: String((err as Error)?.stack ?? err) } satisfies WorkerReply,
    );
  }
};
