import type { DbTx } from "@/server/db/client";

// The sandbox gateway's own books (table sandbox_gateway_refund), kept as a real provider keeps
// them on its side, and the charge it reads from the payment row.

/** One refund of a charge at a time, as a provider serialises them (for the transaction). */
export const lockSandboxCharge = (tx: DbTx, paymentRef: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sandbox:${paymentRef}`}))`;

export async function findSandboxCharge(tx: DbTx, paymentRef: string) {
  const [charge] = await tx.$queryRaw<{ amountMinor: bigint; currency: string; cardLast4: string | null }[]>`
    SELECT amount_minor AS "amountMinor", currency, card_last4 AS "cardLast4" FROM payment WHERE reference = ${paymentRef}`;
  return charge ?? null;
}

export async function findSandboxRefund(tx: DbTx, idempotencyKey: string) {
  const [refund] = await tx.$queryRaw<{ paymentRef: string; amountMinor: bigint; gatewayRef: string }[]>`
    SELECT payment_ref AS "paymentRef", amount_minor AS "amountMinor", gateway_ref AS "gatewayRef"
    FROM sandbox_gateway_refund WHERE idempotency_key = ${idempotencyKey}::uuid`;
  return refund ?? null;
}

export async function sandboxRefundedTotal(tx: DbTx, paymentRef: string): Promise<bigint> {
  const [paid] = await tx.$queryRaw<{ total: bigint }[]>`
    SELECT coalesce(sum(amount_minor), 0)::bigint AS total FROM sandbox_gateway_refund WHERE payment_ref = ${paymentRef}`;
  return paid?.total ?? 0n;
}

export const insertSandboxRefund = (tx: DbTx, r: { idempotencyKey: string; paymentRef: string; amountMinor: bigint; gatewayRef: string }) =>
  tx.$executeRaw`
    INSERT INTO sandbox_gateway_refund (idempotency_key, payment_ref, amount_minor, gateway_ref)
    VALUES (${r.idempotencyKey}::uuid, ${r.paymentRef}, ${r.amountMinor}, ${r.gatewayRef})`;
