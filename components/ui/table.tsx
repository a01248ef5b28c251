import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A table that scrolls sideways inside its own box, so the page never does. Below `lg` (a phone or
 * a narrow window) the first column stays pinned while the rest scrolls; its cells get an opaque
 * background so the scrolled text passes under them, not through them.
 */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="relative max-w-full overflow-x-auto overscroll-x-contain">
      <table
        className={cn(
          "w-full border-collapse text-sm",
          "max-lg:[&_tr>:first-child]:sticky max-lg:[&_tr>:first-child]:left-0 max-lg:[&_tr>:first-child]:z-[1]",
          "max-lg:[&_tr>td:first-child]:bg-white max-lg:[&_tr>td:first-child]:shadow-[1px_0_0_var(--color-slate-200)]",
          "max-lg:[&_tr>th:first-child]:shadow-[1px_0_0_var(--color-slate-200)]",
          className,
        )}
        {...props}
      />
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-600", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("border-b border-slate-100 px-3 py-2 text-slate-800", className)} {...props} />;
}
