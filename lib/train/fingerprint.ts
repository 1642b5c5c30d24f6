/**
 * A fingerprint of a bar table, stored with a checkpoint so a backtest can tell whether it runs on
 * the data the model was trained on.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";

/**
 * SHA-256 (hex) over the table's time, trading day and OHLCV arrays, in that order.
 *
 * @example
 * ```ts
 * const fp = await fingerprintBars(table); // "3f1c…" (64 hex digits)
 * ```
 */
export async function fingerprintBars(table: BarTable): Promise<string> {
  const parts = [
    table.time,
    table.tradingDay,
    table.open,
    table.high,
    table.low,
    table.close,
    table.volume,
  ];
  let size = 0;
  for (const p of parts) size += p.byteLength;
  const bytes = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), off);
    off += p.byteLength;
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
