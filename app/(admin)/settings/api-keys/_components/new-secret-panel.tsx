"use client";
import { Copy } from "lucide-react";
import { copyText } from "@/components/copy-text";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** A new key's secret, the one time it exists in clear: closing this loses it (revoke and make another). */
export function NewSecretPanel({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-3">
      <Field label="Secret key" hint="Send it as “Authorization: Bearer <key>”. Store it in the shop’s secrets, never in code.">
        <Input readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
      </Field>
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={() => void copyText(secret, "API key")}>
          <Copy aria-hidden="true" className="h-4 w-4" />
          Copy key
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
