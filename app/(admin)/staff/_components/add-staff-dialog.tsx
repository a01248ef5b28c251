"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ZAddStaffInput, type AddStaffInput } from "@/server/modules/staff/staff.schema";
import { OneTimeLinkDialog, type OneTimeLink } from "./one-time-link-dialog";
import { useInvalidateStaff } from "./use-invalidate-staff";

const EMPTY: AddStaffInput = { name: "", email: "", roleKey: "" };

/** "Add staff member": name, email and role; then the member's one-time set-password link. */
export function AddStaffButton() {
  const [isOpen, setIsOpen] = useState(false);
  const [link, setLink] = useState<OneTimeLink | null>(null);
  return (
    <>
      <Button onClick={() => setIsOpen(true)}>
        <UserPlus aria-hidden="true" className="h-4 w-4" />
        Add staff member
      </Button>
      {isOpen ? (
        <AddStaffDialog
          onClose={() => setIsOpen(false)}
          onAdded={(added) => {
            setIsOpen(false);
            setLink(added);
          }}
        />
      ) : null}
      <OneTimeLinkDialog link={link} onClose={() => setLink(null)} />
    </>
  );
}

function AddStaffDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (link: OneTimeLink) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateStaff();
  const roles = useQuery({ ...trpc.staff.roleOptions.queryOptions(), staleTime: 60_000 });
  const form = useForm<AddStaffInput>({ resolver: zodResolver(ZAddStaffInput), defaultValues: EMPTY });
  const { errors } = form.formState;

  const create = useMutation(
    trpc.staff.create.mutationOptions({
      onSuccess: async (created, input) => {
        toast.success(`Added ${input.name}`);
        onAdded({ name: input.name, setPasswordUrl: created.setPasswordUrl, expiresAt: created.expiresAt });
        await invalidate();
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, ["name", "email", "roleKey"]);
        if (message) toast.error(message);
      },
    }),
  );

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())} title="Add staff member" description="They set their own password through a one-time link.">
      <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))} className="space-y-3">
        <Field label="Name" required error={errors.name?.message}>
          <Input autoComplete="off" maxLength={120} {...form.register("name")} />
        </Field>
        <Field label="Email" required error={errors.email?.message}>
          <Input type="email" autoComplete="off" maxLength={254} {...form.register("email")} />
        </Field>
        <Field label="Role" required error={errors.roleKey?.message ?? (roles.isError ? "Roles could not be loaded" : undefined)}>
          <Select {...form.register("roleKey")} disabled={roles.isPending}>
            <option value="">{roles.isPending ? "Loading roles…" : "Choose a role"}</option>
            {roles.data?.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add and get link"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
