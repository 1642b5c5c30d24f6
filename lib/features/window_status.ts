/**
 * The window rule, bar by bar: for every bar, whether a model window may end there and, if not,
 * why. It mirrors {@linkcode windowEnds} (a test pins that the eligible bars are exactly its
 * ends), counts the outcome per split, and draws it around a split boundary.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { sessionAxis } from "../market/session_axis.ts";
import { document } from "../plot/mod.ts";
import type { FeatureFrame } from "./build_features.ts";
import type { DaySplit } from "./split_by_day.ts";

/**
 * What a bar is, by code (the index): a window end in train / val / test; a bar of a purged day;
 * or not a window end because the window would read bars outside its split (another split, a
 * purged day, or before the first bar), because a feature is undefined on a bar it reads
 * (warm-up), or because the target reads past the end of the trading day (or of the data).
 * Code 7: a bar whose day is in no split.
 */
export const WINDOW_STATUS = [
  "window end: train",
  "window end: val",
  "window end: test",
  "purged day",
  "no: window reaches outside its split",
  "no: undefined feature in the window",
  "no: target crosses the day end",
  "day in no split",
] as const;

/** One status label of {@linkcode WINDOW_STATUS}. */
export type WindowStatusLabel = typeof WINDOW_STATUS[number];

/** Options of {@linkcode windowStatus}. */
export interface WindowStatusOptions {
  /** Window length in bars. Default `frame.spec.window`. */
  length?: number;
  /** Bars after the end that the target reads. Default `frame.spec.horizon`. */
  horizon?: number;
}

/**
 * The status code (index into {@linkcode WINDOW_STATUS}) of every bar of the frame under the
 * window rule of {@linkcode windowEnds} (stride 1, target required): codes 0–2 are exactly the
 * ends `windowEnds(frame, split.train | val | test)` returns. Throws RangeError for a bad length
 * or horizon.
 *
 * @example
 * ```ts
 * const status = windowStatus(frame, split);
 * status.filter((s) => s === 0).length === windowEnds(frame, split.train).length; // true
 * ```
 * @param options.length window length; default frame.spec.window.
 * @param options.horizon target bars after the end; default frame.spec.horizon.
 */
export function windowStatus(
  frame: FeatureFrame,
  split: DaySplit,
  options: WindowStatusOptions = {},
): Uint8Array {
  const length = options.length ?? frame.spec.window;
  const horizon = options.horizon ?? frame.spec.horizon;
  if (!(Number.isInteger(length) && length >= 1)) {
    throw new RangeError(`Window length must be a positive integer, got ${length}`);
  }
  if (!(Number.isInteger(horizon) && horizon >= 0)) {
    throw new RangeError(`Window horizon must be a non-negative integer, got ${horizon}`);
  }
  const partOf = new Map<number, number>();
  split.train.forEach((d) => partOf.set(d, 0));
  split.val.forEach((d) => partOf.set(d, 1));
  split.test.forEach((d) => partOf.set(d, 2));
  split.purged.forEach((d) => partOf.set(d, 3));
  const n = frame.time.length, f = frame.names.length;
  const part = new Uint8Array(n);
  const nanRows = new Int32Array(n + 1); // prefix count of rows with a non-finite feature
  for (let i = 0; i < n; i++) {
    part[i] = partOf.get(frame.tradingDay[i]) ?? 7;
    let ok = true;
    for (let k = i * f, e = k + f; ok && k < e; k++) ok = Number.isFinite(frame.values[k]);
    nanRows[i + 1] = nanRows[i] + (ok ? 0 : 1);
  }
  // Rows since the last change of part, to test "the window's rows are all in t's part".
  const run = new Int32Array(n);
  for (let i = 0; i < n; i++) run[i] = i > 0 && part[i] === part[i - 1] ? run[i - 1] + 1 : 1;
  const status = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const p = part[t];
    if (p >= 3) {
      status[t] = p;
      continue;
    }
    if (t - length + 1 < 0 || run[t] < length) status[t] = 4;
    else if (nanRows[t + 1] - nanRows[t + 1 - length] !== 0) status[t] = 5;
    else if (
      t + horizon >= n || !Number.isFinite(frame.target[t]) ||
      run[t + horizon] < horizon + 1
    ) status[t] = 6;
    else status[t] = p;
  }
  return status;
}

/** One row of {@linkcode windowCounts}, keyed by its column header. */
export type WindowCountRow = Record<string, string | number | null>;

/**
 * The window rule in numbers, one row per split (train, purge, val, test): trading days, bars,
 * window ends (what {@linkcode windowEnds} returns), their share of the bars, and the bars lost
 * to each reason of {@linkcode WINDOW_STATUS}. Purged days have no windows (reasons left empty).
 *
 * @example
 * ```ts
 * showTable(windowCounts(frame, split));
 * // split | trading days | bars | window ends | ends / bars (%) | lost: … (3 columns)
 * ```
 * @param options.length window length; default frame.spec.window.
 * @param options.horizon target bars after the end; default frame.spec.horizon.
 */
