/**
 * The instrument table: the main futures products of SHFE, INE, DCE, CZCE, CFFEX and GFEX with
 * their tick size, multiplier, sessions and default exchange fees; lookup by product or contract
 * code; and the generic instrument for products outside the table.
 *
 * **Sources and caveats.** Tick sizes, multipliers and trading hours are the exchanges' current
 * contract specifications (as of 2024–25). Night sessions and their hours changed over the years
 * (for example rb's night session closed at 01:00 until May 2016, and the DCE and CZCE night
 * sessions closed at 23:30 until 2019): for older data with other hours, use the generic mode
 * (sessions from the data). Fees are exchange fees without a broker's markup, as published for
 * 2024–25 (cross-checked against a public compilation of the exchanges' fee schedules); they change
 * often, so a backtest states them and `--commission` overrides them. Margin rates are illustrative
 * (roughly the exchanges' minimum margins) and only feed the margin-base return.
 *
 * @module
 */
import { type ContractSpec, type FeeModel, perLotFee, rateFee, REBAR } from "./contract_spec.ts";
import {
  CFFEX_BOND_SESSIONS,
  CFFEX_INDEX_SESSIONS,
  commoditySessions,
  type NightClose,
  type SessionTable,
} from "./sessions.ts";

/** A futures product: its contract spec, name and trading sessions. */
export interface Instrument extends ContractSpec {
  /** Chinese and English name, e.g. `螺纹钢 rebar`. */
  readonly name: string;
  /** Trading sessions in trading-day order (the night session, if any, first). */
  readonly sessions: SessionTable;
}

/** The exchanges of the table. */
export const EXCHANGES = ["SHFE", "INE", "DCE", "CZCE", "CFFEX", "GFEX"] as const;

const row = (
  symbol: string,
  exchange: typeof EXCHANGES[number],
  name: string,
  tick: number,
  multiplier: number,
  sessions: NightClose | SessionTable,
  fee: FeeModel,
  marginRate = 0.10,
): Instrument =>
  Object.freeze({
    symbol,
    exchange,
    name,
    tick,
    multiplier,
    sessions: typeof sessions === "string" || sessions === null
      ? commoditySessions(sessions)
      : sessions,
    fee,
    marginRate,
  });

const N1 = "01:00", N23 = "23:00", N230 = "02:30", NONE = null;
const IDX = CFFEX_INDEX_SESSIONS, BOND = CFFEX_BOND_SESSIONS;

/**
 * The instrument table, by product code (lower case on SHFE, INE, DCE and GFEX, upper case on CZCE
 * and CFFEX, as the exchanges write them). See the module doc for sources and caveats.
 *
 * @example
 * ```ts
 * INSTRUMENTS.rb.multiplier; // 10
 * INSTRUMENTS.au.tick; // 0.02 (CNY/g)
 * INSTRUMENTS.IF.fee; // { unit: "rate", open: 2.3e-5, close: 2.3e-5, closeToday: 3.45e-4 }
 * ```
 */
