// The job queue: runs the jobs of job-list.ts every period. On PostgreSQL it is pg-boss (schema
// `pgboss`), so several servers share one queue and each period's run happens once, on one of
// them; a run that throws is retried with backoff. On PGlite (one process, one connection, no
// pg-boss) an in-process timer runs them instead. README "Background jobs" explains both.
import pg from "pg";
import PgBoss from "pg-boss";
import { config } from "@/server/config";
import type { DatabaseTarget, Db } from "@/server/db/client";
import { JOBS, type JobDefinition } from "./job-list";

export const DEFAULT_JOB_SCHEMA = "pgboss";
/** Connections of the queue's own pool (per worker process), next to DATABASE_POOL_SIZE. */
export const JOB_POOL_SIZE = 3;
/** Retries of a failed run, 10 s, 20 s, 40 s apart; a run may take up to 15 minutes. */
const RETRY = { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 15 * 60 } as const;
/** The key of the one job per period slot; pg-boss's unique index (name, slot, key) holds it. */
const PERIOD_KEY = "period";

export type JobQueueOptions = {
  target: DatabaseTarget;
  /** The process's own client (getDb): PGlite allows a single opener. */
  db: () => Promise<Db>;
  jobs?: readonly JobDefinition[];
  /** Periods by job name, instead of the configuration's (tests use short ones). */
  periodsMs?: Partial<Record<string, number>>;
  log?: (line: string) => void;
  /** pg-boss only: the schema of its tables (tests use their own). */
  schema?: string;
  /** Seconds before the first retry (tests: 1). */
  retryDelaySeconds?: number;
  /** pg-boss only: how often an idle worker looks for a job. */
  pollingIntervalSeconds?: number;
  /** In-process only: the wait before the first runs, so a starting server is not busy at once. */
  firstRunDelayMs?: number;
};

export type StopOptions = {
  /** Let the runs in flight finish (default), up to `timeoutMs` (default 30 s). */
  graceful?: boolean;
  timeoutMs?: number;
};

export type JobQueue = {
  kind: "pg-boss" | "in-process";
  /** The jobs that run (period above 0), with their periods. */
  scheduled: { name: string; periodMs: number }[];
  /** Asks for a run of `name` now (several asks within a second make one run). */
  runSoon: (name: string) => Promise<void>;
  stop: (opts?: StopOptions) => Promise<void>;
};

