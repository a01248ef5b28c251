import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/input";

type MoneyInputProps = Omit<ComponentProps<"input">, "type"> & { currency: string };

/**
 * A decimal amount typed as text (never a float), with its currency shown inside the box. The
 * value goes to the server as typed; server/lib/money.ts parses it there and in the form's schema.
 */
export function MoneyInput({ currency, className, ...props }: MoneyInputProps) {
  return (
    <div className="relative">
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, "pr-12 tabular-nums", className)}
        {...props}
      />
      {currency ? (
        <span aria-hidden="true" className="pointer-events-none absolute top-1.5 right-2.5 text-xs font-medium text-slate-500">
          {currency}
        </span>
      ) : null}
    </div>
  );
}
