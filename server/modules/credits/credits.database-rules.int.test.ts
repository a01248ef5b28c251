// The rules the database enforces by itself, whatever code (or person with psql) writes the rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { issueTestCredit, serviceContextAs } from "@/tests/factories/credits";
import type { ServiceContext } from "@/server/lib/service-context";

let t: TestDb;
let admin: ServiceContext;

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
});
afterAll(() => t.close());

async function creditWithEvent() {
  const customer = await createCustomer(t.db);
  const credit = await issueTestCredit(admin, customer.id, { amount: "10" });
  return { customer, credit };
}

describe("the ledger is append-only in the database", () => {
  it("refuses UPDATE of a credit event", async () => {
    const { credit } = await creditWithEvent();
    await expect(
      t.db.$executeRaw`UPDATE credit_event SET amount_minor = 999999 WHERE credit_id = ${credit.creditId}::uuid`,
    ).rejects.toThrow(/credit_event is append-only: UPDATE is not allowed/);
    const [event] = await t.db.creditEvent.findMany({ where: { creditId: credit.creditId } });
    expect(event?.amountMinor).toBe(1000n);
  });

  it("refuses DELETE and TRUNCATE of credit events", async () => {
    const { credit } = await creditWithEvent();
    await expect(t.db.$executeRaw`DELETE FROM credit_event WHERE credit_id = ${credit.creditId}::uuid`).rejects.toThrow(
      /credit_event is append-only: DELETE is not allowed/,
    );
    await expect(t.db.$executeRawUnsafe("TRUNCATE credit_event")).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    expect(await t.db.creditEvent.count({ where: { creditId: credit.creditId } })).toBe(1);
  });

  it("refuses UPDATE and DELETE of audit rows", async () => {
    const { credit } = await creditWithEvent();
    await expect(t.db.$executeRaw`UPDATE audit_log SET action = 'x' WHERE entity_id = ${credit.creditId}`).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(t.db.$executeRaw`DELETE FROM audit_log WHERE entity_id = ${credit.creditId}`).rejects.toThrow(/audit_log is append-only/);
  });
});

describe("money invariants in the database", () => {
  it("refuses a negative balance", async () => {
    const { customer } = await creditWithEvent();
    await expect(
      t.db.$executeRaw`UPDATE credit_balance SET balance_minor = -1 WHERE customer_id = ${customer.id}::uuid`,
    ).rejects.toThrow(/credit_balance_not_negative_check/);
  });

  it("refuses a credit that has used (or removed) more than its amount", async () => {
    const { credit } = await creditWithEvent();
    await expect(t.db.$executeRaw`UPDATE store_credit SET used_minor = 1001 WHERE id = ${credit.creditId}::uuid`).rejects.toThrow(
      /store_credit_amounts_check/,
    );
    await expect(
      t.db.$executeRaw`UPDATE store_credit SET used_minor = 600, removed_minor = 401 WHERE id = ${credit.creditId}::uuid`,
    ).rejects.toThrow(/store_credit_amounts_check/);
  });

  it("refuses an event whose sign does not fit its type", async () => {
    const { customer, credit } = await creditWithEvent();
    await expect(
      t.db.$executeRaw`INSERT INTO credit_event (id, customer_id, currency, credit_id, type, amount_minor, balance_after_minor, operation_id)
        VALUES (gen_random_uuid(), ${customer.id}::uuid, 'USD', ${credit.creditId}::uuid, 'USED', 5, 1005, gen_random_uuid())`,
    ).rejects.toThrow(/credit_event_sign_check/);
  });
});
