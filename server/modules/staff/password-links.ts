import { createHash, randomBytes } from "node:crypto";
import { Prisma } from "@/prisma/generated/client";
import type { Db, DbTx } from "@/server/db/client";
import { appOrigin } from "@/server/auth/app-url";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/lib/app-error";
import type { RequestOrigin, ServiceContext } from "@/server/lib/service-context";
import { writeAudit } from "@/server/modules/audit/audit.repo";
import { consumeLink, findUsableLink, insertLink, revokeUnusedLinks, setPasswordHash } from "./password-link.repo";
import { takePasswordLinkAttempt } from "./password-link-throttle";
import { findStaffByEmail, findStaffForChange } from "./staff.repo";
import type { AddStaffInput, SetPasswordInput, StaffIdInput } from "./staff.schema";

export const PASSWORD_LINK_VALID_HOURS = 24;

/** The one answer for a link that is unknown, used, revoked, expired or a deactivated member's. */
export const INVALID_LINK_MESSAGE = "This link is no longer valid. Ask an admin for a new one.";

export type PasswordLink = { setPasswordUrl: string; expiresAt: Date };

/** Only this hash is stored; the token exists in clear only in the link handed to the admin once. */
export const hashLinkToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A password nobody knows: a member without one yet cannot sign in, and sign-in still spends a hash's time. */
const unusablePasswordHash = () => hashPassword(randomBytes(32).toString("base64url"));

/** Makes the member's new link and revokes their older unused ones, in the caller's transaction. */
async function issueLink(tx: DbTx, staffId: string, createdById: string | null): Promise<PasswordLink> {
  const token = randomBytes(32).toString("base64url");
  await revokeUnusedLinks(tx, staffId);
  const { expiresAt } = await insertLink(tx, { staffId, tokenHash: hashLinkToken(token), createdById, validHours: PASSWORD_LINK_VALID_HOURS });
  return { setPasswordUrl: `${appOrigin()}/set-password/${token}`, expiresAt };
}

const duplicateEmail = () => new AppError("CONFLICT", "A staff member with this email already exists", "email");

/** `staff.create`: the member, their first set-password link and the audit row, in one transaction. */
export async function addStaffMember(ctx: ServiceContext, input: AddStaffInput): Promise<PasswordLink & { staffId: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await unusablePasswordHash();
  try {
    return await ctx.db.$transaction(async (tx) => {
      if (await findStaffByEmail(tx, email)) throw duplicateEmail();
      if (!(await tx.role.findUnique({ where: { key: input.roleKey }, select: { key: true } }))) {
        throw new AppError("NOT_FOUND", "Choose one of the roles in the list", "roleKey");
      }
      const staff = await tx.staffUser.create({ data: { email, name: input.name, role: input.roleKey, passwordHash }, select: { id: true } });
      const link = await issueLink(tx, staff.id, ctx.actor.id);
      await writeAudit(tx, {
        actor: ctx.actor,
        action: "staff.create",
        entityType: "staff",
        entityId: staff.id,
        before: null,
        after: { name: input.name, email, role: input.roleKey, isActive: true },
        details: { passwordLinkExpiresAt: link.expiresAt },
      });
      return { staffId: staff.id, ...link };
    });
  } catch (error) {
    // Two admins adding the same email at once: the unique index refuses the second.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicateEmail();
    throw error;
  }
}

/**
 * `staff.resetPassword`: the old password stops working and the member's sessions end (the
 * trigger bumps the session version with the hash); the new link is the way back in.
 */
export async function resetStaffPassword(ctx: ServiceContext, input: StaffIdInput): Promise<PasswordLink> {
  const passwordHash = await unusablePasswordHash();
  return ctx.db.$transaction(async (tx) => {
    const staff = await findStaffForChange(tx, input.staffId);
    if (!staff) throw new AppError("NOT_FOUND", "This staff member does not exist");
    if (!staff.isActive) throw new AppError("CONFLICT", "Reactivate this staff member before resetting their password");
    await setPasswordHash(tx, staff.id, passwordHash);
    const link = await issueLink(tx, staff.id, ctx.actor.id);
    await writeAudit(tx, {
      actor: ctx.actor,
      action: "staff.reset_password",
      entityType: "staff",
      entityId: staff.id,
      details: { passwordLinkExpiresAt: link.expiresAt },
    });
    return link;
  });
}

/** `staff.passwordLink`: whom a usable link is for (name and email only). */
export async function getPasswordLink(db: Db, token: string, request: RequestOrigin | null) {
  await takePasswordLinkAttempt(db, request?.ip ?? "unknown");
  const link = await findUsableLink(db, hashLinkToken(token));
  if (!link) throw new AppError("NOT_FOUND", INVALID_LINK_MESSAGE);
  return { name: link.name, email: link.email };
}

/**
 * `staff.setPassword`: uses the link up and sets the password in one transaction, so a link
 * works once even when two requests race (see consumeLink); earlier sessions end (trigger).
 */
export async function setPasswordWithLink(db: Db, input: SetPasswordInput, request: RequestOrigin | null) {
  await takePasswordLinkAttempt(db, request?.ip ?? "unknown");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const link = await consumeLink(tx, hashLinkToken(input.token));
    if (!link) throw new AppError("NOT_FOUND", INVALID_LINK_MESSAGE);
    const staff = await setPasswordHash(tx, link.staffId, passwordHash);
    await writeAudit(tx, {
      actor: { id: staff.id, role: staff.role, request },
      action: "staff.set_password",
      entityType: "staff",
      entityId: staff.id,
      details: { passwordLinkId: link.linkId },
    });
    return { email: staff.email };
  });
}
