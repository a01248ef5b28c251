import "server-only";
import { runSql, type Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { hashPassword } from "@/server/auth/password";
import { isPermission } from "@/server/auth/permissions";
import { isPastAbsoluteLimit, type StaffSession } from "@/server/auth/session-lifetime";
import type { Actor, RequestOrigin } from "@/server/lib/service-context";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { bumpSessionVersion, findStaffByEmail, findStaffById, listRoleOptions, listStaff, type StaffListFilters } from "./staff.repo";
import type { CreateStaffInput } from "./staff.schema";
import { sessionStaffSql, type SessionStaffRow } from "./session-staff.sql";

// The verbs behind this entry point: role and access changes, and password links.
export { changeStaffRole, deactivateStaff, reactivateStaff } from "./change-staff-access";
export { addStaffMember, getPasswordLink, resetStaffPassword, setPasswordWithLink } from "./password-links";

/**
 * The signed-in actor, read fresh on every request. Null when the staff member is deactivated,
 * signed out or changed since (a password, role or active change bumps the version), or the
 * session is past its absolute limit.
 */
export async function getActiveActor(
  db: Db,
  session: StaffSession,
  opts: { nowMs?: number; request?: RequestOrigin | null } = {},
): Promise<Actor | null> {
  if (isPastAbsoluteLimit(session, opts.nowMs ?? Date.now())) return null;
  // A malformed id in a (signed) token names nobody; the uuid cast would fail the statement.
  if (!UUID.test(session.staffId)) return null;
  const [staff] = await runSql<SessionStaffRow>(db, sessionStaffSql(session.staffId), { name: "session_staff" });
  if (!staff?.isActive || staff.sessionVersion !== session.sessionVersion) return null;
  return actorOf(staff, opts.request ?? null);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor for in-process work that has no session (scripts, benches, test factories). */
export async function getStaffActor(db: Db, staffId: string): Promise<Actor | null> {
  if (!UUID.test(staffId)) return null;
  const [staff] = await runSql<SessionStaffRow>(db, sessionStaffSql(staffId), { name: "session_staff" });
  return staff?.isActive ? actorOf(staff, null) : null;
}

/** Permissions come from the role's row as it is now: a change applies on the next request. */
const actorOf = (staff: SessionStaffRow, request: RequestOrigin | null): Actor => ({
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  roleName: staff.roleName,
  permissions: staff.permissions.filter(isPermission),
  request,
});

/**
 * Ends every session of the staff member (sign-out), unless `sessionVersion` is no longer
 * current: a copied, already-ended cookie cannot sign its owner out of newer sessions.
 */
export async function endStaffSessions(db: Db, session: Pick<StaffSession, "staffId" | "sessionVersion">): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = await bumpSessionVersion(tx, session.staffId, session.sessionVersion);
    if (ended) {
      const staff = await findStaffById(tx, session.staffId);
      await writeAudit(tx, { actor: { id: session.staffId, role: staff?.role ?? null, request: null }, action: "auth.sign_out", entityType: "staff", entityId: session.staffId });
    }
    return ended;
  });
}

export async function createStaff(db: Db, input: CreateStaffInput) {
  const email = input.email.trim().toLowerCase();
  if (await findStaffByEmail(db, email)) {
    throw new AppError("CONFLICT", "A staff member with this email already exists", "email");
  }
  if (!(await db.role.findUnique({ where: { key: input.role }, select: { key: true } }))) {
    throw new AppError("NOT_FOUND", "Choose one of the roles in the list", "role");
  }
  const created = await db.staffUser.create({
    data: { email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
  });
  return { id: created.id, email: created.email, name: created.name, role: created.role };
}

export const getStaffList = (db: Db, filters: StaffListFilters = {}) => listStaff(db, filters);
export const getRoleOptions = (db: Db) => listRoleOptions(db);
