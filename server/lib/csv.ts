// CSV exports: RFC 4180 cells, CRLF lines, read from the database in pages up to a cap.

/** An export stops here; filters narrow a larger list down. */
export const MAX_CSV_ROWS = 10_000;
/** Rows read per query while an export is built. */
export const CSV_PAGE = 1_000;

/** One cell; `isText` marks free text typed by people, which may not start a spreadsheet formula. */
export function csvCell(value: string, opts: { isText?: boolean } = {}): string {
  // A text cell starting like a formula is neutralised, so a memo cannot run in a spreadsheet.
  const safe = opts.isText && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The file's text: lines joined and ended by CRLF, as spreadsheets expect. */
export const csvText = (lines: string[]) => `${lines.join("\r\n")}\r\n`;
