import type { Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { hashPassword } from "@/server/auth/password";
import { permissionsOf } from "@/server/auth/permissions";
import { isPastAbsoluteLimit, type StaffSession } from "@/server/auth/session-lifetime";
import type { Actor } from "@/server/lib/service-context";
import type { StaffRole } from "@/prisma/generated/enums";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { bumpSessionVersion, findStaffByEmail, findStaffById, listStaff } from "./staff.repo";
import type { CreateStaffInput } from "./staff.schema";

/**
 * The signed-in actor, read fresh on every request. Null when the staff member is deactivated,
 * signed out or changed since (a password, role or active change bumps the version), or the
 * session is past its absolute limit.
 */
export async function getActiveActor(db: Db, session: StaffSession, nowMs = Date.now()): Promise<Actor | null> {
  if (isPastAbsoluteLimit(session, nowMs)) return null;
  const staff = await findStaffById(db, session.staffId);
  if (!staff?.isActive || staff.sessionVersion !== session.sessionVersion) return null;
  return actorOf(staff);
}

/** The actor for in-process work that has no session (scripts, benches, test factories). */
export async function getStaffActor(db: Db, staffId: string): Promise<Actor | null> {
  const staff = await findStaffById(db, staffId);
  return staff?.isActive ? actorOf(staff) : null;
}

const actorOf = (staff: { id: string; email: string; name: string; role: StaffRole }): Actor => ({
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  permissions: permissionsOf(staff.role),
});

/**
 * Ends every session of the staff member (sign-out), unless `sessionVersion` is no longer
 * current: a copied, already-ended cookie cannot sign its owner out of newer sessions.
 */
export async function endStaffSessions(db: Db, session: Pick<StaffSession, "staffId" | "sessionVersion">): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = await bumpSessionVersion(tx, session.staffId, session.sessionVersion);
    if (ended) {
      await writeAudit(tx, { actorId: session.staffId, action: "auth.sign_out", entityType: "staff", entityId: session.staffId, details: {} });
    }
    return ended;
  });
}

export async function createStaff(db: Db, input: CreateStaffInput) {
  const email = input.email.trim().toLowerCase();
  if (await findStaffByEmail(db, email)) {
    throw new AppError("CONFLICT", "A staff member with this email already exists", "email");
  }
  const created = await db.staffUser.create({
    data: { email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
  });
  return { id: created.id, email: created.email, name: created.name, role: created.role };
}

export const getStaffList = (db: Db) => listStaff(db);
