/**
 * Shows a Plot in a notebook: a value the Deno kernel displays as a picture.
 *
 * @module
 */
import { svgMarkup } from "./svg_markup.ts";

/** The symbol the Deno kernel looks up to display a value (the same as `Deno.jupyter.$display`). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle: MIME type → content. */
export type MimeBundle = Record<string, string>;

/** A plot ready to display: its standalone SVG, and the kernel's display hook. */
export interface ShownPlot {
  /** Standalone SVG markup (with `xmlns`), as written by `savePlot` to an `.svg` file. */
  readonly svg: string;
  /** The kernel calls this to get the MIME bundle `{"text/html", "image/svg+xml"}`. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * Wraps a Plot element (an `<svg>`, or a `<figure>` with title or legend) so that a notebook cell
 * that ends with it shows the plot. The bundle carries the same SVG as `text/html` and as
 * `image/svg+xml`: HTML exports keep it (Debian's nbconvert blanks `image/svg+xml` there) and
 * SVG-only frontends still get a picture.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { document, showPlot } from "../lib/plot/mod.ts";
 *
 * showPlot(Plot.plot({ document, marks: [Plot.lineY([1, 3, 2, 5])] })); // last line of a cell
 * ```
 * @throws {TypeError} when the element is neither an `<svg>` nor a `<figure>`.
 */
export function showPlot(plot: Element): ShownPlot {
  const svg = svgMarkup(plot);
  return {
    svg,
    [JUPYTER_DISPLAY]: () => ({ "text/html": svg, "image/svg+xml": svg }),
  };
}
