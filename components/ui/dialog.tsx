"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { Dialog as RadixDialog } from "radix-ui";
import { X } from "lucide-react";
import { firstFocusTarget, returnTargetFor, trackFocusOutsideMenus } from "@/components/focus/focus-target";
import { Button } from "./button";

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  side?: "center" | "right";
  /** Where focus goes on close instead of the element that opened the dialog (a changed row). */
  returnFocusTo?: () => HTMLElement | null | undefined;
};

/**
 * A modal dialog, or a right-hand drawer with `side="right"`; titled for assistive tech. It opens
 * on its first field (once a loading form shows one), not on Close, and on close gives focus back
 * to what opened it, as Radix does only for its own Trigger.
 */
export function Dialog({ open, onOpenChange, title, description, children, side = "center", returnFocusTo }: DialogProps) {
  const body = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useFirstFieldOnceLoaded(open, body, content);
  useEffect(trackFocusOutsideMenus, []);
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
          ref={content}
          className={`fixed z-50 overflow-y-auto overscroll-contain border-slate-200 bg-white p-4 shadow-lg sm:p-5 focus:outline-none ${position}`}
          onOpenAutoFocus={(event) => {
            opener.current = returnTargetFor(document.activeElement);
            event.preventDefault();
            const first = body.current ? firstFocusTarget(body.current) : null;
            // Still loading: the dialog itself holds focus until useFirstFieldOnceLoaded finds a field.
            (first ?? content.current)?.focus();
          }}
          onCloseAutoFocus={(event) => {
            const target = returnFocusTo?.() ?? opener.current;
            if (!target?.isConnected) return;
            event.preventDefault();
            target.focus();
          }}
        >
          <div className="mb-4 flex items-start justify-between gap-3">
            <div>
              <RadixDialog.Title className="text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-0.5 text-sm text-slate-600">{description}</RadixDialog.Description>
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
          <div ref={body}>{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** A dialog that opened on a loading form (focus on the dialog itself) moves to the first field once it shows. */
function useFirstFieldOnceLoaded(open: boolean, body: React.RefObject<HTMLDivElement | null>, content: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    if (!open) return;
    const observer = new MutationObserver(() => {
      if (!content.current || !body.current) return;
      const active = document.activeElement;
      if (active !== content.current) {
        // Focus already sits on a control inside (the first field, or the person's choice).
        if (content.current.contains(active)) observer.disconnect();
        return;
      }
      const target = firstFocusTarget(body.current);
      if (target) {
        target.focus();
        observer.disconnect();
      }
    });
    // The portal mounts after this effect; watch the document until the dialog's body exists.
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [open, body, content]);
}
