import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 text-center">
      <h1 className="text-base font-semibold text-slate-900">Page not found</h1>
      <p className="text-sm text-slate-500">There is nothing at this address. It may have been moved or never existed.</p>
      <Link href="/customers" className="text-sm font-medium text-blue-700 hover:underline">
        Back to customers
      </Link>
    </main>
  );
}
