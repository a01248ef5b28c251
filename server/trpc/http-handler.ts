import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { StaffSession } from "@/server/auth/session-lifetime";
import type { Db } from "@/server/db/client";
import { errorShapeOf, RETRY_AFTER_SECONDS, unexpectedErrorReference } from "./error-shape";
import { clientIpOf } from "@/server/auth/client-ip";
import type { RequestOrigin } from "@/server/lib/service-context";
import { createTRPCContext } from "./init";
import { assertBatchSize, withBodyLimit } from "./request-limits";
import { appRouter } from "./root";

type Options = {
  /** Who is calling: the request's session, or null when signed out. */
  session: () => Promise<StaffSession | null>;
  db?: Db;
};

/** tRPC over HTTP, with its request limits; the route and the HTTP tests both answer through it. */
export function handleTRPCRequest(req: Request, opts: Options): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: withBodyLimit(req),
    router: appRouter,
    createContext: async ({ info }) => {
      assertBatchSize(info.calls.length);
      return createTRPCContext({ session: await opts.session(), db: opts.db, request: requestOriginOf(req) });
    },
    onError({ error, path }) {
      const ref = unexpectedErrorReference(error);
      if (ref) console.error(`tRPC ${path ?? "?"} failed (ref ${ref}):`, error.cause ?? error);
      else if (isUnavailable(error)) console.warn(`tRPC ${path ?? "?"}: the database is unavailable, answered 503`);
    },
    // A 503 (database restarting or out of reach) tells clients and load balancers when to retry.
    responseMeta({ errors }) {
      return errors.some(isUnavailable) ? { headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } } : {};
    },
  });
}

const isUnavailable = (error: unknown) => errorShapeOf(error).code === "SERVICE_UNAVAILABLE";

const requestOriginOf = (req: Request): RequestOrigin => ({
  ip: clientIpOf(req.headers.get("x-forwarded-for")),
  userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null,
});
