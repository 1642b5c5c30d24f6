/**
 * Results over several training seeds as mean ± standard deviation, the way Qlib reports its
 * benchmark tables: the spread between seeds is part of the result.
 *
 * @module
 */
import { mean, std } from "../stats/mod.ts";
import type { EvalReport } from "./evaluate_model.ts";

/** Mean, sample standard deviation and the values of one score over seeds. */
export interface OverSeeds {
  mean: number;
  /** Sample standard deviation (NaN with one seed). */
  sd: number;
  /** One value per seed, in seed order. */
  values: number[];
}

/** The model's scores over seeds, per split. */
export type SeedSummary =
  & Record<
    "val" | "test",
    Record<
      "ic" | "rankIc" | "directionalAccuracy" | "corrOracle" | "shareAboveThreshold",
      OverSeeds
    >
  >
  & { attentionEntropy: OverSeeds };

/**
 * Mean ± sd over seeds of the model's IC, rank IC, directional accuracy, corrOracle and share
 * above the threshold on each split, and of the test attention entropy.
 *
 * @example
 * ```ts
 * const s = seedSummary(reports); // one EvalReport per seed
 * `${s.test.corrOracle.mean.toFixed(3)} ± ${s.test.corrOracle.sd.toFixed(3)}`;
 * ```
 */
export function seedSummary(reports: readonly EvalReport[]): SeedSummary {
  const over = (values: number[]): OverSeeds => ({ mean: mean(values), sd: std(values), values });
  const metrics = [
    "ic",
    "rankIc",
    "directionalAccuracy",
    "corrOracle",
    "shareAboveThreshold",
  ] as const;
  const split = (s: "val" | "test") =>
    Object.fromEntries(metrics.map((m) => [
      m,
      over(
        reports.map((r) =>
          r.rows.find((x) => x.split === s && x.forecaster === "model")?.[m] ?? NaN
        ),
      ),
    ])) as SeedSummary["test"];
  return {
    val: split("val"),
    test: split("test"),
    attentionEntropy: over(reports.map((r) => r.attention.meanEntropy)),
  };
}
