import { createHash } from "node:crypto";
import superjson from "superjson";
import { Prisma } from "@/prisma/generated/client";
import type { Db, DbTx } from "@/server/db/client";
import { AppError, isAppError, type AppErrorCode } from "./app-error";
import { moneyTransaction } from "./money-transaction";

/**
 * Idempotency for money-moving operations. Keys come from the client (a UUID made when a form
 * opens), so a retried or double-submitted request cannot move money twice.
 *
 * A key belongs to one actor and one operation: the same key from another staff member is another
 * request, never a replay of theirs. Inside the operation's transaction the key is inserted first.
 * A concurrent duplicate blocks on the primary key until the first transaction ends; then it finds
 * the stored row and replays its answer (same request) or is refused (different request).
 *
 * Once claimed, the key's answer is whatever the operation answered, refusal included: the
 * operation runs inside a savepoint, and a domain refusal (an AppError) rolls back to it, is stored
 * as the key's answer, committed and then thrown. A retry gets the same refusal even if conditions
 * have changed since. Input validation before the claim (zod, checks before the transaction) is
 * not an answer and may be retried with the same key. Unexpected errors, and INTERNAL ones (a
 * broken invariant, not a rule), roll everything back, so the key stays free.
 */
export type IdempotentRequest = {
  /** Whose key it is; null for requests no staff member makes (storefront, jobs). */
  actor: { id: string } | null;
  key: string;
  operation: string;
  request: unknown;
  /**
   * Storefront API rules (Stripe's): a duplicate sent while the first is still running is refused
   * at once (CONFLICT, retryable) instead of waiting for it, and a key is replayed for
   * API_KEY_REPLAY_HOURS; after that the same key starts a new request.
   */
  refuseConcurrent?: boolean;
};

/** How long an API request's key answers with its first answer. */
export const API_KEY_REPLAY_HOURS = 24;

export const IN_FLIGHT_MESSAGE = "A request with this idempotency key is still being processed; retry in a moment";

/** How long a client should wait before retrying a request refused as in flight (Retry-After). */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

/**
 * The refusal of a concurrent duplicate (refuseConcurrent): CONFLICT to the domain, and to the
 * Storefront API a retryable 409 with its own code and a Retry-After header (api-errors.ts).
 */
export class RequestInFlightError extends AppError {
  constructor() {
    super("CONFLICT", IN_FLIGHT_MESSAGE, "idempotencyKey");
  }
}

/**
 * Whose key a request's Idempotency-Key is, and the rule for concurrent duplicates: a staff
 * member's duplicate waits for the first and replays it (a double-clicked form); an API key's
 * is refused at once, retryable (Stripe's rule). Every money function the API reaches builds its
 * request from this, so no route can forget the rule.
 */
export function keyScopeOf(ctx: { actor: { id: string } | null; apiKeyId?: string | null }): Pick<IdempotentRequest, "actor" | "refuseConcurrent"> {
  if (ctx.actor) return { actor: ctx.actor };
  return ctx.apiKeyId ? { actor: { id: ctx.apiKeyId }, refuseConcurrent: true } : { actor: null };
}

/** The actor scope of requests without a staff member: one stable scope, not a staff row. */
export const SYSTEM_ACTOR_SCOPE = "00000000-0000-0000-0000-000000000000";

/** A refusal as stored under its key and thrown again on every replay. */
export type StoredRefusal = { code: AppErrorCode; message: string; field?: string };

type Answer<T> = { result: T } | { refusal: StoredRefusal };

export type Claimed<T, Row> = {
  /** The `alongside` read's row. */
  row: Row;
  /**
   * The UPDATE that stores the result, to run in the operation's last batch of writes (saving a
   * round trip). Without it the result is stored in a statement of its own.
   */
  resultSql: (result: T) => Prisma.Sql;
};

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

/**
 * Runs `run` exactly once per (actor, operation, key) in one money transaction and answers every
 * replay with the first answer: its result, or its refusal thrown again. `alongside` is a SELECT
 * returning exactly one row that the operation needs anyway, read in the claim's round trip.
 */
