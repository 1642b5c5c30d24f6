import assert from "node:assert/strict";
import { generateMarket, MARKET_PRESETS, sessionPricePlot } from "../lib/market/mod.ts";

const texts = (el: Element, label: string) =>
  [...el.querySelectorAll(`g[aria-label="${label}"] text`)].map((e) => e.textContent);
const marks = (el: Element, label: string) =>
  [...el.querySelectorAll(`g[aria-label="${label}"]`)].reduce((n, g) => n + g.children.length, 0);

Deno.test("sessionPricePlot: one shaded block and one line per session, jumps linked, days labelled", () => {
  const table = generateMarket(MARKET_PRESETS.tiny);
  // Friday 2023-01-06 and Monday 01-09 (whose night is Friday evening): 2 × 4 sessions.
  const el = sessionPricePlot(table, { days: [20230109, 20230106] });
  assert.equal(
    el.querySelector("h2")?.textContent,
    "Close by session, trading days 2023-01-06 … 2023-01-09",
  );
  assert.equal(marks(el, "rect"), 8);
  assert.equal(marks(el, "line"), 8);
  assert.equal(marks(el, "link"), 7, "one dashed link across each of the 7 breaks");
  assert.equal(marks(el, "rule"), 1, "one rule between the two trading days");
  assert.deepEqual(texts(el, "text"), [
    "trading day Fri 2023-01-06",
    "trading day Mon 2023-01-09",
    "Thu evening",
    "Fri evening",
  ]);
  assert.deepEqual(texts(el, "x-axis tick label").slice(0, 5), [
    "21:00",
    "22:00",
    "09:00",
    "10:30",
    "13:30",
  ]);
  assert.deepEqual([...el.querySelectorAll("span")].map((s) => s.textContent), [
    "night session 21:00–23:00 (previous evening)",
    "day sessions 09:00–10:15, 10:30–11:30, 13:30–15:00",
  ]);
  // The line's points follow the closes of those days: its y extent spans their price range.
  const rows = [...table.tradingDay.keys()].filter((i) =>
    [20230106, 20230109].includes(table.tradingDay[i])
  );
  const closes = rows.map((i) => table.close[i]);
  const ticks = texts(el, "y-axis tick label").map((s) => Number(s!.replace(/[,−]/g, "")));
  assert.ok(
    Math.min(...ticks) <= Math.min(...closes) + 20 &&
      Math.max(...ticks) >= Math.max(...closes) - 20,
  );
});

Deno.test("sessionPricePlot: defaults to the first three days; unknown days are a RangeError", () => {
  const table = generateMarket({ maxDays: 4 });
  const el = sessionPricePlot(table, { title: "three days" });
  assert.equal(el.querySelector("h2")?.textContent, "three days");
  // 2023-01-03 has no night session: 3 + 4 + 4 sessions.
  assert.equal(marks(el, "rect"), 11);
  assert.throws(
    () => sessionPricePlot(table, { days: [20230202] }),
    /Trading day 20230202 is not in/,
  );
  assert.throws(() => sessionPricePlot(table, { days: [] }), RangeError);
});
