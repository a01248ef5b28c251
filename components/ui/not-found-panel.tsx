import type { ReactNode } from "react";
import Link from "next/link";

type Props = { title: string; children?: ReactNode; backHref?: string; backLabel?: string };

/** A missing page or record: a heading that names the thing, a line of help, and a way back. */
export function NotFoundPanel({ title, children, backHref = "/customers", backLabel = "Back to customers" }: Props) {
  return (
    <div className="flex min-h-[40vh] flex-col items-center justify-center gap-2 text-center">
      <h1 className="text-base font-semibold text-slate-900">{title}</h1>
      <p className="max-w-md text-sm text-slate-600">{children ?? "There is nothing at this address. It may have been moved or never existed."}</p>
      <Link href={backHref} className="text-sm font-medium text-blue-700 hover:underline">
        {backLabel}
      </Link>
    </div>
  );
}
