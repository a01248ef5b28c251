import { Prisma } from "@/prisma/generated/client";
import { foldText } from "../customer-text";
import type { CustomerSort } from "../customers.schema";
import { HEAP_WALK_BUDGET, WALK_BUDGET, type KeysetOrder, type OrderedStream, type SearchSegment } from "./keyset-segments";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PHONE_LIKE = /^[\d\s()+.\-/]+$/;
// pg_trgm can only use its index for a substring of at least three characters.
const MIN_SUBSTRING = 3;

const ORDER_COLUMNS: Record<Exclude<CustomerSort, "relevance">, Omit<KeysetOrder, "direction">> = {
  // Only the name index carries the walk's columns (INCLUDE), so only it walks index-only.
  name: { column: Prisma.sql`c.sort_name`, name: "sort_name", valueType: "text", walkBudget: WALK_BUDGET },
  email: { column: Prisma.sql`c.email`, name: "email", valueType: "text", walkBudget: HEAP_WALK_BUDGET },
  createdAt: { column: Prisma.sql`c.created_at`, name: "created_at", valueType: "timestamptz", walkBudget: HEAP_WALK_BUDGET },
  lastActivityAt: { column: Prisma.sql`c.last_activity_at`, name: "last_activity_at", valueType: "timestamptz", walkBudget: HEAP_WALK_BUDGET },
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

export type SearchPlan = { segments: SearchSegment[]; order: KeysetOrder };

/** The smallest string sorting after every string that starts with `prefix`. */
const successor = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1);

/**
 * `c.sort_name` starts with `prefix`, as a bare range on the name index, so the planner reads it
 * in order and stops after a page even without statistics (an extra LIKE would make it guess a
 * handful of rows, collect the whole range and sort it). Exact under the C and C.UTF-8
 * collations (code point order); under a linguistic collation it also admits names that start
 * the same once punctuation is ignored ("o'brien" for "ob").
 */
const sortNameStarts = (prefix: string) => Prisma.sql`(c.sort_name >= ${prefix} AND c.sort_name < ${successor(prefix)})`;

/** The first two characters, as SQL's left(text, 2) counts them. */
const firstTwo = (text: string) => [...text].slice(0, 2).join("");

/**
 * A one-word name query's prefix matches as ordered streams (by name): last names starting with
 * it (the name index), first names and emails starting with it (their (first two letters, name)
 * indexes), and the few multi-word names with a later word starting with it (a partial trigram
 * index). Each stream reads at most a page, so "Sc" or "Ma" cost the same as "Schmidt".
 */
function namePrefixStreams(token: string, q: string): { streams: OrderedStream[]; lookups: Prisma.Sql[] } {
  const t = likeLiteral(token);
  const long = [...token].length > 2;
  const firstName = Prisma.sql`c.search_name LIKE ${`${t}%`}`;
  const email = Prisma.sql`c.email LIKE ${`${likeLiteral(q)}%`}`;
  // When a stream's walk comes back short, its exact matches through a btree range (a trigram
  // lookup would also fetch every last name that starts the same way, only to drop them).
  const range = (column: Prisma.Sql, prefix: string, like: Prisma.Sql) =>
    Prisma.sql`(${column} >= ${prefix} AND ${column} < ${successor(prefix)} AND ${like})`;
  return {
    streams: [
      { range: sortNameStarts(token), filter: null, lookup: sortNameStarts(token) },
      { range: Prisma.sql`left(c.search_name, 2) = ${firstTwo(token)}`, filter: long ? firstName : null, lookup: range(Prisma.sql`c.search_name`, token, firstName) },
      { range: Prisma.sql`left(c.email, 2) = ${firstTwo(q)}`, filter: long ? email : null, lookup: range(Prisma.sql`c.email`, q, email) },
    ],
    lookups: [Prisma.sql`(c.search_name LIKE '% % %' AND c.search_name LIKE ${`% ${t}%`})`],
  };
}

/**
 * The email contains `q`. For "jane.doe@exa" only the part before the "@" goes to the trigram
 * index (a domain's trigrams match a large share of all addresses); position() checks the rest.
 */
