"use client";
import type { ReactNode } from "react";
import { Dialog as RadixDialog } from "radix-ui";
import { X } from "lucide-react";
import { Button } from "./button";

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  side?: "center" | "right";
};

/** A modal dialog, or a right-hand drawer with `side="right"`; titled for assistive tech. */
export function Dialog({ open, onOpenChange, title, description, children, side = "center" }: DialogProps) {
  const position =
    side === "right"
      ? "inset-y-0 right-0 h-full w-full max-w-md rounded-none border-l"
      : // On a phone: a small margin all round and the height of the visible screen, scrolling inside.
        "top-3 left-1/2 max-h-[calc(100dvh-1.5rem)] w-[calc(100%-1.5rem)] max-w-lg -translate-x-1/2 rounded-lg border sm:top-[12vh] sm:max-h-[88vh] sm:w-full";
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <RadixDialog.Content
          className={`fixed z-50 overflow-y-auto overscroll-contain border-slate-200 bg-white p-4 shadow-lg sm:p-5 focus:outline-none ${position}`}
        >
          <div className="mb-4 flex items-start justify-between gap-3">
            <div>
              <RadixDialog.Title className="text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-0.5 text-sm text-slate-500">{description}</RadixDialog.Description>
              ) : (
                <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close asChild>
              <Button variant="ghost" size="icon" aria-label={side === "right" ? "Close drawer" : "Close"}>
                <X aria-hidden="true" className="h-4 w-4" />
              </Button>
            </RadixDialog.Close>
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
