/**
 * Plots and tables for notebooks and scripts: Observable Plot in Deno (via linkedom), shown in
 * the Deno kernel as MIME bundles or saved as `.svg` / `.png` files.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { document, savePlot, showPlot, showTable } from "../lib/plot/mod.ts";
 *
 * const plot = Plot.plot({ document, marks: [Plot.lineY([1, 3, 2, 5])] });
 * await savePlot(plot, "data/plots/example.png");
 * showPlot(plot); // in a notebook cell
 * showTable([{ metric: "sharpe", value: 2.1 }]);
 * ```
 *
 * @module
 */
export * from "./document.ts";
export * from "./encode_png.ts";
export * from "./svg_markup.ts";
export * from "./show_plot.ts";
export * from "./save_plot.ts";
export * from "./show_table.ts";
