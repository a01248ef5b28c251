"use client";
import type { ComponentProps, ReactNode } from "react";
import { MoreHorizontal } from "lucide-react";
import { DropdownMenu } from "radix-ui";
import { Button } from "./button";
import { menuContentClass } from "./menu";

/**
 * A "More actions" menu: the three-dot button (accessible name "More actions" unless given one)
 * and its items (DropdownMenu.Item with menuItemClass), aligned to the button's end.
 */
export function ActionsMenu({ children, ...trigger }: { children: ReactNode } & ComponentProps<typeof Button>) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="secondary" size="icon" aria-label="More actions" {...trigger}>
          <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className={menuContentClass}>
          {children}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
