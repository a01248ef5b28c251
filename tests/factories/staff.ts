import type { Db } from "@/server/db/client";
import type { StaffSession } from "@/server/auth/session-lifetime";
import { createStaff } from "@/server/modules/staff/staff.service";
import { uniqueEmail } from "@/tests/helpers/test-db";
import { createTRPCContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { recordingCaller } from "@/tests/audit-coverage/record-mutation-calls";

export async function createStaffMember(db: Db, role: string) {
  return createStaff(db, { email: uniqueEmail(role.toLowerCase()), name: `Test ${role}`, role, password: "a-long-test-password" });
}

/** The session a sign-in would give this staff member now (version 0 for an unknown id). */
export async function sessionFor(db: Db, staffId: string, signedInAt = Date.now() / 1000): Promise<StaffSession> {
  const staff = await db.staffUser.findUnique({ where: { id: staffId }, select: { sessionVersion: true } });
  return { staffId, sessionVersion: staff?.sessionVersion ?? 0, signedInAt };
}

/** A tRPC caller as the staff member with this id would get it from a request with a fresh session. */
export async function callerFor(db: Db, staffId: string | null) {
  return callerWithSession(db, staffId ? await sessionFor(db, staffId) : null);
}

/** Successful mutations are recorded for the after-suite audit coverage check. */
export async function callerWithSession(db: Db, session: StaffSession | null) {
  return recordingCaller(createCaller(await createTRPCContext({ db, session })), session?.staffId ?? null);
}

export async function callerAs(db: Db, role: string) {
  const staff = await createStaffMember(db, role);
  return { staff, caller: await callerFor(db, staff.id) };
}
