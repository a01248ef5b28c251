import { Badge } from "@/components/ui/status-badge";
import { useDates } from "@/components/format";
import { MAX_ATTEMPTS } from "@/server/modules/notifications/delivery-policy";
import type { NotificationView } from "@/server/modules/notifications/notifications.service";

type Delivery = Pick<NotificationView, "status" | "attempts" | "lastError" | "sentAt" | "nextAttemptAt">;

/** The badge, and under it what staff need to answer "did the customer get it?". */
export function DeliveryStatus({ notification: n }: { notification: Delivery }) {
  const { formatDateTime } = useDates();
  if (n.status === "SENT") {
    return (
      <div className="space-y-0.5">
        <Badge tone="green">Sent</Badge>
        {n.sentAt ? (
          <p className="text-xs text-slate-500">
            {formatDateTime(n.sentAt)}
            {n.attempts > 1 ? `, on try ${n.attempts}` : ""}
          </p>
        ) : null}
      </div>
    );
  }
  if (n.status === "FAILED") {
    return (
      <div className="space-y-0.5">
        <Badge tone="red">Failed</Badge>
        <p className="text-xs text-slate-500">
          Gave up after {n.attempts} {n.attempts === 1 ? "try" : "tries"}
          {n.lastError ? `: ${n.lastError}` : ""}
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-0.5">
      <Badge tone="amber">Pending</Badge>
      {n.lastError ? (
        <p className="text-xs text-slate-500">
          Try {n.attempts} of {MAX_ATTEMPTS} failed: {n.lastError}. Next try {formatDateTime(n.nextAttemptAt)}.
        </p>
      ) : (
        <p className="text-xs text-slate-500">Waiting to be sent</p>
      )}
    </div>
  );
}
