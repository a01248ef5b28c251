import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

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
