import { createHash } from "node:crypto";
import { isStorableLine } from "@/server/lib/zod-fields";
import { ApiRefusal } from "./api-errors";

/** The namespace of the uuid v5 an Idempotency-Key header becomes (the key column is a uuid). */
const NAMESPACE = Buffer.from("5b0f2a52c1e54d3e9f7a0c3d2b1e4f60", "hex");

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const MAX_LENGTH = 255;

/** RFC 9562 uuid v5 of `name` in our namespace: the same header text is always the same key. */
export function uuid5(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = 0x50 | (hash[6]! & 0x0f);
  hash[8] = 0x80 | (hash[8]! & 0x3f);
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Every POST carries one (Stripe's rules): any text up to 255 characters, e.g. a UUID the client made. */
export function idempotencyKeyOf(headers: Headers): string {
  const text = headers.get(IDEMPOTENCY_HEADER)?.trim() ?? "";
  if (text === "") throw new ApiRefusal("BAD_INPUT", "Send an Idempotency-Key header with every POST, e.g. a UUID made for this request", IDEMPOTENCY_HEADER);
  if (text.length > MAX_LENGTH || !isStorableLine(text)) {
    throw new ApiRefusal("BAD_INPUT", `Keep the Idempotency-Key to ${MAX_LENGTH} printable characters`, IDEMPOTENCY_HEADER);
  }
  return uuid5(text);
}
