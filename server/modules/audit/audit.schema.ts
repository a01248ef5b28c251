// Inputs and views of the audit log procedures. Client-safe.
import { z } from "zod";
import { ZCursor } from "@/server/lib/zod-fields";

/** The areas an action belongs to (its prefix before the first dot), for the Area filter. */
export const AUDIT_AREAS = ["auth", "credit", "refund", "settings", "staff"] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  auth: "Sign-in and sign-out",
  credit: "Store credit",
  refund: "Refunds",
  settings: "Settings",
  staff: "Staff",
};

export const ZAuditListInput = z
  .object({
    area: z.enum(AUDIT_AREAS, "Choose an area from the list").optional(),
    actorId: z.uuid("Choose a staff member").optional(),
    customerId: z.uuid("Choose a customer").optional(),
    from: z.date().optional().describe("First instant to include"),
    to: z.date().optional().describe("Last instant to include"),
    cursor: ZCursor,
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { path: ["to"], message: "Choose a To date on or after the From date" });
export type AuditListInput = z.output<typeof ZAuditListInput>;

export const ZAuditEntryInput = z.object({ entryId: z.uuid("This audit entry does not exist") });

/** One row of the log as the list shows it. */
export type AuditEntryView = {
  id: string;
  createdAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  actor: { id: string; name: string; email: string } | null;
  actorRole: string | null;
  customer: { id: string; name: string } | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** One entry with what changed, for its detail page. */
export type AuditEntryDetail = AuditEntryView & {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
};
