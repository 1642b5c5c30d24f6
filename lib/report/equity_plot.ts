/**
 * Equity and drawdown charts of a backtest run: cumulative return on the notional base per
 * period, after costs (solid) and before (dashed), and the minute-level drawdown after costs.
 *
 * Long curves are thinned for drawing: each chart keeps at most `points` bars per period, taking
 * every k-th bar for the equity and the deepest bar of each block of k for the drawdown, so the
 * maximum drawdown is always drawn.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { PeriodRun } from "../study/mod.ts";
import { document } from "../plot/mod.ts";

/** Options of the equity and drawdown charts. */
export interface EquityPlotOptions {
  /** Width in px. Default 900. */
  width?: number;
  /** Height in px. Default 320 (equity), 200 (drawdown). */
  height?: number;
  /** Most points drawn per period and series. Default 1500. */
  points?: number;
}

/** A period an equity chart draws: its label, bar times and equity curve. */
export type EquityPlotPeriod = Pick<PeriodRun, "label" | "curve"> & {
  bars: { time: ArrayLike<number> };
};

/** Periods to draw, by key (a backtest run's `periods`, or any record of them). */
export interface EquityPlotSource {
  /** The periods. */
  periods: Record<string, EquityPlotPeriod>;
}

/** The y domain (in %): the data's extent with 0, widened to ±0.1 % when flat (no trades). */
function span(values: number[]): [number, number] {
  let lo = 0, hi = 0;
  for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v), hi = Math.max(hi, v));
  return hi - lo < 1e-7 ? [lo - 0.1, hi + 0.1] : [lo, hi];
}

function step(p: EquityPlotPeriod, points: number): number {
  return Math.max(1, Math.ceil(p.bars.time.length / points));
}

/**
 * Cumulative return (% of the notional capital) against time, one colour per period, after
 * costs solid and before costs dashed.
 *
 * @example
 * ```ts
 * const svg = equityPlot(run);
 * ```
 */
export function equityPlot(run: EquityPlotSource, options: EquityPlotOptions = {}): Element {
  const data: { time: Date; ret: number; period: string; costs: string }[] = [];
  for (const p of Object.values(run.periods)) {
    const k = step(p, options.points ?? 1500), n = p.bars.time.length, c = p.curve;
    for (let i = 0; i < n; i += k) {
      const j = Math.min(n - 1, i);
      const time = new Date(p.bars.time[j]);
      data.push({
        time,
        ret: c.pnlNet[j] / c.capital * 100,
        period: p.label,
        costs: "after costs",
      });
      data.push({
        time,
        ret: c.pnlGross[j] / c.capital * 100,
        period: p.label,
        costs: "before costs",
      });
    }
    const time = new Date(p.bars.time[n - 1]);
    data.push({
      time,
      ret: c.pnlNet[n - 1] / c.capital * 100,
      period: p.label,
      costs: "after costs",
    });
    data.push({
      time,
      ret: c.pnlGross[n - 1] / c.capital * 100,
      period: p.label,
      costs: "before costs",
    });
  }
  return Plot.plot({
    document,
    width: options.width ?? 900,
    height: options.height ?? 320,
    marginLeft: 60,
    x: { type: "utc", label: "time (Asia/Shanghai) →" },
    y: {
      label: "↑ cumulative return on notional (%)",
      grid: true,
      domain: span(data.map((d) => d.ret)),
    },
    color: { legend: true },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data.filter((d) => d.costs === "before costs"), {
        x: "time",
        y: "ret",
        stroke: "period",
        strokeDasharray: "5,3",
        strokeOpacity: 0.6,
        z: "period",
      }),
      Plot.lineY(data.filter((d) => d.costs === "after costs"), {
        x: "time",
        y: "ret",
        stroke: "period",
        strokeWidth: 1.8,
        z: "period",
      }),
    ],
  });
}

/**
 * Drawdown after costs (equity / running max − 1, minute level), one colour per period; each
 * period starts from its own capital.
 *
 * @example
 * ```ts
 * const svg = drawdownPlot(run);
 * ```
 */
export function drawdownPlot(run: EquityPlotSource, options: EquityPlotOptions = {}): Element {
  const data: { time: Date; dd: number; period: string }[] = [];
  for (const p of Object.values(run.periods)) {
    const k = step(p, options.points ?? 1500), n = p.bars.time.length, eq = p.curve.equityNet;
    let peak = -Infinity, worst = Infinity, at = 0;
    for (let i = 0; i < n; i++) {
      if (eq[i] > peak) peak = eq[i];
      const dd = eq[i] / peak - 1;
      if (dd < worst) (worst = dd, at = i);
      if ((i + 1) % k === 0 || i === n - 1) {
        data.push({ time: new Date(p.bars.time[at]), dd: worst * 100, period: p.label });
        worst = Infinity;
      }
    }
  }
  return Plot.plot({
    document,
    width: options.width ?? 900,
    height: options.height ?? 200,
    marginLeft: 60,
    x: { type: "utc", label: "time (Asia/Shanghai) →" },
    y: {
      label: "↑ drawdown after costs (%)",
      grid: true,
      domain: span(data.map((d) => d.dd)),
    },
    color: { legend: true },
    marks: [
      Plot.areaY(data, { x: "time", y: "dd", fill: "period", fillOpacity: 0.35, z: "period" }),
      Plot.lineY(data, { x: "time", y: "dd", stroke: "period", strokeWidth: 1, z: "period" }),
      Plot.ruleY([0]),
    ],
  });
}
