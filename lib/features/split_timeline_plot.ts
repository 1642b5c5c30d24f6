/**
 * The chronological train / validation / test split by trading day as a calendar timeline.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import type { DaySplit } from "./split_by_day.ts";

const DAY_MS = 86_400_000;
const PARTS = [
  ["train", "#4c72b0"],
  ["purge", "#c0392b"],
  ["val", "#dd8452"],
  ["test", "#55a868"],
] as const;

const utcOf = (ymd: number) =>
  Date.UTC(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100 - 1, ymd % 100);
const iso = (ymd: number) => new Date(utcOf(ymd)).toISOString().slice(0, 10);

/**
 * One cell per trading day on a calendar axis, coloured by split (train blue, purge red,
 * validation orange, test green), so weekends and holidays show as gaps; above the strip each
 * split is labelled with its day count and first … last day (MM-DD), below it each purged day.
 *
 * @example
 * ```ts
 * showPlot(splitTimelinePlot(splitByDay(frame.tradingDay)));
 * ```
 * @param options.title chart title.
 * @param options.width width in px; default 900.
 * @param options.height height in px; default 170.
 */
export function splitTimelinePlot(
  split: DaySplit,
  options: { title?: string; width?: number; height?: number } = {},
): Element {
  const byPart: Record<string, number[]> = {
    train: split.train,
    purge: split.purged,
    val: split.val,
    test: split.test,
  };
  const cells = PARTS.flatMap(([part]) =>
    byPart[part].map((d) => ({ x1: new Date(utcOf(d)), x2: new Date(utcOf(d) + DAY_MS), part }))
  );
  const labels = (["train", "val", "test"] as const).filter((p) => byPart[p].length > 0).map(
    (p) => {
      const days = byPart[p];
      const mid = (utcOf(days[0]) + utcOf(days.at(-1)!) + DAY_MS) / 2;
      return {
        x: new Date(mid),
        text: `${p}: ${days.length} days`,
        sub: `${iso(days[0]).slice(5)} … ${iso(days.at(-1)!).slice(5)}`,
      };
    },
  );
  const purges = split.purged.map((d) => ({
    x: new Date(utcOf(d) + DAY_MS / 2),
    text: `purge ${iso(d).slice(5)}`,
  }));
  return Plot.plot({
    document,
    title: options.title ??
      `Split by trading day: ${split.options.train * 100} / ${split.options.val * 100} / ` +
        `${split.options.test * 100} %, ${split.options.purgeDays} purge day(s) at each boundary`,
    width: options.width ?? 900,
    height: options.height ?? 170,
    marginLeft: 20,
    marginRight: 20,
    marginTop: 44,
    marginBottom: 52,
    x: { type: "utc", label: "trading day →", labelAnchor: "right" },
    color: {
      legend: true,
      domain: PARTS.map(([p]) => p),
      range: PARTS.map(([, c]) => c),
    },
    marks: [
      Plot.rect(cells, { x1: "x1", x2: "x2", fill: "part" }),
      Plot.text(labels, {
        x: "x",
        text: "text",
        frameAnchor: "top",
        dy: -30,
        fontWeight: "bold",
        fontSize: 11,
      }),
      Plot.text(labels, { x: "x", text: "sub", frameAnchor: "top", dy: -16, fontSize: 10 }),
      Plot.text(purges, {
        x: "x",
        text: "text",
        frameAnchor: "bottom",
        dy: 30,
        fontSize: 10,
        fill: "#c0392b",
      }),
    ],
  });
}
