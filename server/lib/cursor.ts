import { AppError } from "./app-error";

/** Keyset cursors travel as opaque base64url JSON so clients cannot depend on their shape. */
export function encodeCursor(values: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string): Record<string, string | number> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, string | number>;
  } catch {
    // fall through to the error below
  }
  throw new AppError("BAD_INPUT", "This page link is no longer valid; start from the first page", "cursor");
}
