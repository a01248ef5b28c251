import type { Db } from "@/server/db/client";
import type { Permission } from "@/server/auth/permissions";
import type { StaffRole } from "@/prisma/generated/enums";

/** The staff member a service acts for; loaded from the database on every request. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  permissions: Permission[];
};

/** What every service function takes first: where to read and write, and on whose behalf. */
export type ServiceContext = { db: Db; actor: Actor };