function emailContains(q: string) {
  const local = q.split("@")[0]!;
  if (!q.includes("@") || [...local].length < MIN_SUBSTRING) return Prisma.sql`c.email LIKE ${`%${likeLiteral(q)}%`}`;
  return Prisma.sql`(c.email LIKE ${`%${likeLiteral(local)}%`} AND position(${q} in c.email) > 0)`;
}

/**
 * Whether matching substrings might be many (a short single word: "ber" is in 5% of names), so
 * walking the order's index a bounded way is worth trying before collecting the matches.
 * Longer words, several words, emails and phone numbers match few: collect them at once.
 */
const mayBeDense = (q: string) => !/[\s@]/.test(q) && !PHONE_LIKE.test(q) && [...q].length <= 4;

/** Each kind of match for one query; null where the query cannot match that way. */
function matchers(q: string) {
  const tokens = q.split(" ");
  const digits = q.replace(/\D/g, "");
  const isId = UUID.test(q);
  const isEmail = q.includes("@");
  // Emails hold no spaces: "jane smith" cannot match one, and its trigrams would cost a lookup.
  const emailLike = !q.includes(" ");
  const isPhone = PHONE_LIKE.test(q) && digits.length >= 3;
  const isName = !isId && !isEmail && !isPhone && /\p{L}/u.test(q);
  const q_ = likeLiteral(q);
  const wordPrefix = (token: string) => {
    const t = likeLiteral(token);
    return Prisma.sql`(c.search_name LIKE ${`${t}%`} OR c.search_name LIKE ${`% ${t}%`})`;
  };

  if (isId) return { isName: false, exact: Prisma.sql`c.id = ${q}::uuid`, fullName: null, prefix: null, contains: null, similar: null };
  return {
    isName,
    exact: anyOf([
      Prisma.sql`c.email = ${q}`,
      isPhone && digits.length >= 6 ? Prisma.sql`c.phone_digits = ${digits}` : null,
    ]),
    fullName: isName ? Prisma.sql`(c.search_name = ${q} OR c.sort_name = ${q})` : null,
    prefix: anyOf([
      // A typed address is a range on the email's unique index; its trigrams (".com") would match everyone.
      isEmail && emailLike ? Prisma.sql`(c.email >= ${q} AND c.email < ${successor(q)} AND c.email LIKE ${`${q_}%`})` : null,
      isPhone || isEmail || !emailLike ? null : Prisma.sql`c.email LIKE ${`${q_}%`}`,
      isName ? allOf(tokens.map(wordPrefix)) : null,
      isPhone ? Prisma.sql`c.phone_digits LIKE ${`${digits}%`}` : null,
    ]),
    contains: anyOf([
      !isPhone && emailLike && q.length >= MIN_SUBSTRING ? emailContains(q) : null,
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
  if (q === "") return { segments: [{ kind: "all" }], order };
  const byName = order.column === ORDER_COLUMNS.name.column;
  // One character matches a tenth of all customers and no trigram: read it as a last-name initial,
  // a range on the name index that stops after one page.
  if ([...q].length === 1 && !/\d/.test(q)) {
    const initial = sortNameStarts(q);
    return {
      segments: [byName ? { kind: "streams", match: initial, streams: [{ range: initial, filter: null, lookup: initial }], lookups: [] } : { kind: "walk", match: initial }],
      order,
    };
  }

  const m = matchers(q);
  if (mode === "similar") return { segments: m.similar ? [{ kind: "lookup", match: m.similar }] : [], order };
  const scan = (match: Prisma.Sql): SearchSegment => (mayBeDense(q) ? { kind: "walk", match } : { kind: "lookup", match });
  if (sort !== "relevance") return { segments: [scan(anyOf([m.exact, m.fullName, m.prefix, m.contains]) ?? Prisma.sql`FALSE`)], order };
  const lookup = (match: Prisma.Sql | null): SearchSegment | null => (match ? { kind: "lookup", match } : null);
  // A one-word name: its prefixes can match tens of thousands ("Ma"), so they come as streams.
  const oneWordName = m.isName && !q.includes(" ");
  const prefix: SearchSegment | null = m.prefix && oneWordName ? { kind: "streams", match: m.prefix, ...namePrefixStreams(q, q) } : lookup(m.prefix);
  const contains = m.contains ? scan(m.contains) : null;
  return { segments: [lookup(m.exact), lookup(m.fullName), prefix, contains].filter((s) => s !== null), order };
}