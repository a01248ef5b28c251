import { randomBytes } from "node:crypto";
import { getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { isDatabaseUnavailable } from "@/server/db/connection-errors";
import { isAppError, type AppErrorCode } from "@/server/lib/app-error";

/** What a client learns about a failed call: a sentence, the fields it concerns, the domain code. */
export type ErrorShape = {
  code: TRPC_ERROR_CODE_KEY;
  message: string;
  fieldErrors: Record<string, string[]>;
  appCode: AppErrorCode | null;
};

const APP_ERROR_TO_TRPC: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INSUFFICIENT_FUNDS: "CONFLICT",
  IDEMPOTENCY_MISMATCH: "CONFLICT",
  GATEWAY_ERROR: "BAD_GATEWAY",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/**
 * tRPC's own refusals of a malformed request (bad JSON, unknown path, wrong method): their texts
 * are JavaScript's or tRPC's, so the client gets a fixed sentence instead.
 */
const TRANSPORT_REFUSALS: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: "This request could not be read.",
  BAD_REQUEST: "This request could not be read.",
  NOT_FOUND: "There is no such operation.",
  METHOD_NOT_SUPPORTED: "This operation does not accept this kind of request.",
  UNSUPPORTED_MEDIA_TYPE: "Send the request as JSON.",
  PAYLOAD_TOO_LARGE: "This request is too large.",
};

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

function issuesOf(error: TRPCError): Issue[] | null {
  if (error.code !== "BAD_REQUEST") return null;
  const issues = (error.cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) && issues.length > 0 ? (issues as Issue[]) : null;
}

const fieldOf = (issue: Issue) => (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");

/** What a call hears while PostgreSQL restarts or is out of reach: retryable, no driver text. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is not reachable right now. Please try again in a moment.";
/** Seconds a client should wait before retrying a 503 (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 2;

const references = new WeakMap<object, string>();

export const httpStatusOf = (code: TRPC_ERROR_CODE_KEY) => getHTTPStatusCodeFromError(new TRPCError({ code }));

/** The reference an unexpected error is logged under and quoted to the user; stable per error. */
function referenceOf(error: TRPCError): string {
  let ref = references.get(error);
  if (!ref) {
    ref = randomBytes(4).toString("hex").toUpperCase();
    references.set(error, ref);
  }
  return ref;
}

/** The reference an unexpected error (a bug or an outage) is logged under, else null. */
export function unexpectedErrorReference(error: TRPCError): string | null {
  const { code, appCode } = errorShapeOf(error);
  return code === "INTERNAL_SERVER_ERROR" && appCode === null ? referenceOf(error) : null;
}

/**
 * The one mapping from a thrown error to what the client sees. A zod refusal answers its first
 * issue's message; an AppError its own message and code; tRPC's refusals a fixed sentence; a
 * database that cannot be reached (restart, refused or cut connection) a retryable
 * SERVICE_UNAVAILABLE (503); anything else "Something went wrong (ref …)", so SQL, Prisma and JavaScript texts never leave the server.
 */
export function errorShapeOf(thrown: unknown): ErrorShape {
  const error = getTRPCErrorFromUnknown(thrown);
  const cause = error.cause;
  if (isAppError(cause) && cause.code !== "INTERNAL") {
    return {
      code: APP_ERROR_TO_TRPC[cause.code],
      message: cause.message,
      fieldErrors: cause.field ? { [cause.field]: [cause.message] } : {},
      appCode: cause.code,
    };
  }
  const issues = issuesOf(error);
  if (issues) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of issues) {
      const field = fieldOf(issue);
      if (field) (fieldErrors[field] ??= []).push(issue.message);
    }
    return { code: "BAD_REQUEST", message: issues[0]!.message, fieldErrors, appCode: null };
  }
  const refusal = TRANSPORT_REFUSALS[error.code];
  if (refusal) return { code: error.code, message: refusal, fieldErrors: {}, appCode: null };
  if (isDatabaseUnavailable(error.cause ?? error)) {
    return { code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, fieldErrors: {}, appCode: null };
  }
  return {
    code: "INTERNAL_SERVER_ERROR",
    message: `Something went wrong (ref ${referenceOf(error)})`,
    fieldErrors: {},
    appCode: null,
  };
}

/** "field: message" for the field the message names, else the message: how tests state refusals. */
export function fieldMessageOf(shape: ErrorShape): string {
  const field = Object.keys(shape.fieldErrors).find((name) => shape.fieldErrors[name]![0] === shape.message);
  return field ? `${field}: ${shape.message}` : shape.message;
}
