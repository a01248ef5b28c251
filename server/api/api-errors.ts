import { randomBytes } from "node:crypto";
import { z } from "zod";
import { isDatabaseUnavailable } from "@/server/db/connection-errors";
import { isAppError, type AppErrorCode } from "@/server/lib/app-error";
import { IN_FLIGHT_RETRY_AFTER_SECONDS, RequestInFlightError } from "@/server/lib/idempotency";
import { DATABASE_UNAVAILABLE_MESSAGE, RETRY_AFTER_SECONDS } from "@/server/trpc/error-shape";

/** Every refusal: a code to branch on, a sentence to show, and the field it concerns (or null). */
export const ZApiError = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe("BAD_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, IDEMPOTENCY_IN_FLIGHT (retry after Retry-After), IDEMPOTENCY_MISMATCH, INSUFFICIENT_FUNDS, RATE_LIMITED, …"),
      message: z.string().describe("A sentence that can be shown to a person"),
      field: z.string().nullable().describe("The request field the refusal concerns (snake_case, or the header's name), else null"),
    }),
  })
  .meta({ id: "Error" });
export type ApiErrorBody = z.output<typeof ZApiError>;

/** IDEMPOTENCY_IN_FLIGHT: the same Idempotency-Key is still being processed; retryable, unlike CONFLICT. */
export type ApiErrorCode = AppErrorCode | "METHOD_NOT_ALLOWED" | "UNAVAILABLE" | "IDEMPOTENCY_IN_FLIGHT";

export const STATUS_OF: Record<ApiErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_IN_FLIGHT: 409,
  INSUFFICIENT_FUNDS: 409,
  TOO_LARGE: 413,
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  GATEWAY_ERROR: 502,
  UNAVAILABLE: 503,
};

/** Thrown by the framework (not the domain) with a status of its own and optional headers. */
export class ApiRefusal extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiRefusal";
  }
}

/** The API's field names are snake_case: "customerId" → "customer_id", "idempotencyKey" → the header. */
export function apiFieldName(field: string): string {
  if (field === "idempotencyKey") return "Idempotency-Key";
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers } });

const errorResponse = (code: ApiErrorCode, message: string, field: string | null, headers: Record<string, string> = {}) =>
  jsonResponse(STATUS_OF[code], { error: { code, message, field } } satisfies ApiErrorBody, headers);

type Issue = { path: PropertyKey[]; message: string };

/** A zod refusal of the request: its first issue, on the field it names. */
export function inputErrorResponse(issues: readonly Issue[], prefix: string[] = []): Response {
  const first = issues[0];
  const path = [...prefix, ...(first?.path ?? []).map(String)];
  return errorResponse("BAD_INPUT", first?.message ?? "This request could not be read.", path.length ? path.map(apiFieldName).join(".") : null);
}

/**
 * The one mapping from a thrown error to an API answer, as the tRPC formatter does it: a domain
 * refusal keeps its code, message and field; the database out of reach is a retryable 503;
 * anything else is logged under a reference and answered with a plain sentence quoting it.
 */
export function apiErrorResponse(error: unknown, where: string): Response {
  if (error instanceof ApiRefusal) return errorResponse(error.code, error.message, error.field, error.headers);
  // Stripe's rule: a duplicate of a request still running is refused, and the client retries it.
  if (error instanceof RequestInFlightError) {
    return errorResponse("IDEMPOTENCY_IN_FLIGHT", error.message, "Idempotency-Key", { "Retry-After": String(IN_FLIGHT_RETRY_AFTER_SECONDS) });
  }
  if (isAppError(error) && error.code !== "INTERNAL") return errorResponse(error.code, error.message, error.field ? apiFieldName(error.field) : null);
  if (isDatabaseUnavailable(error)) {
    console.warn(`API ${where}: the database is unavailable, answered 503`);
    return errorResponse("UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, null, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  }
  const ref = randomBytes(4).toString("hex").toUpperCase();
  console.error(`API ${where} failed (ref ${ref}):`, error);
  return errorResponse("INTERNAL", `Something went wrong (ref ${ref})`, null);
}
