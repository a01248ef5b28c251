// `npm start`: migrate (and seed on first run), build if needed, then serve the production app.
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { config } from "@/server/config";
import { authEnv } from "./lib/auth-env";
import { needsBuild } from "./lib/build-freshness";
import { ensureGenerated } from "./lib/ensure-generated";

// Everything that loads the Prisma client is imported after it has been generated: a fresh clone
// has no prisma/generated yet.
ensureGenerated();
const { prepareDatabase } = await import("./lib/prepare-database");
const { demoLoginLines } = await import("@/prisma/seed/demo-staff");

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const port = config().PORT;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...authEnv(port) };

await prepareDatabase({ seed: true });
if (needsBuild()) {
  console.log("Building the app (first run or sources changed)…");
  execFileSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
}

console.log(`\nCreditdesk is starting on http://localhost:${port}\nDemo sign-ins:`);
for (const line of demoLoginLines()) console.log(line);
console.log("");

// The heap cap keeps the server's memory near its live heap (server/config.ts, SERVER_HEAP_MB).
const server = spawn(process.execPath, [`--max-old-space-size=${config().SERVER_HEAP_MB}`, nextBin, "start", "-p", String(port)], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
