/**
 * The architecture as two readable tables (notebook 03): the model stage by stage, and the inside
 * of one pre-LN encoder block, each with output shapes and parameter counts taken from the
 * parameter list itself.
 *
 * @module
 */
import { describeModel } from "./describe_model.ts";
import { type ModelConfig, validateModelConfig } from "./model_config.ts";

/** One row of {@linkcode architectureTable} or {@linkcode blockTable}. */
export type ArchitectureRow = {
  /** Stage name, e.g. `"embed"` or `"attn"`. */
  stage: string;
  /** What the stage computes. */
  operation: string;
  /** Output shape for a batch of B windows, e.g. `"B × 60 × 64"`. */
  output: string;
  /** Trainable scalars of the stage (all repeats included). */
  params: number;
};

/** Parameters whose name starts with any of `prefixes`. */
function paramsOf(config: ModelConfig, ...prefixes: string[]): number {
  return describeModel(config).filter((r) => prefixes.some((p) => r.layer.startsWith(p)))
    .reduce((a, r) => a + r.params, 0);
}

/**
 * The model from input to prediction, one row per stage, ending with a `total` row equal to
 * `paramCount(config)`.
 *
 * @example
 * ```ts
 * architectureTable(modelConfig("default")).at(-1); // { stage: "total", …, params: 204545 }
 * ```
 */
export function architectureTable(config: ModelConfig): ArchitectureRow[] {
  const c = validateModelConfig(config);
  const { seqLen: T, nFeatures: F, dModel: d, nHeads: H, dFF, nLayers: L } = c;
  const seq = (w: number) => `B × ${T} × ${w}`;
  const rows: ArchitectureRow[] = [
    {
      stage: "input",
      operation: `${T} one-minute bars × ${F} normalised features`,
      output: seq(F),
      params: 0,
    },
    {
      stage: "embed",
      operation: `Dense ${F}→${d} per step + learned positional embedding [${T}, ${d}], dropout`,
      output: seq(d),
      params: paramsOf(c, "inProj/", "posEmb"),
    },
    {
      stage: `blocks ×${L}`,
      operation: `pre-LN block: causal self-attention (${H} heads × ${
        d / H
      }), MLP ${d}→${dFF}→${d}`,
      output: seq(d),
      params: paramsOf(c, "block"),
    },
    { stage: "lnF", operation: "final LayerNorm", output: seq(d), params: paramsOf(c, "lnF/") },
    {
      stage: "last step",
      operation: `keep step ${T - 1} only (the newest bar)`,
      output: `B × ${d}`,
      params: 0,
    },
    {
      stage: "head",
      operation: `Dense ${d}→1: the predicted 5-minute return (standardised)`,
      output: "B",
      params: paramsOf(c, "head/"),
    },
  ];
  rows.push({
    stage: "total",
    operation: "",
    output: "",
    params: rows.reduce((a, r) => a + r.params, 0),
  });
  return rows;
}

/**
 * The inside of one encoder block (all L blocks have this shape), the two residual updates
 * spelled out, ending with the block's `total`.
 *
 * @example
 * ```ts
 * blockTable(modelConfig("default")).map((r) => r.stage);
 * // ["x", "ln1", "attn", "x ← x + attn", "ln2", "mlp", "x ← x + mlp", "total"]
 * ```
 */
export function blockTable(config: ModelConfig): ArchitectureRow[] {
  const c = validateModelConfig(config);
  const { seqLen: T, dModel: d, nHeads: H, dFF } = c;
  const hd = d / H;
  const seq = (w: number) => `B × ${T} × ${w}`;
  const p = (name: string) => paramsOf(c, `block0/${name}/`);
  const rows: ArchitectureRow[] = [
    { stage: "x", operation: "the block's input (residual stream)", output: seq(d), params: 0 },
    { stage: "ln1", operation: "LayerNorm over the d features", output: seq(d), params: p("ln1") },
    {
      stage: "attn",
      operation: `q, k, v = Dense ${d}→${3 * d}; per head softmax(q·kᵀ/√${hd} + causal mask)·v; ` +
        `${H} heads concatenated, Dense ${d}→${d}`,
      output: seq(d),
      params: p("attn"),
    },
    {
      stage: "x ← x + attn",
      operation: "x + dropout(attn(ln1(x))); dropout in training only",
      output: seq(d),
      params: 0,
    },
    { stage: "ln2", operation: "LayerNorm over the d features", output: seq(d), params: p("ln2") },
    {
      stage: "mlp",
      operation: `Dense ${d}→${dFF}, ReLU, Dense ${dFF}→${d} (per step)`,
      output: seq(d),
      params: p("mlp"),
    },
    {
      stage: "x ← x + mlp",
      operation: "x + dropout(mlp(ln2(x))); dropout in training only",
      output: seq(d),
      params: 0,
    },
  ];
  rows.push({
    stage: "total",
    operation: "one block",
    output: "",
    params: rows.reduce((a, r) => a + r.params, 0),
  });
  return rows;
}
