"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ZCreateNamedInput } from "@/server/modules/settings/settings.schema";
import { StatusBadge } from "./status-badge";
import { useInvalidateSettings } from "./use-invalidate-settings";

type SettingsProcedures = ReturnType<typeof useTRPC>["settings"];
/** rename + setActive: the same for categories, reasons, infrastructures and payment methods. */
export type RecordProcedures = Pick<SettingsProcedures["categories"], "rename" | "setActive">;

type SettingsRecord = { id: string; name: string; isActive: boolean };

type Props = {
  record: SettingsRecord;
  procedures: RecordProcedures;
  /** Extra detail after the name, e.g. how many methods an infrastructure has. */
  detail?: ReactNode;
  className?: string;
};

/** One record: its name and status, with "Rename" (inline) and "Deactivate"/"Activate". */
export function RecordLine({ record, procedures, detail, className }: Props) {
  const invalidate = useInvalidateSettings();
  const [isRenaming, setIsRenaming] = useState(false);
  const renameButtonRef = useRef<HTMLButtonElement>(null);
  const shouldRefocus = useRef(false);

  const setActive = useMutation(
    procedures.setActive.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        toast.success(`“${result.name}” ${result.isActive ? "activated" : "deactivated"}`);
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  // After the inline form closes, focus goes back to the button that opened it.
  useEffect(() => {
    if (!isRenaming && shouldRefocus.current) {
      shouldRefocus.current = false;
      renameButtonRef.current?.focus();
    }
  }, [isRenaming]);

  const closeRename = () => {
    shouldRefocus.current = true;
    setIsRenaming(false);
  };

  return (
    <div className={cn("flex flex-wrap items-center justify-between gap-x-3 gap-y-2 px-4 py-2", className)}>
      {isRenaming ? (
        <RenameForm record={record} procedures={procedures} onDone={closeRename} />
      ) : (
        <div className="flex min-w-0 items-center gap-2">
          <span className={cn("truncate text-sm font-medium", record.isActive ? "text-slate-900" : "text-slate-500")}>{record.name}</span>
          <StatusBadge isOn={record.isActive} />
          {detail}
        </div>
      )}
      {isRenaming ? null : (
        <div className="flex items-center gap-1.5">
          <Button ref={renameButtonRef} variant="ghost" size="sm" onClick={() => setIsRenaming(true)}>
            Rename<span className="sr-only"> {record.name}</span>
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={setActive.isPending}
            onClick={() => setActive.mutate({ id: record.id, isActive: !record.isActive })}
          >
            {record.isActive ? "Deactivate" : "Activate"}
            <span className="sr-only"> {record.name}</span>
          </Button>
        </div>
      )}
    </div>
  );
}

function RenameForm({ record, procedures, onDone }: { record: SettingsRecord; procedures: RecordProcedures; onDone: () => void }) {
  const invalidate = useInvalidateSettings();
  const form = useForm({ resolver: zodResolver(ZCreateNamedInput), defaultValues: { name: record.name } });
  const { errors } = form.formState;

  const rename = useMutation(
    procedures.rename.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        toast.success(`Renamed “${record.name}” to “${result.name}”`);
        onDone();
      },
      onError: (error) => {
        const message = applyServerErrors(error, form.setError, ["name"]);
        if (message) toast.error(message);
      },
    }),
  );

  const onSubmit = form.handleSubmit(({ name }) => {
    if (name === record.name) return onDone();
    rename.mutate({ id: record.id, name });
  });

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          onDone();
        }
      }}
      className="flex flex-1 flex-wrap items-start gap-2"
    >
      <div className="w-full max-w-xs">
        <Field label={`New name for ${record.name}`} error={errors.name?.message}>
          <Input autoFocus maxLength={80} autoComplete="off" {...form.register("name")} />
        </Field>
      </div>
      <div className="mt-5 flex gap-1.5">
        <Button type="submit" size="sm" disabled={rename.isPending}>
          {rename.isPending ? "Saving…" : "Save name"}
        </Button>
        <Button variant="ghost" size="sm" disabled={rename.isPending} onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
