import { dropTestRunDatabase, testRunFromEnv } from "./test-run";

// Runs before Playwright stops the web server; the drop forces the server's connections closed.
export default async function globalTeardown(): Promise<void> {
  await dropTestRunDatabase(testRunFromEnv());
}
