import type { Db } from "@/server/db/client";
import { ensureGenerated } from "./ensure-generated";

/**
 * For one-shot commands: generates the Prisma client if a fresh clone lacks it, opens the
 * configured database, runs `job` and closes it. Failures (a locked PGlite folder, a refused
 * connection) print one line and exit 1. `job` returns the exit code it wants (0 by default).
 * Import the job's modules inside `job`: they load the Prisma client, which may only now exist.
 */
export async function runWithDb(job: (db: Db) => Promise<number | void>): Promise<void> {
  ensureGenerated();
  const { createDb } = await import("@/server/db/client");
  let handle: Awaited<ReturnType<typeof createDb>> | undefined;
  try {
    handle = await createDb();
    process.exitCode = (await job(handle.db)) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}
