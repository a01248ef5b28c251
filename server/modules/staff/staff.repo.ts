import type { DbTx } from "@/server/db/client";

const publicStaffFields = { id: true, email: true, name: true, role: true, isActive: true, createdAt: true } as const;

export const findStaffByEmail = (db: DbTx, email: string) =>
  db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });

export const findStaffById = (db: DbTx, id: string) =>
  db.staffUser.findUnique({ where: { id }, select: publicStaffFields });

export const listStaff = (db: DbTx) =>
  db.staffUser.findMany({ select: publicStaffFields, orderBy: [{ isActive: "desc" }, { name: "asc" }] });
