"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False in the server HTML, true once React runs in the browser and handlers are attached. */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
