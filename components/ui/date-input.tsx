"use client";
import { useCallback, useState, type ComponentProps, type Ref } from "react";
import { useDates } from "@/components/providers/date-style-context";
import { Input } from "./input";

/**
 * A date field that also writes the chosen day in the store's date style ("15 Jan 2027") under it,
 * since the browser draws the field itself in the reader's own locale (01/15/2027 in en-US).
 * Works controlled (value) and with react-hook-form's register (it reads the field whenever its
 * ref is attached, which is how register fills in a default). Props and ref go to the <input>.
 */
export function DateInput({ ref, onChange, className, ...props }: Omit<ComponentProps<"input">, "type">) {
  const { formatDateInputValue } = useDates();
  const [typed, setTyped] = useState("");
  const attach = useCallback(
    (element: HTMLInputElement | null) => {
      const cleanup = assignRef(ref, element);
      // After register's ref has put the default in; React skips the render when nothing changed.
      if (element) setTyped(element.value);
      return cleanup;
    },
    [ref],
  );
  const shown = formatDateInputValue(typeof props.value === "string" ? props.value : typed);
  return (
    <span className="block">
      <Input
        type="date"
        ref={attach}
        onChange={(event) => {
          setTyped(event.target.value);
          onChange?.(event);
        }}
        className={className}
        {...props}
      />
      {shown ? (
        <span aria-hidden="true" className="mt-0.5 block text-xs font-normal text-slate-600">
          {shown}
        </span>
      ) : null}
    </span>
  );
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null): (() => void) | undefined {
  if (typeof ref === "function") {
    const cleanup = ref(value);
    return typeof cleanup === "function" ? cleanup : undefined;
  }
  if (ref) ref.current = value;
  return undefined;
}
