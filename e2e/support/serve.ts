// The e2e web server (playwright.config.ts `webServer.command`): creates this run's database,
// migrates and seeds it, builds the app when .next is missing or stale, then runs `next start`.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { needsBuild } from "../../scripts/lib/build-freshness";
import { ensureGenerated } from "../../scripts/lib/ensure-generated";
import { allowServerOnlyImports } from "../../scripts/lib/server-only-hook";
import { createTestRunDatabase, describeDatabase, dropTestRunDatabase, testRunFromEnv } from "./test-run";

// The database is prepared here, with server code (imported below, once this hook is in place).
allowServerOnlyImports();

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const run = testRunFromEnv();
const log = (line: string) => console.log(`[e2e] ${line}`);

let child: ChildProcess | undefined;
let stopping: Promise<never> | undefined;

// Playwright stops us with SIGTERM (gracefulShutdown). globalTeardown normally dropped the
// database already; this covers a failed or interrupted start, where it never runs. Every caller
// waits for the same cleanup, so a second stop cannot exit before the database is dropped.
function stop(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
    await dropTestRunDatabase(run).catch((error: unknown) => console.error(`[e2e] could not drop the test database: ${String(error)}`));
    process.exit(exitCode);
  })();
  return stopping;
}

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(0));

function runNext(args: string[]): ChildProcess {
  child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env: process.env });
  return child;
}

class StartError extends Error {}

try {
  log(`Database: ${describeDatabase(run.database)}`);
  await createTestRunDatabase(run);
  ensureGenerated();
  // Imported after generation: it loads the generated Prisma client.
  const { prepareDatabase } = await import("../../scripts/lib/prepare-database");
  await prepareDatabase({ seed: true, log });
  await (await import("./e2e-staff")).seedE2eStaff();
  await (await import("../fixtures/holds")).seedE2eHolds();
  if (needsBuild()) {
    log("Building the app (no production build, or sources changed since the last one)…");
    const startedAt = Date.now();
    const [code] = (await once(runNext(["build"]), "exit")) as [number | null];
    if (code !== 0) throw new StartError(`next build failed (exit code ${code ?? "none, killed"}).`);
    log(`Built in ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`);
  }
} catch (error) {
  // While stopping, a failing step is only the echo of the signal.
  if (!stopping) console.error(`[e2e] ${error instanceof StartError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await stop(1);
}

if (!stopping) {
  runNext(["start", "-p", String(run.port), "-H", "127.0.0.1"]).on("exit", (code) => void stop(code ?? 1));
}
