import type { ReactNode } from "react";
import { AlertTriangle, Inbox, Lock } from "lucide-react";
import { cn } from "./cn";

type StateProps = { title: string; children?: ReactNode; className?: string };

export function EmptyState({ title, children, className }: StateProps) {
  return (
    <div className={cn("flex flex-col items-center gap-1 px-4 py-10 text-center", className)}>
      <Inbox aria-hidden="true" className="h-6 w-6 text-slate-400" />
      <p className="text-sm font-medium text-slate-800">{title}</p>
      {children ? <div className="max-w-md text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ title = "Something went wrong", children, className }: Partial<StateProps>) {
  return (
    <div role="alert" className={cn("flex flex-col items-center gap-1 px-4 py-10 text-center", className)}>
      <AlertTriangle aria-hidden="true" className="h-6 w-6 text-red-500" />
      <p className="text-sm font-medium text-slate-800">{title}</p>
      {children ? <div className="max-w-md text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function NotAllowed() {
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-20 text-center">
      <Lock aria-hidden="true" className="h-7 w-7 text-slate-400" />
      <h1 className="text-base font-semibold text-slate-900">Not allowed</h1>
      <p className="max-w-md text-sm text-slate-500">
        Your role does not include this page. Ask an admin if you need access.
      </p>
    </div>
  );
}

export function LoadingRows({ rows = 6, label = "Loading" }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-2 p-4">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-5 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
