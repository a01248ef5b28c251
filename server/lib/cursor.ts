import { z } from "zod";
import { AppError } from "./app-error";
import { hasLoneSurrogate } from "./zod-fields";

// Keyset cursors travel as opaque base64url JSON so clients cannot depend on their shape. A client
// can still send anything, so every cursor is read against the exact fields its list made, each in
// the range its database column takes: a crafted cursor is a refused link, never a database error.

export const invalidCursor = () => new AppError("BAD_INPUT", "This page link is no longer valid", "cursor");

export function encodeCursor(values: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

// timestamptz holds years 4713 BC to 294276 AD and JavaScript's Date ±275760; the lists hold
// times this millennium, so anything outside years 1-9999 did not come from them.
const EARLIEST = Date.UTC(1, 0, 1) - 1;
const LATEST = Date.UTC(10000, 0, 1);
const INT8_MAX = 2n ** 63n - 1n;

/** Field types a cursor may hold, each limited to what its column accepts. */
export const CursorField = {
  time: z.iso
    .datetime()
    .refine((text) => {
      const at = Date.parse(text);
      return at > EARLIEST && at < LATEST;
    })
    .transform((text) => new Date(text)),
  uuid: z.uuid(),
  /** A positive bigint sequence number, sent as a decimal string. */
  seq: z
    .string()
    .regex(/^[1-9]\d{0,18}$/)
    .transform((text) => BigInt(text))
    .refine((seq) => seq <= INT8_MAX),
  /** A text sort value (a name, an email): anything PostgreSQL can hold as text. */
  text: z
    .string()
    .max(1000)
    .refine((text) => !text.includes("\u0000") && !hasLoneSurrogate(text)),
  /** A small non-negative index, such as a ranking tier. */
  index: z.number().int().min(0).max(100),
};

/** Decodes a cursor and checks it holds exactly `shape`'s fields; BAD_INPUT on "cursor" otherwise. */
export function readCursor<Shape extends z.ZodRawShape>(cursor: string, shape: Shape): z.infer<z.ZodObject<Shape>> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = z.strictObject(shape).safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** The position after a row in a list ordered by (a timestamp, id), newest first. */
export type TimeIdPosition = { at: Date; id: string };

export const encodeTimeIdCursor = (position: TimeIdPosition) => encodeCursor({ at: position.at.toISOString(), id: position.id });

/** Null for the first page; BAD_INPUT on the cursor field for anything this did not make. */
export function decodeTimeIdCursor(cursor: string | null | undefined): TimeIdPosition | null {
  if (!cursor) return null;
  return readCursor(cursor, { at: CursorField.time, id: CursorField.uuid });
}

export const encodeSeqCursor = (seq: bigint) => encodeCursor({ seq: seq.toString() });

/** Null for the first page; the sequence number to read before otherwise. */
export function decodeSeqCursor(cursor: string | null | undefined): bigint | null {
  if (!cursor) return null;
  return readCursor(cursor, { seq: CursorField.seq }).seq;
}
