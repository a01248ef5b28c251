import { z } from "zod";
import { ZLineText } from "@/server/lib/zod-fields";

export const ZCreateStaffInput = z.object({
  email: z.email("Enter a valid email address").describe("Sign-in email, stored lower-case"),
  name: ZLineText(120, "name"),
  /** A role's key; the service checks that it exists. */
  role: z.string("Choose a role").trim().min(1, "Choose a role").max(64, "Choose a role"),
  password: z.string().min(12, "Use at least 12 characters").max(200),
});
export type CreateStaffInput = z.infer<typeof ZCreateStaffInput>;

export const ZChangeStaffRoleInput = z.object({
  staffId: z.uuid("Choose a staff member"),
  role: z.string("Choose a role").trim().min(1, "Choose a role").max(64, "Choose a role"),
});
export type ChangeStaffRoleInput = z.infer<typeof ZChangeStaffRoleInput>;

export const ZStaffIdInput = z.object({ staffId: z.uuid("Choose a staff member") });
export type StaffIdInput = z.infer<typeof ZStaffIdInput>;
