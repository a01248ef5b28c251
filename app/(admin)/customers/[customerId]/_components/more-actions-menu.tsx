"use client";
import { DropdownMenu } from "radix-ui";
import { MoreHorizontal } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

export const menuItemClass =
  "flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100";

async function copy(text: string, what: string) {
  await navigator.clipboard.writeText(text);
  toast.success(`${what} copied`);
}

/** The profile's three-dot menu; items appear only when the signed-in role may use them. */
export function MoreActionsMenu({ customer }: { customer: { id: string; email: string } }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="secondary" size="icon" aria-label="More actions">
          <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-md">
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
