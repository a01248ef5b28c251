// DATABASE_READ_URL: the lag-tolerant reads (customer search) go to the replica, everything else
// to the primary. A second database stands in for the replica: a customer only it holds can be
// found by search but not opened by id.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyMigrations } from "@/server/db/migrate";
import { createDb, getDb, getReadDb } from "@/server/db/client";
import { errorShapeOf } from "@/server/trpc/error-shape";
import { createTRPCContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { createCustomer, uniqueWord } from "@/tests/factories/customers";
import { createStaffMember, sessionFor } from "@/tests/factories/staff";
import { createEmptyPostgres, openTestDb, type EmptyDatabase, type TestDb } from "@/tests/helpers/test-db";

let t: TestDb;
let replica: EmptyDatabase<{ kind: "postgres"; url: string }> | null;

beforeAll(async () => {
  t = await openTestDb();
  replica = await createEmptyPostgres();
  if (replica) await applyMigrations(replica.target);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await replica?.destroy();
  await t.close();
});

describe.skipIf(!process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL)("DATABASE_READ_URL", () => {
  it("serves customer search from the replica and a lookup by id from the primary", async () => {
    if (t.target.kind !== "postgres" || !replica) throw new Error("PostgreSQL only");
    const tag = uniqueWord();
    const onReplica = await createDb(replica.target);
    const onlyOnReplica = await createCustomer(onReplica.db, { firstName: "Replica", lastName: tag }).finally(() => onReplica.close());
    const staff = await createStaffMember(t.db, "SUPPORT_AGENT");

    vi.stubEnv("DATABASE_URL", t.target.url);
    vi.stubEnv("DATABASE_READ_URL", replica.target.url);
    try {
      const caller = createCaller(await createTRPCContext({ session: await sessionFor(t.db, staff.id) }));
      const page = await caller.customers.search({ query: `replica ${tag}` });
      expect(page.items.map((c) => c.id)).toEqual([onlyOnReplica.id]);
      const lookup = await caller.customers.get({ customerId: onlyOnReplica.id }).catch((error: unknown) => errorShapeOf(error));
      expect(lookup).toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await (await getReadDb()).$disconnect();
      await (await getDb()).$disconnect();
    }
  });
});
