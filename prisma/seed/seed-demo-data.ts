import type { Db } from "@/server/db/client";
import { seedDemoCustomers } from "./demo-customers";
import { seedDemoStaff } from "./demo-staff";

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
  log(`Seeded ${staff} staff and ${customers} customers in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
}
