/**
 * A walk-forward for the notebooks: the headless run's (`deno task walk-forward`, which takes
 * many minutes) read back from its folds when it has finished, otherwise a tiny stand-in run now
 * on a few generated weeks, in seconds. Either way nothing is trained in the notebook beyond the
 * stand-in.
 *
 * @module
 */
import { dataPath } from "../data/project_paths.ts";
import { pathExists } from "../data/path_exists.ts";
import type { BarTable } from "../data/schema.ts";
import { ensureMarket, generateMarket } from "../market/mod.ts";
import { walkForward, type WalkForwardRun } from "./walk_forward.ts";
import type { WalkForwardPlan } from "./walk_forward_store.ts";

/** The walk-forward to show. */
export interface EnsuredWalkForward {
  /** `"default"`: the headless run read back; `"stand-in"`: a tiny run made just now. */
  kind: "default" | "stand-in";
  /** The run. */
  run: WalkForwardRun;
  /** Its data. */
  table: BarTable;
  /** Its directory. */
  dir: string;
  /** One plain sentence saying which run this is (markdown). */
  note: string;
  /** Deletes the stand-in's temporary directory; does nothing for the headless run. */
  cleanup(): Promise<void>;
}

/** Whether every fold of the plan in `dir` has finished. */
async function finished(dir: string): Promise<WalkForwardPlan | null> {
  if (!(await pathExists(`${dir}/plan.json`))) return null;
  const plan = JSON.parse(await Deno.readTextFile(`${dir}/plan.json`)) as WalkForwardPlan;
  for (const f of plan.folds) {
    if (!(await pathExists(`${dir}/folds/${f.index}/fold.json`))) return null;
  }
  return plan;
}

/**
 * The headless walk-forward in `dir` (default `dataPath("walk-forward/default")`, with its data
 * `dataPath("market.csv")`) when all its folds have finished, else a `tiny` stand-in on
 * `standInDays` generated days (default 40) in a temporary directory. Nothing is printed.
 *
 * @example
 * ```ts
 * const wf = await ensureWalkForward();
 * wf.kind; // "default" after deno task walk-forward, else "stand-in"
 * await wf.cleanup();
 * ```
 */
export async function ensureWalkForward(
  options: { dir?: string; dataPath?: string; standInDays?: number } = {},
): Promise<EnsuredWalkForward> {
  const dir = options.dir ?? dataPath("walk-forward", "default");
  const plan = await finished(dir);
  if (plan !== null) {
    const { table } = await ensureMarket(options.dataPath ?? dataPath("market.csv"));
    const run = await walkForward(table, dir, { config: plan.config });
    return {
      kind: "default",
      run,
      table,
      dir,
      note: `The **headless walk-forward** of \`${dir}\` (\`deno task walk-forward\`), read back ` +
        `from its ${run.folds.length} finished folds.`,
      cleanup: () => Promise.resolve(),
    };
  }
  const days = options.standInDays ?? 40;
  const table = generateMarket({ maxDays: days });
  const tmp = await Deno.makeTempDir({ prefix: "trendformer_wf_standin_" });
  try {
    const run = await walkForward(table, tmp, { preset: "tiny" });
    return {
      kind: "stand-in",
      run,
      table,
      dir: tmp,
      note: `A **tiny stand-in**: no finished walk-forward in \`${dir}\`, so a \`tiny\` one ` +
        `(${run.folds.length} folds of ${run.config.stepDays} days, tiny models) ran just now on ` +
        `${days} generated trading days. It shows the machinery, not a result: run ` +
        "`deno task walk-forward` (about 13 minutes on 2 cores), then re-run this notebook.",
      cleanup: () => Deno.remove(tmp, { recursive: true }),
    };
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
}
