// CSV exports: RFC 4180 cells, CRLF lines, read from the database in pages up to a cap.
import { readKeysetPage, type PageFetch } from "./pager";

/** An export stops here; filters narrow a larger list down. */
export const MAX_CSV_ROWS = 10_000;
/** Rows read per query while an export is built. */
export const CSV_PAGE = 1_000;

/**
 * A formula start, possibly behind whitespace or separators: a spreadsheet in a semicolon or
 * comma locale may split `;=1+1` and read the rest as a formula, and some trim leading spaces.
 */
const FORMULA_START = /^[\s;,]*[=+\-@]|^[\t\r\n]/;

/**
 * One cell. `isText` marks free text typed by people: it is always quoted (so no separator inside
 * it splits the cell in any locale) and gets a leading `'` when it could start a formula.
 * Other cells (dates, decimal amounts, ids, fixed labels) are quoted only when RFC 4180 needs it.
 */
export function csvCell(value: string, opts: { isText?: boolean } = {}): string {
  if (opts.isText) return quoted(FORMULA_START.test(value) ? `'${value}` : value);
  return /[",;\r\n]/.test(value) ? quoted(value) : value;
}

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** The file's text: lines joined and ended by CRLF, as spreadsheets expect. */
export const csvText = (lines: string[]) => `${lines.join("\r\n")}\r\n`;

/**
 * Reads a keyset-paged list page by page (CSV_PAGE rows each, with the one keyset pager) into CSV
 * lines, in list order, and stops at MAX_CSV_ROWS. `page(after, limit)` returns rows after `after`.
 */
export async function collectCsvPages<Row, Position>(opts: {
  header: string[];
  page: PageFetch<Row, Position>;
  positionOf: (row: Row) => Position;
  line: (row: Row) => string;
}): Promise<{ csv: string; rowCount: number; isTruncated: boolean }> {
  const lines = [opts.header.join(",")];
  let after: Position | null = null;
  for (;;) {
    const rowCount = lines.length - 1;
    const { rows, next }: { rows: Row[]; next: Position | null } = await readKeysetPage({
      after,
      limit: Math.min(CSV_PAGE, MAX_CSV_ROWS - rowCount),
      fetch: opts.page,
      positionOf: opts.positionOf,
    });
    lines.push(...rows.map(opts.line));
    if (next === null) return { csv: csvText(lines), rowCount: lines.length - 1, isTruncated: false };
    // A row past the cap exists: the file says it stopped short.
    if (lines.length - 1 === MAX_CSV_ROWS) return { csv: csvText(lines), rowCount: MAX_CSV_ROWS, isTruncated: true };
    after = next;
  }
}
