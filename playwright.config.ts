// e2e tests run against the production build (`next build` + `next start`) on a free port, with a
// database created for the run and dropped afterwards (see e2e/support/serve.ts and test-run.ts).
import { existsSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "./e2e/support/chromium";
import { appEnvOf, baseUrlOf, currentTestRun, planTestRun } from "./e2e/support/test-run";

// Exit with one readable line; a thrown error would bury it under Playwright's stack trace.
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!existsSync(CHROMIUM)) fail("Chromium not found: run `apt-get install -y chromium` (or `bash .ci/run`, which installs it)");

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The config is also loaded by every worker; they reuse the run the runner planned.
const run = await currentTestRun(async () => planTestRun(await freePort())).catch((error: Error) => fail(error.message));
const baseURL = baseUrlOf(run);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // A flaky test gets fixed, not retried.
  retries: 0,
  // The app server and the browser share a 2-core machine with the workers.
  workers: 2,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: "setup/*.setup.ts" },
    { name: "chromium", testMatch: "*.spec.ts", testIgnore: "store-wide/*.spec.ts", dependencies: ["setup"] },
    // Specs that change what every page shows (the store's date style) run once the rest are done.
    { name: "store-wide", testMatch: "store-wide/*.spec.ts", dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node --import tsx e2e/support/serve.ts",
    url: `${baseURL}/sign-in`,
    env: appEnvOf(run),
    // A first build on a 2-core machine takes minutes; later runs reuse .next when sources are unchanged.
    timeout: 10 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    // serve.ts drops the run's database itself when stopped before globalTeardown could.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    reuseExistingServer: false,
  },
});
