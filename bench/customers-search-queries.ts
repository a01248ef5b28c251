import type { PrismaClient } from "@/prisma/generated/client";

/** A reproducible mix of what support agents type: names, emails, phones, ids, typos, prefixes. */
export async function buildQueries(db: PrismaClient, count: number): Promise<{ kind: string; input: Record<string, unknown> }[]> {
  type Sampled = { id: string; first_name: string; last_name: string; email: string; phone: string | null };
  // A 1% page sample of a small table can be empty; then the first customers by id stand in.
  let sample = await db.$queryRaw<Sampled[]>`
    SELECT id, first_name, last_name, email, phone FROM customer TABLESAMPLE SYSTEM (1) REPEATABLE (42) LIMIT 400`;
  if (sample.length === 0) sample = await db.$queryRaw<Sampled[]>`SELECT id, first_name, last_name, email, phone FROM customer ORDER BY id LIMIT 400`;
  if (sample.length === 0) throw new Error("No customers to search: run `npm run db:seed` first");
  const swap = (s: string) => (s.length > 4 ? `${s.slice(0, 2)}${s[3]}${s[2]}${s.slice(4)}` : s);
  const makers: [string, (c: (typeof sample)[number]) => Record<string, unknown>][] = [
    ["last name", (c) => ({ query: c.last_name })],
    ["first name", (c) => ({ query: c.first_name })],
    ["first last", (c) => ({ query: `${c.first_name} ${c.last_name}` })],
    ["last first", (c) => ({ query: `${c.last_name} ${c.first_name}` })],
    ["email", (c) => ({ query: c.email })],
    ["email prefix", (c) => ({ query: c.email.split("@")[0]!.slice(0, 6) })],
    ["email fragment", (c) => ({ query: c.email.slice(2, 12) })],
    ["phone", (c) => ({ query: c.phone ?? c.last_name })],
    ["phone digits", (c) => ({ query: (c.phone ?? "").replace(/\D/g, "").slice(-7) || c.first_name })],
    ["id", (c) => ({ query: c.id })],
    ["typo", (c) => ({ query: swap(`${c.first_name} ${c.last_name}`.toLowerCase()) })],
    ["initial", (c) => ({ query: c.last_name.slice(0, 1) })],
    ["two letters", (c) => ({ query: c.last_name.slice(0, 2) })],
    ["three letters", (c) => ({ query: c.last_name.slice(0, 3) })],
    ["last name by date", (c) => ({ query: c.last_name, sort: "createdAt", direction: "desc" })],
    ["three letters by name", (c) => ({ query: `${c.first_name.slice(0, 3)}`, sort: "name" })],
    ["everyone", () => ({ query: "" })],
    ["everyone by activity", () => ({ query: "", sort: "lastActivityAt", direction: "desc" })],
    ["nothing matches", () => ({ query: "zzqxvy nothing" })],
  ];
  return Array.from({ length: count }, (_, i) => {
    const [kind, make] = makers[i % makers.length]!;
    return { kind, input: make(sample[(i * 7) % sample.length]!) };
  });
}