function periodsOf(opts: JobQueueOptions): { job: JobDefinition; periodMs: number }[] {
  const jobs = opts.jobs ?? JOBS;
  return jobs
    .map((job) => ({ job, periodMs: opts.periodsMs?.[job.name] ?? job.periodMs(config()) }))
    .filter(({ periodMs }) => Number.isFinite(periodMs) && periodMs > 0);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startJobQueue(opts: JobQueueOptions): Promise<JobQueue> {
  return opts.target.kind === "postgres" ? startPgBoss(opts, opts.target.url) : Promise.resolve(startInProcess(opts));
}

/**
 * Creates or upgrades the queue's tables (schema `pgboss`) on PostgreSQL; `npm run db:migrate`
 * calls it. Starting the queue does the same, so a database made without it still works.
 */
export async function installJobQueue(url: string, schema = DEFAULT_JOB_SCHEMA): Promise<void> {
  const boss = new PgBoss({ connectionString: url, schema, max: 1, migrate: true, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, close: true, wait: true });
}

async function startPgBoss(opts: JobQueueOptions, url: string): Promise<JobQueue> {
  const log = opts.log ?? console.log;
  const retryDelay = opts.retryDelaySeconds ?? RETRY.retryDelay;
  const boss = new PgBoss({
    connectionString: url,
    schema: opts.schema ?? DEFAULT_JOB_SCHEMA,
    application_name: "creditdesk-jobs",
    max: JOB_POOL_SIZE,
    // Maintenance (expiring stuck runs, archiving) under pg-boss's own lock, on one server at a time.
    supervise: true,
    // Periods come from our slots below (pg-boss's cron counts whole minutes only).
    schedule: false,
    // Completed runs stay in pgboss.job for two days (longer than the longest period, 24 h).
    archiveCompletedAfterSeconds: 2 * 86_400,
    archiveFailedAfterSeconds: 7 * 86_400,
  });
  boss.on("error", (error) => log(`Job queue: ${errorText(error)}`));
  await boss.start();

  const periods = periodsOf(opts);
  const timers: NodeJS.Timeout[] = [];
  try {
    await createQueues(url, boss, periods.map(({ job }) => ({ name: job.name, policy: "standard" as const, ...RETRY, retryDelay })));
    for (const { job } of periods) {
      await boss.work<object>(job.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([run]) => {
        try {
          const line = await job.run({ db: await opts.db(), log });
          if (line) log(`${job.label}: ${line}`);
          return { line };
        } catch (error) {
          const tries = run ? `try ${run.retryCount + 1} of ${run.retryLimit + 1}` : "a try";
          log(`${job.label} run failed (${tries}): ${errorText(error)}`);
          throw error;
        }
      });
    }
  } catch (error) {
    await boss.stop({ graceful: false, close: true, wait: true });
    throw error;
  }

  // Every server asks for the current slot's run a few times per period; the unique index on
  // (queue, slot start, key) keeps one, and one worker (SKIP LOCKED) takes it.
  for (const { job, periodMs } of periods) {
    const singletonSeconds = Math.max(1, Math.round(periodMs / 1000));
    const ask = () =>
      void boss.send(job.name, {}, { singletonKey: PERIOD_KEY, singletonSeconds }).catch((error: unknown) => log(`Job queue: ${job.label}: ${errorText(error)}`));
    ask();
    const timer = setInterval(ask, Math.max(250, Math.floor(periodMs / 4)));
    timer.unref();
    timers.push(timer);
  }

  return {
    kind: "pg-boss",
    scheduled: periods.map(({ job, periodMs }) => ({ name: job.name, periodMs })),
    runSoon: async (name) => {
      await boss.send(name, {}, { singletonKey: "soon", singletonSeconds: 1 });
    },
    stop: async ({ graceful = true, timeoutMs = 30_000 } = {}) => {
      for (const timer of timers) clearInterval(timer);
      // `wait`: resolve once the runs in flight ended (or the timeout failed them for a retry).
      await boss.stop({ graceful, timeout: timeoutMs, wait: true, close: true });
    },
  };
}

/**
 * Creating a queue is DDL (a partition of pgboss.job): two servers starting at once deadlock on
 * it, so they take turns under an advisory lock. Settings of an existing queue are updated.
 */
async function createQueues(url: string, boss: PgBoss, queues: PgBoss.Queue[]): Promise<void> {
  if (queues.length === 0) return;
  const lock = new pg.Client({ connectionString: url, application_name: "creditdesk-jobs" });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('creditdesk job queues'))");
    for (const queue of queues) {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
  } finally {
    // Ending the session releases the lock.
    await lock.end();
  }
}

/** PGlite only: one timer per job in this process; runs never overlap, a failed run is retried. */
function startInProcess(opts: JobQueueOptions): JobQueue {
  const log = opts.log ?? console.log;
  const retryDelayMs = (opts.retryDelaySeconds ?? RETRY.retryDelay) * 1000;
  const periods = periodsOf(opts);
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  let isStopped = false;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(fn, ms);
    // Never keeps a process alive on its own.
    timer.unref();
    timers.push(timer);
  };

  const runOnce = (job: JobDefinition, retry = 0): Promise<void> => {
    const inFlight = running.get(job.name);
    if (inFlight || isStopped) return inFlight ?? Promise.resolve();
    const run = (async () => {
      try {
        const line = await job.run({ db: await opts.db(), log });
        if (line) log(`${job.label}: ${line}`);
      } catch (error) {
        log(`${job.label} run failed (try ${retry + 1} of ${RETRY.retryLimit + 1}): ${errorText(error)}`);
        if (retry < RETRY.retryLimit) later(retryDelayMs * 2 ** retry, () => void runOnce(job, retry + 1));
      } finally {
        running.delete(job.name);
      }
    })();
    running.set(job.name, run);
    return run;
  };

  periods.forEach(({ job, periodMs }, index) => {
    later(opts.firstRunDelayMs ?? 5_000 * (index + 1), () => void runOnce(job));
    const timer = setInterval(() => void runOnce(job), periodMs);
    timer.unref();
    timers.push(timer);
  });

  return {
    kind: "in-process",
    scheduled: periods.map(({ job, periodMs }) => ({ name: job.name, periodMs })),
    runSoon: async (name) => {
      const found = periods.find(({ job }) => job.name === name);
      if (found) void runOnce(found.job);
    },
    stop: async ({ graceful = true, timeoutMs = 30_000 } = {}) => {
      isStopped = true;
      for (const timer of timers) clearTimeout(timer);
      if (!graceful) return;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(running.values()),
        new Promise((resolve) => {
          timeout = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
}
