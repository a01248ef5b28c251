// `npm run bench:refunds`: the refund service in-process on PostgreSQL (no HTTP: bench:credits
// measures the web stack), for both paths and for the worst case of many agents on one payment.
//
//   1. creates (or recreates) the database `creditdesk_bench_refunds` on the server of
//      BENCH_DATABASE_URL (default: DATABASE_URL's server, else postgresql://postgres@127.0.0.1:5432/postgres);
//   2. refunds REFUNDS distinct card payments ($1 each) through the sandbox gateway with CLIENTS
//      concurrent callers, then the same to store credit;
//   3. sends CONTENDED refunds of $1 at once against one $50 payment: exactly 50 must succeed;
//   4. prints ops/s and p50/p99 per phase, and checks payments, sandbox books and the ledger.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createDb } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import type { ServiceContext } from "@/server/lib/service-context";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { createCustomerRecord } from "@/server/modules/customers/customers.repo";
import { newPaymentReference, paymentInsertSql } from "@/server/modules/payments/payments.repo";
import { createRefund } from "@/server/modules/refunds/create-refund";
import { ZCreateRefundInput } from "@/server/modules/refunds/refunds.schema";
import { createStaff, getStaffActor } from "@/server/modules/staff/staff.service";

const { values: args } = parseArgs({
  options: {
    refunds: { type: "string", default: "400" },
    clients: { type: "string", default: "16" },
    contended: { type: "string", default: "100" },
    "keep-db": { type: "boolean", default: false },
  },
});
const REFUNDS = Number(args.refunds);
const CLIENTS = Number(args.clients);
const CONTENDED = Number(args.contended);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BENCH_DB = "creditdesk_bench_refunds";

const url = await createPostgresDatabase(serverUrl, BENCH_DB);
await applyMigrations({ kind: "postgres", url });
const { db, close } = await createDb({ kind: "postgres", url });

async function newPayments(count: number, amountMinor: bigint): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const customer = await createCustomerRecord(db, { firstName: "Bench", lastName: `Refund${i}`, email: `bench-${randomUUID()}@example.test`, phone: "+1 555-010-0100" });
    const id = randomUUID();
    await db.$executeRaw(
      paymentInsertSql({
        id, reference: newPaymentReference(), customerId: customer.id, amountMinor, currency: "USD", methodKind: "CARD",
        infrastructureId: null, methodId: null, isRevenue: true, description: "Bench order", createdById: null,
        cardBrand: "Visa", cardLast4: "4242", gatewayName: "Sandbox",
      }),
    );
    ids.push(id);
  }
  return ids;
}

const refund = (ctx: ServiceContext, paymentId: string, type: "ORIGINAL_METHOD" | "STORE_CREDIT") =>
  createRefund(ctx, ZCreateRefundInput.parse({ idempotencyKey: randomUUID(), paymentId, type, amount: "1.00", currency: "USD", reason: "REQUESTED_BY_CUSTOMER" }));

/** Runs `jobs` with `clients` at a time; returns each job's latency (ms) and whether it succeeded. */
async function drive(jobs: (() => Promise<unknown>)[], clients: number) {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t0 = performance.now();
        await job().catch(() => (failures += 1));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  return { opsPerSecond: (jobs.length / seconds).toFixed(0), p50: at(0.5), p99: at(0.99), failures };
}

try {
  const staff = await createStaff(db, { email: `bench-${randomUUID()}@example.test`, name: "Bench admin", role: "ADMIN", password: "a-long-bench-password" });
  const ctx: ServiceContext = { db, actor: (await getStaffActor(db, staff.id))! };
  console.log(`Refund bench on ${BENCH_DB}: ${REFUNDS} refunds per path, ${CLIENTS} concurrent callers`);

  for (const type of ["ORIGINAL_METHOD", "STORE_CREDIT"] as const) {
    const payments = await newPayments(REFUNDS, 10_000n);
    await drive(payments.slice(0, CLIENTS).map((id) => () => refund(ctx, id, type)), CLIENTS); // warm-up
    const result = await drive(payments.slice(CLIENTS).map((id) => () => refund(ctx, id, type)), CLIENTS);
    console.log(`  ${type.padEnd(15)} ${result.opsPerSecond} refunds/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.failures} failed`);
  }

  const [contendedId] = await newPayments(1, 5_000n);
  const contended = await drive(
    Array.from({ length: CONTENDED }, (_, i) => () => refund(ctx, contendedId!, i % 2 ? "STORE_CREDIT" : "ORIGINAL_METHOD")),
    CONTENDED,
  );
  const payment = await db.payment.findUniqueOrThrow({ where: { id: contendedId! } });
  console.log(
    `  contended       ${CONTENDED} at once on one $50.00 payment: ${CONTENDED - contended.failures} succeeded (expected 50), ` +
      `refunded ${payment.refundedMinor} of ${payment.amountMinor}, p50 ${contended.p50} ms, p99 ${contended.p99} ms`,
  );

  const [books] = await db.$queryRaw<{ mismatched: bigint }[]>`
    SELECT count(*)::bigint AS mismatched FROM payment p
    WHERE p.pending_refund_minor <> 0
       OR p.refunded_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM refund r WHERE r.payment_id = p.id AND r.status = 'SUCCEEDED')
       OR (SELECT coalesce(sum(amount_minor), 0) FROM refund r WHERE r.payment_id = p.id AND r.status = 'SUCCEEDED' AND r.type = 'ORIGINAL_METHOD')
          <> (SELECT coalesce(sum(amount_minor), 0) FROM sandbox_gateway_refund s WHERE s.payment_ref = p.reference)`;
  const ledger = [...(await findLedgerMismatches(db, {})), ...(await findCreditMismatches(db, {}))];
  console.log(`  checks: ${books!.mismatched} payments disagree with their refunds or the sandbox's books; ${ledger.length} ledger mismatches`);
  if (books!.mismatched > 0n || ledger.length > 0 || CONTENDED - contended.failures !== 50) process.exitCode = 1;
} finally {
  await close();
  if (!args["keep-db"]) await dropPostgresDatabase(serverUrl, BENCH_DB);
}
