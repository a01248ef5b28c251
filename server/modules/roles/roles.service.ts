import "server-only";
import { randomUUID } from "node:crypto";
import { PERMISSIONS } from "@/server/auth/permissions";
import { AppError } from "@/server/lib/app-error";
import type { ServiceContext } from "@/server/lib/service-context";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import {
  countRoleMembers,
  deleteRole,
  findRoleByName,
  insertRole,
  listRoles,
  lockRole,
  lockRoleNames,
  updateRole,
  type RoleRow,
} from "./roles.repo";
import type { CreateRoleInput, UpdateRoleInput } from "./roles.schema";

const snapshot = ({ name, description, permissions }: Pick<RoleRow, "name" | "description" | "permissions">) => ({ name, description, permissions });

const duplicateName = () => new AppError("CONFLICT", "A role with this name already exists", "name");

const inUse = (count: number) =>
  new AppError(
    "CONFLICT",
    `${count} staff ${count === 1 ? "member has" : "members have"} this role; give them another role first`,
  );

export const getRoles = ({ db }: ServiceContext) => listRoles(db);

/** Every permission a role can hold, with what it lets a staff member do. */
export const getPermissionOptions = () => Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description }));

async function lockCustomRole(tx: Parameters<typeof lockRole>[0], key: string, verb: string) {
  const role = await lockRole(tx, key);
  if (!role) throw new AppError("NOT_FOUND", "No role with this key");
  if (role.isBuiltIn) throw new AppError("FORBIDDEN", `Built-in roles cannot be ${verb}; create a custom role instead`);
  return role;
}

export async function createRole({ db, actor }: ServiceContext, input: CreateRoleInput) {
  return db.$transaction(async (tx) => {
    await lockRoleNames(tx);
    if (await findRoleByName(tx, input.name, null)) throw duplicateName();
    const role = { key: randomUUID(), ...input };
    await insertRole(tx, role);
    await writeAudit(tx, { actor, action: "role.create", entityType: "role", entityId: role.key, after: snapshot(role) });
    return { ...role, isBuiltIn: false };
  });
}

export async function changeRole({ db, actor }: ServiceContext, input: UpdateRoleInput) {
  return db.$transaction(async (tx) => {
    await lockRoleNames(tx);
    const before = await lockCustomRole(tx, input.key, "changed");
    if (await findRoleByName(tx, input.name, input.key)) throw duplicateName();
    await updateRole(tx, input);
    await writeAudit(tx, { actor, action: "role.update", entityType: "role", entityId: input.key, before: snapshot(before), after: snapshot(input) });
    return { ...input, isBuiltIn: false };
  });
}

export async function removeRole({ db, actor }: ServiceContext, input: { key: string }) {
  try {
    return await db.$transaction(async (tx) => {
      const before = await lockCustomRole(tx, input.key, "deleted");
      const members = await countRoleMembers(tx, input.key);
      if (members > 0) throw inUse(members);
      await deleteRole(tx, input.key);
      await writeAudit(tx, { actor, action: "role.delete", entityType: "role", entityId: input.key, before: snapshot(before) });
      return { key: input.key };
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse(await countRoleMembers(db, input.key));
    throw error;
  }
}

/** Someone assigned the role after the member count was read (the staff_user FK is RESTRICT). */
function isForeignKeyViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : "";
  return text.includes("23503") || text.includes("staff_user_role_fkey");
}
