"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useCan } from "@/components/providers/actor-context";
import { copyText } from "@/components/copy-text";
import { ActionsMenu } from "@/components/ui/actions-menu";
import { menuItemClass } from "@/components/ui/menu";
import { useProfileActions } from "./profile-actions";

/** The profile's three-dot menu; items appear only when the signed-in role may use them. */
export function MoreActionsMenu({ customer }: { customer: { id: string; email: string } }) {
  const canIssue = useCan("credits:issue");
  const { openAddCredit } = useProfileActions();
  return (
    <ActionsMenu>
      {canIssue ? (
        <>
          <DropdownMenu.Item className={menuItemClass} onSelect={openAddCredit}>
            Add store credit
          </DropdownMenu.Item>
          <DropdownMenu.Item className={menuItemClass} asChild>
            <Link href={`/credits/send?customerId=${customer.id}`}>Send credits</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
        </>
      ) : null}
      <DropdownMenu.Item className={menuItemClass} onSelect={() => void copyText(customer.email, "Email")}>
        Copy email
      </DropdownMenu.Item>
      <DropdownMenu.Item className={menuItemClass} onSelect={() => void copyText(customer.id, "Customer id")}>
        Copy customer id
      </DropdownMenu.Item>
    </ActionsMenu>
  );
}
