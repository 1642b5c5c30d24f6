// The learning study's file: read back, summarised per cell as mean ± sd, plotted.
import assert from "node:assert/strict";
import { readStudyResults, studyPlot, studyTable } from "../lib/train/mod.ts";

const scores = (corrOracle: number) => ({
  n: 100,
  ic: corrOracle / 10,
  icCi90: [0, 0.05] as [number, number],
  rankIc: 0.01,
  rankIcCi90: [0, 0.02] as [number, number],
  directionalAccuracy: 0.51,
  directionalAccuracyCi90: [0.5, 0.52] as [number, number],
  corrOracle,
  corrOracleCi90: [corrOracle - 0.04, corrOracle + 0.04] as [number, number],
  shareAboveThreshold: 0,
});
const run = (seed: number, supervision: "all" | "last", corrOracle: number) => ({
  years: 1,
  supervision,
  seed,
  config: {} as never,
  bestEpoch: 5,
  epochs: 15,
  seconds: 60,
  windowsPerSec: 300,
  test: scores(corrOracle),
  val: scores(corrOracle),
  attentionEntropy: 1,
});
const study = {
  command: "deno task study",
  machine: { cores: 2, os: "linux" },
  runs: [run(42, "all", 0.2), run(43, "all", 0.3), run(42, "last", 0.1)],
  ensembles: [{
    years: 1,
    supervision: "all",
    seeds: [42, 43],
    test: scores(0.28),
    attentionEntropy: 1,
  }],
  references: { "1y": { "summary-ridge": scores(0.32), ceiling: scores(0.34) } },
};

Deno.test("studyTable: one row per cell with mean ± sd over seeds, then the references", () => {
  const rows = studyTable(study);
  assert.equal(rows.length, 2 + 2);
  const all = rows.find((r) => r.forecaster === "model, all-step loss")!;
  assert.equal(all["test corrOracle (mean ± sd)"], "0.250 ± 0.071");
  assert.equal(all["each seed [90 % CI]"], "0.200 [0.160, 0.240]; 0.300 [0.260, 0.340]");
  assert.equal(all["ensemble of the seeds"], "0.280 [0.240, 0.320]");
  const last = rows.find((r) => r.forecaster === "model, last-step loss")!;
  assert.equal(last["test corrOracle (mean ± sd)"], "0.100 ± n/a"); // one seed: no sd
  assert.equal(
    rows.find((r) => r.forecaster === "summary-ridge")!["test corrOracle (mean ± sd)"],
    "0.320",
  );
  assert.ok(studyPlot(study).outerHTML.includes("summary-ridge"));
});

Deno.test("readStudyResults: null when missing, an error when not a study", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_study_" });
  try {
    assert.equal(await readStudyResults(`${dir}/none.json`), null);
    await Deno.writeTextFile(`${dir}/s.json`, JSON.stringify(study));
    assert.equal((await readStudyResults(`${dir}/s.json`))!.runs.length, 3);
    await Deno.writeTextFile(`${dir}/bad.json`, "{}");
    await assert.rejects(() => readStudyResults(`${dir}/bad.json`), SyntaxError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
