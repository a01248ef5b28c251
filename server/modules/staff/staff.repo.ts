import type { DbTx } from "@/server/db/client";

const publicStaffFields = { id: true, email: true, name: true, role: true, isActive: true, createdAt: true } as const;

export const findStaffByEmail = (db: DbTx, email: string) =>
  db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });

export const findStaffById = (db: DbTx, id: string) =>
  db.staffUser.findUnique({ where: { id }, select: { ...publicStaffFields, sessionVersion: true } });

/** True when the version was still `from` and is now one higher. */
export const bumpSessionVersion = async (db: DbTx, id: string, from: number) =>
  (await db.staffUser.updateMany({ where: { id, sessionVersion: from }, data: { sessionVersion: { increment: 1 } } })).count === 1;

export const listStaff = (db: DbTx) =>
  db.staffUser.findMany({ select: publicStaffFields, orderBy: [{ isActive: "desc" }, { name: "asc" }] });
