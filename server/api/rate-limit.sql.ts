// The per-key rate limit's one statement (rate-limit.ts): a fixed window per key in
// `api_rate_limit`, counted and, once past, restarted in a single upsert, so every request costs
// one round trip and every node counts against the same row.
import { Prisma } from "@/prisma/generated/client";

export type RateLimitRow = { points: number; msLeft: number };

/** Counts one request for `key` in its current window of `windowMs` (a new window once the last has ended). */
export const takeRateLimitSql = (key: string, windowMs: number) => Prisma.sql`
  INSERT INTO api_rate_limit AS r (key, points, expire)
  VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}::float8))
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN r.expire IS NULL OR r.expire <= now() THEN 1 ELSE r.points + 1 END,
    expire = CASE WHEN r.expire IS NULL OR r.expire <= now() THEN EXCLUDED.expire ELSE r.expire END
  RETURNING r.points AS points, GREATEST(0, (extract(epoch FROM r.expire - now()) * 1000))::int AS "msLeft"`;
