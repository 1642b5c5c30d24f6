/**
 * Executes every notebook in notebooks/ headless (tools/run_notebooks.py, Deno kernel) after
 * type-checking it, and proves the executed copies hold their outputs. The runner itself is tested
 * on the fixtures in tests/fixtures/notebooks/, so this test means something before notebooks exist.
 *
 * Output rule for notebooks: every code cell has at least one output, unless its last top-level
 * statement is a declaration (import, const, let, var, function, class, type, interface, enum,
 * export), which the kernel shows nothing for, or the cell holds the comment `// @no-output`.
 * A notebook that calls `showPlot(` or `Plot.plot(` shows at least one plot (a bundle with SVG or
 * PNG, and text/html).
 *
 * A trailing `;` does not count as an opt-out: the Deno kernel shows `x;` just like `x`, and
 * `deno fmt` (which formats notebooks) ends every statement with one.
 *
 * Needs Debian's /usr/bin/python3 with nbclient (`./dev test` installs it).
 */
import assert from "node:assert/strict";

const ROOT = new URL("..", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";
const RUNNER = `${ROOT}tools/run_notebooks.py`;
const FIXTURES = `${ROOT}tests/fixtures/notebooks`;
const NO_OUTPUT_MARKER = "// @no-output";
const PLOT_CALL = /\b(showPlot|Plot\.plot)\s*\(/;
const DECLARATION =
  /^(?:export\s+)?(?:import|const|let|var|(?:async\s+)?function|(?:abstract\s+)?class|type|interface|enum|declare)\b/;

/**
 * The first line of a cell's last top-level statement. Formatted code starts top-level statements
 * in column 0; indented lines, closing brackets and comments continue or annotate one.
 */
function lastStatement(src: string): string {
  const lines = src.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.trim() === "" || /^\s/.test(l) || /^[}\])]/.test(l) || /^(\/\/|\/\*)/.test(l)) continue;
    return l;
  }
  return "";
}

type Text = string | string[];
interface Output {
  output_type: string;
  name?: string;
  text?: Text;
  data?: Record<string, Text>;
  ename?: string;
}
interface Cell {
  cell_type: string;
  source: Text;
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
}

const join = (t: Text | undefined): string => Array.isArray(t) ? t.join("") : t ?? "";

