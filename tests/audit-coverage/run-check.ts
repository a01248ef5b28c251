// The audit coverage check against the run's database, from the integration run's teardown.
import fs from "node:fs/promises";
import path from "node:path";
import { createDb, type DatabaseTarget } from "@/server/db/client";
import { MUTATION_CALLS_FILE, findUnauditedMutations, parseMutationCalls } from "./check";
import { EXPECTED_AUDIT_ACTIONS } from "./expected-actions";

export async function checkAuditCoverage(target: DatabaseTarget, tempDir: string): Promise<void> {
  const text = await fs.readFile(path.join(tempDir, MUTATION_CALLS_FILE), "utf8").catch(() => "");
  const calls = parseMutationCalls(text);
  if (calls.length === 0) return;
  const { db, close } = await createDb(target);
  try {
    const problems = await findUnauditedMutations(calls, EXPECTED_AUDIT_ACTIONS, async ({ actions, actorIds }) => {
      const [row] = await db.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM audit_log WHERE action = ANY(${[...actions]}::text[]) AND actor_id = ANY(${actorIds}::uuid[])`;
      return row?.count ?? 0;
    });
    const procedures = new Set(calls.map((c) => c.path)).size;
    if (problems.length > 0) {
      throw new Error(`Audit coverage: ${problems.length} of ${procedures} mutation procedures called by the suite left no audit row:\n  ${problems.join("\n  ")}`);
    }
    const called = new Set(calls.map((c) => c.path));
    const notCalled = Object.keys(EXPECTED_AUDIT_ACTIONS).filter((path) => !called.has(path));
    console.log(`Audit coverage: ${procedures} mutation procedures called successfully (${calls.length} calls), each left its audit row`);
    if (notCalled.length > 0) console.log(`  not called successfully by this run (so not checked): ${notCalled.join(", ")}`);
  } finally {
    await close();
  }
}
