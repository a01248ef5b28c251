import { cn } from "@/components/ui/cn";

export function StatusBadge({ isOn, on = "Active", off = "Inactive" }: { isOn: boolean; on?: string; off?: string }) {
  return (
    <span
      className={cn(
        "inline-flex rounded-full px-2 py-0.5 text-[11px] font-medium",
        isOn ? "bg-green-50 text-green-800 ring-1 ring-green-200" : "bg-slate-100 text-slate-600 ring-1 ring-slate-200",
      )}
    >
      {isOn ? on : off}
    </span>
  );
}
