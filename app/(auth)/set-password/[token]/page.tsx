import type { Metadata } from "next";
import { SetPasswordPanel } from "./_components/set-password-panel";

export const metadata: Metadata = { title: "Set your password" };

/** Opened from a one-time link, signed out (proxy.ts lets /set-password/ through). */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Set your password</h1>
        <SetPasswordPanel token={token} />
      </div>
    </main>
  );
}
