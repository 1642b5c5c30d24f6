/**
 * Worker side of data-parallel training: one tfjs instance and one model replica, answering the
 * pool's requests with `train_replica.ts`. Not imported by mod.ts.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { answer, type Replica, type ReplicaReply, type ReplicaRequest } from "./train_replica.ts";

const replica: Replica = { model: null };

self.onmessage = async (e: MessageEvent<ReplicaRequest>) => {
  try {
    const reply = await answer(replica, e.data);
    const transfer = reply.kind === "gradients"
      ? [reply.grads.buffer]
      : reply.kind === "predict"
      ? [reply.predictions.buffer]
      : [];
    self.postMessage(reply, { transfer: transfer as ArrayBuffer[] });
  } catch (err) {
    self.postMessage(
      { kind: "error", message: String((err as Error)?.stack ?? err) } satisfies ReplicaReply,
    );
  }
};
