import { randomInt } from "node:crypto";
import type { DbTx } from "@/server/db/client";
import { createCustomerRecord, type NewCustomer } from "@/server/modules/customers/customers.repo";
import { uniqueEmail } from "@/tests/helpers/test-db";

/** A random lower-case word, so a test's customers can be found apart from everyone else's. */
export function uniqueWord(length = 8): string {
  return Array.from({ length }, () => String.fromCharCode(97 + randomInt(26))).join("");
}

export function createCustomer(db: DbTx, overrides: Partial<NewCustomer> = {}) {
  return createCustomerRecord(db, {
    firstName: "Test",
    lastName: "Customer",
    email: uniqueEmail("customer"),
    phone: null,
    ...overrides,
  });
}
