import type { PrismaClient } from "@/prisma/generated/client";

/** A reproducible mix of what support agents type: names, emails, phones, ids, typos, prefixes. */
export async function buildQueries(db: PrismaClient, count: number): Promise<Record<string, unknown>[]> {
  type Sampled = { id: string; first_name: string; last_name: string; email: string; phone: string | null };
  // A 1% page sample of a small table can be empty; then the first customers by id stand in.
  let sample = await db.$queryRaw<Sampled[]>`
    SELECT id, first_name, last_name, email, phone FROM customer TABLESAMPLE SYSTEM (1) REPEATABLE (42) LIMIT 400`;
  if (sample.length === 0) sample = await db.$queryRaw<Sampled[]>`SELECT id, first_name, last_name, email, phone FROM customer ORDER BY id LIMIT 400`;
  if (sample.length === 0) throw new Error("No customers to search: run `npm run db:seed` first");
  const swap = (s: string) => (s.length > 4 ? `${s.slice(0, 2)}${s[3]}${s[2]}${s.slice(4)}` : s);
  const makers: ((c: (typeof sample)[number]) => Record<string, unknown>)[] = [
    (c) => ({ query: c.last_name }),
    (c) => ({ query: c.first_name }),
    (c) => ({ query: `${c.first_name} ${c.last_name}` }),
    (c) => ({ query: `${c.last_name} ${c.first_name}` }),
    (c) => ({ query: c.email }),
    (c) => ({ query: c.email.split("@")[0]!.slice(0, 6) }),
    (c) => ({ query: c.email.slice(2, 12) }),
    (c) => ({ query: c.phone ?? c.last_name }),
    (c) => ({ query: (c.phone ?? "").replace(/\D/g, "").slice(-7) || c.first_name }),
    (c) => ({ query: c.id }),
    (c) => ({ query: swap(`${c.first_name} ${c.last_name}`.toLowerCase()) }),
    (c) => ({ query: c.last_name.slice(0, 1) }),
    (c) => ({ query: c.last_name.slice(0, 2) }),
    (c) => ({ query: c.last_name.slice(0, 3) }),
    (c) => ({ query: c.last_name, sort: "createdAt", direction: "desc" }),
    (c) => ({ query: `${c.first_name.slice(0, 3)}`, sort: "name" }),
    () => ({ query: "" }),
    () => ({ query: "", sort: "lastActivityAt", direction: "desc" }),
    () => ({ query: "zzqxvy nothing" }),
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!(sample[(i * 7) % sample.length]!));
}
