"use client";
import { Copy } from "lucide-react";
import { copyText } from "@/components/copy-text";
import { useDates } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type OneTimeLink = { name: string; setPasswordUrl: string; expiresAt: Date };

/**
 * Shows a set-password link the one time it exists in clear: the server keeps only its hash,
 * so closing this dialog loses it (a reset makes a new one).
 */
export function OneTimeLinkDialog({ link, onClose }: { link: OneTimeLink | null; onClose: () => void }) {
  const { formatDateTime } = useDates();
  return (
    <Dialog
      open={link !== null}
      onOpenChange={(open) => (open ? null : onClose())}
      title="Set-password link"
      description={link ? `Give this link to ${link.name}. It is shown only this once.` : undefined}
    >
      {link ? (
        <div className="space-y-3">
          <Field label="One-time link" hint={`Valid 24 hours (until ${formatDateTime(link.expiresAt)}) and for one use.`}>
            <Input readOnly value={link.setPasswordUrl} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
          </Field>
          <div className="flex justify-end gap-2 pt-1">
            <Button variant="secondary" onClick={() => void copyText(link.setPasswordUrl, "Link")}>
              <Copy aria-hidden="true" className="h-4 w-4" />
              Copy link
            </Button>
            <Button onClick={onClose}>Done</Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
