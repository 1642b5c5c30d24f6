/**
 * Saves a Plot as an `.svg` or `.png` file, atomically.
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";
import { svgMarkup } from "./svg_markup.ts";
import type { ShownPlot } from "./show_plot.ts";

/** Options of {@linkcode savePlot}. */
export interface SavePlotOptions {
  /** PNG pixels per SVG pixel; default 2 (a 640 px wide plot becomes a 1280 px PNG). */
  scale?: number;
  /** PNG background, any CSS colour; default "white" (Plot draws on a transparent canvas). */
  background?: string;
}

/** Fonts for the PNG: Plot asks for `system-ui, sans-serif`; DejaVu (fonts-dejavu-core) stands in. */
const FONTS = {
  loadSystemFonts: true,
  defaultFontFamily: "DejaVu Sans",
  sansSerifFamily: "DejaVu Sans",
  serifFamily: "DejaVu Serif",
  monospaceFamily: "DejaVu Sans Mono",
};

/**
 * Rasterises standalone SVG markup to PNG bytes with resvg (system fonts, DejaVu by default).
 *
 * @example
 * ```ts
 * const png = await renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>');
 * png.length > 8; // true: a 20×10 PNG
 * ```
 * @param options.scale PNG pixels per SVG pixel; default 2.
 * @param options.background background colour; default "white".
 */
export async function renderPng(svg: string, options: SavePlotOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 16)) {
    throw new RangeError(`Cannot render a PNG at scale ${scale}: use a number in (0, 16]`);
  }
  const { Resvg } = await import("@resvg/resvg-js");
  const image = new Resvg(svg, {
    background: options.background ?? "white",
    fitTo: { mode: "zoom", value: scale },
    font: FONTS,
  }).render();
  return new Uint8Array(image.asPng());
}

/**
 * Writes a plot to `path`: `.svg` as standalone SVG (with `xmlns`), `.png` rasterised by resvg.
 * The file appears whole or not at all (temp file in the same folder, then rename); missing
 * folders are created.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { document, savePlot } from "../lib/plot/mod.ts";
 *
 * const plot = Plot.plot({ document, marks: [Plot.lineY([1, 3, 2, 5])] });
 * await savePlot(plot, "data/plots/equity.png"); // 1280×800 PNG
 * await savePlot(plot, "data/plots/equity.svg");
 * ```
 * @param plot a Plot element (`<svg>` or `<figure>`) or the result of `showPlot`.
 * @param options.scale PNG pixels per SVG pixel; default 2.
 * @param options.background PNG background colour; default "white".
 * @throws {RangeError} when the file name ends in neither `.svg` nor `.png`.
 */
export async function savePlot(
  plot: Element | ShownPlot,
  path: string,
  options: SavePlotOptions = {},
): Promise<void> {
  const ext = path.toLowerCase().match(/\.(svg|png)$/)?.[1];
  if (!ext) {
    throw new RangeError(`Cannot save a plot to ${path}: the name must end in .svg or .png`);
  }
  const svg = "svg" in plot && typeof plot.svg === "string" ? plot.svg : svgMarkup(plot as Element);
  const bytes = ext === "svg"
    ? new TextEncoder().encode(svg.endsWith("\n") ? svg : svg + "\n")
    : await renderPng(svg, options);
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  await writeFileAtomic(path, (tmp) => Deno.writeFile(tmp, bytes));
}
