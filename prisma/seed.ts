// `npm run db:seed [-- --customers N] [--no-analyze]`: demo staff and customers. Idempotent.
// Past 5,000 customers on PostgreSQL, the rest are bulk-loaded with credit histories for 30% of
// them (prisma/seed/bulk-customers.ts). --no-analyze skips the closing VACUUM (ANALYZE), to see how search
// behaves on a freshly loaded database whose statistics autovacuum has not gathered yet.
import { parseArgs } from "node:util";
import { createDb, databaseTargetFromEnv } from "@/server/db/client";
import { seedDemoData } from "./seed/seed-demo-data";

const { values } = parseArgs({
  options: { customers: { type: "string", default: "300" }, "no-analyze": { type: "boolean", default: false } },
});
const customers = Number(values.customers);
if (!Number.isInteger(customers) || customers < 0) {
  console.error("--customers must be a whole number");
  process.exit(1);
}

const target = databaseTargetFromEnv();
const { db, close } = await createDb(target);
try {
  await seedDemoData(db, {
    customers,
    databaseUrl: target.kind === "postgres" ? target.url : undefined,
    analyze: !values["no-analyze"],
    log: console.log,
  });
} finally {
  await close();
}
