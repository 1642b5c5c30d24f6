/**
 * A minimal PNG encoder for RGBA pixels: what the canvas stand-in of {@linkcode document} needs to
 * turn Plot's colour ramps and raster marks into `data:image/png` URLs.
 *
 * @module
 */
import { deflateSync } from "node:zlib";

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel, not premultiplied) as a PNG file.
 *
 * @example
 * ```ts
 * const red = new Uint8Array([255, 0, 0, 255]);
 * const png = encodePng(red, 1, 1); // Uint8Array starting with 137 80 78 71 13 10 26 10
 * ```
 * @throws {RangeError} when the size is not a positive integer or does not match the pixels.
 */
export function encodePng(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Cannot encode a PNG of ${width}×${height} pixels: sizes must be ≥ 1`);
  }
  if (rgba.length !== width * height * 4) {
    throw new RangeError(
      `Cannot encode a PNG of ${width}×${height} pixels from ${rgba.length} bytes: ` +
        `expected ${width * height * 4}`,
    );
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods are all 0
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height); // each row: filter byte 0, then the pixels
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    for (let i = 0; i < stride; i++) raw[row + 1 + i] = rgba[y * stride + i];
  }
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), at += p.length);
  return out;
}
