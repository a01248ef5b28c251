"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { toast } from "sonner";
import { useCan } from "@/components/providers/actor-context";
import { MoreActionsButton } from "@/components/ui/more-actions-button";
import { menuContentClass, menuItemClass } from "@/components/ui/menu";
import { useProfileActions } from "./profile-actions";

async function copy(text: string, what: string) {
  await navigator.clipboard.writeText(text);
  toast.success(`${what} copied`);
}

/** The profile's three-dot menu; items appear only when the signed-in role may use them. */
export function MoreActionsMenu({ customer }: { customer: { id: string; email: string } }) {
  const canIssue = useCan("credits:issue");
  const { openAddCredit } = useProfileActions();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <MoreActionsButton />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className={menuContentClass}>
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
          <DropdownMenu.Item className={menuItemClass} onSelect={() => void copy(customer.email, "Email")}>
            Copy email
          </DropdownMenu.Item>
          <DropdownMenu.Item className={menuItemClass} onSelect={() => void copy(customer.id, "Customer id")}>
            Copy customer id
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
