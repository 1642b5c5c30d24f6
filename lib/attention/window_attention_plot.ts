/**
 * Where one window's last step looks, minute by minute, coloured by what each minute did (up,
 * down, doji): the picture behind the bullish score, which is the weight on the green bars.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";

/** One window to draw. */
export interface WindowAttention {
  /** Caption of the panel. */
  label: string;
  /** The last step's attention over the window's T minutes, oldest first (sums to 1). */
  weights: ArrayLike<number>;
  /** Candle direction of the same minutes, oldest first: +1 up, −1 down, 0 doji. */
  direction: ArrayLike<number>;
}

/** One bar of the chart. */
export interface WindowAttentionBar {
  /** Panel caption. */
  window: string;
  /** Minutes relative to the window's last bar: −(T−1) … 0. */
  minute: number;
  /** Attention weight. */
  weight: number;
  /** "up minute", "down minute" or "doji". */
  candle: "up minute" | "down minute" | "doji";
}

const CANDLES = ["up minute", "down minute", "doji"] as const;

/**
 * The bars {@linkcode windowAttentionPlot} draws, plus each window's bullish and bearish score
 * (the weight on its up and on its down minutes) and its up and down fractions. Throws
 * RangeError when a window's weights and directions differ in length.
 *
 * @example
 * ```ts
 * const d = windowAttentionData([{ label: "a", weights: [0.5, 0.5], direction: [1, -1] }]);
 * d.scores[0].bull; // 0.5
 * ```
 */
export function windowAttentionData(windows: readonly WindowAttention[]): {
  bars: WindowAttentionBar[];
  scores: {
    window: string;
    bull: number;
    bear: number;
    upFraction: number;
    downFraction: number;
  }[];
} {
  const bars: WindowAttentionBar[] = [];
  const scores = windows.map((w) => {
    const T = w.weights.length;
    if (w.direction.length !== T) {
      throw new RangeError(
        `Window "${w.label}": ${T} weights but ${w.direction.length} candle directions`,
      );
    }
    let bull = 0, bear = 0, up = 0, down = 0;
    for (let j = 0; j < T; j++) {
      const d = w.direction[j], x = w.weights[j];
      const candle = d > 0 ? CANDLES[0] : d < 0 ? CANDLES[1] : CANDLES[2];
      bars.push({ window: w.label, minute: j - (T - 1), weight: x, candle });
      if (d > 0) (bull += x, up++);
      else if (d < 0) (bear += x, down++);
    }
    return { window: w.label, bull, bear, upFraction: up / T, downFraction: down / T };
  });
  return { bars, scores };
}

/**
 * One panel per window: the last step's attention on each minute (bars; green up, red down, grey
 * doji), the uniform level 1/T dashed, and the window's bullish score against its up fraction
 * (and bearish against down) written in the panel.
 *
 * @example
 * ```ts
 * const svg = windowAttentionPlot([{ label: "up trend …", weights: row, direction: dir }]);
 * ```
 * @param options.width chart width in px; default 900.
 * @param options.panelHeight height per window in px; default 150.
 * @param options.title caption above the chart; default none.
 */
export function windowAttentionPlot(
  windows: readonly WindowAttention[],
  options: { width?: number; panelHeight?: number; title?: string } = {},
): Element {
  const { bars, scores } = windowAttentionData(windows);
  const T = Math.max(1, ...windows.map((w) => w.weights.length));
  const top = Math.max(1.5 / T, ...bars.map((b) => b.weight)) * 1.45; // headroom for the caption
  const labels = windows.map((w) => w.label);
  const text = scores.map((s) => ({
    window: s.window,
    text: `${s.window}\nbullish ${s.bull.toFixed(3)} vs up fraction ${
      s.upFraction.toFixed(3)
    }; bearish ${s.bear.toFixed(3)} vs down fraction ${s.downFraction.toFixed(3)}`,
  }));
  return Plot.plot({
    document,
    title: options.title,
    width: options.width ?? 900,
    height: windows.length * (options.panelHeight ?? 150) + 60,
    marginLeft: 60,
    marginTop: 30,
    fy: { domain: labels, axis: null, padding: 0.35 },
    x: {
      label: "minute relative to the window's last bar (0 = the bar the prediction is made at) →",
    },
    y: { label: "↑ attention weight", grid: true, domain: [0, top], ticks: 4 },
    color: {
      legend: true,
      domain: [...CANDLES],
      range: ["#1a9850", "#d73027", "#bdbdbd"],
    },
    marks: [
      Plot.rectY(bars, {
        x1: (d: WindowAttentionBar) => d.minute - 0.45,
        x2: (d: WindowAttentionBar) => d.minute + 0.45,
        y1: 0,
        y2: "weight",
        fy: "window",
        fill: "candle",
      }),
      Plot.ruleY([1 / T], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.text(text, {
        fy: "window",
        text: "text",
        frameAnchor: "top-left",
        dx: 6,
        dy: 4,
        lineAnchor: "top",
        fontSize: 11,
      }),
      Plot.ruleY([0]),
    ],
  });
}
