import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { isAppError } from "@/server/lib/app-error";

/**
 * Awaits a call that must fail with a TRPCError; returns its code and message for assertions, and
 * `fieldMessage`, "field: message" whether the refusal came from zod or from a domain AppError.
 */
export async function refusal(call: Promise<unknown>): Promise<{ code: TRPCError["code"]; message: string; fieldMessage: string }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const { code, message, cause } = error as TRPCError;
  const field = isAppError(cause) ? cause.field : undefined;
  return { code, message, fieldMessage: field ? `${field}: ${message}` : message };
}

/** "OK" when the call succeeds, else the TRPCError code: for tables of who may do what. */
export function outcomeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}
