import { z } from "zod";
import { isStorableLine, printableMessage, ZLineText, ZRoleKey } from "@/server/lib/zod-fields";

/** The one password rule, for `npm run staff:create` and the set-password page alike. */
export const PASSWORD_MIN_LENGTH = 12;
export const ZNewPassword = z
  .string("Enter a password")
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "Use at most 200 characters")
  .describe("A new password; hashed with scrypt, never stored or logged in clear");

const ZEmail = z.email("Enter a valid email address").max(254, "Enter a valid email address").describe("Sign-in email, stored lower-case");

/** A staff member with a password given up front (`npm run staff:create`, seeds, test factories). */
export const ZCreateStaffInput = z.object({
  email: ZEmail,
  name: ZLineText(120, "name"),
  role: ZRoleKey,
  password: ZNewPassword,
});
export type CreateStaffInput = z.infer<typeof ZCreateStaffInput>;

/** `staff.create`: the member sets their own password through a one-time link. */
export const ZAddStaffInput = z.object({
  name: ZLineText(120, "name"),
  email: ZEmail,
  roleKey: ZRoleKey,
});
export type AddStaffInput = z.infer<typeof ZAddStaffInput>;

export const STAFF_STATUSES = ["active", "inactive"] as const;
export const STAFF_STATUS_LABELS: Record<(typeof STAFF_STATUSES)[number], string> = { active: "Active", inactive: "Deactivated" };

export const ZStaffListInput = z
  .object({
    search: z
      .string()
      .trim()
      .max(200, "Keep the search under 200 characters")
      .refine(isStorableLine, printableMessage("search"))
      .optional()
      .describe("Part of a name or email"),
    role: ZRoleKey.optional().describe("A role's key"),
    status: z.enum(STAFF_STATUSES, "Choose active or deactivated").optional(),
  })
  .optional();
export type StaffListInput = z.infer<typeof ZStaffListInput>;

/** A token as it appears in a set-password link: 32 random bytes, base64url (43 characters). */
const ZPasswordToken = z.string("This link is not valid").max(200, "This link is not valid").describe("The token from a set-password link");

export const ZPasswordLinkInput = z.object({ token: ZPasswordToken });

export const ZSetPasswordInput = z
  .object({ token: ZPasswordToken, password: ZNewPassword, confirm: z.string("Repeat the password").max(200) })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match", path: ["confirm"] });
export type SetPasswordInput = z.infer<typeof ZSetPasswordInput>;

export const ZChangeStaffRoleInput = z.object({
  staffId: z.uuid("Choose a staff member"),
  role: ZRoleKey,
});
export type ChangeStaffRoleInput = z.infer<typeof ZChangeStaffRoleInput>;

export const ZStaffIdInput = z.object({ staffId: z.uuid("Choose a staff member") });
export type StaffIdInput = z.infer<typeof ZStaffIdInput>;
