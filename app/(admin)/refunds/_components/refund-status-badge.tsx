import { Badge } from "@/components/ui/status-badge";
import type { RefundStatus } from "@/prisma/generated/enums";
import { REFUND_STATUS_LABELS } from "@/server/modules/refunds/refunds.schema";

const TONES = { PENDING: "blue", SUCCEEDED: "green", FAILED: "red" } as const satisfies Record<RefundStatus, string>;

export const RefundStatusBadge = ({ status }: { status: RefundStatus }) => <Badge tone={TONES[status]}>{REFUND_STATUS_LABELS[status]}</Badge>;
