import type { Db } from "@/server/db/client";
import { seedDemoCredits } from "./demo-credits";
import { seedDemoCustomers } from "./demo-customers";
import { seedDemoStaff } from "./demo-staff";

const DEMO_CREDIT_CUSTOMERS = 5_000;

export async function seedDemoData(db: Db, opts: { customers: number; log?: (line: string) => void }) {
  const log = opts.log ?? (() => {});
  const startedAt = Date.now();
  const staff = await seedDemoStaff(db);
  const customers = await seedDemoCustomers(db, {
    count: opts.customers,
    onProgress: (done) => {
      if (opts.customers >= 50_000 && done % 50_000 === 0) log(`  ${done.toLocaleString("en")} customers…`);
    },
  });
  // Settings defaults (currencies, categories, reasons, payment methods) come with the migrations.
  // Credits only for the first customers: enough for a lively demo, and a million-customer seed
  // (for search benchmarks) stays within minutes.
  const credits = await seedDemoCredits(db, { count: Math.min(opts.customers, DEMO_CREDIT_CUSTOMERS) });
  log(
    `Seeded ${staff} staff, ${customers} customers and ${credits.credits} store credits for ${credits.customers} of them ` +
      `in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );
}
