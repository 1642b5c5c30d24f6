/**
 * Serialises a Plot element as one standalone SVG document.
 *
 * `Plot.plot` returns an `<svg>`, or a `<figure>` when the plot has a title, subtitle, caption or
 * legend. A figure is HTML (headings, legend swatches as `<span>`s, the chart as an inner `<svg>`),
 * which neither an `.svg` file nor a rasteriser understands, so it is laid out here as one SVG:
 * title, subtitle, legends, chart and caption stacked top to bottom.
 *
 * @module
 */

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const NAMED_ENTITIES: Record<string, string> = { nbsp: "&#160;", ensp: "&#8194;", emsp: "&#8195;" };

/** Font sizes and gaps (px) of the figure layout; the chart keeps Plot's own. */
const LAYOUT = {
  font: "system-ui, sans-serif",
  title: 16,
  subtitle: 13,
  caption: 12,
  legend: 10,
  swatch: 15,
  gap: 6,
  /** Average glyph width as a fraction of the font size, to place swatch labels. */
  charWidth: 0.6,
};

/** Escapes text for an XML text node or attribute value. */
function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/** Makes linkedom's HTML serialisation well-formed XML: HTML-only entities become numeric. */
function xmlSafe(markup: string): string {
  return markup.replace(/&([a-zA-Z]+);/g, (all, name: string) => {
    if (XML_ENTITIES.has(name)) return all;
    return NAMED_ENTITIES[name] ?? all;
  });
}

function withNamespaces(markup: string): string {
  return markup.replace(/^<svg\b([^>]*)>/, (_all, attrs: string) => {
    const add: string[] = [];
    if (!/\sxmlns=/.test(attrs)) add.push(` xmlns="${SVG_NS}"`);
    if (!/\sxmlns:xlink=/.test(attrs)) add.push(` xmlns:xlink="${XLINK_NS}"`);
    return `<svg${add.join("")}${attrs}>`;
  });
}

function size(el: Element, name: "width" | "height", fallback: number): number {
  const v = parseFloat(el.getAttribute(name) ?? "");
  return Number.isFinite(v) ? v : fallback;
}

/** Places an inner `<svg>` at (x, y) by adding x/y attributes to its opening tag. */
function placed(el: Element, x: number, y: number): string {
  return xmlSafe(el.outerHTML).replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
}

function text(
  s: string,
  x: number,
  y: number,
  fontSize: number,
  extra = "",
): string {
  return `<text x="${x}" y="${y}" font-size="${fontSize}"${extra}>${escapeXml(s)}</text>`;
}

/** Lays out a figure's children as one SVG, top to bottom. */
function layoutFigure(figure: Element): string {
  const children = Array.from(figure.children);
  const svgs = children.filter((c) => c.tagName.toLowerCase() === "svg");
  const width = Math.max(320, ...svgs.map((s) => size(s, "width", 0)));
  const parts: string[] = [];
  let y = 0;
  for (const child of children) {
    const tag = child.tagName.toLowerCase();
    const cls = child.getAttribute("class") ?? "";
    if (tag === "h2" || tag === "h3" || tag === "figcaption") {
      const fs = tag === "h2" ? LAYOUT.title : tag === "h3" ? LAYOUT.subtitle : LAYOUT.caption;
      const weight = tag === "h2" ? ` font-weight="bold"` : "";
      const fill = tag === "h2" ? "" : ` fill-opacity="0.75"`;
      y += fs + (y === 0 ? 2 : LAYOUT.gap);
      parts.push(text(child.textContent ?? "", 0, y, fs, weight + fill));
      y += LAYOUT.gap / 2;
    } else if (tag === "svg") {
      y += y === 0 ? 0 : LAYOUT.gap;
      parts.push(placed(child, 0, y));
      y += size(child, "height", 0);
    } else if (/-swatches\b/.test(cls)) {
      y += y === 0 ? 0 : LAYOUT.gap;
      const row = LAYOUT.swatch + LAYOUT.gap;
      let x = 0, top = y;
      for (const swatch of Array.from(child.querySelectorAll("span"))) {
        const box = swatch.querySelector("svg");
        if (!box) continue;
        const label = (swatch.textContent ?? "").trim();
        const w = LAYOUT.swatch + 6 + label.length * LAYOUT.legend * LAYOUT.charWidth + 16;
        if (x > 0 && x + w > width) (x = 0, top += row);
        parts.push(placed(box, x, top));
        parts.push(
          text(
            label,
            x + LAYOUT.swatch + 6,
            top + LAYOUT.swatch / 2,
            LAYOUT.legend,
            ` dominant-baseline="central"`,
          ),
        );
        x += w;
      }
      y = top + row;
    }
  }
  const height = Math.ceil(y + LAYOUT.gap);
  return `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${LAYOUT.font}" fill="currentColor">` +
    parts.join("") + `</svg>`;
}

/**
 * The standalone SVG markup of a plot: the `<svg>` itself with `xmlns` (which linkedom leaves
 * out) and `xmlns:xlink` set, or a `<figure>` laid out as one SVG. The element is not modified.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { document } from "./document.ts";
 *
 * const svg = svgMarkup(Plot.plot({ document, title: "Close", marks: [Plot.lineY([1, 3, 2])] }));
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); // true
 * ```
 * @throws {TypeError} when the element is neither an `<svg>` nor a `<figure>`.
 */
export function svgMarkup(plot: Element): string {
  const tag = plot.tagName.toLowerCase();
  if (tag === "svg") return withNamespaces(xmlSafe(plot.outerHTML));
  if (tag === "figure") return layoutFigure(plot);
  throw new TypeError(`Cannot make SVG of a <${tag}> element: expected Plot's <svg> or <figure>`);
}
