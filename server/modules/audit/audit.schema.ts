// Inputs and views of the audit log procedures. Client-safe.
import { z } from "zod";
import { ZCursor, isStorableLine, printableMessage } from "@/server/lib/zod-fields";

/** The areas an action belongs to (its prefix before the first dot), for the Area filter. */
export const AUDIT_AREAS = ["approval", "auth", "credit", "limit", "refund", "role", "settings", "staff"] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  approval: "Approvals",
  auth: "Sign-in and sign-out",
  credit: "Store credit",
  limit: "Money limits",
  refund: "Refunds",
  role: "Roles",
  settings: "Settings",
  staff: "Staff",
};

/** An action key as the log stores it: "credit.issue", "settings.category.rename". */
export const AUDIT_ACTION_PATTERN = /^[a-z_]+(\.[a-z_]+)+$/;
/** A target's type as the log stores it: "store_credit", "customer", "role". */
export const AUDIT_TARGET_TYPE_PATTERN = /^[a-z_]+$/;

const TARGET_BOTH = "Choose both the target type and the target id";

/** The filters of the list, shared by the page and the CSV export. A target is a type and an id together. */
const auditFilters = {
  area: z.enum(AUDIT_AREAS, "Choose an area from the list").optional(),
  action: z.string().max(100).regex(AUDIT_ACTION_PATTERN, "Choose an action from the list").optional().describe('Exact action key, e.g. "credit.issue"'),
  actorId: z.uuid("Choose a staff member").optional(),
  customerId: z.uuid("Choose a customer").optional(),
  targetType: z.string().max(60).regex(AUDIT_TARGET_TYPE_PATTERN, "Choose a target type from the list").optional(),
  targetId: z.string().trim().min(1, "Enter the target's id").max(200, "Enter the target's id").refine(isStorableLine, printableMessage("target id")).optional(),
  from: z.date().optional().describe("First instant to include"),
  to: z.date().optional().describe("Last instant to include"),
};

type FilterShape = { from?: Date; to?: Date; targetType?: string; targetId?: string };
const checkFilters = (input: FilterShape, ctx: z.RefinementCtx) => {
  if (input.from && input.to && input.from > input.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a To date on or after the From date" });
  if (input.targetType && !input.targetId) ctx.addIssue({ code: "custom", path: ["targetId"], message: TARGET_BOTH });
  if (input.targetId && !input.targetType) ctx.addIssue({ code: "custom", path: ["targetType"], message: TARGET_BOTH });
};

export const ZAuditCsvInput = z.object(auditFilters).superRefine(checkFilters);
export type AuditCsvInput = z.output<typeof ZAuditCsvInput>;
export type AuditFilterInput = AuditCsvInput;

export const ZAuditListInput = z
  .object({ ...auditFilters, cursor: ZCursor, limit: z.number().int().min(1).max(100).default(50) })
  .superRefine(checkFilters);
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
  /** The Storefront API key behind the change, when no staff member is. */
  apiKey: { id: string; name: string } | null;
  actorRole: string | null;
  customer: { id: string; name: string } | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** Who an entry names: the staff member, else the API key, else the system. */
export const auditActorLabel = (entry: Pick<AuditEntryView, "actor" | "apiKey">) =>
  entry.actor ? entry.actor.name : entry.apiKey ? `API key “${entry.apiKey.name}”` : "System";

/** One entry with what changed, for its detail page. */
export type AuditEntryDetail = AuditEntryView & {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
};
