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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The position after a row in a list ordered by (a timestamp, id), newest first. */
export type TimeIdPosition = { at: Date; id: string };

export const encodeTimeIdCursor = (position: TimeIdPosition) => encodeCursor({ at: position.at.toISOString(), id: position.id });

/** Null for the first page; BAD_INPUT on the cursor field for anything this did not make. */
export function decodeTimeIdCursor(cursor: string | null | undefined): TimeIdPosition | null {
  if (!cursor) return null;
  const { at, id } = decodeCursor(cursor);
  if (typeof at !== "string" || typeof id !== "string" || !UUID.test(id) || Number.isNaN(Date.parse(at))) {
    throw new AppError("BAD_INPUT", "This page link is no longer valid; start from the first page", "cursor");
  }
  return { at: new Date(at), id };
}
