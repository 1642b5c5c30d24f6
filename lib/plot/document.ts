/**
 * A DOM `document` for Observable Plot outside a browser (in the Deno kernel, scripts and tests),
 * from linkedom. Pass it to every `Plot.plot` call.
 *
 * linkedom has no canvas, which Plot uses for continuous colour legends (ramps) and raster marks;
 * this document's `createElement("canvas")` returns a small stand-in that supports what Plot
 * calls (`fillStyle` + `fillRect`, `createImageData` + `putImageData`, `toDataURL`) and encodes PNG.
 *
 * @module
 */
import { parseHTML } from "linkedom";
import { encodePng } from "./encode_png.ts";

type Rgba = [number, number, number, number];

function parseColor(style: string): Rgba {
  const s = style.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,8})$/.exec(s);
  if (m && [3, 4, 6, 8].includes(m[1].length)) {
    const h = m[1].length <= 4 ? [...m[1]].map((c) => c + c).join("") : m[1];
    const n = (i: number) => parseInt(h.slice(2 * i, 2 * i + 2), 16);
    return [n(0), n(1), n(2), h.length === 8 ? n(3) : 255];
  }
  m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    if (p.length >= 3 && p.every(Number.isFinite)) {
      return [p[0], p[1], p[2], p.length > 3 ? Math.round(p[3] * 255) : 255];
    }
  }
  if (s === "black") return [0, 0, 0, 255];
  if (s === "white") return [255, 255, 255, 255];
  if (s === "transparent" || s === "none") return [0, 0, 0, 0];
  throw new TypeError(`Cannot parse canvas fillStyle "${style}": use #hex, rgb() or rgba()`);
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

interface ImageDataLike {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The part of a 2D canvas context that Plot uses. */
class Context2d {
  fillStyle = "#000000";
  constructor(private readonly canvas: CanvasStandIn) {}

  fillRect(x: number, y: number, w: number, h: number): void {
    const px = this.canvas.pixels();
    const [r, g, b, a] = parseColor(this.fillStyle);
    const { width, height } = this.canvas;
    const x0 = Math.max(0, Math.round(x)), x1 = Math.min(width, Math.round(x + w));
    const y0 = Math.max(0, Math.round(y)), y1 = Math.min(height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) px.set([r, g, b, a], (yy * width + xx) * 4);
    }
  }

  createImageData(width: number, height: number): ImageDataLike {
    return { width, height, data: new Uint8ClampedArray(width * height * 4) };
  }

  putImageData(image: ImageDataLike, dx: number, dy: number): void {
    const px = this.canvas.pixels();
    const { width, height } = this.canvas;
    for (let y = 0; y < image.height; y++) {
      const ty = y + Math.round(dy);
      if (ty < 0 || ty >= height) continue;
      for (let x = 0; x < image.width; x++) {
        const tx = x + Math.round(dx);
        if (tx < 0 || tx >= width) continue;
        const from = (y * image.width + x) * 4;
        px.set(image.data.subarray(from, from + 4), (ty * width + tx) * 4);
      }
    }
  }
}

/** A canvas stand-in: a pixel buffer that a {@linkcode Context2d} draws into. */
class CanvasStandIn {
  width = 300;
  height = 150;
  #pixels = new Uint8ClampedArray(0);

  pixels(): Uint8ClampedArray {
    const n = this.width * this.height * 4;
    if (this.#pixels.length !== n) this.#pixels = new Uint8ClampedArray(n);
    return this.#pixels;
  }

  getContext(kind: string): Context2d | null {
    return kind === "2d" ? new Context2d(this) : null;
  }

  toDataURL(): string {
    return "data:image/png;base64," + toBase64(encodePng(this.pixels(), this.width, this.height));
  }
}

function createDocument(): Document {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const createElement = document.createElement.bind(document);
  Object.defineProperty(document, "createElement", {
    value: (name: string, options?: ElementCreationOptions) =>
      name.toLowerCase() === "canvas" ? new CanvasStandIn() : createElement(name, options),
  });
  return document;
}

/**
 * The shared linkedom document for `Plot.plot({ document, … })`. Plot only creates detached
 * elements in it, so one document serves every plot.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { document } from "./document.ts";
 *
 * const svg = Plot.plot({ document, marks: [Plot.lineY([1, 3, 2])] });
 * svg.tagName; // "SVG"
 * ```
 */
export const document: Document = createDocument();
