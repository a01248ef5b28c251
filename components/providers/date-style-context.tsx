"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { formatDate, formatDateInputValue, formatDateTime, type DateStyle } from "@/server/lib/dates";

const DateStyleContext = createContext<DateStyle | null>(null);

/**
 * The store's date style for every page, provided once by the admin layout (which read it on the
 * server). Saving Settings → Date style invalidates `settings.store`, so pages follow at once.
 */
export function DateStyleProvider({ dateStyle, children }: { dateStyle: DateStyle; children: ReactNode }) {
  const trpc = useTRPC();
  const store = useQuery(trpc.settings.store.queryOptions(undefined, { initialData: { dateStyle } }));
  return <DateStyleContext.Provider value={store.data.dateStyle}>{children}</DateStyleContext.Provider>;
}

export function useDateStyle(): DateStyle {
  const style = useContext(DateStyleContext);
  if (!style) throw new Error("useDateStyle must be used inside the admin layout");
  return style;
}

/** The formatters of server/lib/dates.ts in the store's style, in the reader's time zone. */
export function useDates() {
  const style = useDateStyle();
  return useMemo(
    () => ({
      dateStyle: style,
      formatDate: (date: Date) => formatDate(date, { style }),
      formatDateTime: (date: Date) => formatDateTime(date, { style }),
      formatDateInputValue: (value: string) => formatDateInputValue(value, style),
    }),
    [style],
  );
}
