import { Prisma } from "@/prisma/generated/client";
import { foldText } from "../customer-text";
import type { CustomerSort } from "../customers.schema";
import type { KeysetOrder } from "./keyset-segments";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PHONE_LIKE = /^[\d\s()+.\-/]+$/;

const ORDER_COLUMNS: Record<Exclude<CustomerSort, "relevance">, Omit<KeysetOrder, "direction">> = {
  name: { column: Prisma.sql`c.sort_name`, valueType: "text" },
  email: { column: Prisma.sql`c.email`, valueType: "text" },
  createdAt: { column: Prisma.sql`c.created_at`, valueType: "timestamptz" },
  lastActivityAt: { column: Prisma.sql`c.last_activity_at`, valueType: "timestamptz" },
};

/** Escapes LIKE wildcards so a typed "%" or "_" matches itself. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const anyOf = (predicates: Prisma.Sql[]) =>
  predicates.length > 0 ? Prisma.sql`(${Prisma.join(predicates, " OR ")})` : null;
const allOf = (predicates: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(predicates, " AND ")})`;

export type SearchPlan = { segments: Prisma.Sql[]; order: KeysetOrder };

/**
 * Turns a search box into ranked segments: exact id/email/phone, exact full name (either order),
 * prefixes, substrings, then trigram-similar names for typos. Ranking only applies to the
 * "relevance" sort; any other sort lists all matches by that column.
 */
export function planCustomerSearch(rawQuery: string, sort: CustomerSort, direction: "asc" | "desc"): SearchPlan {
  const q = foldText(rawQuery);
  const sortColumn = ORDER_COLUMNS[sort === "relevance" ? "name" : sort];
  const order: KeysetOrder = { ...sortColumn, direction: sort === "relevance" ? "asc" : direction };
  if (q === "") return { segments: [Prisma.sql`TRUE`], order };

  const tokens = q.split(" ");
  const digits = q.replace(/\D/g, "");
  const isPhone = PHONE_LIKE.test(q) && digits.length >= 3;
  const hasLetters = /\p{L}/u.test(q);

  const exact = anyOf([
    ...(UUID.test(q) ? [Prisma.sql`c.id = ${q}::uuid`] : []),
    Prisma.sql`c.email = ${q}`,
    ...(isPhone && digits.length >= 6 ? [Prisma.sql`c.phone_digits = ${digits}`] : []),
  ]);
  const fullName = hasLetters ? anyOf([Prisma.sql`c.search_name = ${q}`, Prisma.sql`c.sort_name = ${q}`]) : null;
  const prefix = anyOf([
    Prisma.sql`c.email LIKE ${`${likeLiteral(q)}%`}`,
    ...(hasLetters
      ? [
          allOf(
            tokens.map((token) => {
              const t = likeLiteral(token);
              return Prisma.sql`(c.search_name LIKE ${`${t}%`} OR c.search_name LIKE ${`% ${t}%`})`;
            }),
          ),
        ]
      : []),
    ...(isPhone ? [Prisma.sql`c.phone_digits LIKE ${`${digits}%`}`] : []),
  ]);
  const contains = anyOf([
    Prisma.sql`c.email LIKE ${`%${likeLiteral(q)}%`}`,
    ...(hasLetters ? [allOf(tokens.map((token) => Prisma.sql`c.search_name LIKE ${`%${likeLiteral(token)}%`}`))] : []),
    ...(isPhone ? [Prisma.sql`c.phone_digits LIKE ${`%${digits}%`}`] : []),
    // "+1 415 555 0134" should still find a number stored without its country code.
    ...(isPhone && digits.length > 10 ? [Prisma.sql`c.phone_digits LIKE ${`%${digits.slice(-10)}`}`] : []),
  ]);
  // Trigram similarity catches typos ("jonh smith"); only worth it for a few letters of a name.
  const similar = hasLetters && !q.includes("@") && q.length >= 4 ? Prisma.sql`c.search_name % ${q}` : null;

  if (sort !== "relevance") {
    return { segments: [anyOf([exact, fullName, prefix, contains].filter((p) => p !== null))!], order };
  }
  return { segments: [exact, fullName, prefix, contains, similar].filter((p) => p !== null), order };
}
