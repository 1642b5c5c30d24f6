import assert from "node:assert/strict";
import { formatValue, JUPYTER_DISPLAY, showTable } from "../lib/plot/mod.ts";

Deno.test("formatValue: integers in full, other numbers to about five significant digits", () => {
  assert.equal(formatValue(1234), "1234");
  assert.equal(formatValue(-7), "-7");
  assert.equal(formatValue(3801.5), "3801.50");
  assert.equal(formatValue(2.1345678), "2.1346");
  assert.equal(formatValue(28.123456), "28.123");
  assert.equal(formatValue(0.28346), "0.2835");
  assert.equal(formatValue(-0.0451234), "-0.04512");
  assert.equal(formatValue(0.000123456), "0.0001235");
  assert.equal(formatValue(0.00001234), "1.234e-5");
  assert.equal(formatValue(1.5e12), "1500000000000", "an integer, however large, prints in full");
  assert.equal(formatValue(1.5e9 + 0.5), "1.500e+9");
  assert.equal(formatValue(0.28, { digits: 1 }), "0.3");
  assert.equal(formatValue(NaN), "NaN");
  assert.equal(formatValue(-Infinity), "-Infinity");
  assert.equal(formatValue(null), "");
  assert.equal(formatValue(undefined), "");
  assert.equal(formatValue(12n), "12");
  assert.equal(formatValue(true), "true");
  assert.equal(formatValue(new Date(Date.UTC(2023, 0, 3, 21, 1))), "2023-01-03 21:01:00");
  assert.equal(formatValue({ a: 1 }), '{"a":1}');
});

Deno.test("showTable: an HTML table and an aligned text twin, escaped and capped", () => {
  const rows = [
    { metric: "annual return", value: 0.28346 },
    { metric: "sharpe <in-sample>", value: 2.1 },
    { metric: "trades", value: 1234, note: "a & b" },
  ];
  const t = showTable(rows);
  assert.deepEqual(t.columns, ["metric", "value", "note"]);
  assert.deepEqual(t.cells, [
    ["annual return", "0.2835", ""],
    ["sharpe <in-sample>", "2.1000", ""],
    ["trades", "1234", "a & b"],
  ]);
  const bundle = t[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  const html = bundle["text/html"];
  assert.equal((html.match(/<tr>/g) ?? []).length, 4, "header + 3 rows");
  assert.ok(html.includes("sharpe &lt;in-sample&gt;") && html.includes("a &amp; b"));
  assert.ok(html.includes('<td style="text-align:right">1234</td>'), "numbers right-aligned");
  assert.ok(html.includes('<td style="text-align:left">trades</td>'), "text left-aligned");
  assert.equal(
    bundle["text/plain"],
    [
      "metric               value  note",
      "------------------  ------  -----",
      "annual return       0.2835",
      "sharpe <in-sample>  2.1000",
      "trades                1234  a & b",
    ].join("\n"),
  );

  const long = Array.from({ length: 60 }, (_, i) => ({ i, x: i / 8 }));
  const capped = showTable(long, { maxRows: 5, columns: ["x"], formats: { x: (v) => `${v}!` } });
  assert.equal(capped.cells.length, 5);
  assert.deepEqual(capped.cells[1], ["0.125!"]);
  const text = capped[JUPYTER_DISPLAY]()["text/plain"];
  assert.ok(text.endsWith("… 55 more rows (60 in all)"), text);
  assert.ok(capped[JUPYTER_DISPLAY]()["text/html"].includes("… 55 more rows (60 in all)"));
  assert.throws(() => showTable(long, { maxRows: 0 }), RangeError);
});
