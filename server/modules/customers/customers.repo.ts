import type { DbTx } from "@/server/db/client";

export const customerListFields = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  createdAt: true,
} as const;

/** Newest first; keyset on (createdAt, id) so pages stay stable while rows are added. */
export function listCustomersPage(db: DbTx, opts: { after: { createdAt: Date; id: string } | null; take: number }) {
  const { after, take } = opts;
  return db.customer.findMany({
    select: customerListFields,
    where: after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}
