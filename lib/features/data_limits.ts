/**
 * What a bar table can and cannot support before a model is trained on it: a short file (ten real
 * days) still runs end to end, and the user is told which figures it cannot estimate.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { splitByDay, type SplitOptions } from "./split_by_day.ts";

/** Out-of-sample days below which Sharpe, annual return and their intervals are anecdotes. */
export const MIN_TEST_DAYS = 20;
/** Validation days below which choosing an epoch (early stopping) is mostly noise. */
export const MIN_VAL_DAYS = 5;

/** What {@linkcode dataLimits} finds. */
export interface DataLimits {
  /** Distinct trading days. */
  days: number;
  /** Days per part of the chronological split (null when the data cannot be split). */
  split: { train: number; val: number; test: number; purged: number } | null;
  /** Plain sentences, one per figure the data cannot estimate (empty when it can). */
  cannot: string[];
}

/**
 * The limits of a table for the pipeline: the chronological split it gives (options as
 * {@linkcode splitByDay}) and what cannot be estimated (too few test or validation days, no
 * ground truth, no book, no open interest). When the table is too short to split at all, `split`
 * is null and `cannot` says why; nothing throws.
 *
 * @example
 * ```ts
 * const limits = dataLimits(table, { train: 0.7, val: 0.15, test: 0.15, purgeDays: 1 });
 * for (const s of limits.cannot) console.log(`cannot estimate: ${s}`);
 * ```
 */
export function dataLimits(table: BarTable, split: SplitOptions = {}): DataLimits {
  const days = new Set(table.tradingDay).size;
  const cannot: string[] = [];
  let parts: DataLimits["split"] = null;
  try {
    const s = splitByDay(table.tradingDay, split);
    parts = {
      train: s.train.length,
      val: s.val.length,
      test: s.test.length,
      purged: s.purged.length,
    };
  } catch (e) {
    cannot.push(`any model: ${days} trading day(s) cannot be split (${(e as Error).message})`);
  }
  if (parts !== null && parts.test < MIN_TEST_DAYS) {
    cannot.push(
      `the out-of-sample Sharpe ratio, annualised return and drawdown, and their day-block ` +
        `bootstrap intervals: ${parts.test} test day(s) (at least ${MIN_TEST_DAYS} are needed); ` +
        `read them as anecdotes`,
    );
  }
  if (parts !== null && parts.val < MIN_VAL_DAYS) {
    cannot.push(
      `a reliable choice of epoch: early stopping looks at ${parts.val} validation day(s) ` +
        `(at least ${MIN_VAL_DAYS} are needed)`,
    );
  }
  if (table.groundTruth?.gt_exp_ret_5m === undefined) {
    cannot.push("the oracle: the file has no ground truth (only the synthetic market has one)");
  }
  if (table.book === null) {
    cannot.push(
      "spread and depth features, or fills at the quoted bid and ask: the file has no book " +
        "(fills pay the slippage ticks instead)",
    );
  }
  if (table.openInterest === null) {
    cannot.push("the open-interest feature: the file has no open interest");
  }
  return { days, split: parts, cannot };
}
