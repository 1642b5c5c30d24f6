import assert from "node:assert/strict";
import { closeTo } from "./_close.ts";
import {
  backtestConfig,
  fill,
  fillPrice,
  fillReference,
  hasQuote,
  positionRules,
} from "../lib/backtest/mod.ts";
import { strategyConfig } from "../lib/strategy/mod.ts";
import { contractSpec, instrument, rateFee, REBAR } from "../lib/calendar/mod.ts";

const close = closeTo(1e-9);

Deno.test("fill with a book: buy at the ask, sell at the bid, no slippage ticks added", () => {
  const q = { bid: 3500, ask: 3501, price: 3490 };
  const buy = fill(1, q);
  // 1e-4 × 3501 × 10 × 1 = 3.501; slippage vs mid 3500.5 = 0.5 × 10 = 5.
  assert.equal(buy.price, 3501);
  assert.equal(buy.reference, 3500.5);
  close(buy.commission, 3.501);
  close(buy.slippage, 5);
  const sell = fill(-1, q, { lots: 3 });
  assert.equal(sell.price, 3500);
  close(sell.commission, 1e-4 * 3500 * 30);
  close(sell.slippage, 15);
});

Deno.test("fill without a book: reference ± slippageTicks·tick, then extra ticks on every fill", () => {
  const q = { bid: NaN, ask: NaN, price: 3500 };
  assert.equal(fill(1, q).price, 3501);
  assert.equal(fill(-1, q).price, 3499);
  assert.equal(fill(1, q, { slippageTicks: 2 }).price, 3502);
  assert.equal(fill(1, q, { slippageTicks: 0 }).price, 3500);
  assert.equal(fill(-1, q, { extraSlippageTicks: 1 }).price, 3498);
  // Extra ticks also apply with a book; the tick comes from the contract.
  const five = contractSpec({ tick: 5 });
  assert.equal(
    fill(1, { bid: 3500, ask: 3505, price: 0 }, { extraSlippageTicks: 2, contract: five }).price,
    3515,
  );
  assert.equal(fill(-1, { bid: NaN, ask: NaN, price: 3500 }, { contract: five }).price, 3495);
  // 3 lots, 2 ticks adverse: slippage = 2 × 10 × 3 = 60 CNY.
  close(fill(1, q, { slippageTicks: 2, lots: 3 }).slippage, 60);
});

Deno.test("fill: entries pay the open fee, exits the close-today fee", () => {
  const contract = contractSpec({ fee: rateFee(1e-4, 3e-4) });
  const q = { bid: 4000, ask: 4001, price: 4000 };
  close(fill(1, q, { contract }).commission, 1e-4 * 4001 * 10);
  close(fill(1, q, { contract, exit: true }).commission, 3e-4 * 4001 * 10);
  close(fill(-1, q, { contract, exit: true, lots: 2 }).commission, 3e-4 * 4000 * 20);
  // A per-lot fee (al: 3 CNY per lot, closing today free) ignores the price.
  const al = instrument("al");
  close(fill(1, q, { contract: al, lots: 2 }).commission, 6);
  close(fill(-1, q, { contract: al, exit: true, lots: 2 }).commission, 0);
});

Deno.test("fill: an unusable quote (NaN, zero, crossed) falls back to the no-book rule", () => {
  assert.equal(hasQuote(3500, 3501), true);
  assert.equal(hasQuote(3500, 3500), true);
  assert.equal(hasQuote(0, 3501), false);
  assert.equal(hasQuote(3502, 3501), false);
  assert.equal(hasQuote(3500, Infinity), false);
  assert.equal(fill(1, { bid: 3502, ask: 3501, price: 3500 }).price, 3501);
  assert.equal(fill(1, { bid: 3502, ask: 3501, price: 3500 }).reference, 3500);
  assert.throws(() => fill(0 as never, { bid: 1, ask: 2, price: 1 }), RangeError);
});

Deno.test("backtestConfig: defaults from REBAR and the strategy, presets, validation", () => {
  const c = backtestConfig();
  assert.equal(c.contract.multiplier, REBAR.multiplier);
  assert.equal(c.maxHold, 15);
  assert.equal(c.lots, 1);
  assert.equal(c.onOpposite, "reverse");
  assert.equal(c.slippageTicks, 1);
  assert.equal(c.extraSlippageTicks, 0);
  assert.equal(backtestConfig({}, { preset: "stress" }).extraSlippageTicks, 1);
  const fromStrategy = backtestConfig(
    positionRules(strategyConfig({ maxHold: 7, onOpposite: "exit" })),
  );
  assert.equal(fromStrategy.maxHold, 7);
  assert.equal(fromStrategy.onOpposite, "exit");
  assert.throws(() => backtestConfig({ slipageTicks: 1 } as never), TypeError);
  assert.throws(() => backtestConfig({ maxHold: 0 }), RangeError);
  assert.throws(() => backtestConfig({ slippageTicks: -1 }), RangeError);
  assert.throws(() => backtestConfig({ contract: { ...REBAR, tick: 0 } }), RangeError);
});

Deno.test("fillPrice and fillReference: the primitives simulate uses, in price units", () => {
  const book = { bid: 3500, ask: 3502, price: 3490 };
  const none = { bid: NaN, ask: NaN, price: 3490 };
  assert.equal(fillPrice(1, book, { slippage: 5, extra: 0 }), 3502);
  assert.equal(fillPrice(-1, book, { slippage: 5, extra: 2 }), 3498);
  assert.equal(fillPrice(1, none, { slippage: 5, extra: 2 }), 3497);
  assert.equal(fillPrice(-1, none, { slippage: 5, extra: 0 }), 3485);
  assert.equal(fillReference(book), 3501);
  assert.equal(fillReference(none), 3490);
});
