import { AppError } from "@/server/lib/app-error";
import { MAX_BATCH_CALLS, MAX_BODY_BYTES } from "./limits";

const tooLarge = () => new AppError("TOO_LARGE", "This request is larger than 1 MB; send less at once.");

/** Refuses a batch of more calls than a page ever makes, before any of them runs. */
export function assertBatchSize(calls: number) {
  if (calls > MAX_BATCH_CALLS) throw new AppError("BAD_INPUT", `Send at most ${MAX_BATCH_CALLS} calls in one request.`);
}

/**
 * The same request with a body that errors once it passes `MAX_BODY_BYTES` (or at once when its
 * declared length does), so an oversized body is refused while streaming, never buffered whole.
 */
export function withBodyLimit(req: Request): Request {
  if (!req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? 0);
  let received = 0;
  const limited = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        if (declared > MAX_BODY_BYTES) controller.error(tooLarge());
      },
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > MAX_BODY_BYTES) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(req, { body: limited, duplex: "half" } as RequestInit);
}