export async function idempotentTransaction<T, Row = Record<string, never>>(
  db: Db,
  req: IdempotentRequest & { alongside?: Prisma.Sql },
  run: (tx: DbTx, claimed: Claimed<T, Row>) => Promise<T>,
): Promise<T> {
  const answer = await moneyTransaction(db, async (tx): Promise<Answer<T>> => {
    if (req.refuseConcurrent) await takeKeyOrRefuse(tx, req);
    const { stored, row } = await claim<T, Row>(tx, req);
    if (stored) return stored;

    await tx.$executeRaw`SAVEPOINT idempotent_operation`;
    let isResultWritten = false;
    const resultSql = (result: T) => {
      isResultWritten = true;
      return answerSql(req, { result });
    };
    try {
      const result = await run(tx, { row, resultSql });
      if (!isResultWritten) await tx.$executeRaw(answerSql(req, { result }));
      return { result };
    } catch (error) {
      if (!isAppError(error) || error.code === "INTERNAL") throw error;
      const refusal: StoredRefusal = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT idempotent_operation`;
      await tx.$executeRaw(answerSql(req, { refusal }));
      return { refusal };
    }
  });
  // Thrown after the commit, so the stored refusal outlives this request.
  if ("refusal" in answer) throw new AppError(answer.refusal.code, answer.refusal.message, answer.refusal.field);
  return answer.result;
}

const scopeOf = (req: Pick<IdempotentRequest, "actor">) => req.actor?.id ?? SYSTEM_ACTOR_SCOPE;

/** The advisory lock a request holds while it runs (refuseConcurrent); credit_issue_write takes the same. */
export const inFlightLockName = (req: Pick<IdempotentRequest, "actor" | "operation" | "key">) => `idempotency ${scopeOf(req)} ${req.operation} ${req.key}`;

/**
 * One round trip before the claim: a transaction-scoped advisory lock on the key (held by the
 * first request until it commits, so a duplicate fails to take it and is refused rather than
 * blocking on the claim), and the key's row dropped when it is past its replay window.
 */
async function takeKeyOrRefuse(tx: DbTx, req: IdempotentRequest): Promise<void> {
  const lockName = inFlightLockName(req);
  const [row] = await tx.$queryRaw<{ isFree: boolean }[]>`
    WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended(${lockName}, 0)) AS free),
    expired AS (
      DELETE FROM idempotency_key
      WHERE actor_id = ${scopeOf(req)}::uuid AND operation = ${req.operation} AND key = ${req.key}::uuid
        AND created_at < now() - make_interval(hours => ${API_KEY_REPLAY_HOURS}::int) AND (SELECT free FROM lock)
      RETURNING 1
    )
    SELECT (SELECT free FROM lock) AS "isFree", (SELECT count(*) FROM expired) AS "expired"`;
  if (!row?.isFree) throw new RequestInFlightError();
}

/**
 * For a fast path that claims the key in a single statement of its own (issue-credit.ts): the
 * key's row as the claim stores it. The fast path only ever writes a fresh key with its result;
 * anything else (a used key, a refusal) it leaves to idempotentTransaction, so replays and
 * refusals have one implementation.
 */
export const keyRowOf = (req: IdempotentRequest) => ({
  actorScope: scopeOf(req),
  operation: req.operation,
  key: req.key,
  requestHash: requestHash(req.operation, req.request),
});

/** The claim alone: returns a row when this transaction now holds the key (waits for a concurrent holder). */
export const claimKeySql = (req: IdempotentRequest): Prisma.Sql => {
  const row = keyRowOf(req);
  return Prisma.sql`INSERT INTO idempotency_key (actor_id, operation, key, request_hash)
    VALUES (${row.actorScope}::uuid, ${row.operation}, ${row.key}::uuid, ${row.requestHash})
    ON CONFLICT (actor_id, operation, key) DO NOTHING RETURNING key`;
};

/** A result as the key stores it (what a replay deserialises). */
export const storedResultJson = (result: unknown): string => JSON.stringify(superjson.serialize(result));

/** Claims the key (stored: null) or finds its first answer (stored), with the `alongside` row. */
async function claim<T, Row>(tx: DbTx, req: IdempotentRequest & { alongside?: Prisma.Sql }): Promise<{ stored: Answer<T> | null; row: Row }> {
  const hash = requestHash(req.operation, req.request);
  const [found] = await tx.$queryRaw<(Row & { _claimed: boolean })[]>`
    WITH claim AS (
      INSERT INTO idempotency_key (actor_id, operation, key, request_hash)
      VALUES (${scopeOf(req)}::uuid, ${req.operation}, ${req.key}::uuid, ${hash})
      ON CONFLICT (actor_id, operation, key) DO NOTHING RETURNING key
    )
    SELECT EXISTS (SELECT 1 FROM claim) AS "_claimed", alongside.* FROM (${req.alongside ?? Prisma.sql`SELECT`}) alongside`;
  const { _claimed: isClaimed, ...rest } = found!;
  const row = rest as Row;
  if (isClaimed) return { stored: null, row };

  const [stored] = await tx.$queryRaw<{ request_hash: string; result: unknown; refusal: StoredRefusal | null }[]>`
    SELECT request_hash, result, refusal FROM idempotency_key
    WHERE actor_id = ${scopeOf(req)}::uuid AND operation = ${req.operation} AND key = ${req.key}::uuid`;
  // Gone again only if the first transaction rolled back between our insert and this read.
  if (!stored) throw new AppError("CONFLICT", "This request was interrupted; try again");
  if (stored.request_hash !== hash) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was already used for a different request", "idempotencyKey");
  }
  if (stored.refusal) return { stored: { refusal: stored.refusal }, row };
  if (stored.result === null) throw new AppError("CONFLICT", "This request is still being processed; try again in a moment");
  return { stored: { result: superjson.deserialize<T>(stored.result as Parameters<typeof superjson.deserialize>[0]) }, row };
}

/**
 * Replaces a claimed key's stored answer with `result`: an approved request's action answers its
 * requester's key, which until then answered "awaiting approval".
 */
export const replaceAnswerSql = (req: IdempotentRequest, result: unknown): Prisma.Sql => answerSql(req, { result });

function answerSql(req: IdempotentRequest, answer: Answer<unknown>): Prisma.Sql {
  const where = Prisma.sql`WHERE actor_id = ${scopeOf(req)}::uuid AND operation = ${req.operation} AND key = ${req.key}::uuid`;
  return "refusal" in answer
    ? Prisma.sql`UPDATE idempotency_key SET refusal = ${JSON.stringify(answer.refusal)}::jsonb ${where}`
    : Prisma.sql`UPDATE idempotency_key SET result = ${storedResultJson(answer.result)}::jsonb ${where}`;
}
