import "server-only";
import { initTRPC } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { getDb, getReadDb, type Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import type { Actor, RequestOrigin } from "@/server/lib/service-context";
import { getActiveActor } from "@/server/modules/staff/staff.service";
import { PERMISSIONS, type Permission } from "@/server/auth/permissions";
import type { StaffSession } from "@/server/auth/session-lifetime";
import { errorShapeOf, httpStatusOf } from "./error-shape";

/**
 * `request` is where the call came from (null in-process), for the public procedures' rate limits.
 * `readDb` is the read replica (DATABASE_READ_URL); unset, `db`. Only `lagTolerant` procedures use it.
 */
export type TRPCContext = { db: Db; readDb?: Db; actor: Actor | null; request?: RequestOrigin | null };

/** Builds the context from the request's session; the staff row is re-read on every request. */
export async function createTRPCContext(opts: {
  session: StaffSession | null;
  db?: Db;
  /** Defaults to `db` when that is given (tests), else the server's read client. */
  readDb?: Db;
  request?: RequestOrigin | null;
}): Promise<TRPCContext> {
  const db = opts.db ?? (await getDb());
  const readDb = opts.readDb ?? (opts.db ? db : await getReadDb());
  const request = opts.request ?? null;
  const actor = opts.session ? await getActiveActor(db, opts.session, { request }) : null;
  return { db, readDb, actor, request };
}

/**
 * `permission`: what the caller's role must grant. `isPublic`: callable signed out on purpose
 * (the set-password page); the permission matrix tells it from a forgotten check by this flag.
 */
export type ProcedureMeta = { permission?: Permission; isPublic?: true };

const t = initTRPC.context<TRPCContext>().meta<ProcedureMeta>().create({
  transformer: superjson,
  /** The only place errors become answers; see error-shape.ts. */
  errorFormatter({ shape, error }) {
    const { code, message, fieldErrors, appCode } = errorShapeOf(error);
    return {
      message,
      code: TRPC_ERROR_CODES_BY_KEY[code],
      data: { code, httpStatus: httpStatusOf(code), path: shape.data.path, fieldErrors, appCode },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const baseProcedure = t.procedure;

/**
 * A procedure for visitors without a session: it checks no permission, so it must reveal only
 * what its input already proves (a link's token) and limit its callers itself (rate limits).
 */
export const publicProcedure = baseProcedure.meta({ isPublic: true });

export const staffProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
  return next({ ctx: { db: ctx.db, readDb: ctx.readDb, actor: ctx.actor } });
});

/** A procedure that fails closed unless the signed-in staff member's role grants `permission`. */
export function permissionProcedure(permission: Permission) {
  return staffProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!ctx.actor.permissions.includes(permission)) {
      throw new AppError("FORBIDDEN", `Your role may not do this (needs "${PERMISSIONS[permission]}").`);
    }
    return next();
  });
}

/**
 * For reads that tolerate replication lag (search, list pages): the handler's `db` is the read
 * replica when DATABASE_READ_URL is set. The caller's session and role are still checked on the
 * primary first. Never for a read a mutation depends on (a form's "expected" value, a money check).
 */
export const lagTolerant = t.middleware(({ ctx, next }) => next({ ctx: { db: ctx.readDb ?? ctx.db } }));
