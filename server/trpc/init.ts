import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { getDb, type Db } from "@/server/db/client";
import { isAppError, type AppErrorCode } from "@/server/lib/app-error";
import type { Actor } from "@/server/lib/service-context";
import { getActiveActor } from "@/server/modules/staff/staff.service";
import { PERMISSIONS, type Permission } from "@/server/auth/permissions";
import type { StaffSession } from "@/server/auth/session-lifetime";

export type TRPCContext = { db: Db; actor: Actor | null };

/** Builds the context from the request's session; the staff row is re-read on every request. */
export async function createTRPCContext(opts: { session: StaffSession | null; db?: Db }): Promise<TRPCContext> {
  const db = opts.db ?? (await getDb());
  const actor = opts.session ? await getActiveActor(db, opts.session) : null;
  return { db, actor };
}

const APP_ERROR_TO_TRPC: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INSUFFICIENT_FUNDS: "CONFLICT",
  IDEMPOTENCY_MISMATCH: "CONFLICT",
  GATEWAY_ERROR: "BAD_GATEWAY",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

/** Field → first message, from a zod (or any Standard Schema) validation error. */
function fieldErrorsOf(cause: unknown): Record<string, string> | null {
  const issues = (cause as { issues?: Issue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return null;
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".") || "_form";
    fields[key] ??= issue.message;
  }
  return fields;
}

export type ProcedureMeta = { permission?: Permission };

const t = initTRPC.context<TRPCContext>().meta<ProcedureMeta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const fieldErrors = error.code === "BAD_REQUEST" ? fieldErrorsOf(error.cause) : null;
    const appField = isAppError(error.cause) ? error.cause.field : undefined;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: fieldErrors ?? (appField ? { [appField]: error.message } : null),
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns the domain's AppError into the matching tRPC error, and a validation error's JSON dump of
 * issues into "field: first message", so callers and forms read the same plain sentence.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (isAppError(cause)) {
    throw new TRPCError({ code: APP_ERROR_TO_TRPC[cause.code], message: cause.message, cause });
  }
  const first = result.error.code === "BAD_REQUEST" ? Object.entries(fieldErrorsOf(cause) ?? {})[0] : undefined;
  if (first) throw new TRPCError({ code: "BAD_REQUEST", message: `${first[0]}: ${first[1]}`, cause });
  return result;
});

export const publicProcedure = t.procedure.use(mapAppErrors);

export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  return next({ ctx: { db: ctx.db, actor: ctx.actor } });
});

/** A procedure that fails closed unless the signed-in staff member's role grants `permission`. */
export function permissionProcedure(permission: Permission) {
  return staffProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!ctx.actor.permissions.includes(permission)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Your role may not do this (needs "${PERMISSIONS[permission]}").`,
      });
    }
    return next();
  });
}
