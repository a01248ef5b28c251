// Job queues for integration tests: on PostgreSQL each gets a pg-boss schema of its own (dropped
// by `destroy`), so tests running in parallel on the run's database never take each other's jobs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseTarget, Db } from "@/server/db/client";
import { startJobQueue, type JobQueue, type JobQueueOptions } from "@/server/jobs/job-queue";

export type TestJobQueue = { queue: JobQueue; schema: string; destroy: () => Promise<void> };

export function newJobSchema(): string {
  return `pgboss_test_${randomBytes(5).toString("hex")}`;
}

export async function startTestJobQueue(
  target: DatabaseTarget,
  db: Db,
  opts: Omit<JobQueueOptions, "target" | "db"> = {},
): Promise<TestJobQueue> {
  const schema = opts.schema ?? newJobSchema();
  const queue = await startJobQueue({ pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, firstRunDelayMs: 10, ...opts, target, db: async () => db, schema });
  return {
    queue,
    schema,
    destroy: async () => {
      await queue.stop({ graceful: false });
      if (target.kind === "postgres" && !opts.schema) await dropJobSchema(target.url, schema);
    },
  };
}

export async function dropJobSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`));
}

/** `slotEpoch`: the start of the period slot the job was made for, in seconds since 1970 (null when none). */
export type JobRow = { id: string; name: string; state: string; retryCount: number; slotEpoch: number | null; output: unknown };

/** Every job of `name` in the schema, live and archived, oldest first. */
export async function jobRows(url: string, schema: string, name: string): Promise<JobRow[]> {
  const s = pg.escapeIdentifier(schema);
  const columns = `id, name, state::text AS state, retry_count AS "retryCount", extract(epoch FROM singleton_on)::float8 AS "slotEpoch", output, created_on`;
  return withClient(url, async (client) => {
    const { rows } = await client.query<JobRow>(
      `SELECT id, name, state, "retryCount", "slotEpoch", output FROM (
         SELECT ${columns} FROM ${s}.job WHERE name = $1
         UNION ALL SELECT ${columns} FROM ${s}.archive WHERE name = $1
       ) jobs ORDER BY created_on, id`,
      [name],
    );
    return rows;
  });
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
