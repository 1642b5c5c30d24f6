/**
 * The committed SIMD kernels are built from the committed C source: the binary's stamp holds the
 * SHA-256 of wasm_kernels.c (so editing the C file without `deno task build-wasm` fails here),
 * and where clang is installed a fresh build equals the committed binary byte for byte.
 */
import assert from "node:assert/strict";
import {
  compileKernels,
  findWasmToolchain,
  KERNEL_FILES,
  readBuildStamp,
  sha256Hex,
  STAMP_SECTION,
  withCustomSection,
  withoutCustomSection,
} from "../lib/model/wasm_build.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const binary = await Deno.readFile(`${ROOT}${KERNEL_FILES.binary}`);
const tools = await findWasmToolchain();

Deno.test("wasm_kernels.wasm carries the SHA-256 of wasm_kernels.c", async () => {
  const stamp = readBuildStamp(binary);
  assert.ok(
    stamp,
    `${KERNEL_FILES.binary} has no ${STAMP_SECTION} section: run deno task build-wasm`,
  );
  assert.equal(stamp.source, KERNEL_FILES.source);
  const source = await sha256Hex(await Deno.readFile(`${ROOT}${KERNEL_FILES.source}`));
  assert.equal(
    stamp.sourceSha256,
    source,
    `${KERNEL_FILES.source} changed since ${KERNEL_FILES.binary} was built: run deno task build-wasm`,
  );
  assert.match(stamp.compiler, /clang/);
  // The stamp is a custom section: the module still compiles and exports the kernels.
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(binary)).map((e) => e.name);
  for (const name of ["attn_forward", "attn_backward", "layer_norm", "dropout_mask"]) {
    assert.ok(exports.includes(name), name);
  }
});

Deno.test("custom sections: stamping replaces the old stamp and stripping restores the code", () => {
  const code = withoutCustomSection(binary, STAMP_SECTION);
  assert.equal(readBuildStamp(code), null);
  assert.ok(code.length < binary.length);
  const payload = new TextEncoder().encode(JSON.stringify({ source: "x", sourceSha256: "00" }));
  const once = withCustomSection(binary, STAMP_SECTION, payload);
  const twice = withCustomSection(once, STAMP_SECTION, payload);
  assert.deepEqual(twice, once);
  assert.equal(readBuildStamp(once)!.source, "x");
  assert.deepEqual(withoutCustomSection(once, STAMP_SECTION), code);
  assert.throws(() => readBuildStamp(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), TypeError);
});

Deno.test({
  name: tools === null
    ? "a fresh build equals the committed binary (skipped: no clang and wasm-ld on PATH)"
    : "a fresh build equals the committed binary, byte for byte",
  ignore: tools === null,
  fn: async () => {
    const fresh = await compileKernels(tools!, { root: ROOT });
    const a = withoutCustomSection(fresh, STAMP_SECTION);
    const b = withoutCustomSection(binary, STAMP_SECTION);
    assert.equal(a.length, b.length, "code size");
    assert.ok(a.every((x, i) => x === b[i]), "compiled code differs: run deno task build-wasm");
  },
});

Deno.test("a kernel binary that cannot be loaded is a loud error, not a silent fallback", async () => {
  const probe = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      probe,
      `import { attentionKernelSupports, layerNormKernelSupports } from "${ROOT}lib/model/wasm_kernels.ts";\n` +
        `for (const f of [() => attentionKernelSupports({ B: 1, T: 60, H: 4, hd: 16 }), () => layerNormKernelSupports(64)]) {\n` +
        `  try { console.log("returned", f()); } catch (e) { console.log("threw", (e as Error).message); }\n` +
        `}\n`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `--config=${ROOT}deno.json`,
        `--deny-read=${ROOT}${KERNEL_FILES.binary}`,
        probe,
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    assert.equal(lines.length, 2, new TextDecoder().decode(out.stderr));
    for (const line of lines) {
      assert.match(line, /^threw Cannot load the model's SIMD kernels .*wasm_kernels\.wasm: /);
      assert.match(line, /deno task build-wasm/);
    }
  } finally {
    await Deno.remove(probe);
  }
});
