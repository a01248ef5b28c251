import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/server/db/client";

// rate-limiter-flexible's Prisma store keeps the counters in our `sign_in_limit` table (made by
// our migrations, so it works on PGlite and PostgreSQL alike, and every app server shares them).
// Its Postgres store is not used: it needs a pg Pool, which the embedded database does not have.
const WINDOW_SECONDS = 15 * 60;
export const EMAIL_ATTEMPTS = 5;
export const IP_ATTEMPTS = 30;

export type SignInThrottle = {
  /** Counts one attempt for the email and the IP; the seconds to wait when either is used up. */
  take: (email: string, ip: string) => Promise<number | null>;
  /** A good password clears the email's count and gives the IP its attempt back. */
  succeeded: (email: string, ip: string) => Promise<void>;
};

function limiter(db: Db, keyPrefix: string, points: number) {
  return new RateLimiterPrisma({
    storeClient: db,
    tableName: "signInLimit",
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
  });
}

async function retryAfter(consume: Promise<RateLimiterRes>): Promise<number | null> {
  try {
    await consume;
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

const throttles = new WeakMap<Db, SignInThrottle>();

export function signInThrottle(db: Db): SignInThrottle {
  const existing = throttles.get(db);
  if (existing) return existing;
  const byEmail = limiter(db, "sign-in-email", EMAIL_ATTEMPTS);
  const byIp = limiter(db, "sign-in-ip", IP_ATTEMPTS);
  const throttle: SignInThrottle = {
    async take(email, ip) {
      // Both are counted, so a locked email cannot be used to try passwords for free from an IP.
      const waits = await Promise.all([retryAfter(byEmail.consume(email)), retryAfter(byIp.consume(ip))]);
      const seconds = waits.filter((w): w is number => w !== null);
      return seconds.length ? Math.max(...seconds) : null;
    },
    async succeeded(email, ip) {
      await Promise.all([byEmail.delete(email), byIp.reward(ip, 1)]);
    },
  };
  throttles.set(db, throttle);
  return throttle;
}
