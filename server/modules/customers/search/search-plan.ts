import { Prisma } from "@/prisma/generated/client";
import { foldText } from "../customer-text";
import type { CustomerSort } from "../customers.schema";
import type { KeysetOrder } from "./keyset-segments";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PHONE_LIKE = /^[\d\s()+.\-/]+$/;
// pg_trgm can only use its index for a substring of at least three characters.
const MIN_SUBSTRING = 3;

const ORDER_COLUMNS: Record<Exclude<CustomerSort, "relevance">, Omit<KeysetOrder, "direction">> = {
  name: { column: Prisma.sql`c.sort_name`, valueType: "text" },
  email: { column: Prisma.sql`c.email`, valueType: "text" },
  createdAt: { column: Prisma.sql`c.created_at`, valueType: "timestamptz" },
  lastActivityAt: { column: Prisma.sql`c.last_activity_at`, valueType: "timestamptz" },
};

/** How a sort's cursor value is typed in SQL, so a cursor can be checked before it reaches it. */
export const sortValueType = (sort: CustomerSort) => ORDER_COLUMNS[sort === "relevance" ? "name" : sort].valueType;

/** Escapes LIKE wildcards so a typed "%" or "_" matches itself. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const anyOf = (predicates: (Prisma.Sql | null)[]) => {
  const present = predicates.filter((p) => p !== null);
  return present.length > 0 ? Prisma.sql`(${Prisma.join(present, " OR ")})` : null;
};
const allOf = (predicates: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(predicates, " AND ")})`;

export type SearchPlan = { segments: Prisma.Sql[]; order: KeysetOrder; materialize: boolean };

/** The smallest string sorting after every string that starts with `prefix`. */
const successor = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1);

/** Each kind of match for one query; null where the query cannot match that way. */
function matchers(q: string) {
  const tokens = q.split(" ");
  const digits = q.replace(/\D/g, "");
  const isId = UUID.test(q);
  const isEmail = q.includes("@");
  const isPhone = PHONE_LIKE.test(q) && digits.length >= 3;
  const isName = !isId && !isEmail && !isPhone && /\p{L}/u.test(q);
  const q_ = likeLiteral(q);
  const wordPrefix = (token: string) => {
    const t = likeLiteral(token);
    return Prisma.sql`(c.search_name LIKE ${`${t}%`} OR c.search_name LIKE ${`% ${t}%`})`;
  };

  if (isId) return { exact: Prisma.sql`c.id = ${q}::uuid`, fullName: null, prefix: null, contains: null, similar: null };
  return {
    exact: anyOf([
      Prisma.sql`c.email = ${q}`,
      isPhone && digits.length >= 6 ? Prisma.sql`c.phone_digits = ${digits}` : null,
    ]),
    fullName: isName ? Prisma.sql`(c.search_name = ${q} OR c.sort_name = ${q})` : null,
    prefix: anyOf([
      isPhone ? null : Prisma.sql`c.email LIKE ${`${q_}%`}`,
      isName ? allOf(tokens.map(wordPrefix)) : null,
      isPhone ? Prisma.sql`c.phone_digits LIKE ${`${digits}%`}` : null,
    ]),
    contains: anyOf([
      !isPhone && q.length >= MIN_SUBSTRING ? Prisma.sql`c.email LIKE ${`%${q_}%`}` : null,
      isName && tokens.every((t) => t.length >= MIN_SUBSTRING)
        ? allOf(tokens.map((t) => Prisma.sql`c.search_name LIKE ${`%${likeLiteral(t)}%`}`))
        : null,
      isPhone ? Prisma.sql`c.phone_digits LIKE ${`%${digits}%`}` : null,
      // "+1 415 555 0134" should still find a number stored without its country code.
      isPhone && digits.length > 10 ? Prisma.sql`c.phone_digits LIKE ${`%${digits.slice(-10)}`}` : null,
    ]),
    // Trigram similarity catches typos ("jonh smith"); only worth it for a few letters of a name.
    similar: isName && q.length >= 4 ? Prisma.sql`c.search_name % ${q}` : null,
  };
}

/**
 * Turns a search box into ranked segments: exact id/email/phone, exact full name (either order),
 * prefixes, then substrings. Ranking only applies to the "relevance" sort; any other sort lists
 * all matches by that column. Mode "similar" is the typo fallback (trigram-similar names), used
 * when nothing matches literally: similarity lookups are too costly to run behind every search.
 */
export function planCustomerSearch(
  rawQuery: string,
  sort: CustomerSort,
  direction: "asc" | "desc",
  mode: "literal" | "similar" = "literal",
): SearchPlan {
  const q = foldText(rawQuery);
  const order: KeysetOrder = {
    ...ORDER_COLUMNS[sort === "relevance" ? "name" : sort],
    direction: sort === "relevance" ? "asc" : direction,
  };
  if (q === "") return { segments: [Prisma.sql`TRUE`], order, materialize: false };
  // One character matches a tenth of all customers and no trigram: read it as a last-name initial,
  // a range on the name index that stops after one page.
  if ([...q].length === 1 && !/\d/.test(q)) {
    const initial = Prisma.sql`(c.sort_name >= ${q} AND c.sort_name < ${successor(q)} AND c.sort_name LIKE ${`${likeLiteral(q)}%`})`;
    return { segments: [initial], order, materialize: sort !== "relevance" && sort !== "name" };
  }

  const m = matchers(q);
  if (mode === "similar") return { segments: m.similar ? [m.similar] : [], order, materialize: true };
  // Two Latin letters match thousands of customers spread over the name index: walking the index
  // finds a page sooner than collecting every match. Anything longer (or CJK) is selective.
  const materialize = !([...q].length <= 2 && /^[a-z]+$/.test(q));
  if (sort !== "relevance") {
    return { segments: [anyOf([m.exact, m.fullName, m.prefix, m.contains]) ?? Prisma.sql`FALSE`], order, materialize };
  }
  return { segments: [m.exact, m.fullName, m.prefix, m.contains].filter((p) => p !== null), order, materialize };
}
