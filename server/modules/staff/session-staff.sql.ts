// The staff read every signed-in request makes (getActiveActor): one statement on the pg pool
// (runSql), not through Prisma's query engine, since it runs before every procedure.
import { Prisma } from "@/prisma/generated/client";

export type SessionStaffRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  isActive: boolean;
  sessionVersion: number;
  roleName: string;
  permissions: string[];
};

/** The staff member with their role's name and permissions as they are now. */
export const sessionStaffSql = (staffId: string) => Prisma.sql`
  SELECT s.id, s.email, s.name, s.role, s.is_active AS "isActive", s.session_version AS "sessionVersion",
         r.name AS "roleName", r.permissions
  FROM staff_user s JOIN role r ON r.key = s.role
  WHERE s.id = ${staffId}::uuid`;
