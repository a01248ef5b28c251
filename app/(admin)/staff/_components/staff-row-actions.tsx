"use client";
import { useState } from "react";
import { DropdownMenu } from "radix-ui";
import { ActionsMenu } from "@/components/ui/actions-menu";
import { menuItemClass } from "@/components/ui/menu";
import { ChangeRoleDialog } from "./change-role-dialog";
import { AccessDialog, ResetPasswordDialog } from "./staff-access-dialogs";
import { OneTimeLinkDialog, type OneTimeLink } from "./one-time-link-dialog";

export type StaffRow = { id: string; name: string; email: string; role: string; roleName: string; isActive: boolean };

type Open = "role" | "reset" | "access" | null;

/** A staff member's menu: Change role, Reset password, Deactivate or Reactivate, each confirmed. */
export function StaffRowActions({ staff }: { staff: StaffRow }) {
  const [open, setOpen] = useState<Open>(null);
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const close = () => setOpen(null);
  return (
    <>
      <ActionsMenu variant="ghost" aria-label={`Actions for ${staff.name}`}>
        <DropdownMenu.Item className={menuItemClass} onSelect={() => setOpen("role")}>
          Change role
        </DropdownMenu.Item>
        <DropdownMenu.Item className={menuItemClass} disabled={!staff.isActive} onSelect={() => setOpen("reset")}>
          Reset password
        </DropdownMenu.Item>
        <DropdownMenu.Item className={menuItemClass} onSelect={() => setOpen("access")}>
          {staff.isActive ? "Deactivate" : "Reactivate"}
        </DropdownMenu.Item>
      </ActionsMenu>
      {open === "role" ? <ChangeRoleDialog staff={staff} onClose={close} /> : null}
      {open === "reset" ? (
        <ResetPasswordDialog
          staff={staff}
          onClose={close}
          onReset={(created) => {
            close();
            setLink(created);
          }}
        />
      ) : null}
      {open === "access" ? <AccessDialog staff={staff} onClose={close} /> : null}
      <OneTimeLinkDialog link={link} onClose={() => setLink(null)} />
    </>
  );
}
