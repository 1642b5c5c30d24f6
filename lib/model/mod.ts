/**
 * The Trendformer model: a causal Transformer encoder over windows of bar features, in
 * TensorFlow.js on the wasm backend, with seeded initialisation, batched inference with attention
 * read-out, a training step and atomic checkpoints.
 *
 * The building blocks (dense, LayerNorm, dropout, causal attention, the SIMD kernels and their
 * gradients) are internal: import them from their files when a test needs one.
 *
 * @module
 */
export * from "./model_config.ts";
export * from "./init_backend.ts";
export * from "./create_model.ts";
export * from "./describe_model.ts";
export * from "./forward.ts";
export * from "./predict.ts";
export * from "./predict_parallel.ts";
export * from "./train_step.ts";
export * from "./checkpoint.ts";
export * from "./architecture_table.ts";
export * from "./causal_check.ts";
export * from "./attention_map_checks.ts";
export * from "./attention_maps_plot.ts";
export * from "./last_step_attention.ts";
export * from "./flat_weights.ts";
