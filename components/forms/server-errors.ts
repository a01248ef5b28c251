import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type ServerError = { message: string; data?: { fieldErrors?: Record<string, string[]> } | null };

/** Server field names a form calls otherwise, e.g. `{ expiresAt: "expiresOn" }` for a date input. */
export type ServerFieldNames<T extends FieldValues> = Partial<Record<string, Path<T>>>;

/** The sentence without a leading "expiresAt: " a server or library may put before it. */
export function plainMessage(message: string, fieldNames: readonly string[]): string {
  const field = fieldNames.find((name) => message.startsWith(`${name}: `));
  return field ? message.slice(field.length + 2) : message;
}

/**
 * Puts the server's field messages beside the matching inputs (`serverNames` maps a server field
 * to the form's own name for it); returns the sentence to show in a toast when the error names no
 * field on this form. Neither ever carries the server's field name.
 */
export function applyServerErrors<T extends FieldValues>(
  error: ServerError,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  serverNames: ServerFieldNames<T> = {},
): string | null {
  const fieldErrors = error.data?.fieldErrors ?? {};
  const names = Object.keys(fieldErrors);
  let isShownOnField = false;
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const name = serverNames[field] ?? field;
    const match = fields.find((candidate) => candidate === name);
    if (match && messages[0]) {
      setError(match, { type: "server", message: messages.map((m) => plainMessage(m, names)).join(" ") });
      isShownOnField = true;
    }
  }
  return isShownOnField ? null : plainMessage(error.message, names);
}
