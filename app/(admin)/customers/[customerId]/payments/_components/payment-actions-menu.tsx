"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useCan } from "@/components/providers/actor-context";
import { copyText } from "@/components/copy-text";
import { ActionsMenu } from "@/components/ui/actions-menu";
import { menuItemClass } from "@/components/ui/menu";
import type { PaymentItem } from "./payment-item";

/** A payment's three-dot menu; "Create refund" only for roles that may refund, and only while something is left. */
export function PaymentActionsMenu({ payment, onCreateRefund }: { payment: PaymentItem; onCreateRefund: (payment: PaymentItem) => void }) {
  const canRefund = useCan("refunds:create");
  const canReadRefunds = useCan("refunds:read");
  const isRefundable = payment.refundableMinor > 0n;
  return (
    <ActionsMenu variant="ghost" aria-label={`More actions for ${payment.reference}`}>
      {canRefund ? (
        <>
          <DropdownMenu.Item className={menuItemClass} disabled={!isRefundable} onSelect={() => onCreateRefund(payment)}>
            Create refund
          </DropdownMenu.Item>
          {isRefundable ? null : (
            <p className="px-2 pb-1 text-xs text-slate-500">
              {payment.pendingRefundMinor > 0n ? "The rest is already being refunded" : "Fully refunded"}
            </p>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
        </>
      ) : null}
      {canReadRefunds ? (
        <DropdownMenu.Item className={menuItemClass} asChild>
          <Link href={`/refunds?payment=${payment.id}`}>View refunds</Link>
        </DropdownMenu.Item>
      ) : null}
      <DropdownMenu.Item className={menuItemClass} onSelect={() => void copyText(payment.reference, "Payment reference")}>
        Copy payment reference
      </DropdownMenu.Item>
    </ActionsMenu>
  );
}
