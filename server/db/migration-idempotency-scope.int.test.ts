// The idempotency_scope migration on a database with history: keys stored before it keep the staff
// member who sent them (so a retry across the deploy is still a replay), and refunds keep the key
// the gateway was sent (so reconcile asks again with it).
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { SYSTEM_ACTOR_SCOPE } from "@/server/lib/idempotency";
import { createEmptyPostgres } from "@/tests/helpers/test-db";
import { createTestPayment } from "@/tests/factories/payments";

const MIGRATION = "20261201212936_idempotency_scope";
const migrationsDir = new URL("../../prisma/migrations", import.meta.url).pathname;

/** A copy of the migrations folder without this migration and those after it. */
async function migrationsBefore(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-before-"));
  for (const entry of await fs.readdir(migrationsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name >= MIGRATION) continue;
    await fs.cp(path.join(migrationsDir, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

/** A key and its audit row as the services wrote them before: one transaction, so one created_at. */
async function oldKey(db: Db, opts: { operation: string; actorId: string | null; result: Record<string, unknown>; entityId: string; details?: object }) {
  const key = randomUUID();
  await db.$transaction([
    db.$executeRaw`INSERT INTO idempotency_key (key, operation, request_hash, result)
      VALUES (${key}::uuid, ${opts.operation}, 'hash', ${JSON.stringify({ json: opts.result })}::jsonb)`,
    db.$executeRaw`INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, details)
      VALUES (${randomUUID()}::uuid, ${opts.actorId}::uuid, ${opts.operation}, 'x', ${opts.entityId}, ${JSON.stringify(opts.details ?? {})}::jsonb)`,
  ]);
  return key;
}

describe(`migration ${MIGRATION}`, () => {
  it("keeps existing keys with the staff member who sent them, and refunds' gateway keys as sent", async (ctx) => {
    const empty = await createEmptyPostgres();
    if (!empty) return ctx.skip("no PostgreSQL for this run: set TEST_DATABASE_URL or DATABASE_URL");
    const before = await migrationsBefore();
    const { db, close } = await createDb(empty.target);
    try {
      await applyMigrations(empty.target, { migrationsDir: before });
      // The staff row as that schema had it (role was an enum then; the factory writes today's schema).
      const staff = { id: randomUUID() };
      await db.$executeRaw`INSERT INTO staff_user (id, email, name, password_hash, role, updated_at)
        VALUES (${staff.id}::uuid, ${`old-${staff.id}@example.test`}, 'Old Admin', 'x', 'ADMIN', now())`;
      // The customer row as that schema had it too (external_id came later).
      const customer = { id: randomUUID() };
      await db.$executeRaw`INSERT INTO customer (id, first_name, last_name, email, search_name, sort_name)
        VALUES (${customer.id}::uuid, 'Old', 'Customer', ${`old-${customer.id}@example.test`}, 'old customer', 'customer old')`;
      const creditId = randomUUID();
      const operationId = randomUUID();
      const issued = await oldKey(db, { operation: "credit.issue", actorId: staff.id, result: { creditId }, entityId: creditId });
      const set = await oldKey(db, { operation: "credit.set_balance", actorId: staff.id, result: { operationId, creditId: null }, entityId: customer.id, details: { operationId } });
      const spent = await oldKey(db, { operation: "credit.spend", actorId: null, result: { operationId: randomUUID() }, entityId: customer.id });
      const payment = await createTestPayment(db, { customerId: customer.id, amountMinor: 1_000n, currency: "USD", methodKind: "CARD", cardLast4: "0069" });
      const refundId = randomUUID();
      const sentToGateway = randomUUID();
      await db.$executeRaw`INSERT INTO refund (id, reference, payment_id, customer_id, amount_minor, currency, type, status, reason, notify_customer, idempotency_key, created_by_id)
        VALUES (${refundId}::uuid, 'RF-OLD', ${payment.id}::uuid, ${customer.id}::uuid, 500, 'USD', 'ORIGINAL_METHOD', 'PENDING', 'DUPLICATE', false, ${sentToGateway}::uuid, ${staff.id}::uuid)`;

      // This migration first, then any made after it.
      expect((await applyMigrations(empty.target))[0]).toBe(MIGRATION);

      const rows = await db.idempotencyKey.findMany({ where: { key: { in: [issued, set, spent] } } });
      expect(Object.fromEntries(rows.map((r) => [r.key, r.actorId]))).toEqual({ [issued]: staff.id, [set]: staff.id, [spent]: SYSTEM_ACTOR_SCOPE });
      expect((await db.refund.findUniqueOrThrow({ where: { id: refundId } })).gatewayKey).toBe(sentToGateway);
    } finally {
      await close();
      await fs.rm(before, { recursive: true, force: true });
      await empty.destroy();
    }
  });
});
