// `npm run db:seed [-- --customers N]`: demo staff and customers. Idempotent.
import { parseArgs } from "node:util";
import { createDb } from "@/server/db/client";
import { seedDemoData } from "./seed/seed-demo-data";

const { values } = parseArgs({ options: { customers: { type: "string", default: "300" } } });
const customers = Number(values.customers);
if (!Number.isInteger(customers) || customers < 0) {
  console.error("--customers must be a whole number");
  process.exit(1);
}

const { db, close } = await createDb();
try {
  await seedDemoData(db, { customers, log: console.log });
} finally {
  await close();
}
