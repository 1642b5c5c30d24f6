import assert from "node:assert/strict";
import { splitByDay, splitTimelinePlot } from "../lib/features/mod.ts";
import { tradingDays } from "../lib/calendar/mod.ts";

Deno.test("splitTimelinePlot: a cell per trading day, splits and purges labelled", () => {
  const days = tradingDays(2023).slice(0, 40);
  const split = splitByDay(days);
  const el = splitTimelinePlot(split);
  assert.equal(el.querySelectorAll('g[aria-label="rect"] rect').length, 40);
  assert.equal(
    el.querySelector("h2")?.textContent,
    "Split by trading day: 70 / 15 / 15 %, 1 purge day(s) at each boundary",
  );
  const texts = [...el.querySelectorAll('g[aria-label="text"] text')].map((e) => e.textContent);
  const iso = (d: number) => `${String(d).slice(4, 6)}-${String(d).slice(6)}`;
  assert.ok(texts.includes(`train: ${split.train.length} days`), texts.join(" | "));
  assert.ok(texts.includes(`${iso(split.val[0])} … ${iso(split.val.at(-1)!)}`));
  assert.deepEqual(
    texts.filter((t) => t!.startsWith("purge")),
    split.purged.map((d) => `purge ${iso(d)}`),
  );
  const legend = [...el.querySelectorAll("span")].map((s) => s.textContent);
  assert.deepEqual(legend, ["train", "purge", "val", "test"]);
});
