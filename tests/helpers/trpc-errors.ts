import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { isAppError } from "@/server/lib/app-error";

/** Awaits a call that must fail with a TRPCError; returns its code and message for assertions. */
export async function refusal(call: Promise<unknown>): Promise<{ code: TRPCError["code"]; message: string }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, message: (error as TRPCError).message };
}

/** "OK" when the call succeeds, else the TRPCError code: for tables of who may do what. */
export function outcomeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

/**
 * Like `refusal`, with the message as "field: message" whether the refusal came from zod (already
 * so) or from a domain AppError (which carries its field separately).
 */
export async function fieldRefusal(call: Promise<unknown>): Promise<{ code: TRPCError["code"]; fieldMessage: string }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const { code, message, cause } = error as TRPCError;
  const field = isAppError(cause) ? cause.field : undefined;
  return { code, fieldMessage: field ? `${field}: ${message}` : message };
}
