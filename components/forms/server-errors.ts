import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type ServerError = { message: string; data?: { fieldErrors?: Record<string, string[]> } | null };

/**
 * Puts the server's field messages beside the matching inputs; returns the sentence to show in a
 * toast when the error names no field on this form.
 */
export function applyServerErrors<T extends FieldValues>(
  error: ServerError,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string | null {
  let isShownOnField = false;
  for (const [field, messages] of Object.entries(error.data?.fieldErrors ?? {})) {
    const match = fields.find((name) => name === field);
    if (match && messages[0]) {
      setError(match, { type: "server", message: messages.join(" ") });
      isShownOnField = true;
    }
  }
  return isShownOnField ? null : error.message;
}
