"use client";
import { useId, type ComponentProps } from "react";
import { Checkbox } from "@/components/ui/select";
import { notifyHint } from "@/server/modules/notifications/notification-channel";

type Props = Omit<ComponentProps<"input">, "type"> & {
  /** Who would be told; null while no customer is chosen. */
  contact: { phone: string | null; email: string } | null;
};

/**
 * "Notify customer", the same in every form that has it: off unless staff tick it (each form's
 * default is false) and the one channel hint under it. Spread react-hook-form's register into it.
 */
export function NotifyCustomerField({ contact, ...props }: Props) {
  const hintId = useId();
  return (
    <div className="space-y-1">
      <Checkbox label="Notify customer" aria-describedby={hintId} {...props} />
      <p id={hintId} className="pl-6 text-xs text-slate-500">
        {notifyHint(contact)}
      </p>
    </div>
  );
}
