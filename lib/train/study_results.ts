/**
 * The learning study's results file (`deno task study`, `results/learning_study.json`): its
 * shape, a reader, and the table and plot notebook 04 shows.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { readJsonFile } from "../data/read_json_file.ts";
import { document } from "../plot/mod.ts";
import { mean, std } from "../stats/mod.ts";
import type { ScoresWithIntervals } from "./evaluate.ts";
import type { TrainConfig } from "./train_config.ts";

/** The scores of one forecaster on one split, as the study keeps them. */
export type StudyScores = Omit<ScoresWithIntervals, "mse">;

/** One training run of the study. */
export interface StudyRun {
  years: number;
  supervision: "all" | "last";
  seed: number;
  config: TrainConfig;
  bestEpoch: number;
  epochs: number;
  /** Wall seconds of training. */
  seconds: number;
  /** Mean training windows/s over the epochs. */
  windowsPerSec: number;
  test: StudyScores;
  val: StudyScores;
  /** Mean last-step attention entropy on the test windows, as a share of log T. */
  attentionEntropy: number;
}

/** The ensemble of one cell's seeds, scored on test. */
export interface StudyEnsemble {
  years: number;
  supervision: string;
  seeds: number[];
  test: StudyScores;
  attentionEntropy: number;
}

/** The results file. */
export interface StudyResults {
  /** The command that produced it. */
  command: string;
  machine: { cores: number; os: string };
  runs: StudyRun[];
  ensembles: StudyEnsemble[];
  /** Reference forecasters' test scores per data size (`"1y"`, `"3y"`). */
  references: Record<string, Record<string, StudyScores>>;
}

/**
 * The study at `path`, or null when the file does not exist.
 *
 * @example
 * ```ts
 * const study = await readStudyResults("../results/learning_study.json");
 * ```
 * @throws {SyntaxError} when the file is not a study (no `runs` list).
 */
export async function readStudyResults(path: string): Promise<StudyResults | null> {
  let value: StudyResults;
  try {
    value = await readJsonFile(path) as StudyResults;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  if (!Array.isArray(value?.runs)) throw new SyntaxError(`${path} has no "runs" list`);
  return value;
}

const f3 = (x: number | null | undefined) => x != null && Number.isFinite(x) ? x.toFixed(3) : "n/a";
const ci = (c: readonly (number | null)[] | undefined) =>
  c && c.length === 2 ? `[${f3(c[0])}, ${f3(c[1])}]` : "n/a";
const pm = (xs: number[]) => `${f3(mean(xs))} ± ${f3(xs.length > 1 ? std(xs) : NaN)}`;

/**
 * One row per data size × supervision: test corrOracle and IC as mean ± sd over the seeds, each
 * seed's corrOracle with its 90 % interval, the seeds' ensemble, the attention entropy and the
 * best epochs; then the reference forecasters of each data size.
 *
 * @example
 * ```ts
 * showTable(studyTable(study));
 * ```
 */
export function studyTable(study: StudyResults): Record<string, string | number>[] {
  const cells = new Map<string, StudyRun[]>();
  for (const r of study.runs) {
    const k = `${r.years}|${r.supervision}`;
    cells.set(k, [...(cells.get(k) ?? []), r]);
  }
  const rows: Record<string, string | number>[] = [];
  for (const [k, runs] of [...cells].sort()) {
    const [years, supervision] = k.split("|");
    runs.sort((a, b) => a.seed - b.seed);
    const ens = study.ensembles.find((e) => `${e.years}|${e.supervision}` === k);
    rows.push({
      data: `${years} y`,
      forecaster: `model, ${supervision}-step loss`,
      seeds: runs.length,
      "test corrOracle (mean ± sd)": pm(runs.map((r) => r.test.corrOracle)),
      "each seed [90 % CI]": runs.map((r) =>
        `${f3(r.test.corrOracle)} ${ci(r.test.corrOracleCi90)}`
      )
        .join("; "),
      "ensemble of the seeds": ens
        ? `${f3(ens.test.corrOracle)} ${ci(ens.test.corrOracleCi90)}`
        : "n/a",
      "test IC (mean ± sd)": pm(runs.map((r) => r.test.ic)),
      "attention entropy / log T": pm(runs.map((r) => r.attentionEntropy)),
      "best epoch / epochs": runs.map((r) => `${r.bestEpoch}/${r.epochs}`).join(", "),
    });
  }
  for (const [data, refs] of Object.entries(study.references).sort()) {
    for (const name of ["summary-ridge", "ceiling", "oracle"]) {
      const s = refs[name];
      if (!s) continue;
      rows.push({
        data: data.replace("y", " y"),
        forecaster: name,
        seeds: "",
        "test corrOracle (mean ± sd)": f3(s.corrOracle),
        "each seed [90 % CI]": ci(s.corrOracleCi90),
        "ensemble of the seeds": "",
        "test IC (mean ± sd)": `${f3(s.ic)} ${ci(s.icCi90)}`,
        "attention entropy / log T": "",
        "best epoch / epochs": "",
      });
    }
  }
  return rows;
}

/**
 * Each seed's test corrOracle with its 90 % interval, per data size and supervision, the seeds'
 * ensemble as a diamond and the summary-ridge and ceiling levels of each data size as dashed
 * ticks.
 *
 * @example
 * ```ts
 * showPlot(studyPlot(study));
 * ```
 */
export function studyPlot(study: StudyResults, options: { width?: number } = {}): Element {
  const cell = (years: number, supervision: string) => `${years} y, ${supervision}-step loss`;
  const lines = [
    ...study.runs.map((r) => ({
      years: r.years,
      cell: cell(r.years, r.supervision),
      line: `${cell(r.years, r.supervision)} · seed ${r.seed}`,
      value: r.test.corrOracle,
      lo: r.test.corrOracleCi90[0],
      hi: r.test.corrOracleCi90[1],
      kind: "one seed",
    })),
    ...study.ensembles.map((e) => ({
      years: e.years,
      cell: cell(e.years, e.supervision),
      line: `${cell(e.years, e.supervision)} · ensemble`,
      value: e.test.corrOracle,
      lo: e.test.corrOracleCi90[0],
      hi: e.test.corrOracleCi90[1],
      kind: "ensemble of the seeds",
    })),
  ].sort((a, b) => a.line < b.line ? -1 : 1);
  const refs = lines.flatMap((l) =>
    ["summary-ridge", "ceiling"].map((name) => ({
      line: l.line,
      name,
      value: study.references[`${l.years}y`]?.[name]?.corrOracle ?? NaN,
    }))
  ).filter((r) => Number.isFinite(r.value));
  return Plot.plot({
    document,
    title: "Test corrOracle: correlation of the forecast with the noise-free expectation",
    subtitle: "90 % day-block bootstrap intervals · ticks: summary-ridge (grey), ceiling (black)",
    width: options.width ?? 760,
    height: 60 + 22 * lines.length,
    marginLeft: 250,
    x: { label: "corrOracle →", grid: true },
    y: { label: null, domain: lines.map((l) => l.line) },
    color: { legend: true, domain: ["one seed", "ensemble of the seeds"] },
    marks: [
      Plot.ruleX([0]),
      Plot.tickX(refs, {
        x: "value",
        y: "line",
        stroke: (d: { name: string }) => d.name === "ceiling" ? "black" : "#999",
        strokeWidth: 2,
      }),
      Plot.ruleY(lines, { y: "line", x1: "lo", x2: "hi", stroke: "kind" }),
      Plot.dot(lines, { x: "value", y: "line", fill: "kind", r: 4 }),
    ],
  });
}
