// Reads a bulk credit CSV in the browser with papaparse and refuses a bad file before anything
// is sent: too large, binary, not UTF-8, missing columns, too many rows, a formula-looking cell.
// The server checks every row again (bulk-credits.schema.ts); this only makes the message early.
import Papa from "papaparse";
import {
  BULK_COLUMNS,
  BULK_MAX_BYTES,
  BULK_MAX_ROWS,
  BULK_REQUIRED_COLUMNS,
  isFormulaLike,
  type BulkRowInput,
} from "@/server/modules/bulk-credits/bulk-credits.schema";

export type ParsedCsv = { ok: true; columns: string[]; rows: BulkRowInput[]; byteCount: number } | { ok: false; message: string };

export async function parseBulkCsv(file: File): Promise<ParsedCsv> {
  if (file.size > BULK_MAX_BYTES) return { ok: false, message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; a file may be up to 20 MB. Split it and upload the parts` };
  if (file.size === 0) return { ok: false, message: `${file.name} is empty` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.includes(0)) return { ok: false, message: `${file.name} holds binary data, not CSV text. Save it as "CSV UTF-8" and upload again` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `${file.name} is not UTF-8 text. Save it as "CSV UTF-8" and upload again` };
  }
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const columns = parsed.meta.fields ?? [];
  const missing = BULK_REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return { ok: false, message: `The file has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}. Start from the template` };
  if (parsed.data.length === 0) return { ok: false, message: "The file has no rows under its header" };
  if (parsed.data.length > BULK_MAX_ROWS) return { ok: false, message: `The file has ${parsed.data.length.toLocaleString("en-US")} rows; up to ${BULK_MAX_ROWS.toLocaleString("en-US")} are allowed. Split it` };
  const rows: BulkRowInput[] = [];
  for (const [index, record] of parsed.data.entries()) {
    const line = index + 2;
    const cell = (column: (typeof BULK_COLUMNS)[number]) => (record[column] ?? "").trim();
    const row = { line, customer: cell("customer"), amount: cell("amount"), currency: cell("currency"), category: cell("category"), memo: cell("memo"), expiry: cell("expiry"), notify: cell("notify") };
    const formula = BULK_COLUMNS.map((column) => row[column]).find(isFormulaLike);
    if (formula !== undefined) return { ok: false, message: `Line ${line} has a cell that looks like a spreadsheet formula (${formula.slice(0, 20)}). Remove it and upload again` };
    rows.push(row);
  }
  return { ok: true, columns, rows, byteCount: file.size };
}

/** Rows as a CSV file again (the problem rows to fix, or the results), with papaparse. */
export function rowsToCsv(rows: Record<string, string | number | null>[], columns: string[]): string {
  return Papa.unparse({ fields: columns, data: rows.map((row) => columns.map((column) => row[column] ?? "")) }, { newline: "\r\n", escapeFormulae: true });
}
