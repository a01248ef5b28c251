"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A filtered list's header actions: "Clear filters" while any filter is set, then the rest (an export). */
export function FilterActions({ isFiltered, onClear, children }: { isFiltered: boolean; onClear: () => void; children?: ReactNode }) {
  return (
    <div className="flex items-center gap-2">
      {isFiltered ? (
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
      {children}
    </div>
  );
}
