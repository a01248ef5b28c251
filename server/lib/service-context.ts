import type { Db } from "@/server/db/client";
import type { Permission } from "@/server/auth/permissions";

/** Where a request came from, for the audit log. */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

/** The staff member a service acts for; loaded from the database (with its role) on every request. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  /** The role's key ("ADMIN", "SUPPORT_AGENT", a custom role's uuid, ...). */
  role: string;
  roleName: string;
  permissions: Permission[];
  /** Null for scripts, benches and in-process callers. */
  request: RequestOrigin | null;
};

/** What every service function takes first: where to read and write, and on whose behalf. */
export type ServiceContext = { db: Db; actor: Actor };

/** The Storefront API key a request came with (server/api/); no staff member is behind it. */
export type ApiKeyRef = { id: string; name: string };

/**
 * For services the Storefront API calls as well as staff: either a staff actor (limits and
 * approvals apply) or none, with the API key the change is attributed to in the ledger and audit log.
 */
export type CallerContext = { db: Db; actor: Actor | null; apiKey?: ApiKeyRef | null };
