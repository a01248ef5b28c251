"use client";
import { useCallback, useState } from "react";
import { isRefusedForGood, type AnsweredError } from "./refused-for-good";

/**
 * One key per attempt at an action: made when the form opens, kept across retries and double
 * clicks (so the server applies the action once), renewed after a success and after a refusal
 * (the server keeps a refusal as the key's answer, so corrected input needs a new key).
 */
export function useIdempotencyKey() {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  const renewAfterRefusal = useCallback((error: AnsweredError) => {
    if (isRefusedForGood(error)) renew();
  }, [renew]);
  return [key, renew, renewAfterRefusal] as const;
}
