"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useIsHydrated } from "@/components/use-is-hydrated";
import { signInErrorMessage } from "@/server/auth/sign-in-messages";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  // Until React is attached a click would submit the form natively, putting the password in a URL.
  const isHydrated = useIsHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // A full navigation, so the server renders the admin layout with the new session cookie.
      window.location.assign(callbackUrl);
      return;
    }
    setIsPending(false);
    setError(signInErrorMessage(result?.error ?? ""));
  }

  return (
    // No noValidate: the browser refuses an empty email or password with its own message, before any request.
    <form onSubmit={onSubmit} method="post" className="space-y-4">
      <Field label="Email">
        <Input name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full justify-center" disabled={isPending || !isHydrated}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
