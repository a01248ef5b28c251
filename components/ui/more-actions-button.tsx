"use client";
import type { ComponentProps } from "react";
import { MoreHorizontal } from "lucide-react";
import { Button } from "./button";

/** The three-dot trigger of a "More actions" menu; use inside a Radix menu trigger with asChild. */
export function MoreActionsButton(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="secondary" size="icon" aria-label="More actions" {...props}>
      <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
    </Button>
  );
}
