import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { Resvg } from "@resvg/resvg-js";
import {
  document,
  encodePng,
  JUPYTER_DISPLAY,
  savePlot,
  showPlot,
  svgMarkup,
} from "../lib/plot/mod.ts";

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const SVG_START = '<svg xmlns="http://www.w3.org/2000/svg"';

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, "PNG signature");
  assert.equal(new TextDecoder().decode(bytes.subarray(12, 16)), "IHDR");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Parses with resvg, whose XML parser is strict: throws on markup that is not well-formed SVG. */
function parsedSize(svg: string): { width: number; height: number } {
  const r = new Resvg(svg);
  return { width: r.width, height: r.height };
}

const closes = [3801, 3805, 3799, 3810, 3822, 3818, 3830];
const linePlot = () => Plot.plot({ document, marks: [Plot.lineY(closes)] });
const figurePlot = () =>
  Plot.plot({
    document,
    title: "Close & signal <rb>",
    caption: "fixture",
    color: { legend: true },
    marks: [
      Plot.dot(closes, { x: (_, i) => i, y: (d) => d, fill: (_, i) => i % 2 ? "long" : "short" }),
    ],
  });

Deno.test("showPlot: the bundle carries the same standalone SVG as text/html and image/svg+xml", () => {
  const el = linePlot();
  assert.equal(el.getAttribute("xmlns"), null, "linkedom leaves xmlns out; the helper adds it");
  const shown = showPlot(el);
  assert.equal(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
  const bundle = shown[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle).sort(), ["image/svg+xml", "text/html"]);
  assert.equal(bundle["text/html"], bundle["image/svg+xml"]);
  assert.equal(bundle["image/svg+xml"], shown.svg);
  assert.ok(shown.svg.startsWith(SVG_START), shown.svg.slice(0, 80));
  assert.ok(shown.svg.includes('aria-label="line"'), "the line mark is in the SVG");
  assert.deepEqual(parsedSize(shown.svg), { width: 640, height: 400 });
  assert.equal(el.getAttribute("xmlns"), null, "the element itself is not modified");
});

Deno.test("showPlot: a <figure> (title, legend, caption) becomes one SVG with all its parts", () => {
  const el = figurePlot();
  assert.equal(el.tagName.toLowerCase(), "figure");
  const svg = showPlot(el).svg;
  assert.ok(svg.startsWith(SVG_START));
  assert.ok(svg.includes("Close &amp; signal &lt;rb&gt;"), "title, escaped");
  assert.ok(svg.includes(">long</text>") && svg.includes(">short</text>"), "legend labels");
  assert.ok(svg.includes(">fixture</text>"), "caption");
  const { width, height } = parsedSize(svg);
  assert.equal(width, 640);
  assert.ok(height > 400 + 40, `title, legend and caption add height: ${height}`);
  assert.throws(() => svgMarkup(document.createElement("div")), TypeError);
});

Deno.test("document: continuous legends and raster marks draw through the canvas stand-in", () => {
  const ramp = Plot.plot({
    document,
    color: { legend: true, type: "linear", range: ["#ff0000", "#0000ff"] },
    marks: [Plot.dot(closes, { x: (_, i) => i, y: (d) => d, fill: (d) => d })],
  });
  const href = /href="data:image\/png;base64,([^"]+)"/.exec(svgMarkup(ramp))?.[1];
  assert.ok(href, "the ramp is an embedded PNG");
  const png = Uint8Array.from(atob(href), (c) => c.charCodeAt(0));
  assert.deepEqual(pngSize(png), { width: 256, height: 1 });
  // Render the ramp image alone and read its end pixels: red on the left, blue on the right.
  const probe = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
    width="256" height="1"><image width="256" height="1" preserveAspectRatio="none"
    xlink:href="data:image/png;base64,${href}"/></svg>`;
  const px = new Resvg(probe).render().pixels;
  assert.deepEqual([...px.subarray(0, 3)], [255, 0, 0]);
  assert.deepEqual([...px.subarray(255 * 4, 255 * 4 + 3)], [0, 0, 255]);

  const raster = Plot.plot({
    document,
    marks: [
      Plot.raster({ width: 8, height: 4, fill: (x: number) => x, x1: 0, x2: 8, y1: 0, y2: 4 }),
    ],
  });
  assert.match(svgMarkup(raster), /<image [^>]*href="data:image\/png;base64,/);
});

Deno.test("encodePng: pixels survive a round trip through a real PNG decoder", () => {
  const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255]);
  const png = encodePng(rgba, 2, 2);
  assert.deepEqual(pngSize(png), { width: 2, height: 2 });
  const b64 = btoa(String.fromCharCode(...png));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><image width="2" height="2"
    style="image-rendering:pixelated" href="data:image/png;base64,${b64}"/></svg>`;
  const px = new Resvg(svg).render().pixels;
  assert.deepEqual([...px], [...rgba]);
  assert.throws(() => encodePng(rgba, 3, 2), RangeError);
});

Deno.test("savePlot: .svg and .png files, written atomically", async () => {
  const dir = await Deno.makeTempDir({ prefix: "plot_test_" });
  try {
    const el = linePlot();
    const svgPath = `${dir}/nested/line.svg`;
    await savePlot(el, svgPath);
    const svg = await Deno.readTextFile(svgPath);
    assert.ok(svg.startsWith(SVG_START));
    assert.equal(svg.trimEnd(), svgMarkup(el));
    assert.deepEqual(parsedSize(svg), { width: 640, height: 400 });

    const pngPath = `${dir}/line.png`;
    await savePlot(el, pngPath);
    const png = await Deno.readFile(pngPath);
    assert.deepEqual(pngSize(png), { width: 1280, height: 800 }, "default scale 2");
    assert.ok(
      png.length > 10_000,
      `a plot with axes and text is not a blank image: ${png.length} B`,
    );

    await savePlot(showPlot(figurePlot()), `${dir}/figure.png`, { scale: 1 });
    const fig = pngSize(await Deno.readFile(`${dir}/figure.png`));
    assert.equal(fig.width, 640);
    assert.ok(fig.height > 440);

    // Overwrite: the new file replaces the old one whole.
    await savePlot(showPlot(figurePlot()), pngPath, { scale: 1 });
    assert.equal(pngSize(await Deno.readFile(pngPath)).width, 640);

    // Failures leave the existing file as it was, and no temp file behind.
    const before = await Deno.readFile(pngPath);
    await assert.rejects(savePlot({ ...showPlot(el), svg: "<svg" }, pngPath));
    assert.deepEqual(await Deno.readFile(pngPath), before);
    await Deno.mkdir(`${dir}/taken.svg`);
    await assert.rejects(savePlot(el, `${dir}/taken.svg`)); // rename onto a folder fails
    await assert.rejects(savePlot(el, `${dir}/line.jpg`), RangeError);
    await assert.rejects(savePlot(el, `${dir}/x.png`, { scale: 0 }), RangeError);
    const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(names, ["figure.png", "line.png", "nested", "taken.svg"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
