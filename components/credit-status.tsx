import { Badge } from "@/components/ui/status-badge";
import type { CreditStatus } from "@/server/modules/credits/credits.schema";

const STATUS: Record<CreditStatus, { label: string; tone: "green" | "slate" | "amber" | "red" }> = {
  ACTIVE: { label: "Active", tone: "green" },
  DEPLETED: { label: "Used up", tone: "slate" },
  EXPIRED: { label: "Expired", tone: "amber" },
  VOIDED: { label: "Deleted", tone: "red" },
};

export const CreditStatusBadge = ({ status }: { status: CreditStatus }) => <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
