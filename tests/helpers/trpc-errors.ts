import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { expect } from "vitest";
import { errorShapeOf, fieldMessageOf } from "@/server/trpc/error-shape";

// These read a refusal through the same shape function the HTTP formatter answers with, so an
// in-process assertion states exactly what a client would receive.

async function refusalShape(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return errorShapeOf(error);
}

/** Awaits a call that must fail; returns the code and the sentence a client is shown. */
export async function refusal(call: Promise<unknown>): Promise<{ code: TRPC_ERROR_CODE_KEY; message: string }> {
  const { code, message } = await refusalShape(call);
  return { code, message };
}

/** "OK" when the call succeeds, else the code a client receives: for tables of who may do what. */
export function outcomeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? errorShapeOf(e).code : String(e)),
  );
}

/** Like `refusal`, with the message as "field: message" when the refusal names the field it concerns. */
export async function fieldRefusal(call: Promise<unknown>): Promise<{ code: TRPC_ERROR_CODE_KEY; fieldMessage: string }> {
  const shape = await refusalShape(call);
  return { code: shape.code, fieldMessage: fieldMessageOf(shape) };
}