/** Runs the notebook runner; `env` adds to the environment (e.g. `TRENDFORMER_DATA`). */
async function runNotebooks(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(PYTHON, {
    args: [RUNNER, "--deno", Deno.execPath(), ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output().catch((e) => {
    throw new Error(`Cannot start ${PYTHON} (Jupyter missing? ./dev test installs it): ${e}`);
  });
  const dec = new TextDecoder();
  const stdout = dec.decode(out.stdout), stderr = dec.decode(out.stderr);
  return { code: out.code, stdout, stderr, log: `--- stdout\n${stdout}--- stderr\n${stderr}` };
}

/** Every file below `dir` with its size and modification time, sorted; [] when it is missing. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else {
        const s = await Deno.lstat(p);
        out.push(`${p} ${s.size} ${s.mtime?.getTime()}`);
      }
    }
  };
  try {
    await walk(dir);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(path));
}

/** The text of a cell's outputs: streams, plain-text results and error names. */
function outputText(cell: Cell): string {
  return (cell.outputs ?? []).map((o) =>
    join(o.text) + join(o.data?.["text/plain"]) + (o.ename ? `${o.ename}` : "")
  ).join("\n");
}

/** Everything that shows an executed notebook lost or lacks output; empty when it is complete. */
function outputProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  const code = nb.cells.map((c, i) => ({ c, i })).filter(({ c }) =>
    c.cell_type === "code" && join(c.source).trim() !== ""
  );
  for (const { c, i } of code) {
    const src = join(c.source).trimEnd();
    const outputs = c.outputs ?? [];
    const declaration = DECLARATION.test(lastStatement(src));
    if (outputs.length === 0 && !declaration && !src.includes(NO_OUTPUT_MARKER)) {
      problems.push(`cell index ${i} has no output: ${src.split("\n").at(-1)}`);
    }
    for (const o of outputs.filter((o) => o.output_type === "error")) {
      problems.push(`cell index ${i} holds an error: ${o.ename}`);
    }
  }
  if (code.some(({ c }) => PLOT_CALL.test(join(c.source)))) {
    const plots = code.flatMap(({ c }) => c.outputs ?? []).filter((o) => {
      const svg = join(o.data?.["image/svg+xml"]), png = join(o.data?.["image/png"]);
      return (svg.includes("<svg") || png.length > 100) && join(o.data?.["text/html"]).length > 0;
    });
    if (plots.length === 0) problems.push("it makes a plot but shows none (SVG/PNG + text/html)");
  }
  return problems;
}

Deno.test("notebooks: run headless with every output kept, and type-check", async (t) => {
  const out = await Deno.makeTempDir({ prefix: "notebooks_test_" });
  let keep = false;
  try {
    await t.step("the output check flags a notebook without its outputs", async () => {
      assert.equal(lastStatement('import {\n  a,\n} from "./x.ts";'), "import {");
      assert.equal(lastStatement("const p = f({\n  a,\n});\n// note\n"), "const p = f({");
      assert.equal(lastStatement("const xs = [1];\nshowPlot(\n  p,\n);"), "showPlot(");
      const problems = outputProblems(await readNotebook(`${FIXTURES}/outputs.ipynb`));
      assert.deepEqual(problems.map((p) => p.split(":")[0]), [
        "cell index 2 has no output",
        "cell index 3 has no output",
        "cell index 4 has no output",
        "cell index 5 has no output",
        "cell index 7 has no output", // 1 and 6 end with a declaration: exempt
        "it makes a plot but shows none (SVG/PNG + text/html)",
      ]);
    });

    await t.step("fixture: print, value, plot, table and await all come back", async () => {
      const r = await runNotebooks([
        "--check",
        "--html",
        "--out",
        out,
        `${FIXTURES}/outputs.ipynb`,
      ]);
      assert.equal(r.code, 0, r.log);
      assert.match(r.stdout, /^type-checked 1 notebook\(s\) in [\d.]+ s: ok$/m, r.log);
      assert.match(r.stdout, /^ok\s+\S*outputs\.ipynb\s+7 code cells\s+[\d.]+ s/m, r.log);
      const nb = await readNotebook(`${out}/outputs.ipynb`);
      assert.deepEqual(outputProblems(nb), []);
      const c = nb.cells;
      assert.equal(outputText(c[2]), "printed 42\n");
      assert.equal(outputText(c[3]), "10");
      const plot = c[4].outputs![0].data!;
      assert.ok(join(plot["image/svg+xml"]).startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
      assert.equal(join(plot["text/html"]), join(plot["image/svg+xml"]));
      assert.ok(join(plot["text/html"]).includes("Fixture plot"));
      assert.match(
        join(c[5].outputs![0].data!["text/html"]),
        /<td[^>]*>mean<\/td><td[^>]*>2\.5000</,
      );
      assert.deepEqual(c[6].outputs, [], "a declaration shows nothing");
      assert.equal(outputText(c[7]), "after a microtask; total 4\n");
      // The plot survives nbconvert's HTML export (which blanks image/svg+xml-only outputs).
      const html = await Deno.readTextFile(`${out}/outputs.html`);
      assert.ok(html.includes('<svg xmlns="http://www.w3.org/2000/svg"'), "plot SVG in the HTML");
      assert.ok(html.includes('aria-label="line"'), "the plot's line mark is in the HTML");
    });

    await t.step("fixture: a throwing cell fails the run and is named", async () => {
      const r = await runNotebooks(["--out", out, `${FIXTURES}/error.ipynb`]);
      assert.equal(r.code, 1, r.log);
      assert.ok(
        r.stderr.includes(
          "error.ipynb: cell 2 of 3 (index 1) raised RangeError: fixture failure in the second cell",
        ),
        r.log,
      );
      assert.match(r.stdout, /^FAILED\s+\S*error\.ipynb/m, r.log);
      const nb = await readNotebook(`${out}/error.ipynb`);
      assert.equal(outputText(nb.cells[0]), '"first cell ran"');
      assert.equal(nb.cells[1].outputs![0].output_type, "error");
      assert.deepEqual(nb.cells[2].outputs, [], "cells after the error do not run");
    });

    await t.step("fixture: output published after idle is kept by the quiet period", async () => {
      // The cell prints 300 ms after finishing. With 1.5 s of quiet it lands in the cell; with no
      // quiet period (what stock nbclient does) it is lost, and the run still "succeeds".
      const [kept, lost] = await Promise.all([
        runNotebooks(["--quiet", "1.5", "--out", `${out}/kept`, `${FIXTURES}/late.ipynb`]),
        runNotebooks(["--quiet", "0", "--out", `${out}/lost`, `${FIXTURES}/late.ipynb`]),
      ]);
      assert.equal(kept.code, 0, kept.log);
      assert.equal(lost.code, 0, lost.log);
      assert.ok(
        outputText((await readNotebook(`${out}/kept/late.ipynb`)).cells[1]).includes("late output"),
      );
      assert.ok(
        !outputText((await readNotebook(`${out}/lost/late.ipynb`)).cells[1]).includes(
          "late output",
        ),
      );
    });

    await t.step("fixture: the type check names the cell with a type error", async () => {
      const all = [...Deno.readDirSync(FIXTURES)].map((e) => `${FIXTURES}/${e.name}`).sort();
      const r = await runNotebooks(["--check-only", ...all]);
      assert.equal(r.code, 1, r.log);
      assert.match(r.stdout, /^type-checked 4 notebook\(s\) in [\d.]+ s: 1 failed$/m, r.log);
      assert.ok(r.stderr.includes("FAILED type check: " + `${FIXTURES}/type_error.ipynb`), r.log);
      assert.ok(r.stderr.includes("TS2322"), r.log);
      assert.ok(r.stderr.includes("type_error.ipynb cell 2 (index 1), line 1:7"), r.log);
      assert.ok(!/FAILED type check: \S*\/(outputs|error|late)\.ipynb/.test(r.stderr), r.log);
      const leftovers = [...Deno.readDirSync(FIXTURES)].filter((e) => e.name.endsWith(".ts"));
      assert.deepEqual(leftovers, [], "the joined .ts files are removed");
    });

    const notebooks = [...Deno.readDirSync(`${ROOT}notebooks`)]
      .filter((e) => e.isFile && e.name.endsWith(".ipynb")).map((e) => e.name).sort();
    await t.step({
      name: `notebooks/: ${notebooks.join(", ") || "none yet"}`,
      ignore: notebooks.length === 0,
      fn: async () => {
        // Hermetic: the notebooks read and write a fresh artefact folder, never the repository's
        // data/ (whatever an earlier `./dev pipeline` left there, e.g. a default model).
        const before = await listing(`${ROOT}data`);
        const data = `${out}/data`;
        const r = await runNotebooks([
          "--check",
          "--out",
          `${out}/notebooks`,
          ...notebooks.map((n) => `${ROOT}notebooks/${n}`),
        ], { TRENDFORMER_DATA: data });
        keep = r.code !== 0;
        assert.equal(r.code, 0, `${r.log}\nexecuted copies kept in ${out}/notebooks`);
        for (const name of notebooks) {
          const problems = outputProblems(await readNotebook(`${out}/notebooks/${name}`));
          keep ||= problems.length > 0;
          assert.deepEqual(problems, [], `notebooks/${name} (executed copy in ${out}/notebooks)`);
        }
        assert.ok((await Deno.stat(`${data}/market.csv`)).isFile, "market.csv in the temp folder");
        assert.deepEqual(
          await listing(`${ROOT}data`),
          before,
          "the repository's data/ is untouched",
        );
      },
    });
  } finally {
    if (!keep) await Deno.remove(out, { recursive: true });
  }
});
