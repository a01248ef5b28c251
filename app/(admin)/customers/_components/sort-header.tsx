"use client";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Th } from "@/components/ui/table";
import type { CustomerSort } from "@/server/modules/customers/customers.schema";

type Props = {
  label: string;
  column: Exclude<CustomerSort, "relevance">;
  sort: CustomerSort;
  direction: "asc" | "desc";
  onSort: (column: CustomerSort, direction: "asc" | "desc") => void;
};

export function SortHeader({ label, column, sort, direction, onSort }: Props) {
  const isActive = sort === column;
  const Icon = !isActive ? ArrowUpDown : direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <Th aria-sort={isActive ? (direction === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="inline-flex items-center gap-1 hover:text-slate-900"
        onClick={() => onSort(column, isActive && direction === "asc" ? "desc" : "asc")}
      >
        {label}
        <Icon aria-hidden="true" className="h-3 w-3" />
      </button>
    </Th>
  );
}
