import type { ComponentProps } from "react";
import { cn } from "./cn";
import { inputClass } from "./input";

/** The native select: keyboard, screen readers and mobile pickers work without extra code. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(inputClass, "pr-7", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(inputClass, "h-auto min-h-16 py-1.5", className)} {...props} />;
}

export function Checkbox({ label, className, ...props }: ComponentProps<"input"> & { label: string }) {
  return (
    <label className={cn("flex items-center gap-2 text-sm text-slate-800", className)}>
      <input type="checkbox" className="h-4 w-4 rounded border-slate-300 accent-blue-600" {...props} />
      {label}
    </label>
  );
}
