import { z } from "zod";
import { isPermission } from "@/server/auth/permissions";
import { ZLineText, ZOptionalText, ZRoleKey } from "@/server/lib/zod-fields";

const ZPermissions = z
  .array(z.string())
  .max(100, "Choose fewer permissions")
  .refine((keys) => keys.every(isPermission), "Choose permissions from the list")
  .transform((keys) => [...new Set(keys)].sort());

const roleFields = {
  name: ZLineText(80, "name"),
  description: ZOptionalText(300, "description").transform((text) => text ?? ""),
  permissions: ZPermissions,
};

export const ZCreateRoleInput = z.object(roleFields);
export const ZUpdateRoleInput = z.object({ key: ZRoleKey, ...roleFields });
export const ZDeleteRoleInput = z.object({ key: ZRoleKey });

export type CreateRoleInput = z.infer<typeof ZCreateRoleInput>;
export type UpdateRoleInput = z.infer<typeof ZUpdateRoleInput>;
