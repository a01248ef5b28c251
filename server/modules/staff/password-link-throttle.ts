import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";

// The set-password page's calls (reading a link, setting the password) share one budget per IP,
// kept in the sign-in counters' table (see sign-in-throttle.ts) under their own key prefix.
// Tokens are 256 random bits, so this stops floods, not guessing.
const WINDOW_SECONDS = 15 * 60;
export const PASSWORD_LINK_IP_ATTEMPTS = 20;

const limiters = new WeakMap<Db, RateLimiterPrisma>();

function limiterFor(db: Db) {
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "signInLimit",
      keyPrefix: "set-password-ip",
      points: PASSWORD_LINK_IP_ATTEMPTS,
      duration: WINDOW_SECONDS,
      blockDuration: WINDOW_SECONDS,
    });
    limiters.set(db, limiter);
  }
  return limiter;
}

/** Counts one call from `ip`; refuses with RATE_LIMITED (429) once the budget is spent. */
export async function takePasswordLinkAttempt(db: Db, ip: string): Promise<void> {
  try {
    await limiterFor(db).consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
    throw new AppError("RATE_LIMITED", `Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}
