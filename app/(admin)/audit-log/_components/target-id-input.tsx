"use client";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Props = { value: string; isMissing: boolean; onCommit: (value: string) => void };

/** The target id filter: typed freely, applied on Enter or when the field is left (not per keystroke). */
export function TargetIdInput({ value, isMissing, onCommit }: Props) {
  const [draft, setDraft] = useState<{ for: string; text: string }>({ for: value, text: value });
  // The URL changed underneath (Clear filters, a target link): show its value.
  const text = draft.for === value ? draft.text : value;
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <div className="w-64">
      <Field label="Target id" error={isMissing ? "Enter the target's id" : undefined} hint="Press Enter to apply">
        <Input
          value={text}
          maxLength={200}
          onChange={(e) => setDraft({ for: value, text: e.target.value })}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
          }}
        />
      </Field>
    </div>
  );
}
