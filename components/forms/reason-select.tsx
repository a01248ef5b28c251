"use client";
import type { ComponentProps } from "react";
import { Select } from "@/components/ui/select";
import { useCreditOptions } from "./use-credit-options";

/** The active adjustment reasons from Settings, with an empty first choice so one must be picked. */
export function ReasonSelect(props: ComponentProps<"select">) {
  const options = useCreditOptions();
  return (
    <Select {...props}>
      <option value="">Choose a reason…</option>
      {options.data?.reasons.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </Select>
  );
}
