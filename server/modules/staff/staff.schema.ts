import { z } from "zod";
import { ZLineText } from "@/server/lib/zod-fields";

export const staffRoles = ["ADMIN", "SUPPORT_AGENT", "VIEWER"] as const;

export const ZCreateStaffInput = z.object({
  email: z.email("Enter a valid email address").describe("Sign-in email, stored lower-case"),
  name: ZLineText(120, "name"),
  role: z.enum(staffRoles, "Choose a role"),
  password: z.string().min(12, "Use at least 12 characters").max(200),
});
export type CreateStaffInput = z.infer<typeof ZCreateStaffInput>;
