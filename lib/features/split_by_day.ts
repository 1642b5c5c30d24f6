/**
 * Chronological train / validation / test split by whole trading days, with a purge gap.
 *
 * The distinct trading days are sorted; `purgeDays` whole days are dropped at each boundary
 * between two non-empty splits, and the remaining ("usable") days are shared out in order by the
 * fractions (largest-remainder rounding, every split with a positive fraction gets at least one
 * day): `train days | purge | val days | purge | test days`.
 *
 * The purge is belt and braces: window eligibility ({@linkcode windowEnds}) already keeps every
 * window and its target inside one split; the purge also keeps the most recent training bars a
 * whole day away from the first evaluated bars, so slow regimes that persist across a boundary
 * leak less.
 *
 * @module
 */

/** Options of {@linkcode splitByDay}. Fractions must be ≥ 0 and sum to 1. */
export interface SplitOptions {
  /** Share of the usable days for training. Default 0.70. */
  train?: number;
  /** Share of the usable days for validation. Default 0.15. */
  val?: number;
  /** Share of the usable days for testing. Default 0.15. */
  test?: number;
  /** Whole trading days dropped at each boundary between non-empty splits. Default 1. */
  purgeDays?: number;
}

/** A split of trading days (YYYYMMDD integers, ascending). */
export interface DaySplit {
  /** Training days. */
  train: number[];
  /** Validation days. */
  val: number[];
  /** Test days. */
  test: number[];
  /** Days dropped by the purge, ascending. */
  purged: number[];
  /** The options used, defaults filled in. */
  options: Required<SplitOptions>;
}

/**
 * Split the distinct trading days of `tradingDays` (e.g. a frame's per-bar `tradingDay`; order
 * and repeats do not matter) chronologically into train, validation and test days.
 *
 * Options: train 0.70, val 0.15, test 0.15, purgeDays 1. Throws TypeError for an unknown option,
 * RangeError for a negative or non-finite fraction, fractions not summing to 1, a non-integer or
 * negative `purgeDays`, or too few days to give every non-empty split one day after the purge.
 *
 * @example
 * ```ts
 * const split = splitByDay(frame.tradingDay, { train: 0.7, val: 0.15, test: 0.15, purgeDays: 1 });
 * // 22 days → 14 train, 1 purged, 3 val, 1 purged, 3 test
 * ```
 */
export function splitByDay(tradingDays: ArrayLike<number>, options: SplitOptions = {}): DaySplit {
  for (const key of Object.keys(options)) {
    if (!["train", "val", "test", "purgeDays"].includes(key)) {
      throw new TypeError(`Unknown split option: ${key}`);
    }
  }
  const opts: Required<SplitOptions> = {
    train: options.train ?? 0.70,
    val: options.val ?? 0.15,
    test: options.test ?? 0.15,
    purgeDays: options.purgeDays ?? 1,
  };
  const fracs = [opts.train, opts.val, opts.test];
  for (const [i, f] of fracs.entries()) {
    if (!Number.isFinite(f) || f < 0) {
      throw new RangeError(
        `Split fraction ${["train", "val", "test"][i]} must be a non-negative number, got ${f}`,
      );
    }
  }
  const total = fracs[0] + fracs[1] + fracs[2];
  if (Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`Split fractions must sum to 1, got ${total}`);
  }
  if (!Number.isInteger(opts.purgeDays) || opts.purgeDays < 0) {
    throw new RangeError(`purgeDays must be a non-negative integer, got ${opts.purgeDays}`);
  }

  const days = [...new Set(Array.from(tradingDays))].sort((a, b) => a - b);
  const active = fracs.map((f) => f > 0);
  const k = active.filter(Boolean).length;
  const usable = days.length - opts.purgeDays * (k - 1);
  if (usable < k) {
    throw new RangeError(
      `Cannot split ${days.length} trading days into ${k} non-empty splits with ` +
        `${opts.purgeDays} purge day(s) at each boundary`,
    );
  }

  // Largest-remainder allocation of the usable days.
  const raw = fracs.map((f) => f * usable);
  const counts = raw.map(Math.floor);
  let left = usable - counts.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) => (raw[b] - counts[b]) - (raw[a] - counts[a]) || a - b);
  for (const i of order) if (left > 0 && active[i]) (counts[i]++, left--);
  for (let i = 0; i < 3; i++) {
    if (active[i] && counts[i] === 0) {
      const donor = [0, 1, 2].reduce((a, b) => (counts[b] > counts[a] ? b : a));
      counts[donor]--;
      counts[i]++;
    }
  }

  const parts: number[][] = [[], [], []];
  const purged: number[] = [];
  let pos = 0, seen = 0;
  for (let i = 0; i < 3; i++) {
    if (!active[i]) continue;
    if (seen > 0) {
      purged.push(...days.slice(pos, pos + opts.purgeDays));
      pos += opts.purgeDays;
    }
    parts[i] = days.slice(pos, pos + counts[i]);
    pos += counts[i];
    seen++;
  }
  return { train: parts[0], val: parts[1], test: parts[2], purged, options: opts };
}
