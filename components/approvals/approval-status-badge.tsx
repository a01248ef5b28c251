import { Badge } from "@/components/ui/status-badge";
import { APPROVAL_STATUS_LABELS, type ApprovalStatus } from "@/server/modules/approvals/approvals.schema";

const TONES = { PENDING: "amber", APPROVED: "green", REJECTED: "red", EXPIRED: "slate" } as const satisfies Record<ApprovalStatus, string>;

export const ApprovalStatusBadge = ({ status }: { status: ApprovalStatus }) => <Badge tone={TONES[status]}>{APPROVAL_STATUS_LABELS[status]}</Badge>;
