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

/** Serialises every change that could leave no active admin, for the rest of the transaction. */
export const lockActiveAdmins = (db: DbTx) => db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('staff_user:active_admins'))`;

export const countActiveAdmins = (db: DbTx) => db.staffUser.count({ where: { role: "ADMIN", isActive: true } });

export const findStaffForChange = (db: DbTx, id: string) =>
  db.staffUser.findUnique({ where: { id }, select: { id: true, name: true, role: true, isActive: true } });

export const updateStaffAccess = (db: DbTx, id: string, data: { role?: string; isActive?: boolean }) =>
  db.staffUser.update({ where: { id }, data, select: { id: true, email: true, name: true, role: true, isActive: true } });

export const listRoleOptions = (db: DbTx) =>
  db.role.findMany({ select: { key: true, name: true, isBuiltIn: true }, orderBy: [{ isBuiltIn: "desc" }, { name: "asc" }] });

export type StaffListFilters = { search?: string | undefined; role?: string | undefined; status?: "active" | "inactive" | undefined };

/** Prisma's `contains` is a LIKE that keeps `%` and `_` live; escaped, "a_b" finds only "a_b". */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const listStaff = async (db: DbTx, filters: StaffListFilters = {}) => {
  const search = filters.search ? { contains: escapeLike(filters.search), mode: "insensitive" as const } : null;
  return (
    await db.staffUser.findMany({
      where: {
        ...(search ? { OR: [{ name: search }, { email: search }] } : {}),
        ...(filters.role ? { role: filters.role } : {}),
        ...(filters.status ? { isActive: filters.status === "active" } : {}),
      },
      select: { ...publicStaffFields, assignedRole: { select: { name: true } } },
      orderBy: [{ isActive: "desc" }, { name: "asc" }, { id: "asc" }],
    })
  ).map(({ assignedRole, ...staff }) => ({ ...staff, roleName: assignedRole.name }));
};
