/**
 * How the synthetic markets are calibrated to real rebar: the stylized facts of the real rb
 * one-minute bars (June 2017, ten trading days; the spread from the RM705 ticks, the only real
 * book we have), each with a stated tolerance, and the side-by-side check of a synthetic table.
 *
 * Tolerances are twice the real figure's delete-one-day jackknife standard error over its ten
 * days (so about a 95 % band for what ten days can tell), except the spread share, which comes
 * from one day of another product and gets twice its binomial standard error. The recorded values
 * are checked against the real file by a test whenever the file is present
 * ({@linkcode realCalibrationTargets} recomputes them).
 *
 * @module
 */
import { type BarTable, selectRows } from "../data/mod.ts";
import { intradayVolumeProfile } from "./intraday_volume_profile.ts";
import { type StylizedFacts, stylizedFacts } from "./stylized_facts.ts";

/** A stylized fact with its real-rebar target. */
export interface CalibrationTarget {
  /** Stable key. */
  readonly key: string;
  /** Row label. */
  readonly label: string;
  /** The real file's value. */
  readonly real: number;
  /** A synthetic value is "within" when |synthetic − real| ≤ tolerance. */
  readonly tolerance: number;
  /** Which real file: `rb` (rb0000_1min_2017-06.csv) or `rm705` (RM705 ticks, for the book). */
  readonly file: "rb" | "rm705";
  /** Digits to show. */
  readonly digits: number;
}

/** What a fact is measured from. */
interface FactInputs {
  facts: StylizedFacts;
  profile: Map<string, number>;
}

const MEASURES: Record<string, (x: FactInputs) => number> = {
  returnStdBp: ({ facts }) => facts.returnStd * 1e4,
  kurtosis: ({ facts }) => facts.returnKurtosis,
  returnAutocorr1: ({ facts }) => facts.returnAutocorr1,
  absReturnAutocorr1: ({ facts }) => facts.absReturnAutocorr1,
  openVolumeRatio: ({ facts }) => facts.dayOpenVolume / facts.middayVolume,
  closeVolumeRatio: ({ facts }) => facts.dayCloseVolume / facts.middayVolume,
  nightOpenSpike: ({ profile }) => profile.get("21:01") ?? NaN,
  dayCloseSpike: ({ profile }) => profile.get("15:00") ?? NaN,
  oneTickSpreadShare: ({ facts }) => facts.spreadTicksShare?.[1] ?? NaN,
};

/**
 * The real-rebar targets (values and tolerances recorded from the real files; see the module
 * doc). The lag-1 return autocorrelation is the bid-ask bounce.
 */
export const REAL_RB_TARGETS: readonly CalibrationTarget[] = Object.freeze([
  {
    key: "returnStdBp",
    label: "1-min return s.d. (bp)",
    real: 9.74,
    tolerance: 0.82,
    file: "rb",
    digits: 2,
  },
  {
    key: "kurtosis",
    label: "return kurtosis (normal = 3)",
    real: 6.89,
    tolerance: 2.77,
    file: "rb",
    digits: 2,
  },
  {
    key: "returnAutocorr1",
    label: "return autocorrelation, lag 1 (bounce)",
    real: -0.0737,
    tolerance: 0.0451,
    file: "rb",
    digits: 3,
  },
  {
    key: "absReturnAutocorr1",
    label: "|return| autocorrelation, lag 1",
    real: 0.1352,
    tolerance: 0.0409,
    file: "rb",
    digits: 3,
  },
  {
    key: "openVolumeRatio",
    label: "volume 09:01–09:15 ÷ 10:36–11:20",
    real: 1.689,
    tolerance: 0.997,
    file: "rb",
    digits: 2,
  },
  {
    key: "closeVolumeRatio",
    label: "volume 14:46–15:00 ÷ 10:36–11:20",
    real: 1.931,
    tolerance: 0.733,
    file: "rb",
    digits: 2,
  },
  {
    key: "nightOpenSpike",
    label: "volume at 21:01 ÷ mean",
    real: 4.162,
    tolerance: 0.868,
    file: "rb",
    digits: 2,
  },
  {
    key: "dayCloseSpike",
    label: "volume at 15:00 ÷ mean",
    real: 3.369,
    tolerance: 0.67,
    file: "rb",
    digits: 2,
  },
  {
    key: "oneTickSpreadShare",
    label: "bars with a 1-tick spread (share)",
    real: 0.9526,
    tolerance: 0.0308,
    file: "rm705",
    digits: 3,
  },
]);

