import type { Db } from "@/server/db/client";
import { AppError } from "@/server/lib/app-error";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { permissionsOf } from "@/server/auth/permissions";
import type { Actor } from "@/server/lib/service-context";
import { findStaffByEmail, findStaffById, listStaff } from "./staff.repo";
import type { CreateStaffInput } from "./staff.schema";

// Verifying against a real hash even for unknown emails keeps response times alike, so timing
// does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/** Checks sign-in credentials; returns the staff id or null. Deactivated staff cannot sign in. */
export async function authenticateStaff(db: Db, email: string, password: string): Promise<string | null> {
  const staff = await findStaffByEmail(db, email);
  if (!staff) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  const isValid = await verifyPassword(password, staff.passwordHash);
  return isValid && staff.isActive ? staff.id : null;
}

/** The signed-in actor, read fresh on every request so role changes and deactivation apply at once. */
export async function getActiveActor(db: Db, staffId: string): Promise<Actor | null> {
  const staff = await findStaffById(db, staffId);
  if (!staff?.isActive) return null;
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, permissions: permissionsOf(staff.role) };
}

export async function createStaff(db: Db, input: CreateStaffInput) {
  const email = input.email.trim().toLowerCase();
  if (await findStaffByEmail(db, email)) {
    throw new AppError("CONFLICT", "A staff member with this email already exists", "email");
  }
  const created = await db.staffUser.create({
    data: { email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
  });
  return { id: created.id, email: created.email, name: created.name, role: created.role };
}

export const getStaffList = (db: Db) => listStaff(db);
