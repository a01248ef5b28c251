"use client";
import { useCallback, useState } from "react";

/**
 * One key per attempt at an action: made when the form opens, kept across retries and double
 * clicks (so the server applies the action once), renewed after a success.
 */
export function useIdempotencyKey() {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  return [key, renew] as const;
}
