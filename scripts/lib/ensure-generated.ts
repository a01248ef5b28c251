import { existsSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";

/** Runs `prisma generate` when the client is missing or older than the schema. */
export function ensureGenerated(): void {
  const client = "prisma/generated/client.ts";
  if (existsSync(client) && statSync(client).mtimeMs >= statSync("prisma/schema.prisma").mtimeMs) return;
  execFileSync(process.execPath, ["--import", "tsx", "scripts/generate.ts"], { stdio: "inherit" });
}