function inputs(table: BarTable): FactInputs {
  const hasVolume = table.volume.some((v) => v > 0);
  const profile = new Map(
    hasVolume ? intradayVolumeProfile(table).map((p) => [p.time, p.relativeVolume]) : [],
  );
  return { facts: stylizedFacts(table), profile };
}

/**
 * Every calibration fact of a table, by key (NaN where the table lacks the field).
 *
 * @example
 * ```ts
 * calibrationFacts(generateMarket()).returnStdBp; // ≈ 9.4
 * ```
 */
export function calibrationFacts(table: BarTable): Record<string, number> {
  const x = inputs(table);
  return Object.fromEntries(REAL_RB_TARGETS.map((t) => [t.key, MEASURES[t.key](x)]));
}

/** One row of {@linkcode calibrationTable}. */
export type CalibrationRow = Record<string, string>;

/**
 * The calibration facts of labelled synthetic tables beside the real targets: `fact`, `real ±
 * tolerance`, then per table its value and a mark: "✓" within tolerance, "✗" outside, and for
 * the `null` market's bounce "— (none by construction)", since a bounce is predictability.
 *
 * @example
 * ```ts
 * showTable(calibrationTable({ default: generateMarket(), null: generateMarket({ market: "null" }) }));
 * ```
 */
export function calibrationTable(tables: Readonly<Record<string, BarTable>>): CalibrationRow[] {
  const facts = Object.entries(tables).map(([label, t]) => ({
    label,
    isNull: t.source.startsWith("synthetic null"),
    values: calibrationFacts(t),
  }));
  return REAL_RB_TARGETS.map((target) => {
    const row: CalibrationRow = {
      fact: target.label,
      "real ± tolerance": `${target.real.toFixed(target.digits)} ± ${
        target.tolerance.toFixed(target.digits)
      }${target.file === "rm705" ? " (RM705)" : ""}`,
    };
    for (const { label, isNull, values } of facts) {
      const v = values[target.key];
      const mark = isNull && target.key === "returnAutocorr1"
        ? "— (none by construction)"
        : !Number.isFinite(v)
        ? "n/a"
        : withinTarget(target, v)
        ? "✓"
        : "✗";
      row[label] = `${Number.isFinite(v) ? v.toFixed(target.digits) : "n/a"} ${mark}`;
    }
    return row;
  });
}

/**
 * Whether `value` lies within the target's tolerance.
 *
 * @example
 * ```ts
 * withinTarget(REAL_RB_TARGETS[0], 9.5); // true: 9.74 ± 0.82
 * ```
 */
export function withinTarget(target: CalibrationTarget, value: number): boolean {
  return Math.abs(value - target.real) <= target.tolerance;
}

/**
 * The targets recomputed from the real files: each fact's value and twice its delete-one-day
 * jackknife standard error (rb facts), or twice the binomial standard error (the RM705 spread
 * share). The recorded {@linkcode REAL_RB_TARGETS} come from here.
 *
 * @example
 * ```ts
 * const targets = realCalibrationTargets(await readBars(rbPath), await readBars(rmPath));
 * ```
 */
export function realCalibrationTargets(
  rb: BarTable,
  rm705: BarTable,
): Record<string, { real: number; tolerance: number }> {
  const days = [...new Set(rb.tradingDay)];
  const full = inputs(rb);
  const dropped = days.map((d) => {
    const rows = [...rb.tradingDay.keys()].filter((i) => rb.tradingDay[i] !== d);
    return inputs(selectRows(rb, rows));
  });
  const out: Record<string, { real: number; tolerance: number }> = {};
  for (const t of REAL_RB_TARGETS) {
    if (t.file === "rm705") {
      const p = MEASURES[t.key](inputs(rm705));
      out[t.key] = { real: p, tolerance: 2 * Math.sqrt(p * (1 - p) / rm705.time.length) };
      continue;
    }
    const xs = dropped.map((x) => MEASURES[t.key](x)), n = xs.length;
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt((n - 1) / n * xs.reduce((s, x) => s + (x - m) ** 2, 0));
    out[t.key] = { real: MEASURES[t.key](full), tolerance: 2 * se };
  }
  return out;
}
