import type { Db } from "@/server/db/client";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { findStaffByEmail } from "./staff.repo";
import { signInThrottle } from "./sign-in-throttle";

export type SignInAttempt = { email: string; password: string; ip: string; userAgent: string };

export type SignInResult =
  | { ok: true; staffId: string; sessionVersion: number }
  | { ok: false; retryAfterSeconds: number | null };

// Verifying against a real hash even for unknown emails keeps response times alike, so timing
// does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/**
 * Checks sign-in credentials under the attempt limits (5 per email, 30 per IP, per 15 minutes;
 * then 15 minutes locked, even for the right password). Every outcome is an audit row.
 */
export async function signInStaff(db: Db, attempt: SignInAttempt): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const throttle = signInThrottle(db);
  const retryAfterSeconds = await throttle.take(email, attempt.ip);
  const staff = await findStaffByEmail(db, email);
  const request = { ip: attempt.ip, userAgent: attempt.userAgent };
  const audit = (action: string, details: Record<string, unknown>) =>
    writeAudit(db, {
      actor: staff ? { id: staff.id, role: staff.role, request } : null,
      action,
      entityType: "staff",
      // Unknown emails are recorded too: they are what someone guessing looks like.
      entityId: staff?.id ?? email,
      request,
      details: { email, ...details },
    });

  if (retryAfterSeconds !== null) {
    await audit("auth.sign_in_locked", { retryAfterSeconds });
    return { ok: false, retryAfterSeconds };
  }
  if (!staff) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(attempt.password, await dummyHash);
    await audit("auth.sign_in_failed", { reason: "unknown_email" });
    return { ok: false, retryAfterSeconds: null };
  }
  const isValid = await verifyPassword(attempt.password, staff.passwordHash);
  if (!isValid || !staff.isActive) {
    await audit("auth.sign_in_failed", { reason: isValid ? "deactivated" : "wrong_password" });
    return { ok: false, retryAfterSeconds: null };
  }
  await throttle.succeeded(email, attempt.ip);
  await audit("auth.sign_in", {});
  return { ok: true, staffId: staff.id, sessionVersion: staff.sessionVersion };
}
