import type { DbTx } from "@/server/db/client";

const publicStaffFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  isActive: true,
  createdAt: true,
} as const;

export const findStaffByEmail = (db: DbTx, email: string) =>
  db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });

export const findStaffById = (db: DbTx, id: string) =>
  db.staffUser.findUnique({
    where: { id },
    select: { ...publicStaffFields, sessionVersion: true, assignedRole: { select: { name: true, permissions: true } } },
  });

/** True when the version was still `from` and is now one higher. */
export const bumpSessionVersion = async (db: DbTx, id: string, from: number) =>
  (await db.staffUser.updateMany({ where: { id, sessionVersion: from }, data: { sessionVersion: { increment: 1 } } })).count === 1;

export const listStaff = async (db: DbTx) =>
  (
    await db.staffUser.findMany({
      select: { ...publicStaffFields, assignedRole: { select: { name: true } } },
      orderBy: [{ isActive: "desc" }, { name: "asc" }],
    })
  ).map(({ assignedRole, ...staff }) => ({ ...staff, roleName: assignedRole.name }));

/** Serialises every change that could leave no active admin, for the rest of the transaction. */
export const lockActiveAdmins = (db: DbTx) => db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('staff_user:active_admins'))`;

export const countActiveAdmins = (db: DbTx) => db.staffUser.count({ where: { role: "ADMIN", isActive: true } });

export const findStaffForChange = (db: DbTx, id: string) =>
  db.staffUser.findUnique({ where: { id }, select: { id: true, name: true, role: true, isActive: true } });

export const updateStaffAccess = (db: DbTx, id: string, data: { role?: string; isActive?: boolean }) =>
  db.staffUser.update({ where: { id }, data, select: { id: true, email: true, name: true, role: true, isActive: true } });

export const listRoleOptions = (db: DbTx) =>
  db.role.findMany({ select: { key: true, name: true, isBuiltIn: true }, orderBy: [{ isBuiltIn: "desc" }, { name: "asc" }] });
