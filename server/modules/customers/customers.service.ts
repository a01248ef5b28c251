import type { ServiceContext } from "@/server/lib/service-context";
import { decodeCursor, encodeCursor } from "@/server/lib/cursor";
import { listCustomersPage } from "./customers.repo";
import type { CustomerListInput } from "./customers.schema";

export async function listCustomers({ db }: ServiceContext, input: CustomerListInput) {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await listCustomersPage(db, {
    after: after ? { createdAt: new Date(String(after.createdAt)), id: String(after.id) } : null,
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null;
  return { items, nextCursor };
}
