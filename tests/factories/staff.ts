import type { Db } from "@/server/db/client";
import type { StaffRole } from "@/prisma/generated/enums";
import { createStaff } from "@/server/modules/staff/staff.service";
import { uniqueEmail } from "@/tests/helpers/test-db";
import { createTRPCContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

export async function createStaffMember(db: Db, role: StaffRole) {
  return createStaff(db, { email: uniqueEmail(role.toLowerCase()), name: `Test ${role}`, role, password: "a-long-test-password" });
}

/** A tRPC caller as the staff member with this id would get it from a request with their session. */
export async function callerFor(db: Db, staffId: string | null) {
  return createCaller(await createTRPCContext({ db, staffId }));
}

export async function callerAs(db: Db, role: StaffRole) {
  const staff = await createStaffMember(db, role);
  return { staff, caller: await callerFor(db, staff.id) };
}
