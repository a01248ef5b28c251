import { createHash } from "node:crypto";
import superjson from "superjson";
import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { AppError } from "./app-error";

/**
 * Idempotency for money-moving operations. Keys come from the client (a UUID made when a form
 * opens), so a retried or double-submitted request cannot move money twice.
 *
 * Inside the operation's transaction the key is inserted first. A concurrent duplicate blocks on
 * the primary key until the first transaction ends; then it finds the stored row and replays its
 * result (same request) or is refused (different request). The result is written by the same
 * transaction, so a stored key always has its result.
 */
export type IdempotentRequest = { key: string; operation: string; request: unknown };

export type Claim<T> = { isReplay: true; result: T } | { isReplay: false };

/** sha256 over the operation and a canonical JSON of the request (sorted keys, exact bigints). */
export function requestHash(operation: string, request: unknown): string {
  return createHash("sha256").update(operation).update("\n").update(canonicalJson(request)).digest("hex");
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

export async function claimIdempotencyKey<T>(tx: DbTx, req: IdempotentRequest): Promise<Claim<T>> {
  return (await claimIdempotencyKeyWith<T, Record<string, never>>(tx, req, Prisma.sql`SELECT`)).claim;
}

/**
 * The claim and a read the operation needs anyway, in one round trip (the hot path's first
 * statement): `alongside` is a SELECT returning exactly one row, returned as `row`.
 */
export async function claimIdempotencyKeyWith<T, Row>(
  tx: DbTx,
  req: IdempotentRequest,
  alongside: Prisma.Sql,
): Promise<{ claim: Claim<T>; row: Row }> {
  const hash = requestHash(req.operation, req.request);
  const [row] = await tx.$queryRaw<(Row & { _claimed: boolean })[]>`
    WITH claim AS (
      INSERT INTO idempotency_key (key, operation, request_hash) VALUES (${req.key}::uuid, ${req.operation}, ${hash})
      ON CONFLICT (key) DO NOTHING RETURNING key
    )
    SELECT EXISTS (SELECT 1 FROM claim) AS "_claimed", alongside.* FROM (${alongside}) alongside`;
  const { _claimed: isClaimed, ...rest } = row!;
  if (isClaimed) return { claim: { isReplay: false }, row: rest as Row };

  const [stored] = await tx.$queryRaw<{ request_hash: string; result: unknown }[]>`
    SELECT request_hash, result FROM idempotency_key WHERE key = ${req.key}::uuid`;
  // Gone again only if the first transaction rolled back between our insert and this read.
  if (!stored) throw new AppError("CONFLICT", "This request was interrupted; try again");
  if (stored.request_hash !== hash) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was already used for a different request", "idempotencyKey");
  }
  if (stored.result === null) throw new AppError("CONFLICT", "This request is still being processed; try again in a moment");
  return { claim: { isReplay: true, result: superjson.deserialize<T>(stored.result as Parameters<typeof superjson.deserialize>[0]) }, row: rest as Row };
}

/** The UPDATE that stores the first result; run it in the same transaction as the operation. */
export function idempotentResultSql(key: string, result: unknown): Prisma.Sql {
  return Prisma.sql`UPDATE idempotency_key SET result = ${JSON.stringify(superjson.serialize(result))}::jsonb
    WHERE key = ${key}::uuid`;
}
