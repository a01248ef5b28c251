import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";

export type RoleRow = { key: string; name: string; description: string; isBuiltIn: boolean; permissions: string[] };
export type RoleListRow = RoleRow & { memberCount: number };

const ROLE_COLUMNS = Prisma.sql`r.key, r.name, r.description, r.is_built_in AS "isBuiltIn", COALESCE(r.permissions, '{}') AS permissions`;

/** Built-in roles first, then custom roles by name, each with how many staff members (active or not) hold it. */
export const listRoles = (db: DbTx) =>
  db.$queryRaw<RoleListRow[]>`
    SELECT ${ROLE_COLUMNS}, (SELECT count(*)::int FROM staff_user s WHERE s.role = r.key) AS "memberCount"
    FROM role r ORDER BY r.is_built_in DESC, lower(r.name)`;

/** The role row, locked until the transaction ends so an assignment cannot race its deletion. */
export const lockRole = async (db: DbTx, key: string) =>
  (await db.$queryRaw<RoleRow[]>`SELECT ${ROLE_COLUMNS} FROM role r WHERE r.key = ${key} FOR UPDATE`)[0] ?? null;

export const countRoleMembers = async (db: DbTx, key: string) =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM staff_user WHERE role = ${key}`)[0]?.n ?? 0;

/** Serialises role name changes, so two admins cannot both add "Refunds" and "refunds". */
export const lockRoleNames = (db: DbTx) => db.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext('roles.names'))`;

export const findRoleByName = async (db: DbTx, name: string, exceptKey: string | null) =>
  (await db.$queryRaw<{ key: string }[]>`
    SELECT key FROM role WHERE lower(name) = lower(${name}) ${exceptKey ? Prisma.sql`AND key <> ${exceptKey}` : Prisma.empty}`)[0] ?? null;

export const insertRole = (db: DbTx, role: Omit<RoleRow, "isBuiltIn">) =>
  db.$executeRaw`
    INSERT INTO role (key, name, description, is_built_in, permissions, updated_at)
    VALUES (${role.key}, ${role.name}, ${role.description}, false, ${role.permissions}::text[], now())`;

export const updateRole = (db: DbTx, role: Omit<RoleRow, "isBuiltIn">) =>
  db.$executeRaw`
    UPDATE role SET name = ${role.name}, description = ${role.description}, permissions = ${role.permissions}::text[], updated_at = now()
    WHERE key = ${role.key} AND NOT is_built_in`;

export const deleteRole = (db: DbTx, key: string) => db.$executeRaw`DELETE FROM role WHERE key = ${key} AND NOT is_built_in`;
