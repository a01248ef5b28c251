import type { Db } from "@/server/db/client";
import { seedDemoCredits } from "./demo-credits";
import { seedDemoCustomers } from "./demo-customers";
import { seedDemoStaff } from "./demo-staff";

const DEMO_ACTIVITY_CUSTOMERS = 5_000;

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
  // Purchases and credits only for the first customers: enough for a lively demo, and a
  // million-customer seed (for search benchmarks) stays within minutes.
  const activity = await seedDemoCredits(db, { count: Math.min(opts.customers, DEMO_ACTIVITY_CUSTOMERS) });
  log(
    `Seeded ${staff} staff, ${customers} customers, and for ${activity.customers} of them ${activity.payments} payments, ` +
      `${activity.refunds} refunds and ${activity.credits} store credits in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );
}
