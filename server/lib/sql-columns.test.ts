import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { columnList, declaredColumnLists, splitReference } from "./sql-columns";
// Every repo that builds a column list: importing one builds its lists.
import "@/server/modules/notifications/notifications.repo";
import "@/server/modules/payments/payments.repo";
import "@/server/modules/refunds/refunds.repo";
import "@/server/modules/staff/session-staff.sql";

/** Table name -> its columns, read from prisma/schema.prisma (`@@map` and `@map`, else the names). */
function schemaTables(): Map<string, Set<string>> {
  const schema = fs.readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");
  const tables = new Map<string, Set<string>>();
  for (const [, modelName = "", body = ""] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? modelName;
    const columns = new Set<string>();
    for (const line of body.split("\n")) {
      const field = /^\s+(\w+)\s+\w/.exec(line)?.[1];
      if (field) columns.add(/@map\("([^"]+)"\)/.exec(line)?.[1] ?? field);
    }
    tables.set(table, columns);
  }
  return tables;
}

describe("columnList", () => {
  it("aliases each column to its field, and leaves a column named like its field alone", () => {
    const sql = columnList<{ id: string; customerId: string }>({ r: "refund" }, { id: "r.id", customerId: "r.customer_id" });
    expect(sql.sql).toBe(`r.id, r.customer_id AS "customerId"`);
    expect(sql.values).toEqual([]);
  });

  it("refuses anything but a column of the query's tables", () => {
    expect(() => columnList<{ a: string }>({ r: "refund" }, { a: "x.id" })).toThrow(/not a column/);
    expect(() => columnList<{ a: string }>({ r: "refund" }, { a: "r.id; DROP TABLE refund" })).toThrow(/not a column/);
    expect(() => columnList<{ a: string }>({ r: "refund", p: "payment" }, { a: "id" })).toThrow(/not a column/);
  });

  it("every repo's list reads columns that prisma/schema.prisma has", () => {
    const tables = schemaTables();
    expect(tables.get("refund")?.has("customer_id")).toBe(true);
    // The refunds, payments and notifications lists at least.
    expect(declaredColumnLists.length).toBeGreaterThanOrEqual(5);
    const unknown = declaredColumnLists.flatMap(({ tables: aliases, columns }) =>
      Object.values(columns).flatMap((reference) => {
        const [alias, column] = splitReference(reference);
        const table = aliases[alias ?? Object.keys(aliases)[0] ?? ""] ?? "?";
        return tables.get(table)?.has(column) ? [] : [`${table}.${column}`];
      }),
    );
    expect(unknown).toEqual([]);
  });
});
