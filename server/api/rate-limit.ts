import { runSql, type Db } from "@/server/db/client";
import { ApiRefusal } from "./api-errors";
import { takeRateLimitSql, type RateLimitRow } from "./rate-limit.sql";

// The counters live in the `api_rate_limit` table, so every node counts against the same budget
// per key. One upsert per request (rate-limit.sql.ts); rate-limiter-flexible's Prisma store, used
// here before, took two round trips (a DELETE of the expired row, then the upsert) on every call.

export type ApiRateLimiter = { take: (apiKeyId: string) => Promise<void> };

const WINDOW_MS = 1000;

/** A limiter of `perSecond` requests per API key (a fixed one-second window per key). */
export function apiRateLimiter(db: Db, perSecond: number): ApiRateLimiter {
  return {
    async take(apiKeyId) {
      const [row] = await runSql<RateLimitRow>(db, takeRateLimitSql(`api-key-${perSecond}:${apiKeyId}`, WINDOW_MS), { name: "api_rate_limit_take" });
      if (!row || row.points <= perSecond) return;
      const seconds = Math.max(1, Math.ceil(row.msLeft / 1000));
      throw new ApiRefusal("RATE_LIMITED", `This API key made more than ${perSecond} requests in a second; retry after ${seconds} s`, null, {
        "Retry-After": String(seconds),
      });
    },
  };
}
