import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";
import { ApiRefusal } from "./api-errors";

// rate-limiter-flexible's Prisma store keeps the counters in the `api_rate_limit` table, so every
// node counts against the same budget per key (as the sign-in throttle does with its own table).

export type ApiRateLimiter = { take: (apiKeyId: string) => Promise<void> };

const limiters = new WeakMap<Db, Map<number, ApiRateLimiter>>();

/** A limiter of `perSecond` requests per API key, one per database client and limit. */
export function apiRateLimiter(db: Db, perSecond: number): ApiRateLimiter {
  const byLimit = limiters.get(db) ?? new Map<number, ApiRateLimiter>();
  limiters.set(db, byLimit);
  const existing = byLimit.get(perSecond);
  if (existing) return existing;
  const limiter = new RateLimiterPrisma({ storeClient: db, tableName: "apiRateLimit", keyPrefix: `api-key-${perSecond}`, points: perSecond, duration: 1 });
  const created: ApiRateLimiter = {
    async take(apiKeyId) {
      try {
        await limiter.consume(apiKeyId);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new ApiRefusal("RATE_LIMITED", `This API key made more than ${perSecond} requests in a second; retry after ${seconds} s`, null, {
          "Retry-After": String(seconds),
        });
      }
    },
  };
  byLimit.set(perSecond, created);
  return created;
}
