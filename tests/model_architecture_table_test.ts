// architectureTable and blockTable: parameter counts add up to the model's, shapes follow config.
import assert from "node:assert/strict";
import {
  architectureTable,
  blockTable,
  describeModel,
  modelConfig,
  paramCount,
} from "../lib/model/mod.ts";

Deno.test("architectureTable: stages add up to paramCount for several configs", () => {
  const configs = [
    modelConfig("default"),
    modelConfig("tiny"),
    modelConfig("default", { nFeatures: 5, seqLen: 30, nLayers: 2, dFF: 96 }),
  ];
  for (const c of configs) {
    const rows = architectureTable(c);
    const total = rows.at(-1)!;
    assert.equal(total.stage, "total");
    assert.equal(total.params, paramCount(c));
    assert.equal(rows.slice(0, -1).reduce((a, r) => a + r.params, 0), paramCount(c));
    assert.equal(rows[0].output, `B × ${c.seqLen} × ${c.nFeatures}`);
    assert.equal(rows.find((r) => r.stage === "head")!.output, "B");
    // All L blocks together = L × one block.
    const blocks = rows.find((r) => r.stage === `blocks ×${c.nLayers}`)!;
    assert.equal(blocks.params, c.nLayers * blockTable(c).at(-1)!.params);
  }
  assert.equal(paramCount(modelConfig("default")), 204545);
});

Deno.test("blockTable: one block's rows match block0's parameters", () => {
  const c = modelConfig("default");
  const rows = blockTable(c);
  assert.deepEqual(rows.map((r) => r.stage), [
    "x",
    "ln1",
    "attn",
    "x ← x + attn",
    "ln2",
    "mlp",
    "x ← x + mlp",
    "total",
  ]);
  const block0 = describeModel(c).filter((r) => r.layer.startsWith("block0/"));
  const sum = (p: string) =>
    block0.filter((r) => r.layer.startsWith(p)).reduce((a, r) => a + r.params, 0);
  assert.equal(rows[2].params, sum("block0/attn/"));
  assert.equal(rows[2].params, 64 * 192 + 192 + 64 * 64 + 64);
  assert.equal(rows[5].params, 64 * 256 + 256 + 256 * 64 + 64);
  assert.equal(rows.at(-1)!.params, sum("block0/"));
  assert.ok(rows.every((r) => r.stage === "total" || r.output === "B × 60 × 64"));
  assert.match(rows[2].operation, /4 heads/);
  assert.throws(() => blockTable({ ...c, nHeads: 3 }), RangeError);
});
