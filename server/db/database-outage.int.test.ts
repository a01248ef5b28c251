// What a call hears while PostgreSQL restarts or cannot be reached, and that the pool comes back
// by itself. The multi-node test (tests/cluster) restarts the real server; these cut connections
// one by one, which the shared test server tolerates.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { config } from "@/server/config";
import { createDb, isDatabaseReady, isPostgresReady, type Db } from "@/server/db/client";
import { DATABASE_UNAVAILABLE_MESSAGE, errorShapeOf } from "@/server/trpc/error-shape";
import { handleTRPCRequest } from "@/server/trpc/http-handler";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";

let t: TestDb;
let unreachable: { db: Db; close: () => Promise<void> };

beforeAll(async () => {
  t = await openTestDb();
  // Port 1 on loopback: nothing listens, so every connection is refused at once.
  unreachable = await createDb({ kind: "postgres", url: "postgresql://postgres@127.0.0.1:1/creditdesk" });
});
afterAll(async () => {
  await unreachable.close();
  await t.close();
});

const onPostgres = () => t.target.kind === "postgres";
/** The test database's URL with a label, so its sessions can be found in pg_stat_activity. */
function labelledUrl(): { url: string; label: string } {
  if (t.target.kind !== "postgres") throw new Error("PostgreSQL only");
  const label = `cd_outage_${randomBytes(4).toString("hex")}`;
  const url = new URL(t.target.url);
  url.searchParams.set("application_name", label);
  return { url: url.toString(), label };
}

describe("a database that cannot be reached", () => {
  it("answers a tRPC call with a retryable 503, a plain sentence and Retry-After, never driver text", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await handleTRPCRequest(new Request("http://localhost/api/trpc/staff.me"), {
      session: async () => ({ staffId: "00000000-0000-4000-8000-000000000000", sessionVersion: 0, signedInAt: Date.now() / 1000 }),
      db: unreachable.db,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    const text = await res.text();
    const { error } = JSON.parse(text) as { error: { json: { message: string; data: { code: string } } } };
    expect(error.json.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(error.json.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|prisma|postgres/i);
    vi.restoreAllMocks();
  });

  it("is not ready, within the timeout", async () => {
    expect(await isDatabaseReady(unreachable.db, 1_500)).toBe(false);
    expect(await isDatabaseReady(t.db, 1_500)).toBe(true);
    const startedAt = Date.now();
    expect(await isPostgresReady("postgresql://postgres@127.0.0.1:1/creditdesk", 1_500)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    if (t.target.kind === "postgres") expect(await isPostgresReady(t.target.url, 1_500)).toBe(true);
  });

  it.skipIf(!process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL)("stays ready while the request pool is busy: readiness has a connection of its own", async () => {
    if (t.target.kind !== "postgres") throw new Error("PostgreSQL only");
    const busy = await createDb({ kind: "postgres", url: t.target.url });
    try {
      // As many transactions as the pool has connections (DATABASE_POOL_SIZE), each holding one for 3 s.
      const held = Promise.all(Array.from({ length: config().DATABASE_POOL_SIZE }, () => busy.db.$transaction((tx) => tx.$executeRaw`SELECT pg_sleep(3)`, { timeout: 10_000 })));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await isDatabaseReady(busy.db, 500)).toBe(false);
      expect(await isPostgresReady(t.target.url, 500)).toBe(true);
      await held;
    } finally {
      await busy.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL)("a PostgreSQL session ended by the server (as a restart does)", () => {
  it("fails the call in flight as SERVICE_UNAVAILABLE, and the next call reconnects", async () => {
    expect(onPostgres()).toBe(true);
    const { db, close } = await createDb({ kind: "postgres", url: labelledUrl().url });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // 57P01 "terminating connection due to administrator command": what every session gets when PostgreSQL stops.
      const thrown = await db.$transaction((tx) => tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`).then(
        () => null,
        (error: unknown) => error,
      );
      expect(thrown).not.toBeNull();
      expect(errorShapeOf(thrown)).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE });
      expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      vi.restoreAllMocks();
      await close();
    }
  });

  it("survives an idle pooled connection being cut (logged, not a crash) and serves the next query", async () => {
    const { url, label } = labelledUrl();
    const { db, close } = await createDb({ kind: "postgres", url });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await db.$queryRaw`SELECT 1`;
      const ended = await t.db.$queryRaw<{ ended: boolean }[]>`
        SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = ${label}`;
      expect(ended.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^PostgreSQL connection lost \(57P01\)/)), { timeout: 5_000 });
      expect(await db.$queryRaw`SELECT 2 AS two`).toEqual([{ two: 2 }]);
    } finally {
      vi.restoreAllMocks();
      await close();
    }
  });
});
