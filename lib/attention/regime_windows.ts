/**
 * Which windows to look at closely: the strongest up trend, the strongest down trend and the
 * quietest stretch among a period's windows, chosen with the generator's ground truth
 * (`gt_regime`, `gt_exp_ret_5m`) when the data has it, else with the realised prices.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { formatLocalDateTime } from "../data/mod.ts";

/** What a chosen window shows. */
export type WindowKind = "up trend" | "down trend" | "quiet";

/** One chosen window. */
export interface ChosenWindow {
  /** What it shows. */
  kind: WindowKind;
  /** Its last bar, an index into the bars. */
  end: number;
  /** How it was chosen: the generator's ground truth or, without one, the realised prices. */
  basis: "ground truth" | "realised prices";
  /** Minutes of the window in an up regime (gt_regime = +1); null without ground truth. */
  upRegimeMinutes: number | null;
  /** Minutes in a down regime (gt_regime = −1); null without ground truth. */
  downRegimeMinutes: number | null;
  /** close[end] / open[first bar] − 1: the window's realised move. */
  windowReturn: number;
  /** (max high − min low) / close[end] over the window. */
  range: number;
  /** Bar-end time of the last bar, "YYYY-MM-DD HH:MM" (Asia/Shanghai wall clock). */
  when: string;
  /** A caption, e.g. "up trend: 41 of 60 minutes in an up regime, +0.52 %, ends 2023-11-07 10:12". */
  label: string;
}

/** What the choice reads of one window: its end, trend minutes, drift, return and range. */
interface WindowStats {
  end: number;
  up: number;
  down: number;
  upDrift: number;
  downDrift: number;
  ret: number;
  range: number;
}

function windowStats(bars: BarTable, ends: ArrayLike<number>, T: number): WindowStats[] {
  const n = bars.time.length;
  const regime = bars.groundTruth?.gt_regime ?? null, gt = bars.groundTruth?.gt_exp_ret_5m ?? null;
  const rows: WindowStats[] = [];
  for (let k = 0; k < ends.length; k++) {
    const e = ends[k], s = e - T + 1;
    if (!Number.isInteger(e) || s < 0 || e >= n) {
      throw new RangeError(`A window of ${T} bars ending at ${e} does not fit in ${n} bars`);
    }
    let hi = -Infinity, lo = Infinity, up = 0, down = 0, upDrift = 0, downDrift = 0;
    for (let i = s; i <= e; i++) {
      hi = Math.max(hi, bars.high[i]);
      lo = Math.min(lo, bars.low[i]);
      if (regime !== null && gt !== null) {
        if (regime[i] > 0) (up++, upDrift += gt[i]);
        else if (regime[i] < 0) (down++, downDrift -= gt[i]);
      }
    }
    const ret = bars.close[e] / bars.open[s] - 1, range = (hi - lo) / bars.close[e];
    rows.push({ end: e, up, down, upDrift, downDrift, ret, range });
  }
  return rows;
}

/**
 * Up to three windows among those ending at `ends` (indices into `bars`, each window the
 * `length` bars up to its end):
 *
 * - **up trend**: with ground truth, a window whose last minute is in an up regime, with the
 *   largest sum of the true expected 5-minute return over its up-regime minutes (the strongest,
 *   longest up trend); without, the largest realised move;
 * - **down trend**: the mirror image;
 * - **quiet**: with ground truth, among the windows with the most flat-regime minutes (all of them
 *   when possible), the smallest high–low range; without, the smallest range.
 *
 * A kind with no candidate (e.g. no window ends in an up regime) is left out; the three are
 * distinct windows. Throws RangeError when a window does not fit in the bars.
 *
 * @example
 * ```ts
 * const picks = regimeWindows(oos.bars, oos.ends, { length: 60 });
 * picks.map((w) => w.label); // ["up trend: 41 of 60 minutes in an up regime, …", …]
 * ```
 * @param options.length window length T; default 60.
 */
export function regimeWindows(
  bars: BarTable,
  ends: ArrayLike<number>,
  options: { length?: number } = {},
): ChosenWindow[] {
  const T = options.length ?? 60;
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`length must be ≥ 1, got ${T}`);
  const regime = bars.groundTruth?.gt_regime ?? null;
  const gt = bars.groundTruth?.gt_exp_ret_5m ?? null;
  const truth = regime !== null && gt !== null;
  const rows = windowStats(bars, ends, T);
  const used = new Set<number>();
  const best = <R>(items: R[], score: (r: R) => number): R | undefined => {
    let out: R | undefined, top = -Infinity;
    for (const r of items) {
      const v = score(r);
      if (v > top) (top = v, out = r);
    }
    return out;
  };
  const picks: { kind: WindowKind; row: typeof rows[number] }[] = [];
  const take = (kind: WindowKind, row: typeof rows[number] | undefined) => {
    if (row === undefined) return;
    used.add(row.end);
    picks.push({ kind, row });
  };
  const free = () => rows.filter((r) => !used.has(r.end));
  if (truth) {
    take("up trend", best(free().filter((r) => regime[r.end] > 0), (r) => r.upDrift));
    take("down trend", best(free().filter((r) => regime[r.end] < 0), (r) => r.downDrift));
    const flat = (r: WindowStats) => T - r.up - r.down;
    const most = Math.max(-1, ...free().map(flat));
    take("quiet", best(free().filter((r) => flat(r) === most), (r) => -r.range));
  } else {
    take("up trend", best(free(), (r) => r.ret));
    take("down trend", best(free(), (r) => -r.ret));
    take("quiet", best(free(), (r) => -r.range));
  }
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)} %`;
  return picks.map(({ kind, row }) => {
    const when = formatLocalDateTime(bars.time[row.end]).replace("T", " ").slice(0, 16);
    const regimeText = !truth
      ? "chosen by realised prices (no ground truth)"
      : kind === "up trend"
      ? `${row.up} of ${T} minutes in an up regime`
      : kind === "down trend"
      ? `${row.down} of ${T} minutes in a down regime`
      : `${T - row.up - row.down} of ${T} minutes flat`;
    return {
      kind,
      end: row.end,
      basis: truth ? "ground truth" : "realised prices",
      upRegimeMinutes: truth ? row.up : null,
      downRegimeMinutes: truth ? row.down : null,
      windowReturn: row.ret,
      range: row.range,
      when,
      label: `${kind}: ${regimeText}, ${pct(row.ret)}, ends ${when}`,
    };
  });
}
