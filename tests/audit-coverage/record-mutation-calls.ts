// Test-side recording of successful mutation calls for the after-suite audit coverage check.
// Integration workers append one JSON line per call to a file in the run's temp folder; the
// run's teardown (tests/setup/integration-global-setup.ts) reads it and checks the audit log.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { appRouter } from "@/server/trpc/root";
import { MUTATION_CALLS_FILE, type MutationCall } from "./check";


type ProcedureDef = { _def: { type: string } };
const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
export const isMutationPath = (path: string) => procedures[path]?._def.type === "mutation";

export function recordMutationCall(call: MutationCall): void {
  const dir = inject("testTempDir");
  if (!dir) return;
  // One short line per append: O_APPEND keeps lines from parallel workers whole.
  fs.appendFileSync(path.join(dir, MUTATION_CALLS_FILE), `${JSON.stringify(call)}\n`);
}

/**
 * The tRPC caller, recording each mutation that resolves. tRPC's caller is a proxy of functions
 * (`caller.credits.issue`), so this wraps every level and records at the call.
 */
export function recordingCaller<T extends object>(caller: T, staffId: string | null, path: string[] = []): T {
  return new Proxy(caller, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof key !== "string" || (typeof value !== "function" && (typeof value !== "object" || value === null))) return value;
      return recordingCaller(value as object, staffId, [...path, key]);
    },
    apply(target, thisArg, args: unknown[]) {
      const result: unknown = Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args);
      const procedure = path.join(".");
      if (!staffId || !isMutationPath(procedure) || !(result instanceof Promise)) return result;
      return result.then((value: unknown) => {
        recordMutationCall({ path: procedure, staffId });
        return value;
      });
    },
  });
}
