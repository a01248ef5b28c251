// The mechanism itself: what a refusal keeps, what an unexpected error leaves free, and that the
// savepoint undoes the operation's own writes (pglite-smoke runs a refusal on the embedded database).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, uniqueEmail, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { newKey } from "@/tests/factories/credits";
import { AppError, isAppError } from "./app-error";
import { idempotentTransaction, SYSTEM_ACTOR_SCOPE } from "./idempotency";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe("idempotentTransaction", () => {
  const request = (key = newKey()) => ({ actor: null, key, operation: "test.op", request: { n: 1 } });
  const caught = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (e: unknown) => e,
    );
  const keyRow = (key: string) => t.db.idempotencyKey.findUnique({ where: { actorId_operation_key: { actorId: SYSTEM_ACTOR_SCOPE, operation: "test.op", key } } });

  it("undoes the operation's writes on a refusal, keeps the refusal, and throws it again on a replay", async () => {
    const req = request();
    const email = uniqueEmail("refused");
    let runs = 0;
    const refuseAfterWriting = () =>
      idempotentTransaction(t.db, req, async (tx) => {
        runs += 1;
        await createCustomer(tx, { email });
        throw new AppError("CONFLICT", "Not now", "amount");
      });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await caught(refuseAfterWriting());
      expect(isAppError(error) && { code: error.code, message: error.message, field: error.field }).toEqual({ code: "CONFLICT", message: "Not now", field: "amount" });
    }
    expect(runs).toBe(1);
    expect(await t.db.customer.count({ where: { email } })).toBe(0);
    expect(await keyRow(req.key)).toMatchObject({ result: null, refusal: { code: "CONFLICT", message: "Not now", field: "amount" } });
  });

  it("leaves the key free after an unexpected or INTERNAL error, so a retry runs", async () => {
    const req = request();
    expect(await caught(idempotentTransaction(t.db, req, () => Promise.reject(new Error("connection lost"))))).toMatchObject({ message: "connection lost" });
    expect(await caught(idempotentTransaction(t.db, req, () => Promise.reject(new AppError("INTERNAL", "Broken books"))))).toMatchObject({ code: "INTERNAL" });
    expect(await keyRow(req.key)).toBeNull();
    expect(await idempotentTransaction(t.db, req, async () => ({ done: 7n }))).toEqual({ done: 7n });
    expect(await idempotentTransaction(t.db, req, () => Promise.reject(new Error("never runs")))).toEqual({ done: 7n });
  });
});
