// `npm run bench:profile`: how fast a customer profile answers when the customer has 10,000
// credit-history rows. Makes its own PostgreSQL database, writes the history through the real
// services, serves the production build, signs in and times the profile pages' HTML responses
// and the tRPC queries they run. Target: under 200 ms.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { createDb } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { DEFAULT_CATEGORY_IDS } from "@/server/modules/settings/settings-defaults";
import { issueCredit } from "@/server/modules/credits/issue-credit";
import { spendCredit } from "@/server/modules/credits/spend-credit";
import { getStaffActor } from "@/server/modules/staff/staff.service";
import { createCustomerRecord } from "@/server/modules/customers/customers.repo";
import { DEMO_STAFF, seedDemoStaff } from "@/prisma/seed/demo-staff";
import { needsBuild } from "@/scripts/lib/build-freshness";
import { freePort, signInAsAdmin } from "./lib/next-server";

const HISTORY_ROWS = 10_000;
const RUNS = 30;
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `creditdesk_profile_bench_${process.pid}`;
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const url = await createPostgresDatabase(serverUrl, dbName);
let server: ReturnType<typeof spawn> | undefined;
try {
  await applyMigrations({ kind: "postgres", url });
  const { db, close } = await createDb({ kind: "postgres", url });
  await seedDemoStaff(db);
  const admin = (await db.staffUser.findUniqueOrThrow({ where: { email: DEMO_STAFF[0]!.email } })).id;
  const actor = (await getStaffActor(db, admin))!;
  const customer = await createCustomerRecord(db, { firstName: "Hilda", lastName: "History", email: "hilda@example.test", phone: "+1 555-010-0000" });

  const startedAt = performance.now();
  // Half grants, half spends: 10,000 ledger rows, each through the same code as production.
  for (let i = 0; i < HISTORY_ROWS / 2; i++) {
    await issueCredit({ db, actor }, {
      idempotencyKey: randomUUID(), customerId: customer.id, amountMinor: 500n, amount: "5.00", currency: "USD",
      categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: `Grant ${i}`, expiresAt: null, notifyCustomer: false,
    });
    await spendCredit({ db, actor: null }, { idempotencyKey: randomUUID(), customerId: customer.id, currency: "USD", amountMinor: 200n, reference: `ORDER-${i}` });
  }
  const rows = await db.creditEvent.count({ where: { customerId: customer.id } });
  console.log(`history rows: ${rows} (written in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  await close();

  if (needsBuild()) execFileSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: randomUUID(), NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1" };
  server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/sign-in`);
  const cookie = await signInAsAdmin(base);

  const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));
  const targets: [string, string][] = [
    ["GET profile (HTML)", `/customers/${customer.id}`],
    ["GET credit history tab (HTML)", `/customers/${customer.id}/credit-history`],
    ["GET store credits tab (HTML)", `/customers/${customer.id}/store-credits`],
    ["tRPC customers.summary", `/api/trpc/customers.summary?input=${input({ customerId: customer.id })}`],
    ["tRPC credits.history (first page)", `/api/trpc/credits.history?input=${input({ customerId: customer.id, limit: 50 })}`],
    ["tRPC credits.list (first page)", `/api/trpc/credits.list?input=${input({ customerId: customer.id, limit: 25 })}`],
  ];
  console.log(`\n${RUNS} requests each, after one warm-up (target: under 200 ms)`);
  for (const [label, path] of targets) {
    await timed(base + path, cookie);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await timed(base + path, cookie));
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)]!;
    const max = times.at(-1)!;
    console.log(`  ${label.padEnd(36)} p50 ${p50.toFixed(1).padStart(6)} ms   max ${max.toFixed(1).padStart(6)} ms   ${max < 200 ? "ok" : "OVER"}`);
  }
} finally {
  server?.kill("SIGTERM");
  await dropPostgresDatabase(serverUrl, dbName);
}

async function timed(target: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(target, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${target} answered ${res.status}`);
  return performance.now() - started;
}

async function waitFor(target: string) {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(target).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${target} did not come up`);
}

