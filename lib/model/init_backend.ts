/**
 * Backend start-up for TensorFlow.js: the wasm backend (XNNPACK, SIMD) by default, the pure-JS
 * `cpu` backend as a fallback. Works offline: the `.wasm` binary is read from the installed
 * `@tensorflow/tfjs-backend-wasm` package, located through the import map.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** A TensorFlow.js backend this project runs on. */
export type BackendName = "wasm" | "cpu";

let wasmPathsSet = false;

/**
 * Points tfjs at the `.wasm` binaries of the installed package (a directory under
 * `node_modules/.deno/…` with `nodeModulesDir: "auto"`). When the package does not resolve to a
 * file URL, tfjs's own lookup (next to its Node bundle) is left in place.
 */
function setLocalWasmPaths(): void {
  if (wasmPathsSet) return;
  wasmPathsSet = true;
  let url: string;
  try {
    url = import.meta.resolve("@tensorflow/tfjs-backend-wasm");
  } catch {
    return;
  }
  if (!url.startsWith("file:")) return;
  const dir = new URL(".", url); // …/tfjs-backend-wasm/dist/
  try {
    Deno.statSync(new URL("tfjs-backend-wasm-simd.wasm", dir));
  } catch {
    return;
  }
  const path = decodeURIComponent(dir.pathname);
  setWasmPaths(Deno.build.os === "windows" ? path.slice(1) : path);
}

/**
 * Selects and initialises a backend, switches tfjs to production mode (no debug checks, no
 * "running in Node" banner) and returns the backend actually in use.
 *
 * @example
 * ```ts
 * const backend = await initBackend(); // "wasm", or "cpu" if wasm could not start
 * ```
 * @param backend backend to try first; default `"wasm"`.
 * @param options.fallback use `"cpu"` when `backend` fails to start; default `true`. With `false`
 *   a failure throws.
 */
export async function initBackend(
  backend: BackendName = "wasm",
  options: { fallback?: boolean } = {},
): Promise<BackendName> {
  const fallback = options.fallback ?? true;
  if (backend !== "wasm" && backend !== "cpu") {
    throw new RangeError(`Unknown tfjs backend "${backend}"; expected "wasm" or "cpu"`);
  }
  tf.enableProdMode();
  if (tf.getBackend() === backend) return backend;
  if (backend === "wasm") setLocalWasmPaths();
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
  } catch {
    ok = false;
  }
  if (ok) return backend;
  if (!fallback || backend === "cpu") {
    throw new Error(`Cannot start the tfjs ${backend} backend`);
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("Cannot start the tfjs cpu backend");
  return "cpu";
}
