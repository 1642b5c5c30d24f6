/**
 * Request/reply over a Deno Worker that answers each message with exactly one message: the shared
 * plumbing of `predictParallel` and data-parallel training. Not re-exported by mod.ts.
 *
 * @module
 */

/** A reply the worker sends when a request failed. */
export interface WorkerErrorReply {
  kind: "error";
  message: string;
}

/**
 * A function that posts one request to `worker` and resolves with its reply; an error reply or a
 * worker error rejects with an Error prefixed by `label`. One request at a time per worker.
 *
 * @example
 * ```ts
 * const ask = workerCall<Request, Reply>(new Worker(url, { type: "module" }), "predict worker");
 * const reply = await ask({ kind: "init", config, weights });
 * ```
 */
export function workerCall<Req, Rep extends { kind: string }>(
  worker: Worker,
  label: string,
): (req: Req, transfer?: ArrayBuffer[]) => Promise<Rep> {
  return (req, transfer = []) =>
    new Promise<Rep>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<Rep | WorkerErrorReply>) =>
        e.data.kind === "error"
          ? reject(new Error(`${label}: ${(e.data as WorkerErrorReply).message}`))
          : resolve(e.data as Rep);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`${label}: ${e.message}`));
      };
      worker.postMessage(req, { transfer });
    });
}
