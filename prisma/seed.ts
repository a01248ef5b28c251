// `npm run db:seed [-- --customers N] [--events E] [--no-analyze]`: demo staff and customers. Idempotent.
// Past 5,000 customers on PostgreSQL, the rest are bulk-loaded with credit histories for 30% of
// them (prisma/seed/bulk-customers.ts). --no-analyze skips the closing VACUUM (ANALYZE), to see how search
// behaves on a freshly loaded database whose statistics autovacuum has not gathered yet.
// --events E (PostgreSQL, more than 5,000 customers) gives the bulk range longer stories, so the
// ledger holds about E events (`--customers 1000000 --events 5000000` for bench:reports).
import { parseArgs } from "node:util";
import { createDb, databaseTargetFromEnv } from "@/server/db/client";
import { DEMO_ACTIVITY_CUSTOMERS, seedDemoData } from "./seed/seed-demo-data";

const { values } = parseArgs({
  options: { customers: { type: "string", default: "300" }, events: { type: "string" }, "no-analyze": { type: "boolean", default: false } },
});
const customers = Number(values.customers);
if (!Number.isInteger(customers) || customers < 0) {
  console.error("--customers must be a whole number");
  process.exit(1);
}
const events = values.events === undefined ? undefined : Number(values.events);
if (events !== undefined && (!Number.isInteger(events) || events < 0)) {
  console.error("--events must be a whole number");
  process.exit(1);
}

const target = databaseTargetFromEnv();
if (events !== undefined && (target.kind !== "postgres" || customers <= DEMO_ACTIVITY_CUSTOMERS)) {
  console.error(`--events needs PostgreSQL (DATABASE_URL) and more than ${DEMO_ACTIVITY_CUSTOMERS.toLocaleString("en")} customers (the bulk range gets the long stories)`);
  process.exit(1);
}
const { db, close } = await createDb(target);
try {
  await seedDemoData(db, {
    customers,
    events,
    databaseUrl: target.kind === "postgres" ? target.url : undefined,
    analyze: !values["no-analyze"],
    log: console.log,
  });
} finally {
  await close();
}
