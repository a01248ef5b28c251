import { Badge } from "@/components/ui/status-badge";
import type { PaymentStatus } from "@/server/modules/payments/payments.schema";

const STATUS = {
  PAID: { label: "Paid", tone: "green" },
  PARTIALLY_REFUNDED: { label: "Partially refunded", tone: "amber" },
  REFUNDED: { label: "Refunded", tone: "slate" },
} as const satisfies Record<PaymentStatus, { label: string; tone: string }>;

/** The payment's status, and a second badge while a refund of it waits for the gateway. */
export function PaymentStatusBadges({ status, hasPendingRefund }: { status: PaymentStatus; hasPendingRefund: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
      {hasPendingRefund ? <Badge tone="blue">Refund pending</Badge> : null}
    </span>
  );
}