export function windowCounts(
  frame: FeatureFrame,
  split: DaySplit,
  options: WindowStatusOptions = {},
): WindowCountRow[] {
  const status = windowStatus(frame, split, options);
  const parts = [
    ["train", split.train, 0],
    ["purge", split.purged, 3],
    ["val", split.val, 1],
    ["test", split.test, 2],
  ] as const;
  return parts.map(([name, days, code]) => {
    const inPart = new Set<number>(days);
    const counts = new Array(WINDOW_STATUS.length).fill(0);
    let bars = 0;
    for (let i = 0; i < status.length; i++) {
      if (!inPart.has(frame.tradingDay[i])) continue;
      bars++;
      counts[status[i]]++;
    }
    const purge = code === 3;
    return {
      split: name,
      "trading days": days.length,
      bars,
      "window ends": purge ? 0 : counts[code],
      "ends / bars (%)": bars && !purge ? (100 * counts[code]) / bars : null,
      "lost: window outside split": purge ? null : counts[4],
      "lost: warm-up (undefined feature)": purge ? null : counts[5],
      "lost: target past day end": purge ? null : counts[6],
    };
  });
}

const STATUS_COLORS = [
  "#4c72b0", // train end
  "#dd8452", // val end
  "#55a868", // test end
  "#f4c7c3", // purged day
  "#6b4c9a", // reaches outside the split
  "#b8b8b8", // undefined feature
  "#222222", // target crosses the day end
  "#ffffff", // no split
];

/**
 * The status of every bar of `options.days` as coloured cells on a session-time axis (breaks
 * shortened; lib/market `sessionAxis`), with each trading day labelled by its split. By default
 * the days around the train → validation boundary: the last training day, the purged day(s) and
 * the first validation day, where the rule is visible: no window on purged days, none in the
 * first `length − 1` bars after a purge (the window would read it), none in the last `horizon`
 * bars of a day (the target would cross the day end).
 *
 * @example
 * ```ts
 * showPlot(windowStatusPlot(frame, split));
 * ```
 * @param options.days trading days to draw; default the train → val boundary.
 * @param options.length window length; default frame.spec.window.
 * @param options.horizon target bars after the end; default frame.spec.horizon.
 * @param options.title chart title.
 * @param options.width width in px; default 960.
 */
export function windowStatusPlot(
  frame: FeatureFrame,
  split: DaySplit,
  options: WindowStatusOptions & { days?: readonly number[]; title?: string; width?: number } = {},
): Element {
  const status = windowStatus(frame, split, options);
  const last = split.train.at(-1), first = split.val[0];
  const days = options.days ??
    [
      last,
      ...split.purged.filter((d) => last !== undefined && d > last && d < (first ?? Infinity)),
      first,
    ]
      .filter((d): d is number => d !== undefined);
  const wanted = new Set(days);
  const rows: number[] = [];
  for (let i = 0; i < status.length; i++) if (wanted.has(frame.tradingDay[i])) rows.push(i);
  if (rows.length === 0) throw new RangeError(`No bars on the days ${days.join(", ")}`);
  const axis = sessionAxis(rows.map((i) => frame.time[i]), { gap: 12, tickMinutes: 120 });
  const cells = rows.map((i, k) => ({
    x1: axis.x[k] - 1,
    x2: axis.x[k],
    status: WINDOW_STATUS[status[i]],
  }));
  const part = (d: number) =>
    split.train.includes(d)
      ? "train"
      : split.val.includes(d)
      ? "val"
      : split.test.includes(d)
      ? "test"
      : split.purged.includes(d)
      ? "purged"
      : "no split";
  const dayLabels = [...wanted].map((d) => {
    const ks = rows.map((i, k) => (frame.tradingDay[i] === d ? k : -1)).filter((k) => k >= 0);
    const s = String(d);
    return {
      x: (axis.x[ks[0]] - 1 + axis.x[ks.at(-1)!]) / 2,
      text: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)} (${part(d)})`,
    };
  });
  const present = WINDOW_STATUS.filter((_, c) => rows.some((i) => status[i] === c));
  const tickLabel = new Map(axis.ticks.map((t) => [t.x, t.label]));
  return Plot.plot({
    document,
    title: options.title ?? "Where a window may end: bar by bar around the train → val boundary",
    width: options.width ?? 960,
    height: 190,
    marginLeft: 20,
    marginRight: 20,
    marginTop: 30,
    marginBottom: 42,
    x: {
      ticks: axis.ticks.map((t) => t.x),
      tickFormat: (x: number) => tickLabel.get(x) ?? "",
      label: "bar-end time, Asia/Shanghai (breaks shortened) →",
      labelAnchor: "right",
    },
    color: {
      legend: true,
      domain: present,
      range: present.map((p) => STATUS_COLORS[WINDOW_STATUS.indexOf(p)]),
    },
    marks: [
      Plot.rect(cells, { x1: "x1", x2: "x2", fill: "status" }),
      Plot.text(dayLabels, {
        x: "x",
        text: "text",
        frameAnchor: "top",
        dy: -16,
        fontWeight: "bold",
        fontSize: 11,
      }),
    ],
  });
}
