import assert from "node:assert/strict";
import { closeTo } from "./_close.ts";
import {
  bearishAttention,
  bearishAttentionAt,
  bullishAttention,
  bullishAttentionAt,
  candleDirection,
  signals,
  STRATEGY_DEFAULTS,
  strategyConfig,
} from "../lib/strategy/mod.ts";

const close = closeTo(1e-6);

Deno.test("strategyConfig: documented defaults, presets, overrides and validation", () => {
  const d = strategyConfig();
  assert.equal(d.signalThreshold, 0.001);
  assert.equal(d.attentionThreshold, 0.6);
  assert.equal(d.maxHold, 15);
  assert.equal(d.lots, 1);
  assert.equal(d.onOpposite, "reverse");
  assert.deepEqual(d.attention, { layer: "last", aggregation: "mean-heads" });
  assert.equal(strategyConfig({}, { preset: "tiny" }).maxHold, 5);
  const o = strategyConfig({ maxHold: 10, onOpposite: "exit", attention: { layer: 2 } as never });
  assert.equal(o.maxHold, 10);
  assert.equal(o.onOpposite, "exit");
  assert.deepEqual(o.attention, { layer: 2, aggregation: "mean-heads" });
  assert.ok(Object.isFrozen(o));
  assert.throws(() => strategyConfig({ maxhold: 3 } as never), TypeError);
  assert.throws(() => strategyConfig({ attention: { heads: 1 } as never }), TypeError);
  assert.throws(() => strategyConfig({ maxHold: 0 }), RangeError);
  assert.throws(() => strategyConfig({ lots: 1.5 }), RangeError);
  assert.throws(() => strategyConfig({ signalThreshold: -1 }), RangeError);
  assert.throws(() => strategyConfig({ onOpposite: "flip" as never }), RangeError);
  assert.throws(() => strategyConfig({}, { preset: "huge" as never }), TypeError);
  assert.equal(STRATEGY_DEFAULTS.maxHold, 15);
});

Deno.test("candleDirection: +1 up, -1 down, 0 for doji or NaN", () => {
  assert.deepEqual(
    Array.from(candleDirection([10, 10, 10, NaN], [11, 9, 10, 5])),
    [1, -1, 0, 0],
  );
  assert.throws(() => candleDirection([1], [1, 2]), RangeError);
});

Deno.test("bullish/bearish attention sum the weights on up/down minutes; doji counts in neither", () => {
  // Two windows of T = 4. Window 0: up, down, doji, up → bull 0.1 + 0.4 = 0.5, bear 0.2.
  // Window 1: down, down, up, doji → bull 0.25, bear 0.25 + 0.25 = 0.5; doji weight 0.25 lost.
  const rows = Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.25, 0.25);
  const dir = Int8Array.of(1, -1, 0, 1, -1, -1, 1, 0);
  const bull = bullishAttention(rows, dir, { length: 4 });
  const bear = bearishAttention(rows, dir, { length: 4 });
  assert.ok(bull instanceof Float32Array && bull.length === 2);
  close(bull[0], 0.5);
  close(bear[0], 0.2);
  close(bull[1], 0.25);
  close(bear[1], 0.5);
  // A 0/1 "is up" mask gives the same bullish score.
  const isUp = Uint8Array.from(dir, (d) => (d > 0 ? 1 : 0));
  assert.deepEqual(bullishAttention(rows, isUp, { length: 4 }), bull);
  assert.throws(() => bullishAttention(rows, dir, { length: 3 }), RangeError);
  assert.throws(() => bullishAttention(rows, dir.subarray(0, 4), { length: 4 }), RangeError);
});

Deno.test("attention over windows given by end bars equals gathering each window's directions", () => {
  let s = 7;
  const u = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const nBars = 50, T = 6;
  const open = Float64Array.from({ length: nBars }, () => Math.round(u() * 4));
  const cls = Float64Array.from({ length: nBars }, () => Math.round(u() * 4));
  const dir = candleDirection(open, cls);
  const ends = Int32Array.of(5, 6, 20, 49);
  const rows = Float32Array.from({ length: ends.length * T }, () => u());
  const gathered = new Int8Array(ends.length * T);
  for (let i = 0; i < ends.length; i++) {
    for (let j = 0; j < T; j++) gathered[i * T + j] = dir[ends[i] - T + 1 + j];
  }
  assert.deepEqual(
    bullishAttentionAt(rows, dir, { length: T, ends }),
    bullishAttention(rows, gathered, { length: T }),
  );
  assert.deepEqual(
    bearishAttentionAt(rows, dir, { length: T, ends }),
    bearishAttention(rows, gathered, { length: T }),
  );
  // Window 0 covers bars 0..5: its first step is bar 0.
  assert.throws(
    () => bullishAttentionAt(rows, dir, { length: T, ends: [4, 6, 20, 49] }),
    RangeError,
  );
  assert.throws(
    () => bullishAttentionAt(rows, dir, { length: T, ends: [5, 6, 20, 50] }),
    RangeError,
  );
  assert.throws(() => bullishAttentionAt(rows, dir, { length: T, ends: [5, 6] }), RangeError);
});

Deno.test("signals: both gates, strict inequalities, NaN gives 0", () => {
  const pred = [0.002, 0.002, -0.002, -0.002, 0.001, -0.001, 0.002, NaN, 0.002, 0.0005];
  const bull = [0.7, 0.6, 0.9, 0.1, 0.9, 0.1, NaN, 0.9, 0.61, 0.99];
  const bear = [0.1, 0.1, 0.05, 0.61, 0.1, 0.9, 0.9, 0.9, 0.1, 0.0];
  // 0: long. 1: bull = 0.6 not > 0.6. 2: short pred but bear low. 3: short. 4: pred = thr, not >.
  // 5: pred = −thr. 6: bull NaN. 7: pred NaN. 8: long. 9: |pred| below thr.
  assert.deepEqual(Array.from(signals(pred, { bull, bear })), [1, 0, 0, -1, 0, 0, 0, 0, 1, 0]);
  // Lower thresholds let rows 1, 4, 5 and 9 through.
  assert.deepEqual(
    Array.from(signals(pred, { bull, bear }, { signalThreshold: 0.0001, attentionThreshold: 0.5 })),
    [1, 1, 0, -1, 1, -1, 0, 0, 1, 1],
  );
  assert.throws(() => signals([0.1], { bull: [], bear: [0] }), RangeError);
});
