/**
 * Speed of the synthetic market generator: one calendar year (2023, 82,770 bars) and ten years
 * (2023–2032, about 880k bars; years after 2025 are weekdays-only), in memory.
 */
import { generateMarket } from "../lib/market/mod.ts";

Deno.bench("generateMarket: 1 year (2023, 82,770 bars)", { group: "generate" }, () => {
  generateMarket({ years: 1 });
});

Deno.bench("generateMarket: 10 years (2023–2032)", { group: "generate" }, () => {
  generateMarket({ years: 10 });
});
