import type { Db } from "@/server/db/client";

type Scope = { customerId: string; actorId: string; idempotencyKey: string };

/**
 * Everything a credit mutation for this customer, by this actor, under this key could write, for
 * "a refusal wrote nothing" checks: compare a snapshot taken before the call with one after it.
 */
export async function creditWritesOf(db: Db, { customerId, actorId, idempotencyKey }: Scope) {
  const [credits, events, balances, notifications, idempotencyKeys, auditRows] = await Promise.all([
    db.storeCredit.findMany({
      where: { customerId },
      select: { id: true, amountMinor: true, usedMinor: true, removedMinor: true, memo: true, categoryId: true, expiresAt: true, voidedAt: true },
      orderBy: { id: "asc" },
    }),
    db.creditEvent.count({ where: { customerId } }),
    db.creditBalance.findMany({ where: { customerId }, select: { currency: true, balanceMinor: true }, orderBy: { currency: "asc" } }),
    db.notification.count({ where: { customerId } }),
    db.idempotencyKey.count({ where: { key: idempotencyKey } }),
    db.auditLog.count({ where: { actorId } }),
  ]);
  return { credits, events, balances, notifications, idempotencyKeys, auditRows };
}
