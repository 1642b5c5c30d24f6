/**
 * The controls report: `controls.json` (every market's figures and verdict) and a self-contained
 * `controls.html`, from the verdicts of lib/study `controlVerdict`.
 *
 * @module
 */
import type { ControlInputs, ControlVerdict } from "../study/mod.ts";
import { definitions, esc, htmlPage, table, verdictBox } from "./_html.ts";

/** One market's run in the controls report. */
export interface ControlEntry {
  /** The figures the verdict read. */
  inputs: ControlInputs;
  /** The verdict. */
  verdict: ControlVerdict;
  /** Where the run's files are (data, model, backtest). */
  paths: { data: string; model: string; backtest: string };
}

/** The rules the verdicts apply, in words (also in controls.json). */
export const CONTROL_RULES: Readonly<Record<string, string>> = Object.freeze({
  null: "passes when the strategy shows no significant after-cost profit out of sample (the " +
    "90 % day-block interval of its net P&L does not lie above 0) and the model's test IC " +
    "interval includes 0; otherwise something leaks or overfits",
  trend: "passes when the strategy at the spec thresholds trades at least once a day out of " +
    "sample and its after-cost P&L interval lies above 0; otherwise the oracle runs name the " +
    "stage that lost the edge (costs, gate or forecast)",
  default: "no expected answer: the result is stated plainly beside the claim",
});

/** P(at least k successes in n trials of probability p). */
function atLeast(k: number, n: number, p: number): number {
  let sum = 0, c = 1; // c = C(n, i)
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c * p ** i * (1 - p) ** (n - i);
    c = c * (n - i) / (i + 1);
  }
  return sum;
}

/** Per market: how many runs passed, failed or were informational, and one line saying so. */
function tally(entries: readonly ControlEntry[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const m of [...new Set(entries.map((e) => e.inputs.market))]) {
    const runs = entries.filter((e) => e.inputs.market === m);
    const n = (s: string) => runs.filter((e) => e.verdict.status === s).length;
    const seeds = runs.map((e) => e.inputs.seed).join(", ");
    out[m] = {
      runs: runs.length,
      pass: n("pass"),
      fail: n("fail"),
      line: m === "default"
        ? `default: no expected answer (seed ${seeds})`
        : `${m}: ${n("pass")} of ${runs.length} seed(s) pass (seeds ${seeds})` +
          (m === "null" && n("fail") > 0
            ? `; a clean null run fails the IC rule about one time in ten (90 % intervals), so ` +
              `${n("pass")} or more of ${runs.length} happens ${
                (100 * atLeast(n("pass"), runs.length, 0.9)).toFixed(0)
              } % of the time without any leak`
            : ""),
    };
  }
  return out;
}

/**
 * The controls.json object: rules, a tally per market, and per run its market, seed, status, headline, reasons,
 * figures and paths (non-finite numbers become null when serialised).
 *
 * @example
 * ```ts
 * await writeTextFileAtomic("data/controls/controls.json", JSON.stringify(controlsJson(entries), null, 2));
 * ```
 */
export function controlsJson(
  entries: readonly ControlEntry[],
  meta: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    format: "trendformer-controls",
    version: 1,
    ...meta,
    rules: CONTROL_RULES,
    byMarket: tally(entries),
    runs: entries.map((e) => ({ ...e.verdict, inputs: e.inputs, paths: e.paths })),
  };
}

/** One summary row per run. */
function summaryRows(entries: readonly ControlEntry[]): Record<string, string>[] {
  return entries.map(({ inputs: x, verdict: v }) => ({
    market: x.market,
    seed: String(x.seed),
    status: v.status.toUpperCase(),
    trades: String(x.strategy.trades),
    "net P&L after costs (CNY)": Math.round(x.strategy.pnlAfter).toLocaleString("en-US"),
    "90 % interval": x.strategy.pnlCi90.map((b) =>
      Number.isFinite(b) ? Math.round(b).toLocaleString("en-US") : "n/a"
    ).join(" … "),
    "model IC": Number.isFinite(x.forecast.ic) ? x.forecast.ic.toFixed(3) : "n/a",
    "corr with oracle": Number.isFinite(x.forecast.corrOracle)
      ? x.forecast.corrOracle.toFixed(3)
      : "n/a",
  }));
}

/**
 * controls.html: the verdicts on top, a summary table, then each run's reasons and files, and the
 * rules. Self-contained (inline CSS, no script).
 *
 * @example
 * ```ts
 * await writeTextFileAtomic("data/controls/controls.html", controlsHtml(entries, { command }));
 * ```
 * @param options.command the command that reproduces the report, shown under the title.
 */
export function controlsHtml(
  entries: readonly ControlEntry[],
  options: { command?: string } = {},
): string {
  const parts = [
    `<header><h1>Trendformer controls: markets where the answer is known</h1><p class="meta">` +
    `Reproduce with <code>${esc(options.command ?? "deno task controls")}</code>. Each market ` +
    `is generated, trained on and backtested with fixed seeds; every verdict is computed from ` +
    `the run's own figures by the rules at the bottom.</p></header>`,
    `<section id="summary"><h2>Summary</h2><ul>${
      Object.values(tally(entries)).map((t) => `<li>${esc(String(t.line))}</li>`).join("")
    }</ul>${table(summaryRows(entries), "controls-table")}` +
    `</section>`,
  ];
  for (const { inputs: x, verdict: v, paths } of entries) {
    parts.push(
      `<section class="control" data-market="${esc(x.market)}"><h2>${esc(x.market)} market, ` +
        `seed ${x.seed}</h2>${
          verdictBox({ headline: v.headline, sentences: v.reasons, makes: v.status !== "fail" })
        }${definitions({ data: paths.data, model: paths.model, backtest: paths.backtest })}` +
        `</section>`,
    );
  }
  parts.push(`<section id="rules"><h2>Rules</h2>${definitions(CONTROL_RULES)}</section>`);
  return htmlPage("Trendformer controls", parts);
}