export const INSTRUMENTS: Readonly<Record<string, Instrument>> = Object.freeze(
  Object.fromEntries(
    [
      // SHFE: base and precious metals, ferrous, energy and chemicals.
      row("cu", "SHFE", "铜 copper", 10, 5, N1, rateFee(5e-5)),
      row("al", "SHFE", "铝 aluminium", 5, 5, N1, perLotFee(3, 0)),
      row("zn", "SHFE", "锌 zinc", 5, 5, N1, perLotFee(3, 0)),
      row("pb", "SHFE", "铅 lead", 5, 5, N1, perLotFee(3, 0)),
      row("ni", "SHFE", "镍 nickel", 10, 1, N1, perLotFee(3)),
      row("sn", "SHFE", "锡 tin", 10, 1, N1, perLotFee(3, 0)),
      row("ss", "SHFE", "不锈钢 stainless steel", 5, 5, N1, perLotFee(2, 0)),
      row("au", "SHFE", "黄金 gold (CNY/g)", 0.02, 1000, N230, rateFee(2e-5)),
      row("ag", "SHFE", "白银 silver (CNY/kg)", 1, 15, N230, rateFee(5e-5)),
      Object.freeze({ ...REBAR, name: "螺纹钢 rebar", sessions: commoditySessions(N23) }),
      row("hc", "SHFE", "热轧卷板 hot-rolled coil", 1, 10, N23, rateFee(1e-4)),
      row("bu", "SHFE", "沥青 bitumen", 1, 10, N23, rateFee(1e-4)),
      row("ru", "SHFE", "天然橡胶 natural rubber", 5, 10, N23, perLotFee(3, 0)),
      row("fu", "SHFE", "燃料油 fuel oil", 1, 10, N23, rateFee(5e-5)),
      // INE.
      row("sc", "INE", "原油 crude oil (CNY/bbl)", 0.1, 1000, N230, perLotFee(20, 0)),
      row("bc", "INE", "国际铜 copper (BC)", 10, 5, N1, rateFee(5e-5)),
      row("lu", "INE", "低硫燃料油 low-sulphur fuel oil", 1, 10, N23, perLotFee(1, 0)),
      row("nr", "INE", "20号胶 TSR 20 rubber", 5, 10, N23, perLotFee(3, 0)),
      // DCE.
      row("i", "DCE", "铁矿石 iron ore", 0.5, 100, N23, rateFee(1e-4)),
      row("j", "DCE", "焦炭 coke", 0.5, 100, N23, rateFee(1e-4, 1.4e-4)),
      row("jm", "DCE", "焦煤 coking coal", 0.5, 60, N23, rateFee(1e-4, 1.4e-4)),
      row("m", "DCE", "豆粕 soybean meal", 1, 10, N23, perLotFee(1.5)),
      row("y", "DCE", "豆油 soybean oil", 2, 10, N23, perLotFee(2.5)),
      row("p", "DCE", "棕榈油 palm oil", 2, 10, N23, perLotFee(2.5)),
      row("a", "DCE", "豆一 soybean No. 1", 1, 10, N23, perLotFee(2)),
      row("b", "DCE", "豆二 soybean No. 2", 1, 10, N23, perLotFee(1)),
      row("c", "DCE", "玉米 corn", 1, 10, N23, perLotFee(1.2)),
      row("cs", "DCE", "玉米淀粉 corn starch", 1, 10, N23, perLotFee(1.5)),
      row("pp", "DCE", "聚丙烯 polypropylene", 1, 5, N23, perLotFee(1)),
      row("l", "DCE", "聚乙烯 LLDPE", 1, 5, N23, perLotFee(1)),
      row("v", "DCE", "聚氯乙烯 PVC", 1, 5, N23, perLotFee(1)),
      row("eg", "DCE", "乙二醇 ethylene glycol", 1, 10, N23, perLotFee(3)),
      row("eb", "DCE", "苯乙烯 styrene", 1, 5, N23, perLotFee(3)),
      row("pg", "DCE", "液化石油气 LPG", 1, 20, N23, perLotFee(6)),
      row("jd", "DCE", "鸡蛋 eggs (CNY/500 kg)", 1, 10, NONE, rateFee(1.5e-4)),
      row("lh", "DCE", "生猪 live hogs", 5, 16, NONE, rateFee(2e-4)),
      // CZCE.
      row("SR", "CZCE", "白糖 white sugar", 1, 10, N23, perLotFee(3, 0)),
      row("CF", "CZCE", "棉花 cotton", 5, 5, N23, perLotFee(4.3, 0)),
      row("TA", "CZCE", "PTA purified terephthalic acid", 2, 5, N23, perLotFee(3, 0)),
      row("MA", "CZCE", "甲醇 methanol", 1, 10, N23, perLotFee(2, 6)),
      row("FG", "CZCE", "玻璃 glass", 1, 20, N23, perLotFee(3, 6)),
      row("RM", "CZCE", "菜粕 rapeseed meal", 1, 10, N23, perLotFee(1.5)),
      row("OI", "CZCE", "菜油 rapeseed oil", 1, 10, N23, perLotFee(2, 0)),
      row("SA", "CZCE", "纯碱 soda ash", 1, 20, N23, perLotFee(3.5)),
      row("AP", "CZCE", "苹果 apples", 1, 10, NONE, perLotFee(5, 20)),
      row("UR", "CZCE", "尿素 urea", 1, 20, NONE, perLotFee(5)),
      row("SF", "CZCE", "硅铁 ferrosilicon", 2, 5, NONE, perLotFee(3)),
      row("SM", "CZCE", "锰硅 silicomanganese", 2, 5, NONE, perLotFee(3)),
      // CFFEX: stock-index futures (index points) and treasury-bond futures (per 100 CNY face).
      row("IF", "CFFEX", "沪深300 CSI 300 index", 0.2, 300, IDX, rateFee(2.3e-5, 3.45e-4), 0.12),
      row("IH", "CFFEX", "上证50 SSE 50 index", 0.2, 300, IDX, rateFee(2.3e-5, 3.45e-4), 0.12),
      row("IC", "CFFEX", "中证500 CSI 500 index", 0.2, 200, IDX, rateFee(2.3e-5, 3.45e-4), 0.12),
      row("IM", "CFFEX", "中证1000 CSI 1000 index", 0.2, 200, IDX, rateFee(2.3e-5, 3.45e-4), 0.12),
      row(
        "TS",
        "CFFEX",
        "2年期国债 2-year treasury bond",
        0.002,
        20000,
        BOND,
        perLotFee(3, 0),
        0.02,
      ),
      row(
        "TF",
        "CFFEX",
        "5年期国债 5-year treasury bond",
        0.005,
        10000,
        BOND,
        perLotFee(3, 0),
        0.02,
      ),
      row(
        "T",
        "CFFEX",
        "10年期国债 10-year treasury bond",
        0.005,
        10000,
        BOND,
        perLotFee(3, 0),
        0.02,
      ),
      row(
        "TL",
        "CFFEX",
        "30年期国债 30-year treasury bond",
        0.01,
        10000,
        BOND,
        perLotFee(3, 0),
        0.02,
      ),
      // GFEX.
      row("si", "GFEX", "工业硅 industrial silicon", 5, 5, NONE, perLotFee(3)),
      row("lc", "GFEX", "碳酸锂 lithium carbonate", 50, 1, NONE, rateFee(4e-5, 8e-5)),
    ].map((i) => [i.symbol, i]),
  ),
);

