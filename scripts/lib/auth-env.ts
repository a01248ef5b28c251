import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * next-auth needs a signing secret and its own URL. Outside production set NEXTAUTH_SECRET
 * yourself; for the demo a random one is kept in the data folder so sessions survive restarts.
 */
export function authEnv(port: number): Record<string, string> {
  let secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    const dir = path.resolve(process.env.DATA_DIR ?? ".data");
    const file = path.join(dir, "auth-secret");
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    secret = readFileSync(file, "utf8").trim();
  }
  return { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
}
