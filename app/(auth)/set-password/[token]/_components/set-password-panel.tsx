"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LoadingRows } from "@/components/ui/states";
import { useIsHydrated } from "@/components/use-is-hydrated";
import { PASSWORD_MIN_LENGTH, ZSetPasswordInput, type SetPasswordInput } from "@/server/modules/staff/staff.schema";

/** Whom the link is for, then the new password twice; a link that no longer works says so plainly. */
export function SetPasswordPanel({ token }: { token: string }) {
  const trpc = useTRPC();
  // Asked once: every call counts against this IP's set-password budget.
  const link = useQuery({ ...trpc.staff.passwordLink.queryOptions({ token }), retry: false, staleTime: Infinity, refetchOnWindowFocus: false });

  if (link.isPending) return <LoadingRows rows={3} label="Checking your link" />;
  if (link.isError) return <InvalidLink message={link.error.message} />;
  return (
    <>
      <p className="mb-5 text-sm text-slate-500">
        For <span className="font-medium text-slate-800">{link.data.name}</span> ({link.data.email}). You sign in with this email.
      </p>
      <SetPasswordForm token={token} />
    </>
  );
}

function InvalidLink({ message }: { message: string }) {
  return (
    <div className="mt-3 space-y-4">
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        {message}
      </p>
      <Link href="/sign-in" className="text-sm font-medium text-blue-700 hover:underline">
        Go to sign-in
      </Link>
    </div>
  );
}

function SetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  // Until React is attached a click would submit the form natively, putting the password in a URL.
  const isHydrated = useIsHydrated();
  const form = useForm<SetPasswordInput>({ resolver: zodResolver(ZSetPasswordInput), defaultValues: { token, password: "", confirm: "" } });
  const { errors } = form.formState;
  const setPassword = useMutation(
    trpc.staff.setPassword.mutationOptions({
      onSuccess: () => router.push("/sign-in?notice=password-set"),
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, ["password", "confirm"]);
        if (message) form.setError("root", { type: "server", message });
      },
    }),
  );

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => setPassword.mutate(values))} className="space-y-4">
      <Field label="New password" required hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} error={errors.password?.message}>
        <Input type="password" autoComplete="new-password" autoFocus {...form.register("password")} />
      </Field>
      <Field label="Confirm password" required error={errors.confirm?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("confirm")} />
      </Field>
      {errors.root?.message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.root.message}
        </p>
      ) : null}
      <Button type="submit" className="w-full justify-center" disabled={setPassword.isPending || setPassword.isSuccess || !isHydrated}>
        {setPassword.isPending || setPassword.isSuccess ? "Setting password…" : "Set password"}
      </Button>
    </form>
  );
}
