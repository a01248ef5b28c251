import { Prisma } from "@/prisma/generated/client";

// The one row-mapping convention: a query's SELECT list aliases each column to the camelCase field
// of the row type it is read into (`r.customer_id AS "customerId"`), so rows arrive in that shape
// and need no hand mapper. `columnList` builds the list from a map whose keys must be exactly the
// row type's fields, so a field renamed, added or removed on either side fails the typecheck; and
// sql-columns.test.ts checks every map's columns against prisma/schema.prisma, so a column renamed
// in the schema fails a unit test.

/** Every field of `Row`, each the `alias.column` it is read from. */
export type ColumnMap<Row> = { [Field in keyof Row]-?: string };

/** The tables a list reads, by the alias its query gives them: `{ r: "refund", p: "payment" }`. */
export type TableAliases = Record<string, string>;

export type DeclaredColumnList = { tables: TableAliases; columns: Record<string, string> };

/** Every list built so far (each repo builds its lists at import), for sql-columns.test.ts. */
export const declaredColumnLists: DeclaredColumnList[] = [];

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * `r.customer_id AS "customerId", ...` for `Row`. The map's values are code, never input: each is
 * checked to be a column of one of `tables`, so the list is safe to splice as raw SQL.
 */
export function columnList<Row>(tables: TableAliases, columns: ColumnMap<Row>): Prisma.Sql {
  const entries = Object.entries(columns as Record<string, string>);
  const parts = entries.map(([field, reference]) => {
    const [alias, column] = splitReference(reference);
    const isKnownAlias = alias === null ? Object.keys(tables).length === 1 : alias in tables;
    if (!isKnownAlias || !IDENTIFIER.test(column) || !/^[A-Za-z][A-Za-z0-9]*$/.test(field)) {
      throw new Error(`columnList: "${reference}" (for ${field}) is not a column of ${JSON.stringify(tables)}`);
    }
    return column === field ? reference : `${reference} AS "${field}"`;
  });
  declaredColumnLists.push({ tables, columns: Object.fromEntries(entries) });
  return Prisma.raw(parts.join(", "));
}

/** `"r.customer_id"` -> `["r", "customer_id"]`; `"customer_id"` -> `[null, "customer_id"]`. */
export function splitReference(reference: string): [alias: string | null, column: string] {
  const dot = reference.indexOf(".");
  return dot < 0 ? [null, reference] : [reference.slice(0, dot), reference.slice(dot + 1)];
}
