// The probes a load balancer or orchestrator asks: liveness (the process answers; no database, so
// a database outage never gets healthy servers restarted) and readiness (the database answers a
// round trip in time; a node that is not ready is taken out of rotation until it is again).
import { databaseTargetFromEnv, getDb, isDatabaseReady, isPostgresReady } from "@/server/db/client";
import { RETRY_AFTER_SECONDS } from "@/server/trpc/error-shape";

/** Short enough that probes every second or two never pile up behind a hung connection. */
export const READY_TIMEOUT_MS = 2_000;

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export function healthResponse(): Response {
  return json(200, { status: "ok" });
}

export async function readyResponse(): Promise<Response> {
  const target = databaseTargetFromEnv();
  const isReady =
    target.kind === "postgres"
      ? await isPostgresReady(target.url, READY_TIMEOUT_MS)
      : await getDb().then(
          (db) => isDatabaseReady(db, READY_TIMEOUT_MS),
          () => false,
        );
  return isReady
    ? json(200, { status: "ready" })
    : json(503, { status: "unavailable", message: "The database is not reachable right now." }, { "Retry-After": String(RETRY_AFTER_SECONDS) });
}
