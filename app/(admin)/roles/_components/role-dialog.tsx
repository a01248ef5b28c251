"use client";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/select";
import { ALL_PERMISSIONS, PERMISSIONS } from "@/server/auth/permissions";
import { ZCreateRoleInput } from "@/server/modules/roles/roles.schema";
import { useInvalidateRoles } from "./use-invalidate-roles";

export type EditableRole = { key: string; name: string; description: string; permissions: string[] };

/** "New role" (role null) or "Edit role": a name, a description and one checkbox per permission. */
export function RoleDialog({ role, onClose }: { role: EditableRole | null; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRoles();
  const form = useForm({
    resolver: zodResolver(ZCreateRoleInput),
    defaultValues: { name: role?.name ?? "", description: role?.description ?? "", permissions: role?.permissions ?? [] },
  });
  const { errors } = form.formState;
  const options = {
    onSuccess: async (saved: { name: string }) => {
      await invalidate();
      toast.success(role ? `Saved role “${saved.name}”` : `Role “${saved.name}” created`);
      onClose();
    },
    onError: (error: Parameters<typeof applyServerErrors>[0]) => {
      const message = applyServerErrors(error, form.setError, ["name", "description", "permissions"]);
      if (message) toast.error(message);
    },
  };
  const create = useMutation(trpc.roles.create.mutationOptions(options));
  const update = useMutation(trpc.roles.update.mutationOptions(options));
  const isSaving = create.isPending || update.isPending;

  const onSubmit = form.handleSubmit((values) => (role ? update.mutate({ key: role.key, ...values }) : create.mutate(values)));

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={role ? `Edit role “${role.name}”` : "New role"}
      description="Tick what staff members with this role may do. Staff see only the pages and actions their role allows."
    >
      <form noValidate onSubmit={onSubmit} className="space-y-3">
        <Field label="Name" required error={errors.name?.message}>
          <Input maxLength={80} autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <Textarea maxLength={300} {...form.register("description")} />
        </Field>
        <fieldset aria-describedby={errors.permissions ? "role-permissions-error" : undefined}>
          <legend className="text-xs font-medium text-slate-700">Permissions</legend>
          <ul className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
            {ALL_PERMISSIONS.map((key) => (
              <li key={key}>
                <label className="flex items-start gap-2 px-3 py-1.5 text-sm text-slate-800">
                  <input type="checkbox" value={key} className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-blue-600" {...form.register("permissions")} />
                  <span>
                    {PERMISSIONS[key]} <code className="text-xs text-slate-500">{key}</code>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {errors.permissions ? (
            <p id="role-permissions-error" role="alert" className="mt-1 text-xs text-red-600">
              {errors.permissions.message}
            </p>
          ) : null}
        </fieldset>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSaving}>
            {isSaving ? "Saving…" : role ? "Save role" : "Create role"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
