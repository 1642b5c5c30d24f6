/**
 * How `wasm_kernels.wasm` is built from `wasm_kernels.c`, and the stamp that ties the binary to
 * its source.
 *
 * `deno task build-wasm` compiles the C file with clang (`--target=wasm32 -O3 -msimd128`, no
 * libc) and appends a custom section named {@linkcode STAMP_SECTION} to the binary: JSON with
 * the SHA-256 of the source, the compiler's version and the command. Custom sections are ignored
 * by WebAssembly engines, so the stamp changes nothing at run time; the test
 * `tests/model_wasm_build_test.ts` checks it against the source (and, where clang is installed,
 * rebuilds and compares the code byte for byte). Editing the C file without rebuilding therefore
 * fails the suite, and the task is the one way to update the binary and its stamp together.
 *
 * Internal to lib/model (not re-exported by mod.ts): used by the build script and the test.
 *
 * @module
 */

/** Name of the custom section holding the build stamp. */
export const STAMP_SECTION = "trendformer.build";

/** Source and binary, relative to the repository root. */
export const KERNEL_FILES = {
  source: "lib/model/wasm_kernels.c",
  binary: "lib/model/wasm_kernels.wasm",
} as const;

/** Functions the binary exports. */
export const KERNEL_EXPORTS = [
  "attn_forward",
  "attn_backward",
  "layer_norm",
  "dropout_mask",
  "__heap_base",
] as const;

/** clang flags (the linker path and the files are added by {@linkcode compileKernels}). */
export const CLANG_FLAGS = [
  "--target=wasm32",
  "-O3",
  "-msimd128",
  "-nostdlib",
  "-fno-builtin",
  "-Wall",
  "-Wl,--no-entry",
  ...KERNEL_EXPORTS.map((e) => `-Wl,--export=${e}`),
] as const;

/** What the stamp records. */
export interface BuildStamp {
  /** The source file, relative to the repository root. */
  source: string;
  /** SHA-256 (hex) of the source's bytes. */
  sourceSha256: string;
  /** First line of `clang --version`. */
  compiler: string;
  /** The compile command, as run (paths relative to the repository root). */
  command: string;
}

/** A compiler found on this machine. */
export interface WasmToolchain {
  /** clang executable. */
  clang: string;
  /** wasm-ld executable (Debian names it `wasm-ld-14` and the like). */
  linker: string;
}

const CANDIDATES = ["", "-19", "-18", "-17", "-16", "-15", "-14"];

async function runs(cmd: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "null" }).output();
    return out.success ? new TextDecoder().decode(out.stdout) : null;
  } catch {
    return null;
  }
}

/**
 * clang and wasm-ld on `PATH` (plain names first, then Debian's versioned ones), or `null`.
 *
 * @example
 * ```ts
 * const tools = await findWasmToolchain(); // { clang: "clang-14", linker: "wasm-ld-14" } or null
 * ```
 */
export async function findWasmToolchain(): Promise<WasmToolchain | null> {
  for (const v of CANDIDATES) {
    if (await runs(`clang${v}`, ["--version"]) === null) continue;
    for (const w of CANDIDATES) {
      if (await runs(`wasm-ld${w}`, ["--version"]) !== null) {
        return { clang: `clang${v}`, linker: `wasm-ld${w}` };
      }
    }
  }
  return null;
}

/**
 * SHA-256 of bytes, as 64 hex digits.
 *
 * @example
 * ```ts
 * await sha256Hex(new TextEncoder().encode("abc")); // "ba7816bf…"
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** The module's sections: id, and the byte range of the whole section and of its payload. */
function sections(bytes: Uint8Array): { id: number; start: number; body: number; end: number }[] {
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
    throw new TypeError("Not a WebAssembly module: bad magic number");
  }
  const out = [];
  let p = 8;
  while (p < bytes.length) {
    const start = p, id = bytes[p++];
    let size = 0, shift = 0, b: number;
    do {
      b = bytes[p++];
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (p + size > bytes.length) throw new RangeError(`Truncated WebAssembly section at ${start}`);
    out.push({ id, start, body: p, end: p + size });
    p += size;
  }
  return out;
}

