import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { config } from "@/server/config";

/**
 * next-auth needs a signing secret and its own URL. Outside production set NEXTAUTH_SECRET
 * yourself; for the demo a random one is kept in the data folder so sessions survive restarts.
 */
export function authEnv(port: number): Record<string, string> {
  const { NEXTAUTH_SECRET, NEXTAUTH_URL, DATA_DIR } = config();
  let secret = NEXTAUTH_SECRET;
  if (!secret) {
    const dir = path.resolve(DATA_DIR);
    const file = path.join(dir, "auth-secret");
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    secret = readFileSync(file, "utf8").trim();
  }
  return { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: NEXTAUTH_URL ?? `http://localhost:${port}` };
}