/** The product codes of the table, sorted case-insensitively. */
export const INSTRUMENT_SYMBOLS: readonly string[] = Object.freeze(
  Object.keys(INSTRUMENTS).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
);

const byLower = new Map(Object.keys(INSTRUMENTS).map((s) => [s.toLowerCase(), s]));

/**
 * The product of a product or contract code, or null when it is not in the table. Accepts the
 * product itself in any case (`rb`, `RB`), a contract (`rb2105`, `RM705`, `IF2312`), a continuous
 * code (`rb0000`, `IF888`), and vendor prefixes (`SHFE.rb2105`, `KQ.m@SHFE.rb`, `rb2105.SHFE`).
 *
 * @example
 * ```ts
 * productOf("SHFE.rb2105"); // "rb"
 * productOf("RM705"); // "RM"
 * productOf("xx2105"); // null
 * ```
 */
export function productOf(code: string): string | null {
  let text = code.trim();
  const at = text.lastIndexOf("@");
  if (at >= 0) text = text.slice(at + 1);
  const parts = text.split(".");
  // `SHFE.rb2105` (TqSdk) or `rb2105.SHFE` (vn.py's vt_symbol): the part that is not an exchange.
  const exchanges: readonly string[] = [...EXCHANGES, "KQ", "CZC", "SHF", "DCE", "CFX", "ZCE"];
  const part = parts.find((p) => !exchanges.includes(p.toUpperCase())) ?? "";
  const m = /^([A-Za-z]{1,2})\d*$/.exec(part);
  return m === null ? null : byLower.get(m[1].toLowerCase()) ?? null;
}

/**
 * The instrument of a product or contract code (see {@linkcode productOf}). Throws RangeError for
 * an unknown code, listing the known products and the generic mode.
 *
 * @example
 * ```ts
 * instrument("cu").sessions[0]; // { name: "night", open: 1260, close: 1500 } (21:00–01:00)
 * instrument("zz"); // throws RangeError: Unknown symbol zz; known: a, ag, al, …
 * ```
 */
export function instrument(code: string): Instrument {
  const product = productOf(code);
  if (product === null) {
    throw new RangeError(
      `Unknown symbol ${code}; known: ${INSTRUMENT_SYMBOLS.join(", ")}. For another product ` +
        `use --symbol generic (sessions from the data's own timestamps).`,
    );
  }
  return INSTRUMENTS[product];
}

/**
 * A generic instrument for a product outside the table: the given sessions (usually
 * `inferSessions` of the data), the given tick, multiplier 1 and no fees, so P&L is in price
 * points per unit and costs are the spread and slippage only. Symbol `"generic"`.
 *
 * @example
 * ```ts
 * const g = genericInstrument(inferSessions(table.time), { tick: 0.5 });
 * g.multiplier; // 1
 * ```
 */
export function genericInstrument(
  sessions: SessionTable,
  options: { tick?: number; name?: string } = {},
): Instrument {
  const tick = options.tick ?? 1;
  if (!(Number.isFinite(tick) && tick > 0)) {
    throw new RangeError(`Generic instrument tick must be a positive number, got ${tick}`);
  }
  return Object.freeze({
    symbol: "generic",
    exchange: "unknown",
    name: options.name ?? "generic (sessions from the data)",
    tick,
    multiplier: 1,
    sessions,
    fee: rateFee(0),
    marginRate: 0.10,
  });
}
