// The staff read every signed-in request makes (getActiveActor): one statement on the pg pool
// (runSql), not through Prisma's query engine, since it runs before every procedure.
import { Prisma } from "@/prisma/generated/client";
import { columnList } from "@/server/lib/sql-columns";

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

const SESSION_STAFF_COLUMNS = columnList<SessionStaffRow>(
  { s: "staff_user", r: "role" },
  {
    id: "s.id",
    email: "s.email",
    name: "s.name",
    role: "s.role",
    isActive: "s.is_active",
    sessionVersion: "s.session_version",
    roleName: "r.name",
    permissions: "r.permissions",
  },
);

/** The staff member with their role's name and permissions as they are now. */
export const sessionStaffSql = (staffId: string) => Prisma.sql`
  SELECT ${SESSION_STAFF_COLUMNS} FROM staff_user s JOIN role r ON r.key = s.role WHERE s.id = ${staffId}::uuid`;
