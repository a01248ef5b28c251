// What the benches that drive a production server share: its environment, a free port, and an
// admin's session cookie.
import net from "node:net";
import { DEMO_PASSWORD, DEMO_STAFF } from "@/prisma/seed/demo-staff";

/** The environment for Next.js child processes: without tsx's loader (NODE_OPTIONS), which breaks React's prerender. */
export function nextEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _loader, ...env } = process.env;
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** next-auth credentials sign-in through `base`; the session cookie pair, or null when refused. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string | null> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token=")) ?? null;
}

/** Signs the demo admin in through next-auth's credentials form; returns the session cookie pair. */
export async function signInAsAdmin(base: string): Promise<string> {
  const session = await signIn(base, DEMO_STAFF.find((s) => s.role === "ADMIN")!.email);
  if (!session) throw new Error(`The demo admin's sign-in through ${base} was refused`);
  return session;
}
