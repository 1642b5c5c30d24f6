import assert from "node:assert/strict";
import { closeTo } from "./_close.ts";
import {
  adamwStep,
  averagedWeights,
  clipGlobalNorm,
  createAdamW,
  learningRate,
  restoreAdamW,
  saveAdamW,
} from "../lib/train/mod.ts";

const close = closeTo(1e-6);

Deno.test("adamwStep: Adam's bias-corrected step, and decay only where the mask says", () => {
  const w = Float32Array.from([1, 1]), g = Float32Array.from([0.5, 0.5]);
  const opt = createAdamW(2, { weightDecay: 0.1, mask: Uint8Array.from([1, 0]) });
  adamwStep(opt, w, g, 0.01);
  // First step: m̂ = g, v̂ = g², so the Adam step is lr · g/|g| = 0.01 (up to eps).
  close(w[1], 1 - 0.01, 1e-7);
  // The decayed weight also shrinks by lr · wd first: 1 · (1 − 0.001) − 0.01.
  close(w[0], 0.999 - 0.01, 1e-7);
  adamwStep(opt, w, Float32Array.from([0, 0]), 0.01);
  // Second step, zero gradient: m = 0.9·0.05… the step continues in the same direction.
  assert.ok(w[1] < 0.99 && w[1] > 0.98, `${w[1]}`);
  assert.equal(opt.step, 2);
});

Deno.test("clipGlobalNorm scales to the bound and reports the norm before", () => {
  const g = Float32Array.from([3, 4]);
  close(clipGlobalNorm(g, 1), 5);
  close(Math.hypot(g[0], g[1]), 1);
  const small = Float32Array.from([0.3, 0.4]);
  clipGlobalNorm(small, 1);
  assert.deepEqual([...small], [...Float32Array.from([0.3, 0.4])]);
});

Deno.test("learningRate: linear warm-up, half cosine, then the floor", () => {
  const s = { lr: 1e-3, warmupSteps: 100, totalSteps: 1100, minLr: 1e-4 };
  close(learningRate(50, s), 5e-4, 1e-12);
  close(learningRate(100, s), 1e-3, 1e-12);
  close(learningRate(600, s), 5.5e-4, 1e-12);
  close(learningRate(1100, s), 1e-4, 1e-12);
  close(learningRate(5000, s), 1e-4, 1e-12);
  close(learningRate(1, { ...s, warmupSteps: 0 }), 1e-3, 1e-8);
});

Deno.test("the weights' moving average is bias-corrected and survives save/restore", () => {
  const opt = createAdamW(1, { emaDecay: 0.9 });
  const w = Float32Array.from([2]);
  assert.deepEqual([...averagedWeights(opt, w)], [2]); // no step yet: the weights themselves
  adamwStep(opt, w, Float32Array.from([0]), 0); // lr 0: w stays 2
  close(averagedWeights(opt, w)[0], 2); // 0.1·2 / (1 − 0.9) = 2, not 0.2
  w[0] = 4;
  adamwStep(opt, w, Float32Array.from([0]), 0);
  close(averagedWeights(opt, w)[0], (0.9 * 0.2 + 0.4) / (1 - 0.81)); // 0.58 / 0.19
  const back = restoreAdamW(JSON.parse(JSON.stringify(saveAdamW(opt))), { emaDecay: 0.9 });
  assert.equal(back.step, 2);
  assert.deepEqual(back.ema, opt.ema);
  assert.deepEqual(back.m, opt.m);
  assert.throws(() => restoreAdamW({} as never), TypeError);
  assert.throws(() => createAdamW(1, { emaDecay: 1 }), RangeError);
});