function customName(bytes: Uint8Array, body: number): { name: string; payload: number } {
  let len = 0, shift = 0, p = body, b: number;
  do {
    b = bytes[p++];
    len += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return { name: new TextDecoder().decode(bytes.subarray(p, p + len)), payload: p + len };
}

/**
 * The module without its custom section `name` (every other byte unchanged).
 *
 * @example
 * ```ts
 * const code = withoutCustomSection(bytes, STAMP_SECTION); // what clang wrote
 * ```
 */
export function withoutCustomSection(bytes: Uint8Array, name: string): Uint8Array {
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of sections(bytes)) {
    if (s.id === 0 && customName(bytes, s.body).name === name) continue;
    keep.push(bytes.subarray(s.start, s.end));
  }
  const out = new Uint8Array(keep.reduce((n, k) => n + k.length, 0));
  let o = 0;
  for (const k of keep) (out.set(k, o), o += k.length);
  return out;
}

/**
 * The module with a custom section `name` holding `payload`, appended (an old one is replaced).
 *
 * @example
 * ```ts
 * const stamped = withCustomSection(bytes, STAMP_SECTION, new TextEncoder().encode("{}"));
 * ```
 */
export function withCustomSection(
  bytes: Uint8Array,
  name: string,
  payload: Uint8Array,
): Uint8Array {
  const base = withoutCustomSection(bytes, name);
  const nameBytes = new TextEncoder().encode(name);
  const body = [...leb128(nameBytes.length), ...nameBytes, ...payload];
  const section = Uint8Array.from([0, ...leb128(body.length), ...body]);
  const out = new Uint8Array(base.length + section.length);
  out.set(base);
  out.set(section, base.length);
  return out;
}

/**
 * The build stamp of a binary, or `null` when it has none.
 *
 * @example
 * ```ts
 * readBuildStamp(await Deno.readFile(KERNEL_FILES.binary))?.sourceSha256;
 * ```
 */
export function readBuildStamp(bytes: Uint8Array): BuildStamp | null {
  for (const s of sections(bytes)) {
    if (s.id !== 0) continue;
    const { name, payload } = customName(bytes, s.body);
    if (name !== STAMP_SECTION) continue;
    return JSON.parse(new TextDecoder().decode(bytes.subarray(payload, s.end))) as BuildStamp;
  }
  return null;
}

/**
 * Compile `wasm_kernels.c` with `tools` and return the stamped binary (nothing is written).
 * `root` is the repository root (default: two levels above this module). Throws Error with
 * clang's message when the compile fails.
 *
 * @example
 * ```ts
 * const tools = await findWasmToolchain();
 * if (tools) await Deno.writeFile("k.wasm", await compileKernels(tools));
 * ```
 */
export async function compileKernels(
  tools: WasmToolchain,
  options: { root?: string } = {},
): Promise<Uint8Array> {
  const root = options.root ?? new URL("../../", import.meta.url).pathname;
  const tmp = await Deno.makeTempDir({ prefix: "wasm_kernels_" });
  try {
    const args = [...CLANG_FLAGS, `--ld-path=${await which(tools.linker)}`, "-o"];
    const out = await new Deno.Command(tools.clang, {
      args: [...args, `${tmp}/k.wasm`, KERNEL_FILES.source],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(
        `clang failed on ${KERNEL_FILES.source}:\n${new TextDecoder().decode(out.stderr)}`,
      );
    }
    const version = (await runs(tools.clang, ["--version"]) ?? "").split("\n")[0].trim();
    const stamp: BuildStamp = {
      source: KERNEL_FILES.source,
      sourceSha256: await sha256Hex(await Deno.readFile(`${root}/${KERNEL_FILES.source}`)),
      compiler: version,
      command: [tools.clang, ...CLANG_FLAGS, "-o", KERNEL_FILES.binary, KERNEL_FILES.source].join(
        " ",
      ),
    };
    const payload = new TextEncoder().encode(JSON.stringify(stamp));
    return withCustomSection(await Deno.readFile(`${tmp}/k.wasm`), STAMP_SECTION, payload);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

async function which(cmd: string): Promise<string> {
  if (cmd.includes("/")) return cmd;
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      if ((await Deno.stat(`${dir}/${cmd}`)).isFile) return `${dir}/${cmd}`;
    } catch { /* not in this directory */ }
  }
  throw new Deno.errors.NotFound(`${cmd} is not on PATH`);
}
