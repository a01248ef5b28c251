import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { appOrigin } from "@/server/auth/app-url";
import { getCurrentActor } from "@/server/auth/current-actor";
import { sameOriginPath } from "@/server/auth/safe-redirect";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Notices other pages send visitors here with (`?notice=`). */
const NOTICES: Record<string, string> = { "password-set": "Your password is set. Sign in with it now." };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; notice?: string | string[] }> }) {
  const { callbackUrl, notice } = await searchParams;
  const noticeText = typeof notice === "string" ? NOTICES[notice] : undefined;
  // Only paths on this app, so the sign-in page cannot be used as an open redirect. Without one,
  // the dashboard (which sends roles without reports:read on to Customers).
  const target = (typeof callbackUrl === "string" && sameOriginPath(callbackUrl, appOrigin())) || "/";
  if (await getCurrentActor()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Sign in to Creditdesk</h1>
        <p className="mb-5 text-sm text-slate-500">Staff only. Use the email your admin registered.</p>
        {noticeText ? (
          <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {noticeText}
          </p>
        ) : null}
        <SignInForm callbackUrl={target} />
      </div>
    </main>
  );
}
